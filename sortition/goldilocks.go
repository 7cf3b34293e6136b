package sortition

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/tirage/tirage/internal/lp"
	"github.com/tirage/tirage/internal/pricing"
)

// DefaultGamma is the default Goldilocks weight γ: Goldilocks₁, the
// objective Baharav and Flanigan study and recommend.
const DefaultGamma = 1

// GoldilocksOptions are the settings of Goldilocks.
type GoldilocksOptions struct {
	Options
	// Gamma is the weight γ of the lowest probability against the highest
	// (see Goldilocks); 0 means DefaultGamma.
	Gamma float64
}

// goldilocksMaxIterations bounds the parametric LPs of the search along
// the frontier.
const goldilocksMaxIterations = 200

// Goldilocks computes the Goldilocks lottery of Baharav and Flanigan
// ("Fair, Manipulation-Robust, and Transparent Sortition", 2024): among
// lotteries over panels meeting the quotas, it minimises
//
//	(n/k)·max_i π_i + γ·(k/n)/min_i π_i
//
// over the n people who can be on some panel (γ =
// GoldilocksOptions.Gamma, default 1): it keeps every probability close
// to the fair share k/n from below, as maximin does, and from above, so
// that no one — and no group misreporting its features — gains much. Everyone at exactly k/n scores
// 1 + γ, the least possible.
//
// It works over types and the relaxed quota polytope P, like Leximin. The
// pairs (L, U) = (min, max) of the points of P form a polygon whose lower
// frontier U = f(L) is convex and piecewise linear on [L_A, z*], z* being
// the maximin value; the objective c·f(L) + γ/(c·L), with c = n/k, is
// convex along it. Its vertices are the optima of the LPs
// min c·U − λ·L over P: the search starts from the two ends (the
// smallest U, then the largest L) and repeatedly solves that LP with λ
// the slope of the chord between two vertices known to bracket the
// optimum, which either proves the chord an edge of the frontier or finds
// a vertex below it; the vertex replaces the end on its side of the
// optimum, decided by the sign of the objective's subgradient there. On
// the final edge the optimum is in closed form, L = √(γ/b)/c for slope
// b, and the point is the matching combination of the edge's two LP
// vertices. The result is exact up to the LP tolerances (1e-9). The point
// is then decomposed into panels. When it does not decompose, the same
// search runs over lotteries instead of the relaxed polytope, each LP
// solved by column generation over panels (see panelFrontier), and the
// lottery is the combination of the final edge's two vertex lotteries.
//
// A Goldilocks lottery has no optimality certificate in Lottery.UpperBound
// and Lottery.Weights (0 and nil).
func Goldilocks(ctx context.Context, p *Problem, opt GoldilocksOptions) (*Lottery, error) {
	gamma := opt.Gamma
	if gamma == 0 {
		gamma = DefaultGamma
	}
	if !(gamma > 0) || math.IsInf(gamma, 0) {
		return nil, fmt.Errorf("goldilocks: γ must be a positive number, not %v", gamma)
	}
	in, err := newInstance(ctx, p, opt.Options, "goldilocks")
	if err != nil {
		return nil, err
	}
	v, err := in.goldilocksPoint(ctx, gamma, newRelaxedFrontier(in))
	if err != nil {
		return nil, fmt.Errorf("goldilocks: %w", err)
	}
	x := make([]float64, len(in.size))
	for _, t := range in.live {
		x[t] = math.Min(math.Max(v[t], 0), 1) * in.size[t]
	}
	d, err := in.decompose(ctx, x, math.Inf(1))
	if err != nil {
		return nil, err
	}
	panels, lambda := d.panels, d.lambda
	if d.rest > restTol {
		// The relaxed point is not a combination of panels: the search
		// over lotteries, by column generation from every panel found.
		f := newPanelFrontier(in, append(append([][]int(nil), in.panels...), d.panels...))
		if lambda, err = in.goldilocksPoint(ctx, gamma, f); err != nil {
			return nil, fmt.Errorf("goldilocks: %w", err)
		}
		// The vertices' lotteries may predate the last panels found.
		panels = f.known
		lambda = append(lambda, make([]float64, len(panels)-len(lambda))...)
		for p := range lambda {
			lambda[p] = math.Max(lambda[p], 0)
		}
	}
	panels, lambda = mergePanels(panels, lambda)
	if err := in.finish(panels, lambda); err != nil {
		return nil, err
	}
	in.l.Stats.Elapsed = time.Since(in.start)
	return in.l, nil
}

// frontierVertex is an optimal vertex of an LP over a set of points (the
// relaxed polytope, or lotteries): the bounds L ≤ π_t ≤ U on the live
// types' probabilities and the point itself.
type frontierVertex struct {
	L, U  float64
	point []float64 // per type: probability; or per known panel: probability
}

