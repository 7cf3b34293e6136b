package lp

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/tirage/tirage/internal/splitmix"
)

type result int

const (
	resOptimal result = iota
	resInfeasible
	resUnbounded
	resLostFeasibility
)

var inf = math.Inf(1)

// Solve optimises the model starting from the current basis (a slack basis
// for a new model). It returns Optimal, Infeasible or Unbounded with a nil
// error, or NotSolved with an error: a *ModelError for invalid input, an
// *IterationLimitError, a *NumericalError, or ctx.Err() wrapped.
func (m *Model) Solve(ctx context.Context) (Status, error) {
	m.status = NotSolved
	m.iters = 0
	m.solved = false
	if m.err != nil {
		return NotSolved, m.err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return NotSolved, fmt.Errorf("lp: solve cancelled: %w", err)
	}
	for j := range m.cost {
		if m.colLo[j] > m.colUp[j] {
			m.status = Infeasible
			return Infeasible, nil
		}
	}
	for i := range m.rowLo {
		if m.rowLo[i] > m.rowUp[i] {
			m.status = Infeasible
			return Infeasible, nil
		}
	}
	if m.opt.RefactorInterval == 0 {
		m.opt = m.opt.withDefaults()
	}
	m.maxIter = m.opt.MaxIterations
	if m.maxIter == 0 {
		m.maxIter = 10000 + 50*(len(m.cost)+len(m.rowLo))
	}
	if err := m.setup(); err != nil {
		m.finish(false)
		return NotSolved, err
	}
	st, err := m.run(ctx)
	m.finish(err == nil)
	if err != nil {
		return NotSolved, err
	}
	m.status = st
	return st, nil
}

func nbStatus(s VarStatus, lo, up float64) VarStatus {
	loF, upF := !math.IsInf(lo, -1), !math.IsInf(up, 1)
	switch s {
	case AtUpper:
		if upF {
			return AtUpper
		}
	case AtZero:
		if !loF && !upF {
			return AtZero
		}
		if loF && upF {
			if math.Abs(lo) <= math.Abs(up) {
				return AtLower
			}
			return AtUpper
		}
	}
	if loF {
		return AtLower
	}
	if upF {
		return AtUpper
	}
	return AtZero
}

func (m *Model) nbValue(v int) float64 {
	switch m.stat[v] {
	case AtLower:
		return m.lo[v]
	case AtUpper:
		return m.up[v]
	}
	return 0
}

// setup builds the working arrays and the factorised basis.
func (m *Model) setup() error {
	n, nr := len(m.cost), len(m.rowLo)
	N := n + nr
	m.n, m.m = n, nr
	m.lo = resize(m.lo, N)
	m.up = resize(m.up, N)
	m.cw = resize(m.cw, N)
	m.x = resize(m.x, N)
	m.d = resize(m.d, N)
	m.prow = resize(m.prow, N)
	m.devex = resize(m.devex, N)
	m.y = resize(m.y, nr)
	m.vecM = resize(m.vecM, nr)
	m.vecM2 = resize(m.vecM2, nr)
	m.vecM3 = resize(m.vecM3, nr)
	m.vecM4 = resize(m.vecM4, nr)
	if cap(m.stat) < N {
		m.stat = make([]VarStatus, N)
	}
	m.stat = m.stat[:N]
	m.pos = resizeInt(m.pos, N)
	if cap(m.ban) < N {
		m.ban = make([]bool, N)
	}
	m.ban = m.ban[:N]
	m.clearBans()
	for j := 0; j < n; j++ {
		m.lo[j], m.up[j], m.cw[j] = m.colLo[j], m.colUp[j], m.cost[j]
		s := m.colStat[j]
		if s == 0 {
			s = defaultColStatus(m.cost[j], m.colLo[j], m.colUp[j])
		}
		m.stat[j] = s
	}
	for i := 0; i < nr; i++ {
		v := n + i
		m.lo[v], m.up[v], m.cw[v] = m.rowLo[i], m.rowUp[i], 0
		s := m.rowStat[i]
		if s == 0 {
			s = Basic
		}
		m.stat[v] = s
	}
	for v := 0; v < N; v++ {
		m.x[v] = 0
		if m.stat[v] != Basic {
			m.stat[v] = nbStatus(m.stat[v], m.lo[v], m.up[v])
			m.x[v] = m.nbValue(v)
		}
	}
	m.hd = m.hd[:0]
	if m.facValid && len(m.head) <= nr && m.fac.m == len(m.head) {
		for _, h := range m.head {
			if h >= 0 {
				m.hd = append(m.hd, h)
			} else {
				m.hd = append(m.hd, n+(-1-h))
			}
		}
		m.setPos()
		for i := len(m.head); i < nr; i++ {
			var idx []int32
			var val []float64
			for t, j := range m.rowIdx[i] {
				if p := m.pos[j]; p >= 0 {
					idx = append(idx, int32(p))
					val = append(val, m.rowVal[i][t])
				}
			}
			m.fac.addRow(idx, val)
			m.hd = append(m.hd, n+i)
			m.pos[n+i] = len(m.hd) - 1
			m.stat[n+i] = Basic
			m.dseW = append(m.dseW, 1)
		}
		if testHook != nil {
			testHook(m, "append")
		}
		if len(m.dseW) != nr {
			m.resetDSE()
		}
		return nil
	}
	for v := 0; v < N; v++ {
		if m.stat[v] == Basic {
			m.hd = append(m.hd, v)
		}
	}
	m.resetDSE()
	return m.refactor()
}

