package pricing

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// randomProblem draws a small pricing problem: types over cats categories
// with vals values each, random sizes and bounds around proportional shares.
func randomProblem(rng *rand.Rand, types, cats, vals int, households bool) *Problem {
	p := &Problem{Categories: cats}
	n := 0
	for t := 0; t < types; t++ {
		size := 1 + rng.IntN(3)
		p.Size = append(p.Size, size)
		n += size
		var rows []int
		for c := 0; c < cats; c++ {
			rows = append(rows, c*vals+rng.IntN(vals))
		}
		p.Rows = append(p.Rows, rows)
	}
	p.K = 1 + rng.IntN(min(n, 7))
	for r := 0; r < cats*vals; r++ {
		lo := rng.IntN(max(1, p.K/vals))
		p.Lo = append(p.Lo, lo)
		p.Hi = append(p.Hi, lo+1+rng.IntN(p.K))
	}
	if households {
		// Pair some size-1 types.
		var singles []int
		for t, s := range p.Size {
			if s == 1 {
				singles = append(singles, t)
			}
		}
		for i := 0; i+1 < len(singles); i += 3 {
			p.Groups = append(p.Groups, []int{singles[i], singles[i+1]})
		}
	}
	return p
}

// bruteForce enumerates every count vector and returns the best value, or
// -Inf when none is feasible.
func bruteForce(p *Problem, w []float64, require []int) float64 {
	best := math.Inf(-1)
	counts := make([]int, len(p.Size))
	var rec func(t int)
	rec = func(t int) {
		if t == len(p.Size) {
			for _, r := range require {
				if counts[r] < 1 {
					return
				}
			}
			if p.Feasible(counts) {
				best = math.Max(best, Value(w, counts))
			}
			return
		}
		for c := 0; c <= p.Size[t]; c++ {
			counts[t] = c
			rec(t + 1)
		}
		counts[t] = 0
	}
	rec(0)
	return best
}

func TestMaximizeAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ctx := context.Background()
	solved, infeasible := 0, 0
	for i := 0; i < 400; i++ {
		cats := 1 + rng.IntN(3)
		p := randomProblem(rng, 2+rng.IntN(6), cats, 2+rng.IntN(2), i%3 == 0)
		s, err := New(p)
		require.NoError(t, err)
		for round := 0; round < 3; round++ {
			w := make([]float64, len(p.Size))
			for j := range w {
				w[j] = rng.Float64()
				if round == 2 {
					w[j] = float64(rng.IntN(3)) // ties
				}
			}
			var req []int
			if round == 1 {
				req = []int{rng.IntN(len(p.Size))}
			}
			want := bruteForce(p, w, req)
			res, err := s.Maximize(ctx, w, Options{Require: req})
			if math.IsInf(want, -1) {
				require.ErrorIs(t, err, ErrInfeasible, "problem %d round %d: %+v", i, round, p)
				infeasible++
				continue
			}
			require.NoError(t, err, "problem %d round %d: %+v", i, round, p)
			require.True(t, res.Optimal)
			require.True(t, p.Feasible(res.Counts))
			for _, r := range req {
				require.GreaterOrEqual(t, res.Counts[r], 1)
			}
			require.InDelta(t, want, res.Value, 1e-9, "problem %d round %d: %+v w=%v", i, round, p, w)
			require.InDelta(t, res.Value, Value(w, res.Counts), 1e-12)
			solved++

			// Threshold mode: above the optimum, no panel; below it, one.
			r2, err := s.Maximize(ctx, w, Options{StopAbove: true, Above: want + 1e-6, Require: req})
			require.NoError(t, err)
			require.LessOrEqual(t, r2.Bound, want+1e-6+PruneTol)
			if want > 1e-3 {
				r3, err := s.Maximize(ctx, w, Options{StopAbove: true, Above: want - 1e-3, Require: req})
				require.NoError(t, err)
				require.True(t, p.Feasible(r3.Counts))
				require.Greater(t, r3.Value, want-1e-3)
			}
		}
	}
	t.Logf("%d optima and %d infeasible problems checked against brute force", solved, infeasible)
	require.Greater(t, solved, 600)
	require.Greater(t, infeasible, 20)
}

func TestGreedyMatchesBranchAndBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200; i++ {
		p := randomProblem(rng, 2+rng.IntN(8), 1, 2+rng.IntN(3), false)
		s, err := New(p)
		require.NoError(t, err)
		require.True(t, s.greedy)
		w := make([]float64, len(p.Size))
		for j := range w {
			w[j] = rng.Float64()
		}
		g, gerr := s.Maximize(context.Background(), w, Options{})
		want := bruteForce(p, w, nil)
		if math.IsInf(want, -1) {
			require.ErrorIs(t, gerr, ErrInfeasible)
			continue
		}
		require.NoError(t, gerr)
		require.InDelta(t, want, g.Value, 1e-12)
	}
}

func TestNodeLimitAndCancel(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	p := randomProblem(rng, 40, 4, 3, false)
	p.K = 12
	for r := range p.Lo {
		p.Lo[r], p.Hi[r] = 2, 5
	}
	s, err := New(p)
	require.NoError(t, err)
	w := make([]float64, len(p.Size))
	for j := range w {
		w[j] = rng.Float64()
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.Maximize(ctx, w, Options{})
	require.ErrorIs(t, err, context.Canceled)

	_, err = s.Maximize(context.Background(), w, Options{NodeLimit: 1})
	if err != nil && !errors.Is(err, ErrInfeasible) {
		var nl *NodeLimitError
		require.ErrorAs(t, err, &nl)
		require.GreaterOrEqual(t, nl.Result.Bound, nl.Result.Value)
	}
}

// With two categories and no households the constraint matrix is that of a
// network flow: the root relaxation is integral and the search ends there.
func TestTwoCategoriesEndAtRoot(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	solved := 0
	for i := 0; i < 300; i++ {
		p := randomProblem(rng, 3+rng.IntN(20), 2, 2+rng.IntN(4), false)
		s, err := New(p)
		require.NoError(t, err)
		w := make([]float64, len(p.Size))
		for j := range w {
			w[j] = rng.Float64()
		}
		res, err := s.Maximize(context.Background(), w, Options{})
		if errors.Is(err, ErrInfeasible) {
			continue
		}
		require.NoError(t, err)
		require.Equal(t, 1, res.Nodes, "problem %d: %+v", i, p)
		require.True(t, res.Optimal)
		solved++
	}
	require.Greater(t, solved, 100)
}

// TestSetBoundsMatchesFreshSolver changes the bounds of a solver between
// solves and compares each exact optimum with brute force on the changed
// problem.
func TestSetBoundsMatchesFreshSolver(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 17))
	solved := 0
	for i := 0; i < 300; i++ {
		p := randomProblem(rng, 3+rng.IntN(5), 1+rng.IntN(3), 2+rng.IntN(2), i%3 == 0)
		orig := append([]int(nil), p.Size...)
		s, err := New(p)
		require.NoError(t, err)
		for round := 0; round < 3; round++ {
			q := *p
			q.K = max(0, p.K-rng.IntN(2))
			q.Size = append([]int(nil), p.Size...)
			for t := range q.Size {
				if rng.IntN(4) == 0 {
					q.Size[t] = rng.IntN(q.Size[t] + 1)
				}
			}
			q.Lo = append([]int(nil), p.Lo...)
			q.Hi = append([]int(nil), p.Hi...)
			for r := range q.Lo {
				if rng.IntN(4) == 0 {
					q.Hi[r] = q.Lo[r] // a binding bound, as on a face
				}
			}
			q.GroupLo = nil
			if len(q.Groups) > 0 && rng.IntN(2) == 0 {
				q.GroupLo = make([]int, len(q.Groups))
				for g := range q.GroupLo {
					q.GroupLo[g] = rng.IntN(2) // 1: a binding household constraint
				}
			}
			require.NoError(t, s.SetBounds(q.K, q.Size, q.Lo, q.Hi, q.GroupLo))
			w := make([]float64, len(q.Size))
			for t := range w {
				w[t] = rng.Float64()
			}
			want := bruteForce(&q, w, nil)
			res, err := s.Maximize(context.Background(), w, Options{})
			if math.IsInf(want, -1) {
				require.True(t, errors.Is(err, ErrInfeasible) || (err == nil && res.Counts == nil), "problem %d round %d", i, round)
				continue
			}
			require.NoError(t, err)
			require.InDelta(t, want, res.Value, 1e-9, "problem %d round %d", i, round)
			require.True(t, q.Feasible(res.Counts))
			solved++
		}
		require.Equal(t, orig, p.Size, "SetBounds must not modify the caller's problem")
	}
	require.Greater(t, solved, 300)
}

