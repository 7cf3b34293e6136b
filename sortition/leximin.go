package sortition

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/tirage/tirage/internal/lp"
)

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
func Leximin(ctx context.Context, p *Problem, opt LeximinOptions) (*Lottery, error) {
	return leximin(ctx, p, opt, false)
}

// LeximinOptions are the settings of Leximin.
type LeximinOptions struct {
	Options
	// Gap is the largest accepted difference between the first level's
	// certified bound and the lottery's minimum probability (0 means
	// DefaultGap).
	Gap float64
}

// leximin is Leximin; byColumns skips the decomposition (for tests of the
// column generation).
func leximin(ctx context.Context, p *Problem, opt LeximinOptions, byColumns bool) (*Lottery, error) {
	in, err := newInstance(ctx, p, opt.Options, "leximin")
	if err != nil {
		return nil, err
	}
	in.gap = gapOrDefault(opt.Gap)
	l := in.l
	lex, err := in.leximinPoint(ctx)
	if err != nil {
		return nil, err
	}
	levels := lex.levels
	d := &decomposition{rest: 1}
	if !byColumns {
		if d, err = in.decompose(ctx, lex.x, levels[0].Probability); err != nil {
			return nil, err
		}
	}
	panels, lambda := d.panels, d.lambda
	if d.rest > restTol {
		// The relaxed point is not a combination of panels: leximin over
		// panels by column generation, from every panel found so far.
		if levels, panels, lambda, err = in.leximinByColumnGeneration(ctx, append(append([][]int(nil), in.panels...), d.panels...)); err != nil {
			return nil, err
		}
	}
	// The first level is the maximin value; its weights certify it.
	l.Levels = levels
	l.UpperBound = levels[0].Probability
	l.Weights = append([]float64(nil), levels[0].Weights...)
	panels, lambda = mergePanels(panels, lambda)
	if err := in.finish(panels, lambda); err != nil {
		return nil, err
	}
	if l.UpperBound-l.MinProbability > in.gap {
		return nil, fmt.Errorf("leximin: lottery minimum %.12g and upper bound %.12g disagree beyond the tolerance", l.MinProbability, l.UpperBound)
	}
	l.UpperBound = math.Max(l.UpperBound, l.MinProbability)
	l.Stats.Elapsed = time.Since(in.start)
	return l, nil
}

// leximinRelaxation is the leximin point of the relaxed quota polytope.
type leximinRelaxation struct {
	x      []float64 // per type: expected members
	levels []Level
}