func (m *Model) resetDSE() {
	m.dseW = resize(m.dseW, m.m)
	for p := range m.dseW {
		m.dseW[p] = 1
	}
}

func (m *Model) setPos() {
	for v := range m.pos {
		m.pos[v] = -1
	}
	for p, v := range m.hd {
		m.pos[v] = p
	}
}

// refactor factorises the basis m.hd, repairing it if it is singular.
func (m *Model) refactor() error {
	for attempt := 0; attempt < 5; attempt++ {
		dropped, unpiv := m.fac.build(m, m.hd, m.n, m.m)
		if len(dropped) == 0 && len(unpiv) == 0 && len(m.hd) == m.m {
			m.facValid = true
			m.setPos()
			if testHook != nil {
				testHook(m, "refactor")
			}
			if len(m.dseW) != m.m {
				m.resetDSE()
			}
			return nil
		}
		m.facValid = false
		for _, p := range dropped {
			v := m.hd[p]
			s := AtLower
			if !math.IsInf(m.up[v], 1) && (math.IsInf(m.lo[v], -1) || m.up[v]-m.x[v] < m.x[v]-m.lo[v]) {
				s = AtUpper
			}
			m.stat[v] = nbStatus(s, m.lo[v], m.up[v])
			m.x[v] = m.nbValue(v)
			m.hd[p] = -1
		}
		w := 0
		for _, v := range m.hd {
			if v >= 0 {
				m.hd[w] = v
				w++
			}
		}
		m.hd = m.hd[:w]
		for _, i := range unpiv {
			m.stat[m.n+i] = Basic
			m.hd = append(m.hd, m.n+i)
		}
		m.resetDSE()
	}
	return &NumericalError{Detail: "basis repair failed"}
}

// finish stores the basis and the results with the original costs.
func (m *Model) finish(ok bool) {
	n := m.n
	if len(m.stat) == n+m.m && len(m.colStat) == n && len(m.rowStat) == m.m {
		for j := 0; j < n; j++ {
			m.colStat[j] = m.stat[j]
		}
		for i := 0; i < m.m; i++ {
			m.rowStat[i] = m.stat[n+i]
		}
	}
	if m.facValid && len(m.hd) == m.m {
		m.head = m.head[:0]
		for _, v := range m.hd {
			if v >= n {
				m.head = append(m.head, -1-(v-n))
			} else {
				m.head = append(m.head, v)
			}
		}
	} else {
		m.facValid = false
	}
	if !m.facValid {
		return
	}
	if m.perturbed || m.shifted || !ok {
		copy(m.cw, m.cost)
		for i := 0; i < m.m; i++ {
			m.cw[n+i] = 0
		}
		m.perturbed, m.shifted = false, false
		m.computeDuals(true)
	}
	m.resX = append(m.resX[:0], m.x[:n]...)
	m.resRow = append(m.resRow[:0], m.x[n:n+m.m]...)
	m.resY = append(m.resY[:0], m.y[:m.m]...)
	m.resD = append(m.resD[:0], m.d[:n]...)
	m.solved = true
}

// computePrimal sets the basic x from the nonbasic ones: B x_B = −N x_N.
func (m *Model) computePrimal(refine bool) {
	n := m.n
	rhs := m.vecM[:m.m]
	for i := range rhs {
		rhs[i] = 0
	}
	for v, s := range m.stat {
		if s == Basic {
			continue
		}
		xv := m.nbValue(v)
		m.x[v] = xv
		if xv == 0 {
			continue
		}
		m.addCol(v, xv, rhs)
	}
	m.fac.ftran(m, rhs)
	for p, v := range m.hd {
		m.x[v] = -rhs[p]
	}
	if !refine {
		return
	}
	// One step of iterative refinement: r = [A −I] x, x_B −= B⁻¹ r.
	r := rhs
	for i := range r {
		r[i] = 0
	}
	for v := 0; v < n; v++ {
		xv := m.x[v]
		if xv == 0 {
			continue
		}
		vals := m.colVal[v]
		for t, i := range m.colIdx[v] {
			r[i] += float64(vals[t] * xv)
		}
	}
	for i := 0; i < m.m; i++ {
		r[i] -= m.x[n+i]
	}
	m.fac.ftran(m, r)
	for p, v := range m.hd {
		m.x[v] -= r[p]
	}
}

