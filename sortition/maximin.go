package sortition

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/tirage/tirage/internal/lp"
	"github.com/tirage/tirage/internal/pricing"
	"github.com/tirage/tirage/message"
)

// Options control the computation of a lottery.
type Options struct {
	// Households lists pool columns that identify a household (people whose
	// listed columns all match, trimmed and case-insensitively); at most
	// one person per household may be on a panel. Empty: no household rule.
	Households []string
	// Progress, if not nil, is called after each iteration.
	Progress func(Progress)
	// Gap is the largest accepted difference between the certified upper
	// bound and the lottery's minimum probability (default 1e-6).
	Gap float64
	// Gamma is the weight of the lowest probability against the highest
	// in the Goldilocks objective (see Goldilocks); 0 means DefaultGamma.
	Gamma float64
	// Runs and Seed control Legacy: the number of runs of the legacy
	// procedure that estimate its lottery (0 means DefaultLegacyRuns) and
	// the seed of its random stream.
	Runs int
	Seed uint64
}

// Arithmetic note: products that are then added are converted explicitly,
// as in float64(a*b) + c, so that no platform fuses them into one rounding
// (arm64 FMA) and results are bit-identical everywhere.

// Tolerances of the maximin computation.
const (
	// DefaultGap is the default optimality gap.
	DefaultGap = 1e-6
	// minGain is how much a new panel must beat the master value by to be
	// added; it keeps column generation from chasing rounding noise.
	minGain = 1e-9
)

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
//     Options.Gap of the lottery's value.
//
// The type-level lottery is then expanded into concrete panels (see
// expand), which keeps every member's probability equal to their type's.
func Maximin(ctx context.Context, pool *Pool, k int, opt Options) (*Lottery, error) {
	in, err := newInstance(ctx, pool, k, opt, "maximin")
	if err != nil {
		return nil, err
	}
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
	if l.Optimum > l.UpperBound+1e-9 || l.UpperBound-l.Optimum > gap+1e-9 {
		return nil, fmt.Errorf("maximin: lottery minimum %.12g and upper bound %.12g disagree beyond the tolerance", l.Optimum, l.UpperBound)
	}
	if l.UpperBound < l.Optimum {
		l.UpperBound = l.Optimum
	}
	l.Stats.Elapsed = time.Since(in.start)
	return l, nil
}

// instance is a pool posed over types for one panel size, with the types
// that can be on no panel found and excluded.
type instance struct {
	pool     *Pool
	k        int
	l        *Lottery // the lottery being built
	tt       *typeTable
	prob     *pricing.Problem
	solver   *pricing.Solver
	size     []float64 // per type: members
	live     []int     // types that can be on a panel, in order
	colOf    []int     // per type: index in live, or -1
	excluded []bool    // per person
	panels   [][]int   // coverage panels
	gap      float64
	start    time.Time
	report   func(phase string, it int, lower, upper float64, panels int)
	progress func(Progress) // Options.Progress, may be nil
}

