package sortition

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/tirage/tirage/internal/pricing"
)

// Tolerances of the decomposition.
const (
	// faceTol is how close (in members, relative to the mass left) a count
	// must be to a bound for the bound to be treated as binding.
	faceTol = 1e-9
	// dustTol is an absolute slack (in members) added to faceTol: the
	// relaxation's optimum and the subtractions leave dust of up to about
	// 1e-11 member on counts that are 0 or at a bound, which becomes large
	// relative to a small mass left and would cost a step each (698 steps
	// instead of 80 on bal_1500). Treating it as binding moves probabilities
	// by about dustTol per type, far below the gap.
	dustTol = 1e-10
	// restTol is the mass below which the decomposition stops; what is left
	// is spread over the panels found by renormalising.
	restTol = 1e-9
)

// decomposition is a lottery over type-level panels that realises a point
// of the relaxed quota polytope, or most of it.
type decomposition struct {
	panels [][]int   // type counts
	lambda []float64 // weights, summing to 1 − rest
	rest   float64   // mass not decomposed
	steps  int
	// rounded counts the steps whose panel came from the rounding
	// heuristic; the others came from the exact search.
	rounded int
	// roundFirst is set when the last exact search but the first (which
	// starts cold) took more than roundAfterIterations simplex iterations:
	// the next step rounds first.
	roundFirst bool
	exactOnly  bool // never round
	exact      int  // exact searches run
	// nodes and iterations count the pricing search's work.
	nodes, iterations int
}

// decompose writes x, a point of the relaxed quota polytope of prob (type
// counts with Σx = K and every quota and household constraint met), as a
// convex combination of panels that meet the quotas, when it can.
//
// It is Carathéodory's construction with integer vertices. With r the part
// of x not yet written (mass W, so r/W lies in the polytope), each step
// finds a panel z on the smallest face of the polytope that holds r/W:
// types at 0 stay out, types taken whole stay whole, quota bounds that r/W
// meets exactly are met exactly by z. It then takes the largest λ that
// keeps (r − λz)/(W − λ) in the polytope, so that at least one more bound
// becomes binding, and goes on with r − λz. The panel is found by rounding
// r/W or by the pricing search over the face, weighing each type by its
// share left, r_t/(W·s_t) (see facePanel). Every step binds a new bound, so the number of steps is at
// most the dimension plus one; it ends early when the mass left is below
// restTol, or reports the mass left when a face holds no panel (x need not
// lie in the convex hull of the panels).
//
// On the shared instances the LP relaxation's optimum decomposes entirely,
// which proves that it is the maximin value.
//
// Which faces the steps reach depends on the panels chosen: when a
// decomposition that rounded some panels (see facePanel) stops at a face
// that holds no panel, it is done again with the exact search alone, and
// the one that leaves less is kept.
func decompose(ctx context.Context, prob *pricing.Problem, x []float64, progress func(step int, rest float64)) (*decomposition, error) {
	d, err := decomposeFrom(ctx, prob, x, progress, &decomposition{rest: 1})
	if err != nil || d.rest <= restTol || d.rounded == 0 {
		return d, err
	}
	exact, err := decomposeFrom(ctx, prob, x, progress, &decomposition{rest: 1, exactOnly: true})
	if err != nil {
		return nil, err
	}
	exact.nodes += d.nodes
	exact.iterations += d.iterations
	if exact.rest < d.rest {
		return exact, nil
	}
	d.nodes, d.iterations = exact.nodes, exact.iterations
	return d, nil
}