// computeDuals sets y = B⁻ᵀ c_B and d = c − [A −I]ᵀ y.
func (m *Model) computeDuals(refine bool) {
	y := m.y[:m.m]
	for p, v := range m.hd {
		y[p] = m.cw[v]
	}
	m.fac.btran(m, y)
	if refine {
		r := m.vecM[:m.m]
		for p, v := range m.hd {
			r[p] = m.cw[v] - m.colDot(v, y)
		}
		m.fac.btran(m, r)
		for i := range y {
			y[i] += r[i]
		}
	}
	for v := range m.stat {
		if m.stat[v] == Basic {
			m.d[v] = 0
			continue
		}
		m.d[v] = m.cw[v] - m.colDot(v, y)
	}
}

// colDot returns a_vᵀ y for the column v of [A −I].
func (m *Model) colDot(v int, y []float64) float64 {
	if v >= m.n {
		return -y[v-m.n]
	}
	s := 0.0
	vals := m.colVal[v]
	for t, i := range m.colIdx[v] {
		s += float64(vals[t] * y[i])
	}
	return s
}

// addCol adds a times column v of [A −I] to the dense row-space vector w.
func (m *Model) addCol(v int, a float64, w []float64) {
	if v >= m.n {
		w[v-m.n] -= a
		return
	}
	vals := m.colVal[v]
	for t, i := range m.colIdx[v] {
		w[i] += float64(vals[t] * a)
	}
}

// loadCol scatters column v of [A −I] into the dense row-space vector w.
func (m *Model) loadCol(v int, w []float64) {
	for i := range w {
		w[i] = 0
	}
	if v >= m.n {
		w[v-m.n] = -1
		return
	}
	vals := m.colVal[v]
	for t, i := range m.colIdx[v] {
		w[i] = vals[t]
	}
}

// pivotRow computes prow_v = rhoᵀ a_v for all v (basic entries included).
func (m *Model) pivotRow(rho []float64) {
	n := m.n
	prow := m.prow
	for v := range prow {
		prow[v] = 0
	}
	for i, ri := range rho[:m.m] {
		if ri == 0 {
			continue
		}
		vals := m.rowVal[i]
		idx := m.rowIdx[i]
		vals = vals[:len(idx)]
		for t, j := range idx {
			prow[j] += float64(vals[t] * ri)
		}
		prow[n+i] = -ri
	}
}

func (m *Model) infeas(v int) float64 {
	x := m.x[v]
	if x < m.lo[v] {
		return m.lo[v] - x
	}
	if x > m.up[v] {
		return x - m.up[v]
	}
	return 0
}

func (m *Model) maxPrimalInf() float64 {
	mx := 0.0
	for _, v := range m.hd {
		if e := m.infeas(v); e > mx {
			mx = e
		}
	}
	return mx
}

func (m *Model) maxDualInf() float64 {
	mx := 0.0
	for v, s := range m.stat {
		e := 0.0
		switch s {
		case Basic:
			continue
		case AtLower:
			if m.lo[v] == m.up[v] {
				continue
			}
			e = -m.d[v]
		case AtUpper:
			if m.lo[v] == m.up[v] {
				continue
			}
			e = m.d[v]
		case AtZero:
			e = math.Abs(m.d[v])
		}
		if e > mx {
			mx = e
		}
	}
	return mx
}

// perturb adds a small deterministic perturbation to the structural costs,
// in the direction that keeps the current basis dual feasible.
func (m *Model) perturb() {
	scale := m.costScale
	for j := 0; j < m.n; j++ {
		c := m.cost[j]
		m.cw[j] = c
		lo, up := m.lo[j], m.up[j]
		if lo == up {
			continue
		}
		u := float64(splitmix.Mix(m.opt.Seed^uint64(j)*0x2545f4914f6cdd1d)>>11) / (1 << 53)
		mag := (5e-7*math.Abs(c) + 1e-8*scale) * (1 + u)
		loF, upF := !math.IsInf(lo, -1), !math.IsInf(up, 1)
		sign := 0.0
		switch m.stat[j] {
		case AtLower:
			sign = 1
		case AtUpper:
			sign = -1
		case Basic:
			switch {
			case loF && upF:
				sign = 1
				if up-m.x[j] < m.x[j]-lo {
					sign = -1
				}
			case loF:
				sign = 1
			case upF:
				sign = -1
			}
		}
		m.cw[j] = c + sign*mag
	}
	m.perturbed = true
}

