package sortition

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/tirage/tirage/internal/lp"
)

// Level is one level of a leximin lottery: the people whose probability
// was fixed when the smallest probability of those not yet fixed was
// maximised.
type Level struct {
	// Probability is the level: the largest minimum probability the people
	// not yet fixed could get, given the levels before.
	Probability float64
	// People lists the people fixed at this level (indices into
	// Pool.People, ascending).
	People []int
}

// ErrNotDecomposable is returned by Leximin, Nash and Goldilocks when the
// optimal point of the relaxed quota polytope is not a combination of
// panels that meet the quotas. Maximin handles this case by column
// generation; the others do not yet.
var ErrNotDecomposable = errors.New("the relaxed optimum is not a combination of panels that meet the quotas")

// leximinDualTol is the dual weight above which a type is fixed at the
// current level: a positive dual in an optimal solution means the type's
// probability equals the level in every optimal solution.
const leximinDualTol = 1e-9

// Leximin computes the leximin lottery (Flanigan, Gölz, Gupta, Hennig and
// Procaccia, Nature 596, 2021): among lotteries over panels meeting the
// quotas, it maximises the smallest selection probability, then, with
// the people at that level fixed, the next smallest, and so on. Its sorted
// vector of probabilities is unique.
//
// Like Maximin it works over types and the relaxed quota polytope: a
// sequence of LPs over the types' probabilities v_t (maximise z with
// v_t ≥ z for every type not yet fixed) fixes, at each level, the types
// whose constraint has a positive dual weight — those are at the level in
// every optimal solution. The point reached is then decomposed into
// panels (see decompose). As the relaxed polytope contains every lottery's
// marginals, a decomposition is leximin-optimal among all lotteries. When
// the point does not decompose, Leximin returns ErrNotDecomposable.
//
// The lottery's UpperBound and Weights are those of the first level, the
// maximin certificate; Levels lists every level.
func Leximin(ctx context.Context, pool *Pool, k int, opt Options) (*Lottery, error) {
	in, err := newInstance(ctx, pool, k, opt, "leximin")
	if err != nil {
		return nil, err
	}
	l, prob, size, live := in.l, in.prob, in.size, in.live
	T := len(size)

	// The relaxed polytope over probabilities: v_t = x_t/s_t in [0, 1].
	m := probabilityModel(prob, size, in.colOf)
	zc := m.AddCol(-1, 0, 1)
	first := m.NumRows()
	for _, t := range live {
		m.AddRow([]int{t, zc}, []float64{1, -1}, 0, math.Inf(1))
	}

	fixed := make([]bool, len(live))
	left := len(live)
	var v, duals []float64
	for level := 1; left > 0; level++ {
		status, err := m.Solve(ctx)
		l.Stats.LPIterations += m.Iterations()
		if err != nil {
			return nil, fmt.Errorf("leximin level %d: %w", level, err)
		}
		if status != lp.Optimal {
			return nil, fmt.Errorf("leximin level %d: LP status %v", level, status)
		}
		v = m.X(v)
		duals = m.RowDuals(duals)
		z := v[zc]
		var people []int
		best, bestDual := -1, 0.0
		fix := func(i int) {
			t := live[i]
			fixed[i] = true
			left--
			m.SetColBounds(t, math.Min(z, 1), 1)
			m.SetRowBounds(first+i, math.Inf(-1), math.Inf(1))
			people = append(people, in.tt.members[t]...)
		}
		total := 0.0
		for i := range live {
			if !fixed[i] {
				total += math.Max(duals[first+i], 0)
			}
		}
		if level == 1 {
			// The first level is the maximin value; its duals certify it.
			l.UpperBound = z
			l.Weights = make([]float64, len(pool.People))
			for i, t := range live {
				for _, p := range in.tt.members[t] {
					l.Weights[p] = math.Max(duals[first+i], 0) / total / size[t]
				}
			}
		}
		for i := range live {
			if fixed[i] {
				continue
			}
			d := duals[first+i]
			if d > leximinDualTol*total {
				fix(i)
			} else if best < 0 || d > bestDual {
				best, bestDual = i, d
			}
		}
		if len(people) == 0 {
			fix(best) // no positive dual beyond the tolerance: the largest
		}
		l.Levels = append(l.Levels, Level{Probability: z, People: sortedCopy(people)})
		in.report("leximin level", level, z, math.Inf(1), 0)
	}

	x := make([]float64, T)
	for _, t := range live {
		x[t] = math.Min(math.Max(v[t], 0), 1) * size[t]
	}
	if err := in.decomposeInto(ctx, x, l.UpperBound); err != nil {
		return nil, err
	}
	if l.UpperBound-l.Optimum > in.gap {
		return nil, fmt.Errorf("leximin: lottery minimum %.12g and upper bound %.12g disagree beyond the tolerance", l.Optimum, l.UpperBound)
	}
	l.UpperBound = math.Max(l.UpperBound, l.Optimum)
	l.Stats.Elapsed = time.Since(in.start)
	return l, nil
}
