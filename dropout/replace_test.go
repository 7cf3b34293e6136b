package dropout

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestReplaceMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 3000 {
		n := 8 + r.IntN(20)
		k := 3 + r.IntN(n/2)
		pool := randomPool(r, n, k, 1+r.IntN(4))
		b := NewBounds(pool.Quotas, k)
		perm := r.Perm(n)
		panel := perm[:k]
		var dropped, stayed []int
		for _, i := range panel {
			if r.IntN(3) == 0 {
				dropped = append(dropped, i)
			} else {
				stayed = append(stayed, i)
			}
		}
		m := min(n-k, r.IntN(12))
		available := perm[k : k+m]
		if r.IntN(4) == 0 && m > 2 { // twins: repeat someone's values
			pool.People[available[m-1]].Values = slices.Clone(pool.People[available[0]].Values)
		}
		got, loss, err := Replace(b, pool, panel, dropped, available)
		if err != nil {
			t.Fatal(err)
		}
		want, wantLoss := bruteReplace(b, pool, stayed, len(dropped), available)
		if loss != wantLoss || !slices.Equal(got, want) {
			t.Fatalf("trial %d: Replace chose %v (loss %d), brute force %v (loss %d)", trial, got, loss, want, wantLoss)
		}
	}
}

func TestReplaceRejectsBadInput(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pool := randomPool(r, 10, 4, 2)
	b := NewBounds(pool.Quotas, 4)
	for _, tc := range []struct {
		name                      string
		panel, dropped, available []int
	}{
		{"dropout not on panel", []int{0, 1, 2, 3}, []int{5}, []int{6}},
		{"alternate on panel", []int{0, 1, 2, 3}, []int{1}, []int{2}},
		{"alternate twice", []int{0, 1, 2, 3}, []int{1}, []int{6, 6}},
		{"outside the pool", []int{0, 1, 2, 3}, []int{1}, []int{10}},
	} {
		if _, _, err := Replace(b, pool, tc.panel, tc.dropped, tc.available); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}
