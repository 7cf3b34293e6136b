package audit_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

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

// FuzzVerify checks that verifying a complete selection — its CSV files
// and input files as written, its record mutated — never panics or hangs,
// and that the unmutated record verifies.
func FuzzVerify(f *testing.F) {
	// A small selection, so that the fuzzer's mutations matter: 12
	// people, two of whom share a household, 4 to select, 8 panels.
	pool := []byte("id,gender,age,address\n" +
		"a1,female,young,1 Oak\na2,female,old,2 Oak\na3,female,young,3 Oak\na4,female,old,4 Oak\na5,female,young,5 Oak\na6,female,old,5 Oak\n" +
		"b1,male,young,1 Elm\nb2,male,old,2 Elm\nb3,male,young,3 Elm\nb4,male,old,4 Elm\nb5,male,old,5 Elm\nb6,male,old,6 Elm\n")
	quotas := []byte("feature,value,min,max\ngender,female,2,2\ngender,male,2,2\nage,young,1,3\nage,old,1,3\n")
	s, _ := selectFrom(f, pool, quotas, 4, 8, []string{"address"}, true, "leximin")
	original := s.files[audit.RecordFile].Data
	f.Add(original)
	f.Add(bytes.Replace(original, []byte(`"index": `), []byte(`"index": 1`), 1))
	f.Add(bytes.ReplaceAll(original, []byte("\n"), []byte("\r\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		files := fstest.MapFS{}
		for name, file := range s.files {
			files[name] = file
		}
		files[audit.RecordFile] = &fstest.MapFile{Data: data}
		in := s.input(true)
		in.Dir = files
		checks := audit.Verify(ctx, in)
		if len(checks) == 0 {
			t.Fatal("no checks")
		}
		if !bytes.Equal(data, original) {
			return
		}
		for _, c := range checks {
			if !c.OK {
				t.Fatalf("the unmutated record fails %s: %s", c.Name, c.Detail)
			}
		}
	})
}