// newInstance groups the pool into types and finds coverage panels until
// every type that can be on a panel is on one; the others are excluded,
// with the reason, in the lottery it starts.
func newInstance(ctx context.Context, pool *Pool, k int, opt Options, algorithm string) (*instance, error) {
	in := &instance{pool: pool, k: k, start: time.Now(), gap: opt.Gap}
	if err := pool.CheckPanelSize(k); err != nil {
		return nil, err
	}
	if in.gap <= 0 {
		in.gap = DefaultGap
	}
	household, err := pool.householdsOf(opt.Households)
	if err != nil {
		return nil, err
	}
	tt := buildTypes(pool, household)
	prob := pricingProblem(pool, tt, k)
	solver, err := pricing.New(prob)
	if err != nil {
		return nil, err
	}
	in.tt, in.prob, in.solver = tt, prob, solver
	T := len(tt.members)
	size := make([]float64, T)
	for t := range size {
		size[t] = float64(len(tt.members[t]))
	}
	in.size = size
	l := &Lottery{Algorithm: algorithm, K: k}
	in.l = l
	l.Stats.People, l.Stats.Types = len(pool.People), T
	in.progress = opt.Progress
	in.report = func(phase string, it int, lower, upper float64, panels int) {
		if opt.Progress != nil {
			opt.Progress(Progress{Phase: phase, Iteration: it, Lower: lower, Upper: upper, Panels: panels, Elapsed: time.Since(in.start)})
		}
	}

	// Coverage: find panels until every type that can be on a panel is on
	// one; the types left are excluded, with the quotas that rule them out.
	panels, covered, err := cover(ctx, solver, k, size, func(res *pricing.Result, n int) {
		l.Stats.PricingNodes += res.Nodes
		l.Stats.LPIterations += res.Iterations
		if n > 0 {
			in.report("coverage", n, 0, math.Inf(1), n)
		}
	})
	if err != nil {
		return nil, err
	}
	in.panels = panels
	l.Excluded, in.excluded = excludedPeople(pool, tt, covered)
	if len(l.Excluded) > 0 {
		o, err := newOracle(pool, k, household)
		if err != nil {
			return nil, err
		}
		if err := o.explainExclusions(ctx, l.Excluded); err != nil {
			return nil, err
		}
	}
	in.colOf = make([]int, T)
	for t := range in.colOf {
		in.colOf[t] = -1
		if covered[t] {
			in.colOf[t] = len(in.live)
			in.live = append(in.live, t)
		}
	}
	return in, nil
}

// decompose decomposes x (see decompose), counting its work in the
// lottery's statistics and reporting its progress against the bound upper.
func (in *instance) decompose(ctx context.Context, x []float64, upper float64) (*decomposition, error) {
	l := in.l
	done := l.Stats.DecompositionSteps
	d, err := decompose(ctx, in.prob, x, func(step int, rest float64) {
		if in.progress != nil {
			in.progress(Progress{Phase: "decomposition", Iteration: done + step, Upper: upper, Panels: len(in.panels) + done + step,
				Done: 1 - rest, Elapsed: time.Since(in.start)})
		}
	})
	if err != nil {
		return nil, err
	}
	l.Stats.DecompositionSteps += d.steps
	l.Stats.RoundedSteps += d.rounded
	l.Stats.PricingNodes += d.nodes
	l.Stats.LPIterations += d.iterations
	return d, nil
}

