package sortition

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/tirage/tirage/internal/lp"
)

// DefaultGamma is the default Goldilocks weight γ: Goldilocks₁, the
// objective Baharav and Flanigan study and recommend.
const DefaultGamma = 1

// goldilocksMaxIterations bounds the parametric LPs of the search along
// the frontier.
const goldilocksMaxIterations = 200

// Goldilocks computes the Goldilocks lottery of Baharav and Flanigan
// ("Fair, Manipulation-Robust, and Transparent Sortition", 2024): among
// lotteries over panels meeting the quotas, it minimises
//
//	(n/k)·max_i π_i + γ·(k/n)/min_i π_i
//
// over the n people who can be on some panel (γ = Options.Gamma, default
// 1): it keeps every probability close to the fair share k/n from below,
// as maximin does, and from above, so that no one — and no group
// misreporting its features — gains much. Everyone at exactly k/n scores
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
// is then decomposed into panels; when it does not decompose, Goldilocks
// returns an error wrapping ErrNotDecomposable.
//
// A Goldilocks lottery has no optimality certificate in Lottery.UpperBound
// and Lottery.Weights (0 and nil).
func Goldilocks(ctx context.Context, pool *Pool, k int, opt Options) (*Lottery, error) {
	gamma := opt.Gamma
	if gamma == 0 {
		gamma = DefaultGamma
	}
	if !(gamma > 0) || math.IsInf(gamma, 0) {
		return nil, fmt.Errorf("goldilocks: γ must be a positive number, not %v", gamma)
	}
	in, err := newInstance(ctx, pool, k, opt, "goldilocks")
	if err != nil {
		return nil, err
	}
	v, err := goldilocksPoint(ctx, in, gamma)
	if err != nil {
		return nil, fmt.Errorf("goldilocks: %w", err)
	}
	x := make([]float64, len(in.size))
	for _, t := range in.live {
		x[t] = math.Min(math.Max(v[t], 0), 1) * in.size[t]
	}
	if err := in.decomposeInto(ctx, x, math.Inf(1)); err != nil {
		return nil, err
	}
	in.l.Stats.Elapsed = time.Since(in.start)
	return in.l, nil
}

// frontierVertex is an optimal vertex of an LP over the relaxed polytope:
// the lowest and highest probability bounds L ≤ v_t ≤ U and the point v.
type frontierVertex struct {
	L, U float64
	v    []float64 // per type: probability
}

// goldilocksPoint returns the probabilities per type of the point of the
// relaxed quota polytope that minimises c·max + γ/(c·min) over the live
// types, c = n/k (see Goldilocks).
func goldilocksPoint(ctx context.Context, in *instance, gamma float64) ([]float64, error) {
	T := len(in.size)
	nLive := 0.0
	for _, t := range in.live {
		nLive += in.size[t]
	}
	c := nLive / float64(in.k)
	objective := func(L, U float64) float64 { return float64(c*U) + gamma/float64(c*L) }

	m := probabilityModel(in.prob, in.size, in.colOf)
	lc := m.AddCol(0, 0, 1)
	uc := m.AddCol(0, 0, 1)
	for _, t := range in.live {
		m.AddRow([]int{t, lc}, []float64{1, -1}, 0, math.Inf(1))
		m.AddRow([]int{uc, t}, []float64{1, -1}, 0, math.Inf(1))
	}
	l := in.l
	var sol []float64
	solve := func(costL, costU float64) (*frontierVertex, float64, error) {
		m.SetCost(lc, costL)
		m.SetCost(uc, costU)
		status, err := m.Solve(ctx)
		l.Stats.LPIterations += m.Iterations()
		l.Stats.Iterations++
		if err != nil {
			return nil, 0, err
		}
		if status != lp.Optimal {
			return nil, 0, fmt.Errorf("LP status %v", status)
		}
		sol = m.X(sol)
		in.report("goldilocks", l.Stats.Iterations, sol[lc], math.Inf(1), len(in.panels))
		return &frontierVertex{L: sol[lc], U: sol[uc], v: append([]float64(nil), sol[:T]...)}, m.Objective(), nil
	}
	// The ends of the frontier: the largest L among the points of least U,
	// and the least U among the points of largest L.
	least, _, err := solve(0, 1)
	if err != nil {
		return nil, err
	}
	m.SetColBounds(uc, 0, least.U)
	a, _, err := solve(-1, 0)
	if err != nil {
		return nil, err
	}
	m.SetColBounds(uc, 0, 1)
	largest, _, err := solve(-1, 0)
	if err != nil {
		return nil, err
	}
	m.SetColBounds(lc, largest.L, 1)
	b, _, err := solve(0, 1)
	if err != nil {
		return nil, err
	}
	m.SetColBounds(lc, 0, 1)

	// a and b bracket the optimum along the frontier.
	for it := 0; it < goldilocksMaxIterations && b.L-a.L > 1e-12; it++ {
		slope := (b.U - a.U) / (b.L - a.L)
		lambda := float64(c * slope)
		chord := float64(c*a.U) - float64(lambda*a.L)
		mid, value, err := solve(-lambda, c)
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
			v := make([]float64, T)
			for t := range v {
				v[t] = float64((1-theta)*a.v[t]) + float64(theta*b.v[t])
			}
			return v, nil
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
		return a.v, nil
	}
	return b.v, nil
}
