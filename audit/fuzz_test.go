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
	want, err := audit.ParseRecord(golden)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	f.Add(bytes.Replace(golden, []byte(`"draw": {`), []byte(`"draw": null, "x": {`), 1))
	f.Add([]byte(`{"format": "tirage-audit/1", "k": 2, "lottery": {"m": 3, "panels": [{"members": ["a"]}]}, "draw": {"seed": "x", "index": 7}}`))
	f.Add([]byte(`{"format": "tirage-audit/1", "quotas": [{"category": "g", "values": ["f"], "min": [1], "max": [0]}]}`))
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
		for _, c := range checks {
			if !c.OK {
				return
			}
		}
		// A record that passes every check (its CSV files and reports are
		// absent, so not checked) commits to the golden lottery: nothing
		// the commitment covers can change without a check failing. What
		// it does not cover (the steps' times, white space, a seed that
		// draws the same panel) may.
		if r == nil || r.Commitment != want.Commitment {
			t.Fatalf("a record that does not commit to the golden lottery passed every check:\n%s", data)
		}
		if c, err := r.Commit(); err != nil || c != want.Commitment {
			t.Fatalf("a record whose committed part changed passed every check:\n%s", data)
		}
	})
}
