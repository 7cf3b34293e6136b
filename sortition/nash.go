package sortition

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"
)

// Tolerances of the Nash welfare computation.
const (
	// nashGapTol bounds the certified duality gap of the Nash point, per
	// selectable person: the point's Σ log π is within nashGapTol·n of the
	// largest over the relaxed quota polytope, that is, its geometric mean
	// probability is within a factor exp(nashGapTol) of the best.
	nashGapTol = 1e-10
	// nashFeasTol bounds the point's violation of the polytope's rows, in
	// members.
	nashFeasTol = 1e-10
	// nashCompTol is the complementarity (per pair of bound and
	// multiplier) at which the interior-point method stops once the point
	// is within the tolerances above.
	nashCompTol = 1e-20
	// nashMaxIterations bounds the interior-point iterations.
	nashMaxIterations = 300
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

// logWelfare is the point of the relaxed quota polytope that maximises
// Σ_j s_j log(x_j/s_j), with its certificate.
type logWelfare struct {
	x          []float64 // per live type: the count
	value      float64   // Σ_j s_j log(x_j/s_j)
	bound      float64   // a proven upper bound on the value over the polytope
	iterations int
}

// maximizeLogWelfare maximises f(x) = Σ_j s_j log(x_j/s_j) over the
// polytope q (0 ≤ x_j ≤ s_j and the rows of q) by a primal-dual
// interior-point method with Mehrotra's predictor-corrector. Each row r
// gets a variable w_r = a_r·x within [lo_r, hi_r] (or fixed when
// lo_r = hi_r); the Newton systems reduce to the rows' normal equations
// (as many as rows, a few dozen), solved by Cholesky.
//
// Its result is certified by Lagrangian duality: for any multipliers y of
// the rows, f(x) ≤ Σ_j max_{0<ξ≤s_j} (s_j log(ξ/s_j) − (Aᵀy)_j ξ) +
// Σ_r max_{w∈[lo_r,hi_r]} y_r w on the polytope, a bound computed in
// closed form from the method's y. It stops when that bound is within
// nashGapTol·Σs of f(x) and the rows hold to within nashFeasTol, and
// fails otherwise.
func maximizeLogWelfare(ctx context.Context, q *quotaRows, s []float64, progress func(it int)) (*logWelfare, error) {
	n, m := len(s), len(q.lo)
	total := 0.0
	for _, v := range s {
		total += v
	}
	if n == 0 {
		return nil, errors.New("no selectable type")
	}
	k := q.hi[0]
	eq := make([]bool, m)
	hasLo := make([]bool, m)
	for r := range eq {
		eq[r] = q.lo[r] == q.hi[r]
		hasLo[r] = !eq[r] && !math.IsInf(q.lo[r], -1)
	}

	// Starting point: everyone at the fair share (Σx = k), rows' w inside
	// their bounds, duals that make the x residual vanish.
	theta := math.Min(math.Max(k/total, 0.01), 0.99)
	x := make([]float64, n)
	z := make([]float64, n) // multiplier of x ≤ s
	u := make([]float64, n) // s − x, kept apart for precision near s
	for j := range x {
		x[j] = theta * s[j]
		u[j] = s[j] - x[j]
		z[j] = 1 / theta
	}
	w := make([]float64, m)
	y := make([]float64, m)
	piHi := make([]float64, m) // multiplier of w ≤ hi
	piLo := make([]float64, m) // multiplier of w ≥ lo
	ax := make([]float64, m)
	qs := make([]float64, m) // hi − w, kept apart for precision near hi
	ps := make([]float64, m) // w − lo, likewise
	rowSums(q, x, ax)
	for r := range w {
		if eq[r] {
			w[r] = q.lo[r]
			continue
		}
		lo := q.lo[r]
		if !hasLo[r] {
			lo = q.hi[r] - math.Max(1, math.Abs(q.hi[r]))
		}
		d := 0.25 * (q.hi[r] - lo)
		w[r] = math.Min(math.Max(ax[r], lo+d), q.hi[r]-d)
		qs[r] = q.hi[r] - w[r]
		piHi[r] = 1
		if hasLo[r] {
			ps[r] = w[r] - q.lo[r]
			piLo[r] = 1
		}
	}

	// Work space.
	c := make([]float64, n)
	rx := make([]float64, n)
	hx := make([]float64, n)
	rw := make([]float64, m)
	rp := make([]float64, m)
	hw := make([]float64, m)
	chol := newCholesky(m)
	aff := newNewtonStep(n, m)
	step := newNewtonStep(n, m)
	tzu := make([]float64, n)
	thq := make([]float64, m)
	tlp := make([]float64, m)

	pairs := float64(n)
	for r := range eq {
		if !eq[r] {
			pairs++
			if hasLo[r] {
				pairs++
			}
		}
	}
	var best *logWelfare
	bestMu := math.Inf(1)
	for it := 1; it <= nashMaxIterations; it++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if progress != nil {
			progress(it)
		}
		// Residuals and complementarity.
		rowSums(q, x, ax)
		transposeSums(q, y, c)
		comp := 0.0
		for j := range x {
			rx[j] = float64(-s[j]/x[j]) + c[j] + z[j]
			comp += float64(z[j] * u[j])
		}
		pinf := 0.0
		for r := range w {
			if eq[r] {
				rp[r] = ax[r] - q.lo[r]
				rw[r] = 0
			} else {
				rp[r] = ax[r] - w[r]
				rw[r] = -y[r] + piHi[r] - piLo[r]
				comp += float64(piHi[r] * qs[r])
				if hasLo[r] {
					comp += float64(piLo[r] * ps[r])
				}
			}
			pinf = math.Max(pinf, math.Abs(rp[r]))
		}
		mu := comp / pairs

		if !(mu >= 0) || math.IsInf(mu, 0) || !(pinf >= 0) {
			break // numerical breakdown: keep the best point so far
		}

		// Certificate: the value of x and the dual bound of y. A point
		// within the tolerances is kept; the method goes on until the
		// complementarity is below nashCompTol, which pins the point down
		// even where the optimum is degenerate.
		if pinf <= nashFeasTol {
			value, bound := logWelfareValue(x, s), logWelfareBound(q, s, y, c, eq)
			if bound-value <= float64(nashGapTol*total) && (best == nil || mu <= bestMu) {
				best = &logWelfare{x: append(best.reuse(), x...), value: value, bound: bound, iterations: it}
				bestMu = mu
				if mu <= nashCompTol {
					break
				}
			}
		}

		// The normal equations M Δy = rhs, M = A H_x⁻¹ Aᵀ + H_w⁻¹.
		for j := range x {
			hx[j] = s[j]/float64(x[j]*x[j]) + z[j]/u[j]
		}
		for r := range w {
			hw[r] = 0
			if !eq[r] {
				hw[r] = piHi[r] / qs[r]
				if hasLo[r] {
					hw[r] += piLo[r] / ps[r]
				}
			}
		}
		chol.reset()
		for j := range x {
			d := 1 / hx[j]
			rows := q.typeRows[j]
			for a, r := range rows {
				for _, r2 := range rows[:a+1] {
					chol.a[r*m+r2] += d
				}
			}
		}
		for r := range w {
			if !eq[r] {
				chol.a[r*m+r] += 1 / hw[r]
			}
		}
		chol.factor()

		// Predictor: the affine-scaling direction (complementarity 0).
		clear(tzu)
		clear(thq)
		clear(tlp)
		newton := func(st *newtonStep) {
			st.solve(q, chol, s, x, z, u, hx, rx, eq, hasLo, w, qs, ps, piHi, piLo, hw, rw, rp, tzu, thq, tlp)
		}
		newton(aff)
		ap, ad := stepLengths(aff, x, u, z, eq, hasLo, qs, ps, piHi, piLo, 1)
		alpha := math.Min(ap, ad)
		compAff := 0.0
		for j := range x {
			compAff += float64((z[j] + float64(alpha*aff.dz[j])) * (u[j] - float64(alpha*aff.dx[j])))
		}
		for r := range w {
			if !eq[r] {
				compAff += float64((piHi[r] + float64(alpha*aff.dPiHi[r])) * (qs[r] - float64(alpha*aff.dw[r])))
				if hasLo[r] {
					compAff += float64((piLo[r] + float64(alpha*aff.dPiLo[r])) * (ps[r] + float64(alpha*aff.dw[r])))
				}
			}
		}
		sigma := math.Pow(math.Max(compAff, 0)/comp, 3)
		target := sigma * mu

		// Corrector: centring towards σμ with the second-order terms.
		for j := range x {
			tzu[j] = target + float64(aff.dz[j]*aff.dx[j])
		}
		for r := range w {
			thq[r], tlp[r] = 0, 0
			if !eq[r] {
				thq[r] = target + float64(aff.dPiHi[r]*aff.dw[r])
				if hasLo[r] {
					tlp[r] = target - float64(aff.dPiLo[r]*aff.dw[r])
				}
			}
		}
		newton(step)
		ap, ad = stepLengths(step, x, u, z, eq, hasLo, qs, ps, piHi, piLo, math.Max(0.99, 1-mu))
		alpha = math.Min(ap, ad)
		if !(alpha > 1e-14) {
			break // stalled
		}
		for j := range x {
			x[j] += float64(alpha * step.dx[j])
			u[j] -= float64(alpha * step.dx[j])
			z[j] += float64(alpha * step.dz[j])
		}
		for r := range w {
			y[r] += float64(alpha * step.dy[r])
			if !eq[r] {
				w[r] += float64(alpha * step.dw[r])
				qs[r] -= float64(alpha * step.dw[r])
				ps[r] += float64(alpha * step.dw[r])
				piHi[r] += float64(alpha * step.dPiHi[r])
				if hasLo[r] {
					piLo[r] += float64(alpha * step.dPiLo[r])
				}
			}
		}
	}
	if best == nil {
		return nil, fmt.Errorf("interior point: no point within the tolerances after %d iterations", nashMaxIterations)
	}
	for j := range best.x {
		best.x[j] = math.Min(math.Max(best.x[j], 0), s[j])
	}
	return best, nil
}

