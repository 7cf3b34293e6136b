package selection_test

import (
	"bytes"
	"context"
	"encoding/json"
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
