package selection_test

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/tirage/tirage/selection"
)

// FuzzHandleJSON checks that any request gives one JSON document, a result
// or an error with a known code, and never a panic.
func FuzzHandleJSON(f *testing.F) {
	f.Add([]byte(request))
	f.Add([]byte(`{"pool": [{"id": "a", "g": "x"}], "quotas": [{"feature": "g", "value": "x", "min": 1, "max": 1}], "k": 1, "seed": "s"}`))
	f.Add([]byte(`{"pool": [{"id": 1, "g": null}], "quotas": [{"feature": "g", "value": "", "min": "1", "max": [1]}], "k": 1}`))
	f.Add([]byte(`{"pool": [], "quotas": [], "k": 0, "options": {"commit_only": true, "files": true, "lang": "fr"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		var out bytes.Buffer
		code := selection.HandleJSON(ctx, bytes.NewReader(data), &out, selection.Env{Now: fixed})
		if !json.Valid(out.Bytes()) {
			t.Fatalf("not JSON: %q", out.String())
		}
		var resp struct {
			Error *selection.ErrorBody
		}
		if err := json.Unmarshal(out.Bytes(), &resp); err != nil {
			t.Fatal(err)
		}
		switch {
		case code == 0 && resp.Error != nil, code != 0 && (resp.Error == nil || resp.Error.Code != code):
			t.Fatalf("code %d with %s", code, out.String())
		case code < 0 || code > 3:
			t.Fatalf("code %d", code)
		}
	})
}

// FuzzParseRequest checks that parsing any request never panics, that a
// refused one says why, and that an accepted one written back as JSON
// parses to the same request.
func FuzzParseRequest(f *testing.F) {
	f.Add([]byte(request))
	f.Add([]byte(`{"pool": [{"id": 7, "g": true, "h": null}], "quotas": [{"feature": "g", "value": "true", "min": "+1", "max": 1e0, "min_flex": [], "max_flex": {}}], "k": 1, "seed": null, "options": null}`))
	f.Add([]byte(`{"pool": [{"id": "\u00e9\ud800", "id": "x"}], "quotas": [], "k": 2.5}`))
	f.Add([]byte(`{"pool": [], "quotas": [], "k": 1, "options": {"algorithm": "maximin", "households": ["a", "b"], "panels": -3, "lang": "fr"}} {}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := selection.ParseRequest(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		again, err := json.Marshal(req)
		if err != nil {
			t.Fatalf("an accepted request cannot be written back: %v", err)
		}
		back, err := selection.ParseRequest(again)
		if err != nil {
			t.Fatalf("an accepted request written back is refused: %v\n%s", err, again)
		}
		if !reflect.DeepEqual(req.Pool, back.Pool) || !reflect.DeepEqual(req.Quotas, back.Quotas) || req.K != back.K || req.Seed != back.Seed || !reflect.DeepEqual(req.Options, back.Options) {
			t.Fatalf("an accepted request written back reads differently:\n%s\n%s", data, again)
		}
	})
}
