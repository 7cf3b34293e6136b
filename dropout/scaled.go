package dropout

import (
	"context"
	"fmt"
	"slices"

	"github.com/tirage/tirage/internal/pricing"
	"github.com/tirage/tirage/internal/stream"
	"github.com/tirage/tirage/sortition"
)

// ScaledBounds returns the quotas scaled from a panel of b.K to a group of
// n: value v's bounds become floor(Min[v]·n/K) and ceil(Max[v]·n/K).
func ScaledBounds(b *Bounds, n int) *Bounds {
	s := &Bounds{K: n, Start: b.Start, Min: make([]int, len(b.Min)), Max: make([]int, len(b.Max))}
	for v := range b.Min {
		s.Min[v] = b.Min[v] * n / b.K
		s.Max[v] = (b.Max[v]*n + b.K - 1) / b.K
	}
	return s
}

// ScaledQuotaAlternates returns n people outside the panel (indices into
// pool.People, in pool order) chosen as practitioners choose "scaled quota"
// alternates: a group that meets the quotas scaled to n (ScaledBounds), or
// misses them by as few people as possible, otherwise at random. The
// randomness comes from the audit stream of the seed text: every group of
// people with the same values gets a weight Float64()/(2n) in the order of
// first appearance in the pool, the group of most weight among the closest
// to the scaled quotas is chosen by our integer programming, and the
// members of each type are then taken in the order of a Fisher–Yates
// shuffle by the same stream (from the last position down, each swapped
// with position IntN(i+1)).
func ScaledQuotaAlternates(ctx context.Context, b *Bounds, pool *sortition.Pool, panel []int, n int, seed string) ([]int, error) {
	prof, err := b.profiles(pool)
	if err != nil {
		return nil, err
	}
	onPanel := map[int]bool{}
	for _, i := range panel {
		onPanel[i] = true
	}
	byKey := map[string]int{}
	var members [][]int
	var rows [][]int
	for i := range pool.People {
		if onPanel[i] {
			continue
		}
		key := fmt.Sprint(prof[i])
		t, ok := byKey[key]
		if !ok {
			t = len(members)
			byKey[key] = t
			members = append(members, nil)
			rows = append(rows, prof[i])
		}
		members[t] = append(members[t], i)
	}
	total := 0
	for _, m := range members {
		total += len(m)
	}
	if n < 0 || n > total {
		return nil, fmt.Errorf("%d alternates cannot be chosen from the %d people outside the panel", n, total)
	}
	if n == 0 {
		return nil, nil
	}
	sb := ScaledBounds(b, n)
	prob := &pricing.Problem{K: n, Rows: rows, Lo: sb.Min, Hi: sb.Max, Categories: b.Categories()}
	for _, m := range members {
		prob.Size = append(prob.Size, len(m))
	}
	for v := range sb.Min {
		prob.Elastic = append(prob.Elastic, pricing.Elastic{Row: v, Sign: 1, Max: n}, pricing.Elastic{Row: v, Sign: -1, Max: n})
	}
	st := stream.New(seed)
	w := make([]float64, prob.NumCols())
	for t := range members {
		w[t] = st.Float64() / float64(2*n)
	}
	for j := range prob.Elastic {
		w[len(members)+j] = -1
	}
	solver, err := pricing.New(prob)
	if err != nil {
		return nil, err
	}
	res, err := solver.Maximize(ctx, w, pricing.Options{})
	if err != nil {
		return nil, fmt.Errorf("scaled-quota alternates: %w", err)
	}
	var out []int
	for t, m := range members {
		c := res.Counts[t]
		if c == 0 {
			continue
		}
		m = append([]int(nil), m...)
		for i := len(m) - 1; i > 0; i-- {
			j := int(st.IntN(uint64(i + 1)))
			m[i], m[j] = m[j], m[i]
		}
		out = append(out, m[:c]...)
	}
	slices.Sort(out)
	return out, nil
}
