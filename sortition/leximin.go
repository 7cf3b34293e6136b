package sortition

import (
	"context"
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
	// Weights (one per person, 0 or more, adding up to 1 over the people
	// not fixed at an earlier level) and Offset (0 or more) certify
	// Probability: no panel that meets the quotas has members whose Weights
	// add up to more than Probability + Offset. Then for every lottery that
	// gives everyone fixed at an earlier level at least that level,
	//
	//	min π_i over the others ≤ Σ_i Weights_i π_i − Offset ≤ Probability,
	//
	// since the weights of the earlier levels' people (whose sum times
	// their level is Offset) are only ever counted against probabilities
	// at least as large. For the first level, Offset is 0 and this is the
	// maximin certificate (Lottery.Weights).
	Weights []float64
	Offset  float64
}

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
// the point does not decompose, the levels are computed over panels by
// column generation instead (see leximinByColumnGeneration).
//
// The lottery's UpperBound and Weights are those of the first level, the
// maximin certificate; Levels lists every level.
func Leximin(ctx context.Context, pool *Pool, k int, opt Options) (*Lottery, error) {
	return leximin(ctx, pool, k, opt, false)
}

// leximin is Leximin; byColumns skips the decomposition (for tests of the
// column generation).
func leximin(ctx context.Context, pool *Pool, k int, opt Options, byColumns bool) (*Lottery, error) {
	in, err := newInstance(ctx, pool, k, opt, "leximin")
	if err != nil {
		return nil, err
	}
	l := in.l
	lex, err := in.leximinPoint(ctx)
	if err != nil {
		return nil, err
	}
	l.Levels = lex.levels
	l.UpperBound = lex.levels[0].Probability
	l.Weights = make([]float64, len(pool.People))
	for i := range pool.People {
		t := in.tt.of[i]
		l.Weights[i] = lex.y[t] / in.size[t]
	}
	d := &decomposition{rest: 1}
	if !byColumns {
		if d, err = in.decompose(ctx, lex.x, l.UpperBound); err != nil {
			return nil, err
		}
	}
	panels, lambda := d.panels, d.lambda
	if d.rest > restTol {
		// The relaxed point is not a combination of panels: leximin over
		// panels by column generation, from every panel found so far.
		levels, found, weights, err := in.leximinByColumnGeneration(ctx, append(append([][]int(nil), in.panels...), d.panels...))
		if err != nil {
			return nil, err
		}
		l.Levels, panels, lambda = levels, found, weights
		l.UpperBound = levels[0].Probability
		copy(l.Weights, levels[0].Weights)
	}
	panels, lambda = mergePanels(panels, lambda)
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

// leximinRelaxation is the leximin point of the relaxed quota polytope.
type leximinRelaxation struct {
	x      []float64 // per type: expected members
	y      []float64 // per type: the first level's dual weights, summing to 1
	levels []Level
}

// leximinPoint computes the leximin point of the relaxed quota polytope
// over the selectable types, by the sequence of LPs described at Leximin.
func (in *instance) leximinPoint(ctx context.Context) (*leximinRelaxation, error) {
	l, prob, size, live := in.l, in.prob, in.size, in.live
	T := len(size)

	// The relaxed polytope over probabilities: v_t = x_t/s_t in [0, 1].
	m := probabilityModel(prob, size, in.colOf)
	zc := m.AddCol(-1, 0, 1)
	first := m.NumRows()
	for _, t := range live {
		m.AddRow([]int{t, zc}, []float64{1, -1}, 0, math.Inf(1))
	}

	out := &leximinRelaxation{x: make([]float64, T), y: make([]float64, T)}
	fixed := make([]bool, len(live))
	left := len(live)
	var v, duals, reduced []float64
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
		reduced = m.ReducedCosts(reduced)
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
		atOne := false
		if !(total > 0) {
			// Only the bound z ≤ 1 holds z: everyone left can be on every
			// panel. Weighing them alike certifies it, as no panel takes
			// more than all of a type.
			if z < 1-leximinDualTol {
				return nil, fmt.Errorf("leximin level %d: no dual weight", level)
			}
			atOne = true
			for i := range live {
				if !fixed[i] {
					duals[first+i] = 1
					total++
				}
			}
		}
		// The certificate: the duals of the rows v_t ≥ z of the types not
		// yet fixed, and the reduced costs of the fixed types' columns at
		// their lower bound (the multipliers of v_t ≥ their level).
		cert := Level{Weights: make([]float64, len(in.pool.People))}
		for i, t := range live {
			w := 0.0
			if fixed[i] {
				if mu := reduced[t] / total; mu > 0 && !atOne {
					lo, _ := m.ColBounds(t)
					w = mu
					cert.Offset += float64(mu * lo)
				}
			} else {
				w = math.Max(duals[first+i], 0) / total
				if level == 1 {
					// The first level is the maximin value.
					out.y[t] = w
				}
			}
			for _, p := range in.tt.members[t] {
				cert.Weights[p] = w / size[t]
			}
		}
		for i := range live {
			if fixed[i] {
				continue
			}
			d := duals[first+i]
			if atOne || d > leximinDualTol*total {
				fix(i)
			} else if best < 0 || d > bestDual {
				best, bestDual = i, d
			}
		}
		if len(people) == 0 {
			fix(best) // no positive dual beyond the tolerance: the largest
		}
		cert.Probability, cert.People = z, sortedCopy(people)
		out.levels = append(out.levels, cert)
		in.report("leximin level", level, z, math.Inf(1), 0)
	}
	for _, t := range live {
		out.x[t] = math.Min(math.Max(v[t], 0), 1) * size[t]
	}
	return out, nil
}