// decomposeFrom is decompose, once, filling d.
func decomposeFrom(ctx context.Context, prob *pricing.Problem, x []float64, progress func(step int, rest float64), d *decomposition) (*decomposition, error) {
	T, V := len(prob.Size), len(prob.Lo)
	solver, err := pricing.New(prob)
	if err != nil {
		return nil, err
	}
	inGroup := make([]int, T)
	for t := range inGroup {
		inGroup[t] = -1
	}
	for g, ts := range prob.Groups {
		for _, t := range ts {
			inGroup[t] = g
		}
	}
	r := append([]float64(nil), x...)
	size := make([]int, T)
	lo := make([]int, V)
	hi := make([]int, V)
	w := make([]float64, T)
	y := make([]float64, T)      // r/W on the face, 0 off it
	count := make([]float64, V)  // Σ r per quota value
	zcount := make([]float64, V) // per quota value, in z
	groupSum := make([]float64, len(prob.Groups))
	groupLo := make([]int, len(prob.Groups))
	for d.rest > restTol {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		W := d.rest
		// Relative to W; capped so that a tiny W does not make a face of
		// bounds that are far from binding.
		tol := faceTol + min(dustTol/W, 1e-3)
		// The smallest face holding r/W, posed as a smaller pricing problem:
		// types taken whole leave the problem (their members are counted
		// against k and the quotas), types at 0 get size 0, binding quota
		// bounds become equalities.
		k := prob.K
		copy(lo, prob.Lo)
		copy(hi, prob.Hi)
		clear(count)
		clear(groupSum)
		whole := make([]bool, T)
		for t := 0; t < T; t++ {
			s := float64(prob.Size[t])
			for _, v := range prob.Rows[t] {
				count[v] += r[t]
			}
			if g := inGroup[t]; g >= 0 {
				groupSum[g] += r[t]
			}
			p := r[t] / W
			w[t], y[t] = 0, 0
			size[t] = 0
			switch {
			case p <= tol:
			case p >= s-tol:
				whole[t] = true
				k -= prob.Size[t]
				for _, v := range prob.Rows[t] {
					lo[v] -= prob.Size[t]
					hi[v] -= prob.Size[t]
				}
			default:
				size[t] = prob.Size[t]
				w[t] = p / s
				y[t] = p
			}
		}
		// Household groups: a group with a member taken whole has its one
		// member; a binding group needs exactly one on the panel.
		for g, ts := range prob.Groups {
			groupLo[g] = 0
			taken := false
			for _, t := range ts {
				taken = taken || whole[t]
			}
			switch {
			case taken:
				for _, t := range ts {
					size[t] = 0
				}
			case groupSum[g]/W >= 1-tol:
				groupLo[g] = 1
			}
		}
		for v := 0; v < V; v++ {
			c := count[v] / W
			switch {
			case c <= float64(prob.Lo[v])+tol*float64(prob.K):
				hi[v] = lo[v]
			case c >= float64(prob.Hi[v])-tol*float64(prob.K):
				lo[v] = hi[v]
			}
		}
		if k < 0 {
			return d, nil
		}
		if err := solver.SetBounds(k, size, lo, hi, groupLo); err != nil {
			return nil, err
		}
		z, err := d.facePanel(ctx, solver, y, w)
		if err != nil {
			return nil, err
		}
		if z == nil {
			return d, nil // no panel on this face
		}
		for t := range whole {
			if whole[t] {
				z[t] = prob.Size[t]
			}
		}
		if !prob.Feasible(z) {
			return nil, errors.New("decomposition: a panel on the face does not meet the quotas")
		}
		// The longest step that keeps (r − λz)/(W − λ) in the polytope.
		lambda := W
		clear(zcount)
		for t, c := range z {
			zf, s := float64(c), float64(prob.Size[t])
			if zf > 0 {
				lambda = math.Min(lambda, r[t]/zf)
			}
			if zf < s {
				lambda = math.Min(lambda, (float64(s*W)-r[t])/(s-zf))
			}
			for _, v := range prob.Rows[t] {
				zcount[v] += zf
			}
		}
		for v := 0; v < V; v++ {
			l, h := float64(prob.Lo[v]), float64(prob.Hi[v])
			if e := zcount[v] - l; e > 0 {
				lambda = math.Min(lambda, (count[v]-float64(l*W))/e)
			}
			if e := h - zcount[v]; e > 0 {
				lambda = math.Min(lambda, (float64(h*W)-count[v])/e)
			}
		}
		for g, ts := range prob.Groups {
			zg := 0.0
			for _, t := range ts {
				zg += float64(z[t])
			}
			if zg < 1 {
				lambda = math.Min(lambda, (W-groupSum[g])/(1-zg))
			}
		}
		if !(lambda > 0) {
			return d, nil
		}
		for t, c := range z {
			if c > 0 {
				r[t] = math.Max(r[t]-float64(lambda*float64(c)), 0)
			}
		}
		d.rest = W - lambda
		if lambda == W {
			d.rest = 0
		}
		d.panels = append(d.panels, append([]int(nil), z...))
		d.lambda = append(d.lambda, lambda)
		d.steps++
		if progress != nil {
			progress(d.steps, d.rest)
		}
	}
	return d, nil
}