// reuse returns the point's x emptied, for reuse, or nil.
func (lw *logWelfare) reuse() []float64 {
	if lw == nil {
		return nil
	}
	return lw.x[:0]
}

// rowSums sets ax[r] = Σ_{j in row r} x_j.
func rowSums(q *quotaRows, x, ax []float64) {
	for r, types := range q.rowTypes {
		sum := 0.0
		for _, j := range types {
			sum += x[j]
		}
		ax[r] = sum
	}
}

// transposeSums sets c[j] = Σ_{rows r of j} y_r.
func transposeSums(q *quotaRows, y, c []float64) {
	for j, rows := range q.typeRows {
		sum := 0.0
		for _, r := range rows {
			sum += y[r]
		}
		c[j] = sum
	}
}

// logWelfareValue is Σ_j s_j log(x_j/s_j).
func logWelfareValue(x, s []float64) float64 {
	var sum, comp float64
	for j := range x {
		neumaier(&sum, &comp, float64(s[j]*math.Log(x[j]/s[j])))
	}
	return sum + comp
}

// logWelfareBound is the Lagrangian dual bound on Σ_j s_j log(x_j/s_j)
// over the polytope q for row multipliers y (c = Aᵀy, recomputed with
// the multipliers that the bound cannot use set to 0):
//
//	Σ_j max_{0<ξ≤s_j} (s_j log(ξ/s_j) − c_j ξ)  +  Σ_r max_{w∈[lo_r,hi_r]} y_r w.
//
// The first maximum is −s_j log c_j − s_j at ξ = s_j/c_j when c_j ≥ 1,
// and −c_j s_j at ξ = s_j otherwise.
func logWelfareBound(q *quotaRows, s, y, c []float64, eq []bool) float64 {
	yy := append([]float64(nil), y...)
	for r := range yy {
		if yy[r] < 0 && math.IsInf(q.lo[r], -1) {
			yy[r] = 0 // a row without lower bound takes no negative multiplier
		}
	}
	cc := make([]float64, len(c))
	transposeSums(q, yy, cc)
	var sum, comp float64
	for j, cj := range cc {
		if cj >= 1 {
			neumaier(&sum, &comp, float64(-s[j]*math.Log(cj))-s[j])
		} else {
			neumaier(&sum, &comp, float64(-cj*s[j]))
		}
	}
	for r, v := range yy {
		switch {
		case eq[r], v >= 0:
			neumaier(&sum, &comp, float64(v*q.hi[r]))
		default:
			neumaier(&sum, &comp, float64(v*q.lo[r]))
		}
	}
	return sum + comp
}

