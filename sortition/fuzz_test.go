package sortition_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// FuzzParsePool checks that ParsePool never panics, that an accepted pool
// is consistent, and that a rejected one comes with located errors.
func FuzzParsePool(f *testing.F) {
	q, err := quota.ReadFile(testdata("bad", "quotas.csv"))
	if err != nil {
		f.Fatal(err)
	}
	for _, pattern := range []string{"bad/pool*.csv", "formats/pool*.csv"} {
		files, _ := filepath.Glob(testdata(pattern))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("id;gender;age\r\nx;Female ;YOUNG\r\ny;male;old\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := sortition.ParsePool("p.csv", data, q, sortition.PoolOptions{})
		if err != nil {
			var list *quota.ErrorList
			if !errors.As(err, &list) || len(list.Errs) == 0 {
				t.Fatalf("error %v is not a non-empty *ErrorList", err)
			}
			for _, e := range list.Errs {
				if (e.File != "p.csv" && e.File != q.File) || e.Reason.IsZero() || e.Kind == 0 || len(e.Error()) > 1000 {
					t.Fatalf("incomplete error %#v", e)
				}
			}
			return
		}
		if len(p.People) == 0 {
			t.Fatal("accepted an empty pool")
		}
		ids := map[string]bool{}
		for _, person := range p.People {
			if person.ID == "" || ids[person.ID] {
				t.Fatalf("empty or duplicate id %q", person.ID)
			}
			ids[person.ID] = true
			if len(person.Fields) != len(p.Header) {
				t.Fatalf("person has %d fields, header %d", len(person.Fields), len(p.Header))
			}
			for ci, vi := range person.Values {
				c := q.Categories[ci]
				if vi < 0 || vi >= len(c.Values) || quota.Key(person.Fields[p.QuotaColumns[ci]]) != quota.Key(c.Values[vi].Name) && !inBand(c, vi, person.Fields[p.QuotaColumns[ci]]) {
					t.Fatalf("person %q has a wrong value for %s", person.ID, c.Name)
				}
			}
		}
	})
}

// inBand reports whether the cell is a whole number in the band of value vi.
func inBand(c quota.Category, vi int, cell string) bool {
	b, ok := quota.ParseBand(c.Values[vi].Name)
	n, isNumber := quota.ParseWholeNumber(cell)
	return ok && isNumber && b.Contains(n) && c.Bands() != nil
}
