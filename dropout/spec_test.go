package dropout

import (
	"context"
	"slices"
	"testing"

	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// The worked examples of audit/SPEC.md, 7.2.3.
func TestSpecReplacementExample(t *testing.T) {
	q := &quota.Set{}
	q.Add("gender", quota.Value{Name: "woman", Min: 2, Max: 3})
	q.Add("gender", quota.Value{Name: "man", Min: 2, Max: 3})
	q.Add("age", quota.Value{Name: "young", Min: 2, Max: 3})
	q.Add("age", quota.Value{Name: "old", Min: 2, Max: 3})
	const (
		a, b, c, d, e, f, g, h, i = 0, 1, 2, 3, 4, 5, 6, 7, 8
	)
	values := [][]int{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0, 1}, {1, 1}, {0, 0}, {1, 0}, {0, 0}}
	pool := &sortition.Pool{Quotas: q}
	for j, v := range values {
		pool.People = append(pool.People, sortition.Person{ID: string(rune('a' + j)), Values: v})
	}
	bounds := NewBounds(q, 5)
	panel := []int{a, b, c, d, e}
	if l := bounds.Loss(bounds.Counts(pool, []int{b, d, e}), 3); l != 5 {
		t.Fatalf("the stayers' loss is %d, not 5", l)
	}
	for _, tc := range []struct {
		available, want []int
		loss            int
	}{
		{[]int{f, g, h, i}, []int{g, h}, 0},
		{[]int{f, i, g}, []int{f, i}, 2},
	} {
		got, loss, err := Replace(bounds, pool, panel, []int{a, c}, tc.available)
		if err != nil || loss != tc.loss || !slices.Equal(got, tc.want) {
			t.Errorf("alternates %v: called %v with loss %d (%v), want %v with %d", tc.available, got, loss, err, tc.want, tc.loss)
		}
	}
}

// The worked example of audit/SPEC.md, 7.2.4.
func TestSpecScenarioExample(t *testing.T) {
	s, err := NewSample(context.Background(), "example/choose", 3, []float64{0.1, 0.5, 0.9, 0.25, 0.5}, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]int{{1, 2}, {1, 2, 4}, {1, 2}}
	for j := range 3 {
		var got []int
		for i := range 5 {
			if s.Dropped(j, i) {
				got = append(got, i)
			}
		}
		if !slices.Equal(got, want[j]) {
			t.Errorf("scenario %d: %v drop out, want %v", j, got, want[j])
		}
	}
	if got := SeedText("00ff", "a/b", PurposeEvaluate); got != "00ff/a/b/evaluate" {
		t.Errorf("seed text %q", got)
	}
}