// bruteDeviation returns the least total deviation Σ d over all panels of
// type counts (meeting K, sizes and households), where a row below its
// lower bound needs d = lo − sum ≤ the max of its +1 column and a row above
// its upper bound d = sum − hi ≤ the max of its −1 column; -1 when no panel
// can be made to meet the rows.
func bruteDeviation(p *Problem) int {
	best := -1
	counts := make([]int, len(p.Size))
	below := make([]int, len(p.Lo)) // max of the +1 column per row
	above := make([]int, len(p.Lo))
	for _, e := range p.Elastic {
		if e.Sign > 0 {
			below[e.Row] += e.Max
		} else {
			above[e.Row] += e.Max
		}
	}
	var rec func(t, total int)
	rec = func(t, total int) {
		if t == len(p.Size) {
			if total != p.K {
				return
			}
			for _, g := range p.Groups {
				n := 0
				for _, u := range g {
					n += counts[u]
				}
				if n > 1 {
					return
				}
			}
			sum := make([]int, len(p.Lo))
			for u, c := range counts {
				for _, r := range p.Rows[u] {
					sum[r] += c
				}
			}
			dev := 0
			for r := range sum {
				switch {
				case sum[r] < p.Lo[r]:
					if p.Lo[r]-sum[r] > below[r] {
						return
					}
					dev += p.Lo[r] - sum[r]
				case sum[r] > p.Hi[r]:
					if sum[r]-p.Hi[r] > above[r] {
						return
					}
					dev += sum[r] - p.Hi[r]
				}
			}
			if best < 0 || dev < best {
				best = dev
			}
			return
		}
		for c := 0; c <= p.Size[t] && total+c <= p.K; c++ {
			counts[t] = c
			rec(t+1, total+c)
		}
		counts[t] = 0
	}
	rec(0, 0)
	return best
}

func TestElasticDeviationAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	ctx := context.Background()
	zero, positive, none := 0, 0, 0
	for i := 0; i < 300; i++ {
		p := randomProblem(rng, 2+rng.IntN(6), 1+rng.IntN(3), 2+rng.IntN(2), i%3 == 0)
		// Tighten some bounds so that deviations are needed.
		for r := range p.Lo {
			if rng.IntN(3) == 0 {
				p.Lo[r] = min(p.Lo[r]+1+rng.IntN(3), p.K)
				p.Hi[r] = max(p.Hi[r], p.Lo[r])
			}
			if rng.IntN(3) == 0 {
				p.Hi[r] = max(p.Lo[r], p.Hi[r]-1-rng.IntN(3))
			}
			p.Elastic = append(p.Elastic, Elastic{Row: r, Sign: 1, Max: rng.IntN(4)}, Elastic{Row: r, Sign: -1, Max: rng.IntN(4)})
		}
		want := bruteDeviation(p)
		s, err := New(p)
		require.NoError(t, err)
		w := make([]float64, p.NumCols())
		for j := len(p.Size); j < len(w); j++ {
			w[j] = -1
		}
		for _, integral := range []bool{false, true} {
			res, err := s.Maximize(ctx, w, Options{Integral: integral})
			if want < 0 {
				require.ErrorIs(t, err, ErrInfeasible, "problem %d: %+v", i, p)
				continue
			}
			require.NoError(t, err, "problem %d", i)
			require.True(t, res.Optimal, "problem %d integral %v: %+v", i, integral, res)
			require.True(t, p.Feasible(res.Counts))
			require.Equal(t, float64(-want), res.Value, "problem %d integral %v: %+v", i, integral, p)
		}
		switch {
		case want < 0:
			none++
		case want == 0:
			zero++
		default:
			positive++
		}
	}
	t.Logf("deviation 0: %d, positive: %d, impossible: %d", zero, positive, none)
	require.Greater(t, positive, 50)
	require.Positive(t, zero)
	require.Positive(t, none)
}
