package quota_test

import (
	"errors"
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
	addSeeds(f, "bad/quotas*.csv", "formats/quotas*.csv", "example/quotas*.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := quota.Parse("q.csv", data)
		if err != nil {
			var list *quota.ErrorList
			if !errors.As(err, &list) || len(list.Errs) == 0 {
				t.Fatalf("error %v is not a non-empty *ErrorList", err)
			}
			for _, e := range list.Errs {
				if e.File != "q.csv" || e.Msg == "" || e.Kind == 0 {
					t.Fatalf("incomplete error %#v", e)
				}
			}
			return
		}
		if len(s.Categories) == 0 {
			t.Fatal("accepted a quota set without categories")
		}
		for _, c := range s.Categories {
			if c.Name == "" || len(c.Values) == 0 {
				t.Fatalf("bad category %#v", c)
			}
			for _, v := range c.Values {
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