// frontierLP solves, over a set of points, min costL·L + costU·U subject
// to L ≤ π_t ≤ U for every live type and the bounds set on L and U.
type frontierLP interface {
	setBounds(lLo, lUp, uLo, uUp float64)
	solve(ctx context.Context, costL, costU float64) (*frontierVertex, float64, error)
}

// goldilocksPoint returns the point that minimises c·max + γ/(c·min) over
// the live types, c = n/k, among the points of f (see Goldilocks).
func (in *instance) goldilocksPoint(ctx context.Context, gamma float64, f frontierLP) ([]float64, error) {
	nLive := 0.0
	for _, t := range in.live {
		nLive += in.size[t]
	}
	c := nLive / float64(in.k)
	objective := func(L, U float64) float64 { return float64(c*U) + gamma/float64(c*L) }

	// The ends of the frontier: the largest L among the points of least U,
	// and the least U among the points of largest L.
	least, _, err := f.solve(ctx, 0, 1)
	if err != nil {
		return nil, err
	}
	f.setBounds(0, 1, 0, least.U)
	a, _, err := f.solve(ctx, -1, 0)
	if err != nil {
		return nil, err
	}
	f.setBounds(0, 1, 0, 1)
	largest, _, err := f.solve(ctx, -1, 0)
	if err != nil {
		return nil, err
	}
	f.setBounds(largest.L, 1, 0, 1)
	b, _, err := f.solve(ctx, 0, 1)
	if err != nil {
		return nil, err
	}
	f.setBounds(0, 1, 0, 1)

	// a and b bracket the optimum along the frontier.
	for it := 0; it < goldilocksMaxIterations && b.L-a.L > 1e-12; it++ {
		slope := (b.U - a.U) / (b.L - a.L)
		lambda := float64(c * slope)
		chord := float64(c*a.U) - float64(lambda*a.L)
		mid, value, err := f.solve(ctx, -lambda, c)
		if err != nil {
			return nil, err
		}
		if value >= chord-float64(1e-9*(c+lambda)) {
			// The chord is an edge of the frontier: the optimum is on it.
			L := b.L
			if slope > 0 {
				L = math.Min(math.Max(math.Sqrt(gamma/slope)/c, a.L), b.L)
			}
			theta := (L - a.L) / (b.L - a.L)
			point := make([]float64, max(len(a.point), len(b.point)))
			for i := range point {
				var pa, pb float64
				if i < len(a.point) {
					pa = a.point[i]
				}
				if i < len(b.point) {
					pb = b.point[i]
				}
				point[i] = float64((1-theta)*pa) + float64(theta*pb)
			}
			return point, nil
		}
		// A vertex below the chord: it replaces the end on its side of the
		// optimum. λ/c is a subgradient of the frontier at mid.L, so
		// λ − γ/(c·L²) is one of the objective.
		if mid.L <= 0 || lambda < gamma/float64(c*mid.L*mid.L) {
			a = mid
		} else {
			b = mid
		}
	}
	if b.L-a.L > 1e-12 {
		return nil, fmt.Errorf("the search along the frontier did not end in %d LPs", goldilocksMaxIterations)
	}
	// Coinciding ends: the better one.
	if objective(a.L, a.U) < objective(b.L, b.U) {
		return a.point, nil
	}
	return b.point, nil
}

// relaxedFrontier is the frontier LP over the relaxed quota polytope, in
// the types' probabilities (see probabilityModel).
type relaxedFrontier struct {
	in     *instance
	m      *lp.Model
	lc, uc int
	sol    []float64
}

func newRelaxedFrontier(in *instance) *relaxedFrontier {
	m := probabilityModel(in.prob, in.size, in.colOf)
	f := &relaxedFrontier{in: in, m: m, lc: m.AddCol(0, 0, 1), uc: m.AddCol(0, 0, 1)}
	for _, t := range in.live {
		m.AddRow([]int{t, f.lc}, []float64{1, -1}, 0, math.Inf(1))
		m.AddRow([]int{f.uc, t}, []float64{1, -1}, 0, math.Inf(1))
	}
	return f
}

func (f *relaxedFrontier) setBounds(lLo, lUp, uLo, uUp float64) {
	f.m.SetColBounds(f.lc, lLo, lUp)
	f.m.SetColBounds(f.uc, uLo, uUp)
}