// roundMinTypes is the number of types on a face from which the rounding
// heuristic is tried: on smaller faces the exact search is as fast, and
// it keeps the lotteries of small pools as they were (tests set it to 0).
var roundMinTypes = 64

// roundMaxTypes is the number of types on a face above which the exact
// search is used directly: the swap search's work grows with the square
// of the types. The largest shared pools have 2,398 (wti_xl) and 2,685
// (bal_5000) types; with rounding from their first faces on, their maximin
// takes 5.1 s and 4.8 s of CPU instead of 6.0 s and 4.8 s with a limit of
// 2,000.
const roundMaxTypes = 3000

// roundAfterIterations is the number of simplex iterations of an exact
// search above which the decomposition rounds first at the next step. On
// pools where the exact search is cheap (the wti_* pools: a root solve of
// a few dozen pivots, often integral) its panels, which maximise the share
// left, take longer steps than rounded ones; where every quota binds (the
// bal_* pools) a search takes hundreds of pivots and many nodes.
var roundAfterIterations = 1000 // tests set it to −1

// roundShares are the cut-offs the rounding heuristic tries, as fractions
// of the share left of the k-th most-left type (see facePanel).
var roundShares = [...]float64{0.8, 0.4}

// facePanel finds a panel on the face the solver's bounds pose (y is the
// point r/W on it, w the weights r_t/(W·s_t)), or nil when the face holds
// none. When the last exact search was costly (see roundAfterIterations),
// it first rounds y (pricing.Solver.Round) among the types with the
// most left: the step λ is at most W·y_t/z_t over the panel's types, so a
// panel of types with much left takes a long step (on bal_1500: 54 steps
// instead of 80, 48 of them rounded). Types whose share left y_t/s_t is below
// roundShares[i] times that of the k-th type by share left are left out,
// first at the higher cut-off. When both roundings fail, the exact search
// decides, and only the exact search can report that no panel exists.
// Faces of fewer than roundMinTypes or more than roundMaxTypes types go to
// the exact search directly.
func (d *decomposition) facePanel(ctx context.Context, solver *pricing.Solver, y, w []float64) ([]int, error) {
	k := solver.Problem().K
	size := solver.Problem().Size
	var shares []float64
	for t, n := range size {
		if n > 0 {
			shares = append(shares, w[t])
		}
	}
	if d.roundFirst && !d.exactOnly && len(shares) > 0 && len(shares) >= roundMinTypes && len(shares) <= roundMaxTypes {
		slices.Sort(shares)
		kth := shares[max(len(shares)-k, 0)]
		for _, f := range roundShares {
			if z := solver.Round(y, w, float64(f*kth)); z != nil {
				d.rounded++
				return z, nil
			}
		}
	}
	res, err := solver.Maximize(ctx, w, pricing.Options{StopAbove: true, Above: -1})
	if res != nil {
		d.nodes += res.Nodes
		d.iterations += res.Iterations
		if d.exact++; d.exact > 1 { // the first search starts cold
			d.roundFirst = res.Iterations > roundAfterIterations
		}
	}
	var limit *pricing.NodeLimitError
	switch {
	case errors.Is(err, pricing.ErrInfeasible) || errors.As(err, &limit):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("decomposition: %w", err)
	}
	return res.Counts, nil
}
