package sortition

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/tirage/tirage/internal/lp"
	"github.com/tirage/tirage/internal/pricing"
)

// MaximinOptions are the settings of Maximin.
type MaximinOptions struct {
	Options
	// Gap is the largest accepted difference between the certified upper
	// bound and the lottery's minimum probability (0 means DefaultGap).
	Gap float64
}

// Tolerances of the maximin computation.
const (
	// DefaultGap is the default optimality gap of Maximin and Leximin.
	DefaultGap = 1e-6
	// minGain is how much a new panel must beat the master value by to be
	// added; it keeps column generation from chasing rounding noise.
	minGain = 1e-9
)

// gapOrDefault is the gap, or DefaultGap for 0 or less.
func gapOrDefault(gap float64) float64 {
	if gap <= 0 {
		return DefaultGap
	}
	return gap
}

// Maximin computes the maximin lottery (Flanigan, Gölz, Gupta, Hennig and
// Procaccia, "Fair algorithms for selecting citizens' assemblies", Nature 596,
// 2021): a distribution over panels of k people meeting the quotas that
// maximises the minimum selection probability of the people who can be on
// some panel.
//
// It works over types of interchangeable people, in three steps:
//
//  1. Coverage: panels are found until every type that can be on a panel is
//     on one; the others are excluded, with the reason.
//  2. The LP relaxation, max z subject to x_t ≥ z·s_t for every selectable
//     type t of s_t members and x in the relaxed quota polytope. Its dual
//     weights give a certified upper bound on the optimum (Lottery.Weights,
//     Lottery.UpperBound): no panel weighs more under them.
//  3. The relaxation's optimum x is written as a convex combination of
//     panels that meet the quotas (see decompose). When that succeeds, the
//     combination is a lottery whose minimum equals the bound: it is optimal,
//     with nothing left to search. When it fails, the relaxation's leximin
//     point (optimal too) is tried. Otherwise column generation takes over,
//     starting from every panel found: a master LP over the known panels
//     gives dual weights, and the pricing integer program finds a panel that
//     beats the master's value under them (with Wentges smoothing towards a
//     centre whose bound is proven), until the proven bound is within
//     MaximinOptions.Gap of the lottery's value.
//
// The type-level lottery is then expanded into concrete panels (see
// expand), which keeps every member's probability equal to their type's.
func Maximin(ctx context.Context, p *Problem, opt MaximinOptions) (*Lottery, error) {
	in, err := newInstance(ctx, p, opt.Options, "maximin")
	if err != nil {
		return nil, err
	}
	in.gap = gapOrDefault(opt.Gap)
	pool, k := p.pool, p.k
	l, tt, prob, solver, size, live, colOf := in.l, in.tt, in.prob, in.solver, in.size, in.live, in.colOf
	gap, report, panels := in.gap, in.report, in.panels
	T := len(size)
	w := make([]float64, T)

	// The LP relaxation of the whole problem, max z subject to x_t ≥ z·s_t
	// for every selectable type and x in the relaxed quota polytope (the
	// other types at 0). Its duals are weights under which the relaxation,
	// hence every panel, weighs least: a certified upper bound, and the
	// first stability centre of column generation. Failing that, the centre
	// weighs everyone alike (ȳ_t ∝ s_t): every panel then weighs k/n.
	nLive := 0.0
	for _, t := range live {
		nLive += size[t]
	}
	center := make([]float64, T) // ȳ per type (0 for excluded types)
	for _, t := range live {
		center[t] = size[t] / nLive
	}
	upper := float64(k) / nLive
	relax, err := solveRelaxation(ctx, prob, live)
	if err != nil && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err == nil {
		for t := range w {
			w[t] = relax.y[t] / size[t]
		}
		if bound, _, err := solver.RelaxationBound(ctx, w); err == nil && bound < upper {
			copy(center, relax.y)
			upper = bound
		} else if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		report("relaxation", 1, 0, upper, len(panels))
	}

	// When the relaxation's optimum is a convex combination of panels, that
	// combination is a maximin lottery: its minimum is the relaxation's
	// value, which bounds every lottery's. decompose finds it, or most of it.
	// An optimal vertex of the relaxation need not decompose when another
	// optimal point does; the relaxation's leximin point, optimal too and
	// more central, is tried next.
	var lambda []float64
	try := func(x []float64) error { // keeps the lottery, or the panels found
		d, err := in.decompose(ctx, x, upper)
		if err != nil {
			return err
		}
		if d.rest <= restTol {
			dp, dl := mergePanels(d.panels, d.lambda)
			if lotteryMinimum(dp, dl, live, size) >= upper-gap {
				panels, lambda = dp, dl
				return nil
			}
		}
		panels = append(panels, d.panels...)
		return nil
	}
	if err == nil {
		if err := try(relax.x); err != nil {
			return nil, err
		}
		if lambda == nil {
			lex, err := in.leximinPoint(ctx)
			switch {
			case err == nil:
				if err := try(lex.x); err != nil {
					return nil, err
				}
			case ctx.Err() != nil:
				return nil, ctx.Err()
			}
		}
	}
	if lambda == nil {
		panels, lambda, upper, err = columnGeneration(ctx, l, solver, panels, live, colOf, size, center, upper, gap, report)
		if err != nil {
			return nil, err
		}
	}
	l.Weights = make([]float64, len(pool.People))
	for i := range pool.People {
		l.Weights[i] = center[tt.of[i]] / size[tt.of[i]]
	}
	if err := in.finish(panels, lambda); err != nil {
		return nil, err
	}
	l.UpperBound = upper
	if l.MinProbability > l.UpperBound+boundSlack || l.UpperBound-l.MinProbability > gap+boundSlack {
		return nil, fmt.Errorf("maximin: lottery minimum %.12g and upper bound %.12g disagree beyond the tolerance", l.MinProbability, l.UpperBound)
	}
	if l.UpperBound < l.MinProbability {
		l.UpperBound = l.MinProbability
	}
	l.Stats.Elapsed = time.Since(in.start)
	return l, nil
}

