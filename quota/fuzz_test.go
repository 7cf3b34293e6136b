package quota_test

import (
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/tirage/tirage/quota"
)

// addSeeds adds every file matching the patterns under ../testdata to the
// fuzz corpus.
func addSeeds(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, err := filepath.Glob(testdata(p))
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

// FuzzParse checks that Parse never panics, that what it accepts is a valid
// quota set, and that what it rejects comes with located errors.
func FuzzParse(f *testing.F) {
	addSeeds(f, "bad/quotas*.csv", "formats/quotas*.csv", "example/quotas*.csv", "shares/quotas*.csv", "partner-fr/quotas*.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := quota.Parse("q.csv", data)
		if err != nil {
			var list *quota.ErrorList
			if !errors.As(err, &list) || len(list.Errs) == 0 {
				t.Fatalf("error %v is not a non-empty *ErrorList", err)
			}
			for _, e := range list.Errs {
				if e.File != "q.csv" || e.Reason.IsZero() || e.Kind == 0 {
					t.Fatalf("incomplete error %#v", e)
				}
			}
			return
		}
		if len(s.Categories) == 0 {
			t.Fatal("accepted a quota set without categories")
		}
		// Bounds derived from shares are valid for any panel size, and a
		// category whose values all have shares is never impossible by
		// counting.
		for _, k := range []int{1, 7, 50} {
			d := s.ForPanel(k)
			for _, c := range d.Categories {
				sumMin, sumMax, all := 0, 0, true
				for _, v := range c.Values {
					if v.Min < 0 || v.Min > v.Max || v.MinFlex > v.Min || v.MaxFlex < v.Max || (v.Share != nil && v.Max > k) {
						t.Fatalf("bad derived value %#v for k = %d", v, k)
					}
					sumMin += v.Min
					sumMax += v.Max
					all = all && v.Share != nil
				}
				if all && (sumMin > k || sumMax < k) {
					t.Fatalf("category %q of shares is impossible for k = %d: mins %d, maxes %d", c.Name, k, sumMin, sumMax)
				}
			}
		}
		for _, c := range s.Categories {
			if c.Name == "" || len(c.Values) == 0 {
				t.Fatalf("bad category %#v", c)
			}
			for _, v := range c.Values {
				if v.Share != nil {
					if v.Share.Sign() < 0 || v.Share.Cmp(big.NewRat(1, 1)) > 0 || v.Tolerance < 0 || v.Name == "" || v.Line < 1 {
						t.Fatalf("bad share value %#v", v)
					}
					continue
				}
				if v.Name == "" || v.Min < 0 || v.Min > v.Max || v.MinFlex > v.Min || v.MaxFlex < v.Max || v.Line < 1 {
					t.Fatalf("bad value %#v", v)
				}
				if i, ok := c.Value(v.Name); !ok || c.Values[i].Name != v.Name {
					t.Fatalf("value %q cannot be looked up", v.Name)
				}
			}
		}
	})
}
