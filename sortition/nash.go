package sortition

import (
	"context"
	"fmt"
	"math"
	"time"
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
// Nash returns an error wrapping ErrNotDecomposable.
//
// A Nash lottery has no optimality certificate in Lottery.UpperBound and
// Lottery.Weights (they are 0 and nil); its optimality can be checked
// from its probabilities alone: no panel P has Σ_{i∈P} 1/π_i above the
// number of selectable people (see MaxPanelWeight).
func Nash(ctx context.Context, pool *Pool, k int, opt Options) (*Lottery, error) {
	in, err := newInstance(ctx, pool, k, opt, "nash")
	if err != nil {
		return nil, err
	}
	q := liveRows(in.prob, in.live)
	s := make([]float64, len(in.live))
	for j, t := range in.live {
		s[j] = in.size[t]
	}
	res, err := maximizeLogWelfare(ctx, q, s, func(it int) {
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
	if err := in.decomposeInto(ctx, x, math.Inf(1)); err != nil {
		return nil, err
	}
	in.l.Stats.Elapsed = time.Since(in.start)
	return in.l, nil
}