// columnGeneration finds a lottery over panels whose minimum is within gap
// of a certified upper bound, starting from the given panels and the
// stability centre center (a dual point whose bound upper is proven). It
// returns the panels, their probabilities and the final bound; center is
// updated in place to the weights that certify it.
//
// The master LP is on the dual side: minimise ŷ over weights y ≥ 0 on the
// covered types with Σy = 1 and, for every panel P, Σ_t y_t c_Pt/s_t ≤ ŷ.
func columnGeneration(ctx context.Context, l *Lottery, solver *pricing.Solver, panels [][]int, live, colOf []int, size, center []float64, upper, gap float64,
	report func(phase string, it int, lower, upper float64, panels int)) ([][]int, []float64, float64, error) {
	T := len(colOf)
	w := make([]float64, T)
	count := func(r *pricing.Result) {
		l.Stats.PricingNodes += r.Nodes
		l.Stats.LPIterations += r.Iterations
	}
	master := lp.NewModel()
	for range live {
		master.AddCol(0, 0, math.Inf(1))
	}
	yhatCol := master.AddCol(1, math.Inf(-1), math.Inf(1))
	idx := make([]int, len(live))
	ones := make([]float64, len(live))
	for j := range idx {
		idx[j], ones[j] = j, 1
	}
	master.AddRow(idx, ones, 1, 1)
	addPanel := func(counts []int) {
		var ix []int
		var val []float64
		for _, t := range live {
			if counts[t] > 0 {
				ix = append(ix, colOf[t])
				val = append(val, float64(counts[t])/size[t])
			}
		}
		ix = append(ix, yhatCol)
		val = append(val, -1)
		master.AddRow(ix, val, math.Inf(-1), 0)
	}
	for _, c := range panels {
		addPanel(c)
	}
	// Column generation with Wentges smoothing. The stability centre ȳ is a
	// dual point with a proven bound: every panel has ȳ(P) ≤ upper. Pricing
	// happens at y_sep = α ȳ + (1−α) y_out, where y_out is the master's dual
	// point, against the threshold α·upper + (1−α)·ŷ: a panel above it is
	// violated at y_out and joins the master; when none exists, the search
	// has proven that y_sep has a better bound than ȳ, which becomes the
	// centre. The gap upper − ŷ shrinks until it is below gap.
	const alpha = 0.5
	x := make([]float64, master.NumCols())
	ysep := make([]float64, T)
	var yhat float64
	for it := 1; ; it++ {
		status, err := master.Solve(ctx)
		l.Stats.LPIterations += master.Iterations()
		if err != nil {
			return nil, nil, 0, fmt.Errorf("maximin master LP: %w", err)
		}
		if status != lp.Optimal {
			return nil, nil, 0, fmt.Errorf("maximin master LP: status %v", status)
		}
		master.X(x)
		yhat = x[yhatCol]
		l.Stats.Iterations = it
		report("column generation", it, yhat, upper, len(panels))
		if upper-yhat <= gap {
			break
		}
		for t := range w {
			ysep[t], w[t] = 0, 0
			if j := colOf[t]; j >= 0 {
				ysep[t] = float64(alpha*center[t]) + float64((1-alpha)*math.Max(x[j], 0))
				w[t] = ysep[t] / size[t]
			}
		}
		threshold := float64(alpha*upper) + float64((1-alpha)*yhat) + minGain
		res, err := solver.Maximize(ctx, w, pricing.Options{StopAbove: true, Above: threshold})
		if res != nil {
			count(res)
		}
		if err != nil {
			return nil, nil, 0, fmt.Errorf("maximin pricing: %w", err)
		}
		if res.Counts != nil && res.Value > threshold+pricing.PruneTol {
			panels = append(panels, append([]int(nil), res.Counts...))
			addPanel(res.Counts)
			continue
		}
		// No panel above the threshold: y_sep is the better centre.
		if bound := math.Max(res.Bound, res.Value); bound < upper {
			copy(center, ysep)
			upper = bound
		}
	}
	// The lottery: the duals of the panel rows (rows 1…).
	duals := master.RowDuals(nil)
	lambda := make([]float64, len(panels))
	total := 0.0
	for p := range panels {
		v := -duals[1+p]
		if v < 0 {
			v = 0
		}
		lambda[p] = v
		total += v
	}
	if !(total > 0.5) {
		return nil, nil, 0, fmt.Errorf("maximin: master LP duals sum to %g, not 1", total)
	}
	for p := range lambda {
		lambda[p] /= total
	}
	return panels, lambda, upper, nil
}

