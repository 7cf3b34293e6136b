package sortition

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/tirage/tirage/internal/pricing"
	"github.com/tirage/tirage/message"
)

// The engine every objective shares: the pool posed over types for one
// panel size (instance), the coverage search that finds who can be on a
// panel (cover), the decomposition of a point of the relaxed quota
// polytope into panels (instance.decompose, see decompose.go) and the
// expansion of the type-level lottery into concrete panels
// (instance.finish, see expand.go). Each objective computes its point, or
// its lottery over panels, from an instance; the relaxations they share
// are posed in polytope.go.
//
// Arithmetic note: products that are then added are converted explicitly,
// as in float64(a*b) + c, so that no platform fuses them into one rounding
// (arm64 FMA) and results are bit-identical everywhere.

// Tolerances of the engine.
const (
	// boundSlack is the rounding a lottery's minimum may show above the
	// certified upper bound, or beyond the gap below it, before the two are
	// said to disagree.
	boundSlack = 1e-9
	// capSlack is how far an LP optimum may break a row it was solved
	// without (x_t ≤ s_t, v_t ≤ 1) before the row is added and the LP solved
	// again.
	capSlack = 1e-9
	// minPanelProbability is the probability below which a panel found by
	// the decomposition is dropped: such slivers come from bounds that were
	// nearly binding. Dropping them moves probabilities by about as much,
	// far below the gap, and the lottery's minimum is recomputed afterwards.
	minPanelProbability = 1e-12
)

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
	gap      float64   // the accepted gap: DefaultGap, or the objective's own option
	start    time.Time
	report   func(phase string, it int, lower, upper float64, panels int)
	progress func(Progress) // Options.Progress, may be nil
}

// newInstance groups the pool into types and finds coverage panels until
// every type that can be on a panel is on one; the others are excluded,
// with the reason, in the lottery it starts.
func newInstance(ctx context.Context, p *Problem, opt Options, algorithm string) (*instance, error) {
	pool, k, household := p.pool, p.k, p.household
	in := &instance{pool: pool, k: k, start: time.Now(), gap: DefaultGap}
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
		o, err := newOracle(p)
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