func (f *relaxedFrontier) solve(ctx context.Context, costL, costU float64) (*frontierVertex, float64, error) {
	l := f.in.l
	f.m.SetCost(f.lc, costL)
	f.m.SetCost(f.uc, costU)
	status, err := f.m.Solve(ctx)
	l.Stats.LPIterations += f.m.Iterations()
	l.Stats.Iterations++
	if err != nil {
		return nil, 0, err
	}
	if status != lp.Optimal {
		return nil, 0, fmt.Errorf("LP status %v", status)
	}
	f.sol = f.m.X(f.sol)
	f.in.report("goldilocks", l.Stats.Iterations, f.sol[f.lc], math.Inf(1), len(f.in.panels))
	T := len(f.in.size)
	return &frontierVertex{L: f.sol[f.lc], U: f.sol[f.uc], point: append([]float64(nil), f.sol[:T]...)}, f.m.Objective(), nil
}

// panelFrontier is the frontier LP over lotteries, by column generation:
// the master LP over the known panels has columns L, U and λ_P, rows
// Σ_P λ_P c_Pt/s_t − L ≥ 0 and U − Σ_P λ_P c_Pt/s_t ≥ 0 for every live
// type t and Σλ = 1. With duals α_t, β_t ≥ 0 on the type rows and θ on
// the last, a panel improves the master when Σ_t c_Pt (α_t − β_t)/s_t >
// −θ; the exact pricing search adds such panels until none exists.
type panelFrontier struct {
	in              *instance
	m               *lp.Model
	lc, uc          int
	low, high, conv int // first rows
	known           [][]int
	seen            map[string]bool
	w, sol, duals   []float64
}

func newPanelFrontier(in *instance, panels [][]int) *panelFrontier {
	m := lp.NewModel()
	f := &panelFrontier{in: in, m: m, lc: m.AddCol(0, 0, 1), uc: m.AddCol(0, 0, 1), seen: map[string]bool{}, w: make([]float64, len(in.size))}
	f.low = m.NumRows()
	for range in.live {
		m.AddRow([]int{f.lc}, []float64{-1}, 0, math.Inf(1))
	}
	f.high = m.NumRows()
	for range in.live {
		m.AddRow([]int{f.uc}, []float64{1}, 0, math.Inf(1))
	}
	f.conv = m.AddRow(nil, nil, 1, 1)
	for _, p := range panels {
		f.add(p)
	}
	return f
}

// add adds a panel to the master, unless it is known.
func (f *panelFrontier) add(p []int) bool {
	key := fmt.Sprint(p)
	if f.seen[key] {
		return false
	}
	f.seen[key] = true
	f.known = append(f.known, p)
	var idx []int
	var val []float64
	for i, t := range f.in.live {
		if p[t] > 0 {
			v := float64(p[t]) / f.in.size[t]
			idx = append(idx, f.low+i, f.high+i)
			val = append(val, v, -v)
		}
	}
	idx = append(idx, f.conv)
	val = append(val, 1)
	f.m.AddColCoefs(0, 0, math.Inf(1), idx, val)
	return true
}

func (f *panelFrontier) setBounds(lLo, lUp, uLo, uUp float64) {
	f.m.SetColBounds(f.lc, lLo, lUp)
	f.m.SetColBounds(f.uc, uLo, uUp)
}

func (f *panelFrontier) solve(ctx context.Context, costL, costU float64) (*frontierVertex, float64, error) {
	in, l := f.in, f.in.l
	f.m.SetCost(f.lc, costL)
	f.m.SetCost(f.uc, costU)
	l.Stats.Iterations++
	for it := 1; ; it++ {
		status, err := f.m.Solve(ctx)
		l.Stats.LPIterations += f.m.Iterations()
		if err != nil {
			return nil, 0, fmt.Errorf("master LP: %w", err)
		}
		if status != lp.Optimal {
			return nil, 0, fmt.Errorf("master LP: status %v", status)
		}
		f.sol, f.duals = f.m.X(f.sol), f.m.RowDuals(f.duals)
		in.report("goldilocks column generation", it, f.sol[f.lc], math.Inf(1), len(f.known))
		clear(f.w)
		for i, t := range in.live {
			f.w[t] = (f.duals[f.low+i] - f.duals[f.high+i]) / in.size[t]
		}
		above := -f.duals[f.conv] + 1e-9
		r, err := in.solver.Maximize(ctx, f.w, pricing.Options{StopAbove: true, Above: above})
		if r != nil {
			l.Stats.PricingNodes += r.Nodes
			l.Stats.LPIterations += r.Iterations
		}
		if err != nil {
			return nil, 0, fmt.Errorf("pricing: %w", err)
		}
		if r.Counts == nil || r.Value <= above+pricing.PruneTol || !f.add(append([]int(nil), r.Counts...)) {
			break // no panel improves the master
		}
	}
	return &frontierVertex{L: f.sol[f.lc], U: f.sol[f.uc], point: append([]float64(nil), f.sol[2:]...)}, f.m.Objective(), nil
}
