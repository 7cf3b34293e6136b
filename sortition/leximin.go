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
	m := lp.NewModel()
	for t := 0; t < T; t++ {
		up := 0.0
		if in.colOf[t] >= 0 {
			up = 1
		}
		m.AddCol(0, 0, up)
	}
	zc := m.AddCol(-1, 0, 1)
	all := make([]int, T)
	for t := range all {
		all[t] = t
	}
	m.AddRow(all, size, float64(k), float64(k))
	byRow := make([][]int, len(prob.Lo))
	for t, rows := range prob.Rows {
		for _, r := range rows {
			byRow[r] = append(byRow[r], t)
		}
	}
	for r, ts := range byRow {
		coef := make([]float64, len(ts))
		for i, t := range ts {
			coef[i] = size[t]
		}
		m.AddRow(ts, coef, float64(prob.Lo[r]), float64(prob.Hi[r]))
	}
	for _, g := range prob.Groups {
		coef := make([]float64, len(g))
		for i, t := range g {
			coef[i] = size[t]
		}
		m.AddRow(g, coef, math.Inf(-1), 1)
	}
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
	d, err := decompose(ctx, prob, x, func(step int, rest float64) {
		in.report("decomposition", step, 0, l.UpperBound, step)
	})
	if err != nil {
		return nil, err
	}
	l.Stats.DecompositionSteps = d.steps
	l.Stats.PricingNodes += d.nodes
	l.Stats.LPIterations += d.iterations
	if d.rest > restTol {
		return nil, fmt.Errorf("leximin: %w (%.3g of the probability left)", ErrNotDecomposable, d.rest)
	}
	panels, lambda := mergePanels(d.panels, d.lambda)
	if err := in.finish(panels, lambda); err != nil {
		return nil, err
	}
	if l.UpperBound-l.Optimum > in.gap {
		return nil, fmt.Errorf("leximin: lottery minimum %.12g and upper bound %.12g disagree beyond the tolerance", l.Optimum, l.UpperBound)
	}
	l.UpperBound = math.Max(l.UpperBound, l.Optimum)
	l.Stats.Elapsed = time.Since(in.start)
	return l, nil
}
