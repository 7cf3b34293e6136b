package sortition

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/tirage/tirage/internal/pricing"
)

// Nash computes the lottery of maximum Nash welfare: among lotteries over
// panels meeting the quotas, it maximises Σ_i log π_i, the sum of the
// logarithms of the selection probabilities of the people who can be on
// some panel (equivalently their geometric mean). The Sortition
// Foundation's library offers it as "nash"; Flanigan, Gölz, Gupta, Hennig
// and Procaccia (Nature 596, 2021) discuss it beside maximin and leximin.
// The optimal probabilities are unique, as the objective is strictly
// concave in them.
//
// Like Leximin it works over types and the relaxed quota polytope P, which
// holds every lottery's expected type counts x: it maximises
// Σ_t s_t log(x_t/s_t) over P (types that can be on no panel at 0) by a
// primal-dual interior-point method, then writes the optimal x as a
// combination of panels (see decompose). As P contains every lottery's
// counts, such a combination is optimal among all lotteries. The point is
// certified by Lagrangian duality: its duality gap is at most nashGapTol
// (1e-10) per selectable person, and it meets the polytope's rows to
// within nashFeasTol (1e-10 members). When the point does not decompose,
// the lottery is computed over panels by column generation instead (see
// nashByColumnGeneration), to within nashPriceTol (1e-9) per person.
//
// A Nash lottery has no optimality certificate in Lottery.UpperBound and
// Lottery.Weights (they are 0 and nil); its optimality can be checked
// from its probabilities alone: no panel P has Σ_{i∈P} 1/π_i above the
// number of selectable people (see MaxPanelWeight).
func Nash(ctx context.Context, p *Problem, opt Options) (*Lottery, error) {
	k := p.k
	in, err := newInstance(ctx, p, opt, "nash")
	if err != nil {
		return nil, err
	}
	q := liveRows(in.prob, in.live)
	s := make([]float64, len(in.live))
	for j, t := range in.live {
		s[j] = in.size[t]
	}
	// Start from everyone at the fair share (Σx = k).
	total := 0.0
	for _, v := range s {
		total += v
	}
	theta := math.Min(math.Max(float64(k)/total, 0.01), 0.99)
	start := make([]float64, len(s))
	for j := range start {
		start[j] = theta * s[j]
	}
	res, err := maximizeLogWelfare(ctx, q, s, s, start, func(it int) {
		in.report("interior point", it, 0, math.Inf(1), len(in.panels))
	})
	if err != nil {
		return nil, fmt.Errorf("nash: %w", err)
	}
	in.l.Stats.Iterations = res.iterations
	x := make([]float64, len(in.size))
	for j, t := range in.live {
		x[t] = res.x[j]
	}
	d, err := in.decompose(ctx, x, math.Inf(1))
	if err != nil {
		return nil, err
	}
	panels, lambda := d.panels, d.lambda
	if d.rest > restTol {
		// The relaxed point is not a combination of panels: the lottery
		// over panels by column generation, from every panel found so far.
		panels, lambda, err = in.nashByColumnGeneration(ctx, append(append([][]int(nil), in.panels...), d.panels...))
		if err != nil {
			return nil, fmt.Errorf("nash: %w", err)
		}
	}
	panels, lambda = mergePanels(panels, lambda)
	if err := in.finish(panels, lambda); err != nil {
		return nil, err
	}
	in.l.Stats.Elapsed = time.Since(in.start)
	return in.l, nil
}

// Column generation for Nash welfare.
const (
	// nashPriceTol is how far above 1 a panel's weight must be to join
	// the master (see nashByColumnGeneration); it bounds the gap of the
	// lottery found per selectable person.
	nashPriceTol = 1e-9
	// nashMaxPanels bounds the panels of the column generation.
	nashMaxPanels = 5000
)

