package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tirage/tirage/internal/table"
)

// FuzzManifest checks that reading any manifest never panics, that a
// refused one says why, and that an accepted one gives one job per
// partner, each named by the rule, in its own folder.
func FuzzManifest(f *testing.F) {
	example, err := os.ReadFile(td("batch", "manifest.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	f.Add([]byte("Partner;Pool;Quotas;K;Seed\r\ngood;p.csv;q.csv;30;s\r\nbad k;p.csv;q.csv;thirty;s\r\n"))
	f.Add([]byte("\ufeffpartner\tpool\tquotas\tk\tcommit_only\npays.fr\tp\tq\t3\tyes\nCON\tp\tq\t3\t\n"))
	f.Add([]byte("partner,pool,quotas,k,panels,lang\n\"a,b\",p,q,1,zz\nsummary,p,q,2,x\n"))
	out := filepath.Join("out", "batch")
	f.Fuzz(func(t *testing.T, data []byte) {
		jobs, _, err := parseManifest("manifest.csv", data, out, false)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		if len(jobs) == 0 {
			t.Fatal("accepted a manifest without partners")
		}
		seen := map[string]bool{}
		for _, j := range jobs {
			if err := checkPartnerName(j.partner); err != nil {
				t.Fatalf("accepted a partner name that breaks the rule: %v", err)
			}
			if seen[table.Key(j.partner)] {
				t.Fatalf("accepted the partner %q twice", j.partner)
			}
			seen[table.Key(j.partner)] = true
			if j.folder != filepath.Join(out, j.partner) || filepath.Dir(j.folder) != out {
				t.Fatalf("the partner %q has the folder %q", j.partner, j.folder)
			}
			if j.line < 2 {
				t.Fatalf("the partner %q is on line %d", j.partner, j.line)
			}
		}
	})
}
