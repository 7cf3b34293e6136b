package pricing

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRoundAgainstBruteForce rounds the LP relaxation's optimum of small
// random problems: every panel returned must meet the constraints, no
// panel may come back where brute force finds none, and on the problems
// that have panels the rounding must mostly succeed.
func TestRoundAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	ctx := context.Background()
	feasible, rounded := 0, 0
	for i := 0; i < 600; i++ {
		p := randomProblem(rng, 3+rng.IntN(6), 1+rng.IntN(3), 2+rng.IntN(2), false)
		s, err := New(p)
		require.NoError(t, err)
		w := make([]float64, len(p.Size))
		for t := range w {
			w[t] = rng.Float64()
		}
		exists := !math.IsInf(bruteForce(p, w, nil), -1)
		_, x, err := s.RelaxationBound(ctx, w)
		if err != nil {
			require.False(t, exists, "problem %d: relaxation infeasible, brute force has a panel", i)
			continue
		}
		c := s.Round(x, w, math.Inf(-1))
		if !exists {
			require.Nil(t, c, "problem %d: a panel where brute force finds none", i)
			continue
		}
		feasible++
		if c != nil {
			require.True(t, p.Feasible(c), "problem %d: %v", i, c)
			rounded++
		}
		// Leaving every type out leaves nothing to round.
		require.Nil(t, s.Round(x, w, math.Inf(1)), "problem %d", i)
	}
	t.Logf("rounded %d of %d feasible problems", rounded, feasible)
	require.Greater(t, feasible, 200)
	require.Greater(t, rounded, feasible*9/10)
}

// TestRepairMendsPanels starts the swap search from arbitrary panels of K
// members on problems with equal bounds (every quota exact), the faces the
// decomposition poses: whatever it returns as mended meets every quota,
// and it mends most panels of problems that brute force shows feasible.
func TestRepairMendsPanels(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 13))
	tried, mended := 0, 0
	for i := 0; i < 400; i++ {
		p := randomProblem(rng, 4+rng.IntN(6), 2+rng.IntN(2), 2+rng.IntN(2), false)
		// A random panel, then quotas made exact around another one.
		target := randomPanel(rng, p)
		start := randomPanel(rng, p)
		if target == nil || start == nil {
			continue
		}
		sums := p.rowSums(target)
		copy(p.Lo, sums)
		copy(p.Hi, sums)
		if p.Feasible(start) {
			continue
		}
		tried++
		rowSum := p.rowSums(start)
		ok := p.repair(start, rowSum, make([]float64, len(p.Size)), make([]float64, len(p.Size)))
		require.Equal(t, p.rowSums(start), rowSum, "problem %d: row sums out of step", i)
		if ok {
			require.True(t, p.Feasible(start), "problem %d: mended panel %v misses a quota", i, start)
			mended++
		}
	}
	t.Logf("mended %d of %d", mended, tried)
	require.Greater(t, tried, 100)
	require.Greater(t, mended, tried*8/10)
}

// randomPanel draws K members at random, or nil when the pool is smaller.
func randomPanel(rng *rand.Rand, p *Problem) []int {
	c := make([]int, len(p.Size))
	for n := 0; n < p.K; n++ {
		var open []int
		for t := range c {
			if c[t] < p.Size[t] {
				open = append(open, t)
			}
		}
		if len(open) == 0 {
			return nil
		}
		c[open[rng.IntN(len(open))]]++
	}
	return c
}

// rowSums counts the members of c per quota value.
func (p *Problem) rowSums(c []int) []int {
	s := make([]int, len(p.Lo))
	for t, n := range c {
		for _, r := range p.Rows[t] {
			s[r] += n
		}
	}
	return s
}

// TestSortByAdd checks the swap search's counting sort against the
// standard library's stable sort.
func TestSortByAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 17))
	for i := 0; i < 200; i++ {
		n := 1 + rng.IntN(50)
		add := make([]int, 60)
		for j := range add {
			add[j] = rng.IntN(9) - 4
		}
		ts := rng.Perm(60)[:n]
		want := slices.Clone(ts)
		slices.SortStableFunc(want, func(a, b int) int { return add[a] - add[b] })
		require.Equal(t, want, sortByAdd(ts, add, nil), "case %d", i)
	}
}