// newtonStep is a direction of the interior-point method.
type newtonStep struct {
	dx, dz               []float64 // per type
	dy, dw, dPiHi, dPiLo []float64 // per row
	rho, rhs             []float64 // work space
}

func newNewtonStep(n, m int) *newtonStep {
	return &newtonStep{dx: make([]float64, n), dz: make([]float64, n), dy: make([]float64, m), dw: make([]float64, m),
		dPiHi: make([]float64, m), dPiLo: make([]float64, m), rho: make([]float64, n), rhs: make([]float64, m)}
}

// solve computes the Newton direction for the complementarity targets
// tzu (z_j u_j), thq (π⁺_r q_r) and tlp (π⁻_r p_r), where u = s − x,
// q = hi − w and p = w − lo. Eliminating the bound multipliers gives
//
//	H_x Δx + Aᵀ Δy = ρ_x,   H_w Δw − Δy = ρ_w,   A Δx − Δw = −r_p
//
// (Δw = 0 on equality rows), hence (A H_x⁻¹ Aᵀ + H_w⁻¹) Δy =
// A H_x⁻¹ ρ_x − H_w⁻¹ ρ_w + r_p.
func (st *newtonStep) solve(q *quotaRows, chol *cholesky, s, x, z, u, hx, rx []float64, eq, hasLo []bool,
	w, qs, ps, piHi, piLo, hw, rw, rp, tzu, thq, tlp []float64) {
	for j := range x {
		st.rho[j] = -rx[j] - (tzu[j]-float64(z[j]*u[j]))/u[j]
	}
	for r := range w {
		st.dw[r] = 0 // ρ_w for now
		if !eq[r] {
			rho := -rw[r] - (thq[r]-float64(piHi[r]*qs[r]))/qs[r]
			if hasLo[r] {
				rho += (tlp[r] - float64(piLo[r]*ps[r])) / ps[r]
			}
			st.dw[r] = rho
		}
	}
	for r, types := range q.rowTypes {
		sum := rp[r]
		for _, j := range types {
			sum += st.rho[j] / hx[j]
		}
		if !eq[r] {
			sum -= st.dw[r] / hw[r]
		}
		st.rhs[r] = sum
	}
	chol.solve(st.rhs, st.dy)
	for j, rows := range q.typeRows {
		sum := st.rho[j]
		for _, r := range rows {
			sum -= st.dy[r]
		}
		st.dx[j] = sum / hx[j]
		st.dz[j] = (tzu[j] - float64(z[j]*u[j]) + float64(z[j]*st.dx[j])) / u[j]
	}
	for r := range w {
		st.dPiHi[r], st.dPiLo[r] = 0, 0
		if eq[r] {
			continue
		}
		st.dw[r] = (st.dw[r] + st.dy[r]) / hw[r]
		st.dPiHi[r] = (thq[r] - float64(piHi[r]*qs[r]) + float64(piHi[r]*st.dw[r])) / qs[r]
		if hasLo[r] {
			st.dPiLo[r] = (tlp[r] - float64(piLo[r]*ps[r]) - float64(piLo[r]*st.dw[r])) / ps[r]
		}
	}
}

