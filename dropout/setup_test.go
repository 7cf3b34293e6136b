package dropout

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/tirage/tirage/audit"
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

// rankedList returns the ranked list of n alternates (audit.Alternates) of
// the panel, as the first of m uniform panels, the others random panels of
// the same quotas.
func rankedList(tb testing.TB, b *Bounds, pool *sortition.Pool, panel []int, m, n int, r *rand.Rand) []int {
	tb.Helper()
	panels := [][]string{ids(pool, panel)}
	for range m - 1 {
		panels = append(panels, ids(pool, somePanel(tb, b, pool, r)))
	}
	var commitment [32]byte
	list, err := audit.Alternates(commitment, "ranked", panels, 0, n)
	if err != nil {
		tb.Fatal(err)
	}
	byID := map[string]int{}
	for i, p := range pool.People {
		byID[p.ID] = i
	}
	out := make([]int, len(list))
	for j, id := range list {
		out[j] = byID[id]
	}
	return out
}

func ids(pool *sortition.Pool, members []int) []string {
	out := make([]string, len(members))
	for j, i := range members {
		out[j] = pool.People[i].ID
	}
	return out
}