// relaxation is the optimum of the maximin problem's LP relaxation.
type relaxation struct {
	z float64   // its value
	x []float64 // per type: the count of an optimal point
	y []float64 // per type: dual weights, summing to 1
}

// solveRelaxation solves the LP relaxation of the maximin problem over the
// live types, max z subject to x_t ≥ z·s_t for every live type and x in the
// relaxed quota polytope with the other types at 0.
//
// It is solved with x_t = s_t·z + u_t, u_t ≥ 0: the constraints x_t ≥ z·s_t
// become bounds, so the LP has the quota rows only (35 instead of 1,345 on
// bal_1500); the rows x_t ≤ s_t, which bind for few types, are added when
// an optimum breaks them and the LP is solved again from its basis. The
// dual weight of x_t ≥ z·s_t is the reduced cost of u_t.
func solveRelaxation(ctx context.Context, prob *pricing.Problem, live []int) (*relaxation, error) {
	m := prob.Relaxation()
	T := len(prob.Size)
	isLive := make([]bool, T)
	for _, t := range live {
		isLive[t] = true
	}
	size := make([]float64, T)
	for t := range isLive {
		size[t] = float64(prob.Size[t])
		if !isLive[t] {
			m.SetColBounds(t, 0, 0)
		}
	}
	zidx, zval := shiftColumn(modelRows(prob), size, live, m.NumRows())
	z := m.AddColCoefs(-1, 0, 1, zidx, zval)
	capped := make([]bool, T) // x_t ≤ s_t added as a row
	var x []float64
	for {
		status, err := m.Solve(ctx)
		if err != nil {
			return nil, err
		}
		if status != lp.Optimal {
			return nil, fmt.Errorf("maximin relaxation: status %v", status)
		}
		x = m.X(x)
		added := false
		for _, t := range live {
			s := float64(prob.Size[t])
			if !capped[t] && x[t]+float64(s*x[z]) > s+capSlack {
				m.AddRow([]int{t, z}, []float64{1, s}, math.Inf(-1), s)
				capped[t], added = true, true
			}
		}
		if !added {
			break
		}
	}
	d := m.ReducedCosts(nil)
	r := &relaxation{z: x[z], x: make([]float64, T), y: make([]float64, T)}
	sum := 0.0
	for _, t := range live {
		r.y[t] = math.Max(d[t], 0) * float64(prob.Size[t])
		sum += r.y[t]
	}
	if !(sum > 0) {
		return nil, errors.New("maximin relaxation: no dual weight")
	}
	for t := range r.y {
		r.y[t] /= sum
		if isLive[t] {
			s := float64(prob.Size[t])
			r.x[t] = math.Min(math.Max(x[t]+float64(s*x[z]), 0), s)
		}
	}
	return r, nil
}

// lotteryMinimum is the smallest selection probability of the live types
// under the lottery (panels as type counts, probabilities summing to 1).
func lotteryMinimum(panels [][]int, lambda []float64, live []int, size []float64) float64 {
	mn := math.Inf(1)
	for _, t := range live {
		var s, c float64
		for p, counts := range panels {
			if counts[t] > 0 {
				neumaier(&s, &c, float64(lambda[p]*float64(counts[t])))
			}
		}
		mn = math.Min(mn, (s+c)/size[t])
	}
	return mn
}