// finish sets the lottery's panels from a type-level lottery: it expands
// it into concrete panels and recomputes the marginals and the minimum.
func (in *instance) finish(panels [][]int, lambda []float64) error {
	l, tt := in.l, in.tt
	l.Stats.TypePanels = len(panels)
	l.typeLevel = &typeLottery{types: tt, counts: panels, probability: lambda}
	l.Panels = expand(tt, panels, lambda)
	if !distinctMembers(l.Panels) {
		return fmt.Errorf("%s: expanding the lottery into panels repeated a member", l.Algorithm)
	}
	l.computeMarginals(len(in.pool.People), in.excluded)
	return nil
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
			if !capped[t] && x[t]+float64(s*x[z]) > s+1e-9 {
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

// minPanelProbability is the probability below which a panel found by the
// decomposition is dropped: such slivers come from bounds that were nearly
// binding. Dropping them moves probabilities by about as much, far below
// the gap, and the lottery's minimum is recomputed afterwards.
const minPanelProbability = 1e-12

// mergePanels adds up the probabilities of identical panels, keeping the
// order of first appearance, drops panels of probability at most
// minPanelProbability and scales the probabilities to sum to 1.
func mergePanels(panels [][]int, lambda []float64) ([][]int, []float64) {
	index := map[string]int{}
	var outP [][]int
	var outL []float64
	total := 0.0
	for p, c := range panels {
		if !(lambda[p] > minPanelProbability) {
			continue
		}
		key := fmt.Sprint(c)
		j, ok := index[key]
		if !ok {
			j = len(outP)
			index[key] = j
			outP = append(outP, c)
			outL = append(outL, 0)
		}
		outL[j] += lambda[p]
		total += lambda[p]
	}
	for j := range outL {
		outL[j] /= total
	}
	return outP, outL
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

// pricingProblem poses the pool's quotas over types.
func pricingProblem(p *Pool, tt *typeTable, k int) *pricing.Problem {
	q := p.Quotas
	offset := make([]int, len(q.Categories))
	pr := &pricing.Problem{K: k, Categories: len(q.Categories), Groups: tt.groups}
	for c, cat := range q.Categories {
		offset[c] = len(pr.Lo)
		for _, v := range cat.Values {
			pr.Lo = append(pr.Lo, v.Min)
			pr.Hi = append(pr.Hi, v.Max)
		}
	}
	for t, members := range tt.members {
		pr.Size = append(pr.Size, len(members))
		rows := make([]int, len(tt.values[t]))
		for c, v := range tt.values[t] {
			rows[c] = offset[c] + v
		}
		pr.Rows = append(pr.Rows, rows)
	}
	return pr
}

// cover finds panels (as type counts) until every type that can be on a
// panel meeting the quotas is on one of them, and reports which types are
// covered: the others can be on no such panel. Each search weighs the
// uncovered types by 1/size and stops at the first panel of positive
// weight, so every panel covers a new type. onPanel, if not nil, is called
// after every search with its result and the number of panels found. It
// returns an *InfeasibleError when no panel meets the quotas.
func cover(ctx context.Context, solver *pricing.Solver, k int, size []float64, onPanel func(res *pricing.Result, panels int)) ([][]int, []bool, error) {
	T := len(size)
	var panels [][]int
	covered := make([]bool, T)
	w := make([]float64, T)
	// The point where everyone has the same chance k/n, which the rounding
	// heuristic tries to round first (see below).
	even := make([]float64, T)
	n := 0.0
	for _, s := range size {
		n += s
	}
	for t, s := range size {
		even[t] = float64(k) * s / n
	}
	add := func(c []int) {
		panels = append(panels, append([]int(nil), c...))
		for t, c := range c {
			if c > 0 {
				covered[t] = true
			}
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		for t := range w {
			w[t] = 0
			if !covered[t] {
				w[t] = 1 / size[t]
			}
		}
		// A rounding of the even point that takes the uncovered types it
		// can covers many of them at the cost of no search (on bal_5000:
		// 28 searches of about 0.1 s each otherwise). Only the exact search
		// proves that the types left cannot be covered.
		if len(panels) > 0 && T >= roundMinTypes {
			if c := solver.Round(even, w, math.Inf(-1)); c != nil && pricing.Value(w, c) > pricing.PruneTol {
				add(c)
				if onPanel != nil {
					onPanel(&pricing.Result{Counts: c, Value: pricing.Value(w, c), Rounded: true}, len(panels))
				}
				continue
			}
		}
		res, err := solver.Maximize(ctx, w, pricing.Options{StopAbove: true, Above: 0})
		if errors.Is(err, pricing.ErrInfeasible) && len(panels) == 0 {
			if onPanel != nil && res != nil {
				onPanel(res, 0)
			}
			return nil, nil, &InfeasibleError{Reason: message.New(message.NoPanel, "k", k)}
		}
		if err != nil && !errors.Is(err, pricing.ErrInfeasible) {
			return nil, nil, err
		}
		if res.Counts == nil || res.Value <= pricing.PruneTol {
			if onPanel != nil {
				onPanel(res, 0)
			}
			return panels, covered, nil
		}
		add(res.Counts)
		if onPanel != nil {
			onPanel(res, len(panels))
		}
	}
}

// excludedPeople lists the people of the types that are not covered, in
// pool order, with a plain reason, and marks them.
func excludedPeople(pool *Pool, tt *typeTable, covered []bool) ([]Exclusion, []bool) {
	excluded := make([]bool, len(pool.People))
	for t := range covered {
		if !covered[t] {
			for _, i := range tt.members[t] {
				excluded[i] = true
			}
		}
	}
	var out []Exclusion
	for i, x := range excluded {
		if x {
			t := tt.of[i]
			out = append(out, Exclusion{Person: i,
				Reason: message.New(message.Excluded, "values", describeValues(pool, tt.values[t]))})
		}
	}
	return out, excluded
}