// nashByColumnGeneration computes the Nash welfare lottery over panels by
// column generation, starting from the given panels (which must hold every
// live type). It is used when the relaxed optimum is not a combination of
// panels.
//
// Over the known panels P (type counts c_P) the master is the dual of
// Nash welfare: maximise Σ_t s_t log w_t subject to c_P·w ≤ 1 for every
// known panel, solved by the interior-point method of maximizeLogWelfare
// (its rows are the panels). Its multipliers y_P, divided by their sum,
// are the Nash lottery over the known panels, and w_t = s_t/(n x_t) with
// x the lottery's expected counts and n the number of selectable people.
// A panel of weight c_P·w above 1 improves the master; the exact pricing
// search adds such panels until none is above 1 + nashPriceTol. Then no
// panel has Σ_{i∈P} 1/π_i above n(1 + nashPriceTol), which bounds the
// lottery's gap in Σ log π by nashPriceTol per person; that is checked on
// the lottery's own probabilities at the end.
func (in *instance) nashByColumnGeneration(ctx context.Context, panels [][]int) ([][]int, []float64, error) {
	l, live, size := in.l, in.live, in.size
	n := len(live)
	s := make([]float64, n)
	people := 0.0
	for j, t := range live {
		s[j] = size[t]
		people += size[t]
	}
	seen := map[string]bool{}
	var known [][]int
	add := func(p []int) {
		if key := fmt.Sprint(p); !seen[key] {
			seen[key] = true
			known = append(known, p)
		}
	}
	for _, p := range panels {
		add(p)
	}
	// The rows imply w_t ≤ 1 (every live type is on a known panel), so
	// the bound 2 never binds; w_t = 1/(2k) starts every row at 1/2.
	ub := make([]float64, n)
	start := make([]float64, n)
	for j := range ub {
		ub[j], start[j] = 2, 0.5/float64(in.k)
	}
	w := make([]float64, len(size))
	var lambda []float64
	for it := 1; ; it++ {
		q := newQuotaRows(n)
		for _, p := range known {
			var types []int
			var coef []float64
			for j, t := range live {
				if p[t] > 0 {
					types = append(types, j)
					coef = append(coef, float64(p[t]))
				}
			}
			q.addRow(math.Inf(-1), 1, types, coef, -1)
		}
		res, err := maximizeLogWelfare(ctx, q, s, ub, start, nil)
		if err != nil {
			return nil, nil, fmt.Errorf("master: %w", err)
		}
		lambda = make([]float64, len(known))
		total := 0.0
		for p := range lambda {
			lambda[p] = math.Max(res.y[p], 0)
			total += lambda[p]
		}
		if !(total > 0) {
			return nil, nil, fmt.Errorf("master: no multiplier")
		}
		for p := range lambda {
			lambda[p] /= total
		}
		for j, t := range live {
			w[t] = res.x[j]
		}
		in.report("nash column generation", it, 0, math.Inf(1), len(known))
		r, err := in.solver.Maximize(ctx, w, pricing.Options{StopAbove: true, Above: 1 + nashPriceTol})
		if r != nil {
			l.Stats.PricingNodes += r.Nodes
			l.Stats.LPIterations += r.Iterations
		}
		if err != nil {
			return nil, nil, fmt.Errorf("pricing: %w", err)
		}
		if r.Counts == nil || r.Value <= 1+nashPriceTol || seen[fmt.Sprint(r.Counts)] {
			break // no panel improves the master
		}
		if len(known) == nashMaxPanels {
			return nil, nil, fmt.Errorf("column generation: no optimum within %d panels", nashMaxPanels)
		}
		add(append([]int(nil), r.Counts...))
		l.Stats.Iterations++
	}

	// The check, on the lottery's own probabilities: no panel has
	// Σ_{i∈P} 1/π_i above n(1 + tolerance).
	x := make([]float64, len(size))
	for p, c := range known {
		for t, m := range c {
			if m > 0 {
				x[t] += float64(lambda[p] * float64(m))
			}
		}
	}
	clear(w)
	for _, t := range live {
		if !(x[t] > 0) {
			return nil, nil, fmt.Errorf("column generation: a selectable type has probability 0")
		}
		w[t] = size[t] / x[t]
	}
	r, err := in.solver.Maximize(ctx, w, pricing.Options{})
	if r != nil {
		l.Stats.PricingNodes += r.Nodes
		l.Stats.LPIterations += r.Iterations
	}
	if err != nil {
		return nil, nil, fmt.Errorf("pricing: %w", err)
	}
	if r.Value > float64(people*(1+10*nashPriceTol)) {
		return nil, nil, fmt.Errorf("column generation: a panel has Σ 1/π = %.12g above %g", r.Value, people)
	}
	return known, lambda, nil
}