// Lazy perturbation: the costs are perturbed only once a run of this many
// consecutive degenerate pivots shows that the simplex may stall.
const (
	lazyDegenDual   = 10
	lazyDegenPrimal = 10
)

// lazyPerturb perturbs the costs (once per Solve, unless disabled) and
// recomputes the duals. It reports whether it did.
func (m *Model) lazyPerturb() bool {
	if m.perturbed || m.perturbUsed || m.opt.NoPerturbation {
		return false
	}
	m.perturbUsed = true
	m.perturb()
	m.computeDuals(false)
	return true
}

func (m *Model) resetCosts() {
	copy(m.cw, m.cost)
	for i := 0; i < m.m; i++ {
		m.cw[m.n+i] = 0
	}
}

func (m *Model) checkLimits(ctx context.Context) error {
	if m.maxIter >= 0 && m.iters >= m.maxIter {
		return &IterationLimitError{Iterations: m.iters}
	}
	if m.iters&15 == 0 {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("lp: solve cancelled after %d iterations: %w", m.iters, err)
		}
	}
	return nil
}

// run is the driver: dual simplex (with bound flips and cost shifting) while
// the basis is primal infeasible, primal simplex afterwards, then removal of
// the perturbation and a final check from freshly recomputed values.
func (m *Model) run(ctx context.Context) (Status, error) {
	ptol, dtol := m.opt.PrimalTol, m.opt.DualTol
	m.perturbed, m.shifted, m.perturbUsed = false, false, false
	m.costScale = 0
	for _, c := range m.cost {
		m.costScale = math.Max(m.costScale, math.Abs(c))
	}
	if m.costScale == 0 {
		m.costScale = 1
	}
	m.resetCosts()
	m.computePrimal(false)
	m.computeDuals(false)
	for round := 0; round < 40; round++ {
		if err := ctx.Err(); err != nil {
			return NotSolved, fmt.Errorf("lp: solve cancelled after %d iterations: %w", m.iters, err)
		}
		if m.maxPrimalInf() > ptol {
			if m.makeDualFeasible() {
				m.computePrimal(false)
			}
			res, err := m.dual(ctx)
			if err != nil {
				return NotSolved, err
			}
			if res == resInfeasible {
				return Infeasible, nil
			}
			if res == resLostFeasibility {
				continue
			}
			if m.shifted {
				m.shifted = false
				if m.perturbed {
					m.perturb()
				} else {
					m.resetCosts()
				}
				m.computeDuals(false)
			}
		}
		res, err := m.primal(ctx)
		if err != nil {
			return NotSolved, err
		}
		switch res {
		case resLostFeasibility:
			continue
		case resUnbounded:
			if m.perturbed {
				m.perturbed = false
				m.resetCosts()
				m.computeDuals(false)
				continue
			}
			return Unbounded, nil
		case resOptimal:
			if m.perturbed {
				m.perturbed = false
				m.resetCosts()
				m.computeDuals(false)
				continue
			}
			m.computePrimal(true)
			m.computeDuals(true)
			if m.maxPrimalInf() <= ptol && m.maxDualInf() <= dtol {
				return Optimal, nil
			}
		}
	}
	return NotSolved, &NumericalError{Detail: "no convergence after repeated phases"}
}

// makeDualFeasible flips boxed nonbasic variables with a reduced cost of
// the wrong sign and shifts the cost of the others. It reports whether a
// bound was flipped (so x must be recomputed).
func (m *Model) makeDualFeasible() bool {
	dtol := m.opt.DualTol
	flipped := false
	for v, s := range m.stat {
		if s == Basic || m.lo[v] == m.up[v] {
			continue
		}
		dv := m.d[v]
		boxed := !math.IsInf(m.lo[v], -1) && !math.IsInf(m.up[v], 1)
		switch s {
		case AtLower:
			if dv < -dtol {
				if boxed {
					m.stat[v] = AtUpper
					flipped = true
				} else {
					m.shiftCost(v, -dv+dtol)
				}
			}
		case AtUpper:
			if dv > dtol {
				if boxed {
					m.stat[v] = AtLower
					flipped = true
				} else {
					m.shiftCost(v, -dv-dtol)
				}
			}
		case AtZero:
			if math.Abs(dv) > dtol {
				m.shiftCost(v, -dv)
			}
		}
	}
	return flipped
}

// harrisTol is the relaxation of the dual ratio test: reduced costs may
// become infeasible by this much and are then repaired by cost shifting.
func (m *Model) harrisTol() float64 {
	return math.Max(m.opt.DualTol, 1e-7*m.costScale)
}

