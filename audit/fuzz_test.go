package audit_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/tirage/tirage/audit"
)

// FuzzParseRecord checks that reading and verifying any record never
// panics, and that an accepted record's canonical form is stable.
func FuzzParseRecord(f *testing.F) {
	golden, err := os.ReadFile(filepath.Join("..", "testdata", "vectors", "record.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	f.Add(bytes.Replace(golden, []byte(`"draw": {`), []byte(`"draw": null, "x": {`), 1))
	f.Add([]byte(`{"format": "tirage-audit/2", "k": 2, "lottery": {"m": 3, "panels": [{"members": ["a"]}]}, "draw": {"seed": "x", "index": 7}}`))
	f.Add([]byte(`{"format": "tirage-audit/2", "quotas": [{"category": "g", "values": ["f"], "min": [1], "max": [0]}]}`))
	f.Add([]byte(`{"format": "tirage-audit/0"}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := audit.ParseRecord(data)
		if err == nil {
			once, err := r.MarshalIndent()
			if err != nil {
				return // a number JSON can hold but the record cannot write
			}
			back, err := audit.ParseRecord(once)
			if err != nil {
				t.Fatalf("the canonical form of an accepted record is refused: %v\n%s", err, once)
			}
			twice, err := back.MarshalIndent()
			if err != nil || !bytes.Equal(once, twice) {
				t.Fatalf("the canonical form is not stable: %v\n%s\n%s", err, once, twice)
			}
		}
		checks := audit.Verify(context.Background(), audit.VerifyInput{Dir: fstest.MapFS{audit.RecordFile: &fstest.MapFile{Data: data}}})
		if len(checks) == 0 {
			t.Fatal("no checks")
		}
		if bytes.Equal(data, golden) {
			return
		}
		for _, c := range checks {
			if !c.OK {
				return
			}
		}
		t.Fatalf("a record without its CSV files passed every check:\n%s", data)
	})
}
