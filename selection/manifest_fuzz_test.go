package selection

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tirage/tirage/internal/table"
)

// FuzzManifest checks that reading any manifest never panics, that a
// refused one says why, and that an accepted one gives one partner per
// row, each named by the rule, once.
func FuzzManifest(f *testing.F) {
	example, err := os.ReadFile(filepath.Join("..", "testdata", "batch", "manifest.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	f.Add([]byte("Partner;Pool;Quotas;K;Seed\r\ngood;p.csv;q.csv;30;s\r\nbad k;p.csv;q.csv;thirty;s\r\n"))
	f.Add([]byte("\ufeffpartner\tpool\tquotas\tk\tcommit_only\npays.fr\tp\tq\t3\tyes\nCON\tp\tq\t3\t\n"))
	f.Add([]byte("partner,pool,quotas,k,panels,lang\n\"a,b\",p,q,1,zz\nsummary,p,q,2,x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		partners, _, err := ParseManifest("manifest.csv", data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		if len(partners) == 0 {
			t.Fatal("accepted a manifest without partners")
		}
		seen := map[string]bool{}
		for _, p := range partners {
			if err := CheckPartnerName(p.Name); err != nil {
				t.Fatalf("accepted a partner name that breaks the rule: %v", err)
			}
			if seen[table.Key(p.Name)] {
				t.Fatalf("accepted the partner %q twice", p.Name)
			}
			seen[table.Key(p.Name)] = true
			if p.Line < 2 {
				t.Fatalf("the partner %q is on line %d", p.Name, p.Line)
			}
		}
	})
}