// keepDualFeasible shifts the cost of the nonbasic variable v if its
// reduced cost has the wrong sign (beyond DualTol), so that the dual simplex
// keeps a dual feasible basis; shifts are removed before the primal phase.
func (m *Model) keepDualFeasible(v int) {
	dv := m.d[v]
	dtol := m.opt.DualTol
	switch m.stat[v] {
	case AtLower:
		if dv < -dtol && m.lo[v] != m.up[v] {
			m.shiftCost(v, -dv)
		}
	case AtUpper:
		if dv > dtol && m.lo[v] != m.up[v] {
			m.shiftCost(v, -dv)
		}
	case AtZero:
		if math.Abs(dv) > dtol {
			m.shiftCost(v, -dv)
		}
	}
}

// banVar excludes v from entering until the next successful pivot (used
// when its pivot element is unreliable even after refactorisation).
func (m *Model) banVar(v int) {
	m.ban[v] = true
	m.banList = append(m.banList, v)
}

func (m *Model) clearBans() {
	for _, v := range m.banList {
		m.ban[v] = false
	}
	m.banList = m.banList[:0]
}

func (m *Model) shiftCost(v int, delta float64) {
	m.cw[v] += delta
	m.d[v] += delta
	m.shifted = true
}

// primal runs the primal simplex from a primal feasible basis.
func (m *Model) primal(ctx context.Context) (result, error) {
	ptol := m.opt.PrimalTol
	if m.maxPrimalInf() > ptol {
		return resLostFeasibility, nil
	}
	for v := range m.devex {
		m.devex[v] = 1
	}
	col := m.vecM2[:m.m]
	rho := m.vecM3[:m.m]
	degen := 0
	justRefactored := false
	for {
		if err := m.checkLimits(ctx); err != nil {
			return 0, err
		}
		if m.fac.numOps() >= m.opt.RefactorInterval {
			if err := m.refactor(); err != nil {
				return 0, err
			}
			m.computePrimal(false)
			m.computeDuals(false)
			justRefactored = true
			if m.maxPrimalInf() > ptol {
				return resLostFeasibility, nil
			}
		}
		if degen >= lazyDegenPrimal && m.lazyPerturb() {
			degen = 0
		}
		bland := !m.perturbed && degen > 50
		q, dir := m.choosePrimal(bland)
		if q < 0 {
			if len(m.banList) > 0 {
				return 0, &NumericalError{Detail: "no acceptable pivot in the primal simplex"}
			}
			return resOptimal, nil
		}
		m.loadCol(q, col)
		m.fac.ftran(m, col)
		r, theta, flip, unb := m.primalRatio(q, dir, col, bland)
		if unb {
			return resUnbounded, nil
		}
		m.iters++
		if flip {
			rng := m.up[q] - m.lo[q]
			for p, v := range m.hd {
				m.x[v] -= float64(dir*rng) * col[p]
			}
			if dir > 0 {
				m.stat[q] = AtUpper
			} else {
				m.stat[q] = AtLower
			}
			m.x[q] = m.nbValue(q)
			degen = 0
			continue
		}
		lv := m.hd[r]
		for i := range rho {
			rho[i] = 0
		}
		rho[r] = 1
		m.fac.btran(m, rho)
		m.pivotRow(rho)
		aq := m.prow[q]
		if bad := math.Abs(aq-col[r]) > 1e-8*(1+math.Abs(col[r])); bad && justRefactored {
			if math.Abs(aq-col[r]) > 1e-6*(1+math.Abs(col[r])) || math.Abs(col[r]) < 1e-7 {
				m.iters--
				m.banVar(q)
				continue
			}
		} else if bad {
			m.iters--
			if err := m.refactor(); err != nil {
				return 0, err
			}
			m.computePrimal(false)
			m.computeDuals(false)
			justRefactored = true
			if m.maxPrimalInf() > ptol {
				return resLostFeasibility, nil
			}
			continue
		}
		justRefactored = false
		m.clearBans()
		m.nPrimal++
		if theta*math.Abs(m.d[q]) <= 1e-12 {
			degen++
		} else {
			degen = 0
		}
		// primal update
		step := dir * theta
		for p, v := range m.hd {
			if a := col[p]; a != 0 {
				m.x[v] -= float64(step * a)
			}
		}
		m.x[q] += step
		if dir*col[r] > 0 {
			m.stat[lv] = AtLower
		} else {
			m.stat[lv] = AtUpper
		}
		if m.lo[lv] == m.up[lv] {
			m.stat[lv] = AtLower
		}
		m.x[lv] = m.nbValue(lv)
		// dual update
		thD := m.d[q] / aq
		wq := m.devex[q]
		for v, a := range m.prow {
			if a == 0 || m.stat[v] == Basic || v == q || v == lv {
				continue
			}
			m.d[v] -= float64(thD * a)
			ratio := a / aq
			if w := float64(ratio*ratio) * wq; w > m.devex[v] {
				m.devex[v] = w
			}
		}
		m.d[lv] = -thD
		m.d[q] = 0
		m.devex[lv] = math.Max(wq/(aq*aq), 1)
		// basis change
		m.stat[q] = Basic
		m.hd[r] = q
		m.pos[q] = r
		m.pos[lv] = -1
		m.fac.addEta(r, col)
		if m.devex[lv] > 1e6 {
			for v := range m.devex {
				m.devex[v] = 1
			}
		}
	}
}