// leximinPoint computes the leximin point of the relaxed quota polytope
// over the selectable types, by the sequence of LPs described at Leximin.
//
// The LPs are posed with v_t = z + u_t, u_t ≥ 0, for the types not yet
// fixed, so that v_t ≥ z is a bound and the LP has the quota rows only; a
// fixed type has its own column f_t in [level, 1] instead. Each level adds
// a column for z (the previous one is fixed at 0), as the types it counts
// change; rows z + u_t ≤ 1 are added when an optimum breaks them. The
// multiplier of v_t ≥ z is u_t's reduced cost, that of f_t ≥ level f_t's.
func (in *instance) leximinPoint(ctx context.Context) (*leximinRelaxation, error) {
	l, prob, size, live := in.l, in.prob, in.size, in.live
	T := len(size)

	// Columns 0…T−1: u_t in [0, 1] (see probabilityModel); T…2T−1: f_t.
	m := probabilityModel(prob, size, in.colOf)
	rows := modelRows(prob)
	for t := 0; t < T; t++ {
		coef := make([]float64, len(rows[t]))
		for i := range coef {
			coef[i] = size[t]
		}
		m.AddColCoefs(0, 0, 0, rows[t], coef)
	}
	out := &leximinRelaxation{x: make([]float64, T)}
	fixed := make([]bool, len(live))
	levelOf := make([]float64, len(live)) // per live type: its level, once fixed
	multiplier := make([]float64, len(live))
	v := make([]float64, T)
	left := len(live)
	var x, reduced []float64
	zc := -1
	for level := 1; left > 0; level++ {
		if zc >= 0 {
			m.SetColBounds(zc, 0, 0)
		}
		var open []int
		for i, t := range live {
			if !fixed[i] {
				open = append(open, t)
			}
		}
		idx, val := shiftColumn(rows, size, open, m.NumRows())
		zc = m.AddColCoefs(-1, 0, 1, idx, val)
		capped := make([]bool, T)
		for {
			status, err := m.Solve(ctx)
			l.Stats.LPIterations += m.Iterations()
			if err != nil {
				return nil, fmt.Errorf("leximin level %d: %w", level, err)
			}
			if status != lp.Optimal {
				return nil, fmt.Errorf("leximin level %d: LP status %v", level, status)
			}
			x = m.X(x)
			added := false
			for _, t := range open {
				if !capped[t] && x[t]+x[zc] > 1+capSlack {
					m.AddRow([]int{t, zc}, []float64{1, 1}, math.Inf(-1), 1)
					capped[t], added = true, true
				}
			}
			if !added {
				break
			}
		}
		reduced = m.ReducedCosts(reduced)
		z := x[zc]
		// The level's multipliers: for the types not yet fixed, those of
		// v_t ≥ z (u_t's reduced costs); for the fixed types, those of
		// v_t ≥ level (f_t's reduced costs at its lower bound).
		for i, t := range live {
			if fixed[i] {
				multiplier[i], v[t] = reduced[T+t], x[T+t]
			} else {
				multiplier[i], v[t] = reduced[t], x[t]+x[zc]
			}
		}
		cert, fix, err := in.closeLevel(level, z, multiplier, fixed, levelOf)
		if err != nil {
			return nil, err
		}
		for _, i := range fix {
			t := live[i]
			fixed[i], levelOf[i] = true, math.Min(z, 1)
			left--
			m.SetColBounds(t, 0, 0)
			m.SetColBounds(T+t, levelOf[i], 1)
		}
		out.levels = append(out.levels, cert)
		in.report("leximin level", level, z, math.Inf(1), 0)
	}
	for _, t := range live {
		out.x[t] = math.Min(math.Max(v[t], 0), 1) * size[t]
	}
	return out, nil
}

// closeLevel ends leximin level lv at value z. multiplier[i] is, for the
// live type i not yet fixed, the dual weight of its row π_i ≥ z and, for
// a fixed one, the multiplier of π_i ≥ level[i]. It returns the level's
// certificate (see Level): the multipliers scaled so that those of the
// types not yet fixed add up to 1, and the offset Σ μ_i level_i; and the
// types to fix at z, those of positive weight (or, if none, the heaviest).
// When no type has dual weight (above leximinDualTol in all), only z ≤ 1
// binds and z must be 1: everyone left is fixed, weighed alike, as no panel
// takes more than all of a type.
func (in *instance) closeLevel(lv int, z float64, multiplier []float64, fixed []bool, level []float64) (Level, []int, error) {
	live, size := in.live, in.size
	total, left := 0.0, 0
	for i := range live {
		if !fixed[i] {
			total += math.Max(multiplier[i], 0)
			left++
		}
	}
	// The multipliers add up to 1 + (z's reduced cost), so they can all be
	// (nearly) 0 only when z is at its bound 1; rounding noise there would
	// be scaled up into a certificate of huge weights.
	atOne := !(total > leximinDualTol)
	if atOne && z < 1-leximinDualTol {
		return Level{}, nil, fmt.Errorf("leximin level %d: no dual weight", lv)
	}
	cert := Level{Probability: z, Weights: make([]float64, len(in.pool.People))}
	var fix []int
	best, bestDual := -1, 0.0
	for i, t := range live {
		w := 0.0
		switch {
		case atOne && !fixed[i]:
			w = 1 / float64(left)
			fix = append(fix, i)
		case atOne:
		case fixed[i]:
			w = math.Max(multiplier[i], 0) / total
			cert.Offset += float64(w * level[i])
		default:
			w = math.Max(multiplier[i], 0) / total
			if multiplier[i] > leximinDualTol*total {
				fix = append(fix, i)
			} else if best < 0 || multiplier[i] > bestDual {
				best, bestDual = i, multiplier[i]
			}
		}
		for _, p := range in.tt.members[t] {
			cert.Weights[p] = w / size[t]
		}
	}
	if len(fix) == 0 {
		fix = append(fix, best)
	}
	var people []int
	for _, i := range fix {
		people = append(people, in.tt.members[live[i]]...)
	}
	cert.People = sortedCopy(people)
	return cert, fix, nil
}