// stepLengths returns the largest primal and dual steps along st, times
// tau, that keep x, s − x, hi − w, w − lo and the multipliers z, π⁺, π⁻
// positive (at most 1).
func stepLengths(st *newtonStep, x, u, z []float64, eq, hasLo []bool, qs, ps, piHi, piLo []float64, tau float64) (float64, float64) {
	ap, ad := math.Inf(1), math.Inf(1)
	limit := func(a *float64, v, dv float64) {
		if dv < 0 {
			*a = math.Min(*a, -v/dv)
		}
	}
	for j := range x {
		limit(&ap, x[j], st.dx[j])
		limit(&ap, u[j], -st.dx[j])
		limit(&ad, z[j], st.dz[j])
	}
	for r := range qs {
		if eq[r] {
			continue
		}
		limit(&ap, qs[r], -st.dw[r])
		limit(&ad, piHi[r], st.dPiHi[r])
		if hasLo[r] {
			limit(&ap, ps[r], st.dw[r])
			limit(&ad, piLo[r], st.dPiLo[r])
		}
	}
	return math.Min(1, tau*ap), math.Min(1, tau*ad)
}

// cholesky factors a small symmetric positive semidefinite matrix (lower
// triangle of a, row-major) as L Lᵀ. A pivot that vanishes (relative to
// its diagonal entry) marks a row dependent on the earlier ones: it is
// skipped, and its component of every solution is 0.
type cholesky struct {
	m    int
	a    []float64 // the matrix, then L, in the lower triangle
	skip []bool
}

func newCholesky(m int) *cholesky {
	return &cholesky{m: m, a: make([]float64, m*m), skip: make([]bool, m)}
}

func (ch *cholesky) reset() { clear(ch.a) }

func (ch *cholesky) factor() {
	m, a := ch.m, ch.a
	for j := 0; j < m; j++ {
		diag := a[j*m+j]
		d := diag
		for p := 0; p < j; p++ {
			d -= float64(a[j*m+p] * a[j*m+p])
		}
		ch.skip[j] = !(d > 1e-13*diag) || !(diag > 0)
		if ch.skip[j] {
			for i := j; i < m; i++ {
				a[i*m+j] = 0
			}
			continue
		}
		l := math.Sqrt(d)
		a[j*m+j] = l
		for i := j + 1; i < m; i++ {
			v := a[i*m+j]
			for p := 0; p < j; p++ {
				v -= float64(a[i*m+p] * a[j*m+p])
			}
			a[i*m+j] = v / l
		}
	}
}

// solve sets out to the solution of L Lᵀ out = b (0 on skipped rows).
func (ch *cholesky) solve(b, out []float64) {
	m, a := ch.m, ch.a
	for i := 0; i < m; i++ {
		if ch.skip[i] {
			out[i] = 0
			continue
		}
		v := b[i]
		for p := 0; p < i; p++ {
			v -= float64(a[i*m+p] * out[p])
		}
		out[i] = v / a[i*m+i]
	}
	for i := m - 1; i >= 0; i-- {
		if ch.skip[i] {
			out[i] = 0
			continue
		}
		v := out[i]
		for p := i + 1; p < m; p++ {
			v -= float64(a[p*m+i] * out[p])
		}
		out[i] = v / a[i*m+i]
	}
}