// choosePrimal selects the entering variable by Devex pricing (or the
// smallest eligible index in Bland mode). dir is +1 to increase, −1 to
// decrease.
func (m *Model) choosePrimal(bland bool) (int, float64) {
	dtol := m.opt.DualTol
	best, q, dir := 0.0, -1, 0.0
	for v, s := range m.stat {
		if s == Basic || m.ban[v] {
			continue
		}
		dv := m.d[v]
		var dd float64
		switch s {
		case AtLower:
			if dv >= -dtol || m.lo[v] == m.up[v] {
				continue
			}
			dd = 1
		case AtUpper:
			if dv <= dtol || m.lo[v] == m.up[v] {
				continue
			}
			dd = -1
		case AtZero:
			if dv < -dtol {
				dd = 1
			} else if dv > dtol {
				dd = -1
			} else {
				continue
			}
		}
		if bland {
			return v, dd
		}
		if score := dv * dv / m.devex[v]; score > best {
			best, q, dir = score, v, dd
		}
	}
	return q, dir
}

// primalRatio is the Harris two-pass ratio test of the bounded primal
// simplex. It returns the leaving position r and the step theta, or flip
// (the entering variable moves to its other bound), or unbounded.
func (m *Model) primalRatio(q int, dir float64, col []float64, bland bool) (r int, theta float64, flip, unbounded bool) {
	ptol, pivTol := m.opt.PrimalTol, m.opt.PivotTol
	thMax := inf
	for p, v := range m.hd {
		a := col[p]
		if math.Abs(a) < pivTol {
			continue
		}
		g := -dir * a
		if g < 0 {
			if lo := m.lo[v]; !math.IsInf(lo, -1) {
				if t := (m.x[v] - lo + ptol) / -g; t < thMax {
					thMax = t
				}
			}
		} else if up := m.up[v]; !math.IsInf(up, 1) {
			if t := (up - m.x[v] + ptol) / g; t < thMax {
				thMax = t
			}
		}
	}
	rng := m.up[q] - m.lo[q]
	if math.IsInf(thMax, 1) && math.IsInf(rng, 1) {
		return -1, 0, false, true
	}
	r = -1
	bestA := 0.0
	bestT := inf
	if !math.IsInf(thMax, 1) {
		for p, v := range m.hd {
			a := col[p]
			if math.Abs(a) < pivTol {
				continue
			}
			g := -dir * a
			var t float64
			if g < 0 {
				lo := m.lo[v]
				if math.IsInf(lo, -1) {
					continue
				}
				t = (m.x[v] - lo) / -g
			} else {
				up := m.up[v]
				if math.IsInf(up, 1) {
					continue
				}
				t = (up - m.x[v]) / g
			}
			if t > thMax {
				continue
			}
			if bland {
				if t < bestT || (t == bestT && v < m.hd[r]) {
					bestT, r, bestA = t, p, math.Abs(a)
				}
				continue
			}
			if math.Abs(a) > bestA {
				bestA, r, bestT = math.Abs(a), p, t
			}
		}
	}
	if r < 0 || rng <= math.Max(bestT, 0) {
		return -1, rng, true, false
	}
	return r, math.Max(bestT, 0), false, false
}

type cand struct {
	v      int
	t, rel float64
	sufMin float64
}

// refactorDual refactorises the basis, recomputes x, y and d from the
// original data and restores dual feasibility, as the dual simplex does
// after numerical trouble.
func (m *Model) refactorDual() error {
	if err := m.refactor(); err != nil {
		return err
	}
	m.computePrimal(false)
	m.computeDuals(false)
	if m.makeDualFeasible() {
		m.computePrimal(false)
	}
	return nil
}

