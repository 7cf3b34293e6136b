package testpool_test

import (
	"testing"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// fatalRecorder is a testing.TB that records Fatalf instead of stopping.
type fatalRecorder struct {
	testing.TB
	failed bool
}

func (f *fatalRecorder) Helper() {}

func (f *fatalRecorder) Fatalf(string, ...any) { f.failed = true }

func TestPool(t *testing.T) {
	p := testpool.Pool(t, "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n", "id,name,gender\na,Ana,female\nb,Bea,Female\nc,Cem,male\n")
	if got := len(p.People); got != 3 {
		t.Fatalf("%d people, want 3", got)
	}
	if p.IDColumn != 0 {
		t.Errorf("id column %d, want 0", p.IDColumn)
	}
	q := testpool.Quotas(t, "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n")
	byRow := testpool.Over(t, q, "name,gender\nAna,female\nCem,male\n", sortition.PoolOptions{})
	if byRow.IDColumn != -1 {
		t.Errorf("without an id column: id column %d, want -1", byRow.IDColumn)
	}
}

func TestPoolFailsTheTest(t *testing.T) {
	for _, tt := range []struct{ name, quotas, people string }{
		{"bad quotas", "feature,value,min,max\ngender,female,two,1\n", "id,gender\na,female\n"},
		{"bad pool", "feature,value,min,max\ngender,female,1,1\n", "id,gender\na,femal\n"},
	} {
		rec := &fatalRecorder{TB: t}
		func() {
			defer func() { recover() }() // Fatalf returns here; the parse goes on with nil
			testpool.Pool(rec, tt.quotas, tt.people)
		}()
		if !rec.failed {
			t.Errorf("%s: the test was not failed", tt.name)
		}
	}
}
