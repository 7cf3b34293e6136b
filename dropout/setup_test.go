package dropout

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/tirage/tirage/internal/pricing"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// loadInstance reads a shared benchmark instance, its quotas scaled to a
// panel of k when k is not the instance's own (0 keeps it).
func loadInstance(tb testing.TB, name string, k, own int) (*sortition.Pool, *Bounds) {
	tb.Helper()
	dir := filepath.Join("/work/shared/instances", name)
	q, err := quota.ReadFile(filepath.Join(dir, "categories.csv"))
	if err != nil {
		tb.Skipf("instance %s: %v", name, err)
	}
	pool, err := sortition.ReadPool(filepath.Join(dir, "respondents.csv"), q, sortition.PoolOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	b := NewBounds(q, own)
	if k != own {
		b = ScaledBounds(b, k)
	}
	return pool, b
}

// somePanel returns a panel of b.K meeting the bounds (or as close as
// possible), chosen with random weights.
func somePanel(tb testing.TB, b *Bounds, pool *sortition.Pool, r *rand.Rand) []int {
	tb.Helper()
	prof, err := b.profiles(pool)
	if err != nil {
		tb.Fatal(err)
	}
	prob := &pricing.Problem{K: b.K, Lo: b.Min, Hi: b.Max, Categories: b.Categories()}
	for i := range pool.People {
		prob.Size = append(prob.Size, 1)
		prob.Rows = append(prob.Rows, prof[i])
	}
	for v := range b.Min {
		prob.Elastic = append(prob.Elastic, pricing.Elastic{Row: v, Sign: 1, Max: b.K}, pricing.Elastic{Row: v, Sign: -1, Max: b.K})
	}
	w := make([]float64, prob.NumCols())
	for t := range pool.People {
		w[t] = r.Float64() / float64(2*b.K)
	}
	for j := range prob.Elastic {
		w[len(pool.People)+j] = -1
	}
	s, err := pricing.New(prob)
	if err != nil {
		tb.Fatal(err)
	}
	res, err := s.Maximize(context.Background(), w, pricing.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	var panel []int
	for t := range pool.People {
		if res.Counts[t] > 0 {
			panel = append(panel, t)
		}
	}
	return panel
}

// rankedList returns a ranked list of n alternates in the manner of
// audit.Alternates (SPEC.md 7.1, which package audit computes from a
// record; audit imports this package): m − 1 random panels of the same
// quotas in turn, the members of each not on the panel nor listed yet
// appended in a random order.
func rankedList(tb testing.TB, b *Bounds, pool *sortition.Pool, panel []int, m, n int, r *rand.Rand) []int {
	tb.Helper()
	listed := map[int]bool{}
	for _, i := range panel {
		listed[i] = true
	}
	var out []int
	for range m - 1 {
		other := somePanel(tb, b, pool, r)
		r.Shuffle(len(other), func(i, j int) { other[i], other[j] = other[j], other[i] })
		for _, i := range other {
			if !listed[i] && len(out) < n {
				listed[i] = true
				out = append(out, i)
			}
		}
	}
	return out
}