// dual runs the dual simplex (dual steepest edge pricing, bound-flipping
// Harris ratio test) until the basis is primal feasible.
func (m *Model) dual(ctx context.Context) (result, error) {
	ptol := m.opt.PrimalTol
	rho := m.vecM3[:m.m]
	col := m.vecM2[:m.m]
	tau := m.vecM[:m.m]
	justRefactored := false
	streak := 0
	for {
		if err := m.checkLimits(ctx); err != nil {
			return 0, err
		}
		if streak >= lazyDegenDual && m.lazyPerturb() {
			if m.makeDualFeasible() {
				m.computePrimal(false)
			}
			streak = 0
		}
		if m.fac.numOps() >= m.opt.RefactorInterval {
			if err := m.refactorDual(); err != nil {
				return 0, err
			}
			justRefactored = true
		}
		// choose leaving row
		r, best := -1, 0.0
		for p, v := range m.hd {
			x := m.x[v]
			var e float64
			if x < m.lo[v]-ptol {
				e = m.lo[v] - x
			} else if x > m.up[v]+ptol {
				e = x - m.up[v]
			} else {
				continue
			}
			if s := e * e / m.dseW[p]; s > best {
				best, r = s, p
			}
		}
		if r < 0 {
			return resOptimal, nil
		}
		lv := m.hd[r]
		var bound, s float64
		if m.x[lv] < m.lo[lv] {
			bound, s = m.lo[lv], -1
		} else {
			bound, s = m.up[lv], 1
		}
		delta := math.Abs(m.x[lv] - bound)
		for i := range rho {
			rho[i] = 0
		}
		rho[r] = 1
		m.fac.btran(m, rho)
		m.pivotRow(rho)
		q, nflip := m.dualRatio(s, delta)
		if q == -2 || math.IsNaN(delta) {
			if justRefactored {
				return 0, &NumericalError{Detail: "NaN in the dual simplex"}
			}
			if err := m.refactorDual(); err != nil {
				return 0, err
			}
			justRefactored = true
			continue
		}
		if q < 0 && len(m.banList) > 0 {
			return 0, &NumericalError{Detail: "no acceptable pivot in the dual simplex"}
		}
		if q < 0 {
			if !justRefactored && m.fac.numOps() > 0 {
				if err := m.refactorDual(); err != nil {
					return 0, err
				}
				justRefactored = true
				continue
			}
			return resInfeasible, nil
		}
		m.loadCol(q, col)
		copy(tau, rho)
		m.fac.ftran2(m, col, tau)
		aq := m.prow[q]
		if bad := math.Abs(aq-col[r]) > 1e-8*(1+math.Abs(col[r])); bad && justRefactored {
			if math.Abs(aq-col[r]) > 1e-6*(1+math.Abs(col[r])) || math.Abs(col[r]) < 1e-7 {
				m.banVar(q)
				continue
			}
		} else if bad {
			if err := m.refactorDual(); err != nil {
				return 0, err
			}
			justRefactored = true
			continue
		}
		justRefactored = false
		m.clearBans()
		m.iters++
		m.nDual++
		// bound flips
		if nflip > 0 {
			w := m.vecM4[:m.m]
			for i := range w {
				w[i] = 0
			}
			for _, c := range m.cand[:nflip] {
				v := c.v
				var dx float64
				if m.stat[v] == AtLower {
					m.stat[v] = AtUpper
					dx = m.up[v] - m.lo[v]
				} else {
					m.stat[v] = AtLower
					dx = m.lo[v] - m.up[v]
				}
				m.x[v] = m.nbValue(v)
				m.addCol(v, dx, w)
			}
			m.fac.ftran(m, w)
			for p, v := range m.hd {
				m.x[v] -= w[p]
			}
		}
		// DSE: tau = B⁻¹ rho, wr = ‖rho‖²
		wr := 0.0
		for _, ri := range rho {
			wr += float64(ri * ri)
		}
		// primal step
		ar := col[r]
		thP := (m.x[lv] - bound) / ar
		for p, v := range m.hd {
			if a := col[p]; a != 0 {
				m.x[v] -= float64(thP * a)
			}
		}
		m.x[q] += thP
		// dual step
		thD := m.d[q] / aq
		if math.Abs(thD) < 1e-12 {
			m.nDegen++
			streak++
		} else {
			streak = 0
		}
		if thD != 0 {
			for v, a := range m.prow {
				if a == 0 || m.stat[v] == Basic || v == q {
					continue
				}
				m.d[v] -= float64(thD * a)
				m.keepDualFeasible(v)
			}
		}
		m.d[lv] = -thD
		m.d[q] = 0
		// DSE update
		for p := range m.hd {
			a := col[p]
			if p == r || a == 0 {
				continue
			}
			ratio := a / ar
			w := m.dseW[p] + float64(ratio*(float64(ratio*wr)-2*tau[p]))
			m.dseW[p] = math.Max(w, 1e-8)
		}
		m.dseW[r] = math.Max(wr/(ar*ar), 1e-8)
		// basis change
		if s < 0 {
			m.stat[lv] = AtLower
		} else {
			m.stat[lv] = AtUpper
		}
		if m.lo[lv] == m.up[lv] {
			m.stat[lv] = AtLower
		}
		m.x[lv] = bound
		m.stat[q] = Basic
		m.hd[r] = q
		m.pos[q] = r
		m.pos[lv] = -1
		m.fac.addEta(r, col)
		if testHook != nil {
			testHook(m, "dual")
		}
	}
}

