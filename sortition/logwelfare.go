package sortition

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// Tolerances of the log-welfare (Nash) computation.
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
	// is within the tolerances above: it pins the point down to about
	// √nashCompTol even where the optimum is degenerate.
	nashCompTol = 1e-20
	// nashMaxIterations bounds the interior-point iterations.
	nashMaxIterations = 300
	// nashStepFraction is the fraction of the way to the boundary that a
	// step may go.
	nashStepFraction = 0.995
)

// logWelfare is the point of the relaxed quota polytope that maximises
// Σ_j s_j log(x_j/s_j), with its certificate.
type logWelfare struct {
	x          []float64 // per variable (live type): the count
	y          []float64 // per row: its multiplier
	value      float64   // Σ_j s_j log(x_j/s_j)
	bound      float64   // a proven upper bound on the value over the polytope
	iterations int
}

// maximizeLogWelfare maximises f(x) = Σ_j s_j log(x_j/s_j) over the
// polytope q (0 ≤ x_j ≤ s_j and the rows of q) by a primal-dual
// interior-point method with Mehrotra's predictor-corrector.
//
// Each row r gets a variable w_r = a_r·x within [lo_r, hi_r] (fixed when
// lo_r = hi_r). With ζ = Aᵀy + z the gradient's dual (z the multipliers
// of x ≤ s, y those of the rows), the optimality conditions are x_j ζ_j =
// s_j, linearised in this product form as in a primal-dual method for
// linear programs, with z_j (s_j − x_j) → 0 and likewise for the rows'
// bounds. The Newton systems reduce to the rows' normal equations (as many
// as rows, a few dozen), solved by Cholesky.
//
// The result is certified by Lagrangian duality (see logWelfareBound): the
// method stops when the bound is within nashGapTol·Σs of f(x), the rows
// hold to within nashFeasTol and the complementarity is below
// nashCompTol, and fails when no iterate meets the first two.
func maximizeLogWelfare(ctx context.Context, q *quotaRows, s, ub, start []float64, progress func(it int)) (*logWelfare, error) {
	if len(s) == 0 {
		return nil, errors.New("no selectable type")
	}
	ip := newLogWelfareIPM(q, s, ub, start)
	total := 0.0
	for _, v := range s {
		total += v
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
		mu, pinf := ip.residuals()
		if !(mu >= 0) || math.IsInf(mu, 0) || !(pinf >= 0) {
			break // numerical breakdown: keep the best point so far
		}
		if pinf <= nashFeasTol {
			value := logWelfareValue(ip.x, s)
			bound, rounding := logWelfareBound(q, s, ub, ip.y, ip.eq)
			gap := bound - value + rounding
			tol := float64(nashGapTol * total)
			if bound >= value-tol && gap <= tol && mu <= bestMu {
				best = &logWelfare{x: append(best.reuse(), ip.x...), y: append([]float64(nil), ip.y...), value: value, bound: bound, iterations: it}
				bestMu = mu
				if mu <= nashCompTol {
					break
				}
			}
		}
		if alpha := ip.step(mu); alpha == 0 || (best != nil && alpha < 1e-4) {
			break // stalled (near the optimum: at the limit of precision)
		}
	}
	if best == nil {
		return nil, fmt.Errorf("interior point: no point within the tolerances after %d iterations", nashMaxIterations)
	}
	for j := range best.x {
		best.x[j] = math.Min(math.Max(best.x[j], 0), ub[j])
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

// logWelfareIPM is the state of the interior-point method.
type logWelfareIPM struct {
	q         *quotaRows
	s, ub     []float64 // per variable: weight in the objective, upper bound
	eq, hasLo []bool    // per row: fixed; with a finite lower bound besides

	x, u, z, zeta  []float64 // per type: count, s − x, multiplier of x ≤ s, ζ
	w, qs, ps      []float64 // per row: activity, hi − w, w − lo
	y, piHi, piLo  []float64 // per row: multiplier, of w ≤ hi, of w ≥ lo
	pairs          float64   // number of complementarity pairs
	rD, rX, hx     []float64 // per type: ζ − Aᵀy − z, s − xζ, Hessian
	rW, rP, hw, ax []float64 // per row: −y + π⁺ − π⁻, Ax − w, Hessian, Ax
	chol           *cholesky
	aff, dir       *newtonStep
	tX, tZU        []float64   // per type: targets of xζ and zu
	tHQ, tLP       []float64   // per row: targets of π⁺q and π⁻p
	saved          [][]float64 // the iterate, while a step is tried
}

func newLogWelfareIPM(q *quotaRows, s, ub, start []float64) *logWelfareIPM {
	n, m := len(s), len(q.lo)
	vec := func(l int) []float64 { return make([]float64, l) }
	ip := &logWelfareIPM{q: q, s: s, ub: ub, eq: make([]bool, m), hasLo: make([]bool, m),
		x: vec(n), u: vec(n), z: vec(n), zeta: vec(n), w: vec(m), qs: vec(m), ps: vec(m), y: vec(m), piHi: vec(m), piLo: vec(m),
		rD: vec(n), rX: vec(n), hx: vec(n), rW: vec(m), rP: vec(m), hw: vec(m), ax: vec(m),
		chol: newCholesky(m), aff: newNewtonStep(n, m), dir: newNewtonStep(n, m),
		tX: vec(n), tZU: vec(n), tHQ: vec(m), tLP: vec(m)}
	// Starting point: start (strictly inside the bounds), ζ = s/x so that
	// xζ = s, z = ζ so that ζ = Aᵀy + z with y = 0, the rows' w inside
	// their bounds.
	for j := range s {
		ip.x[j] = start[j]
		ip.u[j] = ub[j] - ip.x[j]
		ip.zeta[j] = s[j] / ip.x[j]
		ip.z[j] = ip.zeta[j]
	}
	ip.pairs = float64(n)
	rowSums(q, ip.x, ip.ax)
	for r := range ip.w {
		ip.eq[r] = q.lo[r] == q.hi[r]
		ip.hasLo[r] = !ip.eq[r] && !math.IsInf(q.lo[r], -1)
		if ip.eq[r] {
			ip.w[r] = q.lo[r]
			continue
		}
		lo := q.lo[r]
		if !ip.hasLo[r] {
			lo = q.hi[r] - math.Max(1, math.Abs(q.hi[r]))
		}
		d := 0.25 * (q.hi[r] - lo)
		ip.w[r] = math.Min(math.Max(ip.ax[r], lo+d), q.hi[r]-d)
		ip.qs[r] = q.hi[r] - ip.w[r]
		ip.piHi[r] = 1
		ip.pairs++
		if ip.hasLo[r] {
			ip.ps[r] = ip.w[r] - q.lo[r]
			ip.piLo[r] = 1
			ip.pairs++
		}
	}
	return ip
}

// residuals computes the residuals and returns the mean complementarity
// and the largest row violation.
func (ip *logWelfareIPM) residuals() (mu, pinf float64) {
	q, s := ip.q, ip.s
	rowSums(q, ip.x, ip.ax)
	transposeSums(q, ip.y, ip.rD)
	comp := 0.0
	for j := range ip.x {
		ip.rD[j] = ip.zeta[j] - ip.rD[j] - ip.z[j]
		ip.rX[j] = s[j] - float64(ip.x[j]*ip.zeta[j])
		comp += float64(ip.z[j] * ip.u[j])
	}
	for r := range ip.w {
		if ip.eq[r] {
			ip.rP[r] = ip.ax[r] - q.lo[r]
			ip.rW[r] = 0
		} else {
			ip.rP[r] = ip.ax[r] - ip.w[r]
			ip.rW[r] = -ip.y[r] + ip.piHi[r] - ip.piLo[r]
			comp += float64(ip.piHi[r] * ip.qs[r])
			if ip.hasLo[r] {
				comp += float64(ip.piLo[r] * ip.ps[r])
			}
		}
		pinf = math.Max(pinf, math.Abs(ip.rP[r]))
	}
	return comp / ip.pairs, pinf
}

// step takes one predictor-corrector step from the current residuals and
// returns its length, 0 when no step makes progress.
//
// Mehrotra's step is taken when it decreases the merit ‖F‖² (the squared
// residuals and complementarity products) by a little; otherwise, as
// Mehrotra's heuristic can cycle on this nonlinear objective, the plain
// Newton direction towards a fairly central point (σ = 0.5) is taken
// with backtracking until the merit decreases.
func (ip *logWelfareIPM) step(mu float64) float64 {
	m := len(ip.w)
	// The normal equations M Δy = rhs, M = A H_x⁻¹ Aᵀ + H_w⁻¹.
	for j := range ip.x {
		ip.hx[j] = ip.zeta[j]/ip.x[j] + ip.z[j]/ip.u[j]
	}
	ip.chol.reset()
	for j, rows := range ip.q.typeRows {
		d := 1 / ip.hx[j]
		coef := ip.q.typeCoef[j]
		for a, r := range rows {
			da := float64(d * coef[a])
			for b, r2 := range rows[:a+1] {
				ip.chol.a[r*m+r2] += float64(da * coef[b])
			}
		}
	}
	for r := range ip.w {
		ip.hw[r] = 0
		if !ip.eq[r] {
			ip.hw[r] = ip.piHi[r] / ip.qs[r]
			if ip.hasLo[r] {
				ip.hw[r] += ip.piLo[r] / ip.ps[r]
			}
			ip.chol.a[r*m+r] += 1 / ip.hw[r]
		}
	}
	ip.chol.factor()

	// Predictor: the affine-scaling direction (complementarity 0).
	ip.setTargets(0, nil)
	ip.solve(ip.aff)
	alpha := ip.stepLength(ip.aff, 1)
	a := ip.aff
	compAff := 0.0
	for j := range ip.x {
		compAff += float64((ip.z[j] + float64(alpha*a.dz[j])) * (ip.u[j] - float64(alpha*a.dx[j])))
	}
	for r := range ip.w {
		if !ip.eq[r] {
			compAff += float64((ip.piHi[r] + float64(alpha*a.dPiHi[r])) * (ip.qs[r] - float64(alpha*a.dw[r])))
			if ip.hasLo[r] {
				compAff += float64((ip.piLo[r] + float64(alpha*a.dPiLo[r])) * (ip.ps[r] + float64(alpha*a.dw[r])))
			}
		}
	}
	sigma := math.Pow(math.Max(compAff, 0)/(mu*ip.pairs), 3)

	// Corrector: centring towards σμ, with the second-order terms.
	merit := ip.merit()
	ip.save()
	ip.setTargets(sigma*mu, a)
	ip.solve(ip.dir)
	if alpha = ip.stepLength(ip.dir, nashStepFraction); alpha > 0 {
		ip.move(ip.dir, alpha)
		ip.residuals()
		if ip.merit() <= float64((1-0.01*alpha)*merit) {
			return alpha
		}
		ip.restore()
	}
	// Safeguard: the Newton direction towards 0.5μ, with backtracking.
	ip.setTargets(0.5*mu, nil)
	ip.solve(ip.dir)
	alpha = ip.stepLength(ip.dir, nashStepFraction)
	for ; alpha > 1e-14; alpha /= 2 {
		ip.move(ip.dir, alpha)
		ip.residuals()
		if ip.merit() <= float64((1-0.01*alpha)*merit) {
			return alpha
		}
		ip.restore()
	}
	ip.residuals()
	return 0
}

// setTargets sets the Newton targets: s for x_j ζ_j, and target for the
// complementarity products, corrected by the second-order terms of the
// direction aff when it is not nil.
func (ip *logWelfareIPM) setTargets(target float64, aff *newtonStep) {
	copy(ip.tX, ip.s)
	for j := range ip.x {
		ip.tZU[j] = target
		if aff != nil {
			ip.tZU[j] += float64(aff.dz[j] * aff.dx[j])
		}
	}
	for r := range ip.w {
		ip.tHQ[r], ip.tLP[r] = 0, 0
		if ip.eq[r] {
			continue
		}
		ip.tHQ[r] = target
		if ip.hasLo[r] {
			ip.tLP[r] = target
		}
		if aff != nil {
			ip.tHQ[r] += float64(aff.dPiHi[r] * aff.dw[r])
			ip.tLP[r] -= float64(aff.dPiLo[r] * aff.dw[r])
		}
	}
}

// merit is the sum of the squared residuals and complementarity products
// (as last computed by residuals), each residual less its rounding noise
// (1e-13 of its scale) so that the merit still falls near the optimum.
func (ip *logWelfareIPM) merit() float64 {
	sum := 0.0
	sq := func(v, scale float64) {
		v = math.Max(math.Abs(v)-float64(1e-13*scale), 0)
		sum += float64(v * v)
	}
	k := ip.q.hi[0]
	for j := range ip.x {
		sq(ip.rD[j], 1+ip.zeta[j])
		sq(ip.rX[j], ip.s[j])
		sq(float64(ip.z[j]*ip.u[j]), 0)
	}
	for r := range ip.w {
		sq(ip.rP[r], 1+k)
		if !ip.eq[r] {
			sq(ip.rW[r], 1+math.Abs(ip.y[r])+ip.piHi[r]+ip.piLo[r])
			sq(float64(ip.piHi[r]*ip.qs[r]), 0)
			if ip.hasLo[r] {
				sq(float64(ip.piLo[r]*ip.ps[r]), 0)
			}
		}
	}
	return sum
}

// state lists the iterate's vectors, for save and restore.
func (ip *logWelfareIPM) state() [][]float64 {
	return [][]float64{ip.x, ip.u, ip.z, ip.zeta, ip.w, ip.qs, ip.ps, ip.y, ip.piHi, ip.piLo}
}

// save copies the iterate aside.
func (ip *logWelfareIPM) save() {
	vs := ip.state()
	if ip.saved == nil {
		ip.saved = make([][]float64, len(vs))
	}
	for i, v := range vs {
		ip.saved[i] = append(ip.saved[i][:0], v...)
	}
}

// restore returns to the iterate saved.
func (ip *logWelfareIPM) restore() {
	for i, v := range ip.state() {
		copy(v, ip.saved[i])
	}
}

// move takes the step alpha along d.
func (ip *logWelfareIPM) move(d *newtonStep, alpha float64) {
	for j := range ip.x {
		ip.x[j] += float64(alpha * d.dx[j])
		ip.u[j] -= float64(alpha * d.dx[j])
		ip.z[j] += float64(alpha * d.dz[j])
		ip.zeta[j] += float64(alpha * d.dZeta[j])
	}
	for r := range ip.w {
		ip.y[r] += float64(alpha * d.dy[r])
		if !ip.eq[r] {
			ip.w[r] += float64(alpha * d.dw[r])
			ip.qs[r] -= float64(alpha * d.dw[r])
			ip.ps[r] += float64(alpha * d.dw[r])
			ip.piHi[r] += float64(alpha * d.dPiHi[r])
			ip.piLo[r] += float64(alpha * d.dPiLo[r])
		}
	}
}

// newtonStep is a direction of the interior-point method.
type newtonStep struct {
	dx, dz, dZeta        []float64 // per type
	dy, dw, dPiHi, dPiLo []float64 // per row
	rho, rhs             []float64 // work space
}

func newNewtonStep(n, m int) *newtonStep {
	return &newtonStep{dx: make([]float64, n), dz: make([]float64, n), dZeta: make([]float64, n),
		dy: make([]float64, m), dw: make([]float64, m), dPiHi: make([]float64, m), dPiLo: make([]float64, m),
		rho: make([]float64, n), rhs: make([]float64, m)}
}

// solve computes into st the Newton direction for the targets tX (x_j ζ_j),
// tZU (z_j u_j), tHQ (π⁺_r q_r) and tLP (π⁻_r p_r), where u = s − x,
// q = hi − w and p = w − lo. Eliminating ζ, z and the row multipliers
// gives
//
//	H_x Δx + Aᵀ Δy = ρ_x,   H_w Δw − Δy = ρ_w,   A Δx − Δw = −r_P
//
// (Δw = 0 on fixed rows), with H_x = ζ/x + z/u and H_w = π⁺/q + π⁻/p,
// hence (A H_x⁻¹ Aᵀ + H_w⁻¹) Δy = A H_x⁻¹ ρ_x − H_w⁻¹ ρ_w + r_P.
func (ip *logWelfareIPM) solve(st *newtonStep) {
	x, z, u, zeta := ip.x, ip.z, ip.u, ip.zeta
	for j := range x {
		st.rho[j] = ip.rD[j] + (ip.tX[j]-float64(x[j]*zeta[j]))/x[j] - (ip.tZU[j]-float64(z[j]*u[j]))/u[j]
	}
	for r := range ip.w {
		st.dw[r] = 0 // ρ_w for now
		if !ip.eq[r] {
			rho := -ip.rW[r] - (ip.tHQ[r]-float64(ip.piHi[r]*ip.qs[r]))/ip.qs[r]
			if ip.hasLo[r] {
				rho += (ip.tLP[r] - float64(ip.piLo[r]*ip.ps[r])) / ip.ps[r]
			}
			st.dw[r] = rho
		}
	}
	for r, types := range ip.q.rowTypes {
		sum := ip.rP[r]
		for i, j := range types {
			sum += float64(ip.q.rowCoef[r][i] * st.rho[j] / ip.hx[j])
		}
		if !ip.eq[r] {
			sum -= st.dw[r] / ip.hw[r]
		}
		st.rhs[r] = sum
	}
	ip.chol.solve(st.rhs, st.dy)
	for j, rows := range ip.q.typeRows {
		sum := st.rho[j]
		for i, r := range rows {
			sum -= float64(ip.q.typeCoef[j][i] * st.dy[r])
		}
		st.dx[j] = sum / ip.hx[j]
		st.dZeta[j] = (ip.tX[j] - float64(x[j]*zeta[j]) - float64(zeta[j]*st.dx[j])) / x[j]
		st.dz[j] = (ip.tZU[j] - float64(z[j]*u[j]) + float64(z[j]*st.dx[j])) / u[j]
	}
	for r := range ip.w {
		st.dPiHi[r], st.dPiLo[r] = 0, 0
		if ip.eq[r] {
			continue
		}
		st.dw[r] = (st.dw[r] + st.dy[r]) / ip.hw[r]
		st.dPiHi[r] = (ip.tHQ[r] - float64(ip.piHi[r]*ip.qs[r]) + float64(ip.piHi[r]*st.dw[r])) / ip.qs[r]
		if ip.hasLo[r] {
			st.dPiLo[r] = (ip.tLP[r] - float64(ip.piLo[r]*ip.ps[r]) - float64(ip.piLo[r]*st.dw[r])) / ip.ps[r]
		}
	}
}

// stepLength returns the largest step along st, times tau and at most 1,
// that keeps x, s − x, hi − w, w − lo and the multipliers z, ζ, π⁺, π⁻
// positive. Primal and dual variables take the same step, as the
// objective couples them.
func (ip *logWelfareIPM) stepLength(st *newtonStep, tau float64) float64 {
	a := math.Inf(1)
	limit := func(v, dv float64) {
		if dv < 0 {
			a = math.Min(a, -v/dv)
		}
	}
	for j := range ip.x {
		limit(ip.x[j], st.dx[j])
		limit(ip.u[j], -st.dx[j])
		limit(ip.z[j], st.dz[j])
		limit(ip.zeta[j], st.dZeta[j])
	}
	for r := range ip.w {
		if ip.eq[r] {
			continue
		}
		limit(ip.qs[r], -st.dw[r])
		limit(ip.piHi[r], st.dPiHi[r])
		if ip.hasLo[r] {
			limit(ip.ps[r], st.dw[r])
			limit(ip.piLo[r], st.dPiLo[r])
		}
	}
	return math.Min(1, tau*a)
}

// rowSums sets ax = A x.
func rowSums(q *quotaRows, x, ax []float64) {
	for r, types := range q.rowTypes {
		sum := 0.0
		for i, j := range types {
			sum += float64(q.rowCoef[r][i] * x[j])
		}
		ax[r] = sum
	}
}

// transposeSums sets c = Aᵀ y.
func transposeSums(q *quotaRows, y, c []float64) {
	for j, rows := range q.typeRows {
		sum := 0.0
		for i, r := range rows {
			sum += float64(q.typeCoef[j][i] * y[r])
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
// over the polytope q for row multipliers y,
//
//	Σ_j max_{0<ξ≤s_j} (s_j log(ξ/s_j) − c_j ξ)  +  Σ_r max_{w∈[lo_r,hi_r]} y_r w,
//
// with c = Aᵀy (ub_j in place of s_j when the upper bounds differ), and a
// bound on its rounding error. The first maximum is −s_j log c_j − s_j at
// ξ = s_j/c_j when s_j/c_j ≤ ub_j, and s_j log(ub_j/s_j) − c_j ub_j at
// ξ = ub_j otherwise. Any y gives a bound; this one uses y after two changes that
// keep c: the multipliers of rows without lower bound are taken as 0 or
// more, and each category's multipliers are shifted by the α that
// minimises the bound, against row 0 (α is added to y_0 and taken from
// the category's rows, which add up to row 0). The shift also undoes the
// drift of y along these directions, on which the bound may be flat, and
// which would otherwise cost precision.
func logWelfareBound(q *quotaRows, s, ub, y []float64, eq []bool) (bound, rounding float64) {
	yy := append([]float64(nil), y...)
	for r := range yy {
		if yy[r] < 0 && math.IsInf(q.lo[r], -1) {
			yy[r] = 0 // a row without lower bound takes no negative multiplier
		}
	}
	support := func(r int, v float64) float64 { // max_{w∈[lo_r,hi_r]} v·w
		if eq[r] || v >= 0 {
			return float64(v * q.hi[r])
		}
		return float64(v * q.lo[r])
	}
	cats := 0
	for _, c := range q.category {
		cats = max(cats, c+1)
	}
	for c := 0; c < cats; c++ {
		// k·α + Σ_{r in c} support(y_r − α) is convex and piecewise
		// linear in α, with its breakpoints at the y_r.
		bestAlpha, best := 0.0, math.Inf(1)
		for r0, c0 := range q.category {
			if c0 != c {
				continue
			}
			alpha := yy[r0]
			total := float64(q.hi[0] * alpha)
			for r, cr := range q.category {
				if cr == c {
					total += support(r, yy[r]-alpha)
				}
			}
			if total < best {
				bestAlpha, best = alpha, total
			}
		}
		if best < math.Inf(1) {
			yy[0] += bestAlpha
			for r, cr := range q.category {
				if cr == c {
					yy[r] -= bestAlpha
				}
			}
		}
	}
	var sum, comp, scale float64
	add := func(v float64) {
		neumaier(&sum, &comp, v)
		scale += math.Abs(v)
	}
	for j, rows := range q.typeRows {
		cj, size := 0.0, 0.0
		for i, r := range rows {
			cj += float64(q.typeCoef[j][i] * yy[r])
			size += math.Abs(float64(q.typeCoef[j][i] * yy[r]))
		}
		// c_j is off by about ε·Σ|a_rj y_r|, which moves the term by at
		// most ub_j times as much.
		scale += float64(ub[j] * size)
		if float64(cj*ub[j]) >= s[j] {
			add(float64(-s[j]*math.Log(cj)) - s[j])
		} else {
			add(float64(s[j]*math.Log(ub[j]/s[j])) - float64(cj*ub[j]))
		}
	}
	for r, v := range yy {
		add(support(r, v))
	}
	return sum + comp, float64(1e-15 * scale)
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
		ch.skip[j] = !(d > 1e-15*diag) || !(diag > 0)
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