// testHook, if set (by tests only), is called after every refactorisation,
// appended row and dual pivot.
var testHook func(m *Model, where string)

// dualRatio is the bound-flipping Harris ratio test of the dual simplex for
// a leaving variable that moves by s·t (s = −1: to its lower bound) with
// primal infeasibility delta. It returns the entering variable (or −1 if the
// dual is unbounded, i.e. the primal infeasible) and the number of
// candidates m.cand[:nflip] to flip.
func (m *Model) dualRatio(s, delta float64) (q, nflip int) {
	pivTol, ptol := m.opt.PivotTol, m.opt.PrimalTol
	htol := m.harrisTol()
	// Pass 1: the eligible variables (indices only) and the Harris bound.
	elig := m.elig[:0]
	thMax := inf
	prow, d, lo, up := m.prow, m.d, m.lo, m.up
	for v, st := range m.stat {
		if st == Basic {
			continue
		}
		a := prow[v]
		if a < pivTol && a > -pivTol {
			continue
		}
		at := s * a
		switch st {
		case AtLower:
			if at <= 0 {
				continue
			}
		case AtUpper:
			if at >= 0 {
				continue
			}
		}
		if lo[v] == up[v] || m.ban[v] {
			continue
		}
		elig = append(elig, int32(v))
		if rel := (d[v] + math.Copysign(htol, at)) / at; rel < thMax || rel != rel {
			thMax = rel // as math.Min: a NaN sticks
		}
	}
	m.elig = elig
	if len(elig) == 0 {
		m.cand = m.cand[:0]
		return -1, 0
	}
	// Fast path: the first Harris group, unsorted. Sorting is needed only
	// when the whole group can be passed by bound flips.
	reduce, boxed := 0.0, true
	bv, ba := -1, 0.0
	for _, v32 := range elig {
		v := int(v32)
		a := prow[v]
		t := d[v] / (s * a)
		if t < 0 {
			t = 0
		}
		if t > thMax {
			continue
		}
		a = math.Abs(a)
		rng := up[v] - lo[v]
		if math.IsInf(rng, 1) {
			boxed = false
		} else {
			reduce += rng * a
		}
		if a > ba {
			bv, ba = v, a
		}
	}
	if bv >= 0 && !(boxed && delta-reduce > ptol) {
		return bv, 0
	}
	if bv < 0 && !math.IsInf(thMax, 1) {
		return -2, 0 // NaN in the pivot row
	}
	cands := m.cand[:0]
	for _, v32 := range elig {
		v := int(v32)
		at := s * prow[v]
		dv := d[v]
		t := dv / at
		if t < 0 {
			t = 0
		}
		rel := (dv + math.Copysign(htol, at)) / at
		cands = append(cands, cand{v: v, t: t, rel: rel})
	}
	m.cand = cands
	slices.SortFunc(cands, func(a, b cand) int {
		if a.t < b.t {
			return -1
		}
		if a.t > b.t {
			return 1
		}
		return a.v - b.v
	})
	mn := inf
	for i := len(cands) - 1; i >= 0; i-- {
		if cands[i].rel < mn {
			mn = cands[i].rel
		}
		cands[i].sufMin = mn
	}
	slope := delta
	start := 0
	for start < len(cands) {
		thMax = cands[start].sufMin
		end := start
		for end < len(cands) && cands[end].t <= thMax {
			end++
		}
		if end == start {
			end = start + 1
		}
		reduce, boxed = 0.0, true
		for _, c := range cands[start:end] {
			rng := m.up[c.v] - m.lo[c.v]
			if math.IsInf(rng, 1) {
				boxed = false
				break
			}
			reduce += rng * math.Abs(m.prow[c.v])
		}
		if boxed && slope-reduce > ptol {
			slope -= reduce
			start = end
			continue
		}
		bi, ba := -1, 0.0
		for i := start; i < end; i++ {
			if a := math.Abs(m.prow[cands[i].v]); a > ba {
				bi, ba = i, a
			}
		}
		if bi < 0 {
			return -2, 0 // NaN in the pivot row
		}
		return cands[bi].v, start
	}
	return -1, len(cands)
}
