package lp

import (
	"errors"
	"fmt"
	"math"
)

// Status is the outcome of [Model.Solve].
type Status int

const (
	// NotSolved means that no successful solve has happened since the last
	// change of the model, or that Solve returned an error.
	NotSolved Status = iota
	// Optimal means that the current basis is primal and dual feasible within
	// the tolerances of [Options].
	Optimal
	// Infeasible means that no point satisfies all bounds (within PrimalTol).
	Infeasible
	// Unbounded means that the model is feasible and the objective is
	// unbounded below.
	Unbounded
)

// String returns the name of the status.
func (s Status) String() string {
	switch s {
	case NotSolved:
		return "NotSolved"
	case Optimal:
		return "Optimal"
	case Infeasible:
		return "Infeasible"
	case Unbounded:
		return "Unbounded"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// VarStatus is the status of a column or of a row's slack in a [Basis].
// The zero value means "unspecified" and is replaced by a default in
// [Model.SetBasis].
type VarStatus int8

const (
	// Basic marks a basic variable.
	Basic VarStatus = iota + 1
	// AtLower marks a nonbasic variable at its (finite) lower bound. Fixed
	// variables (lower == upper) are AtLower.
	AtLower
	// AtUpper marks a nonbasic variable at its (finite) upper bound.
	AtUpper
	// AtZero marks a nonbasic free variable (both bounds infinite) at zero.
	AtZero
)

// String returns the name of the status.
func (s VarStatus) String() string {
	switch s {
	case 0:
		return "Unset"
	case Basic:
		return "Basic"
	case AtLower:
		return "AtLower"
	case AtUpper:
		return "AtUpper"
	case AtZero:
		return "AtZero"
	}
	return fmt.Sprintf("VarStatus(%d)", int(s))
}

// Basis is a snapshot of the simplex basis: one status per column and one
// per row (the status of the row's slack variable s_i = (Ax)_i).
type Basis struct {
	Cols []VarStatus
	Rows []VarStatus
}

// Clone returns a deep copy of b.
func (b Basis) Clone() Basis {
	return Basis{Cols: append([]VarStatus(nil), b.Cols...), Rows: append([]VarStatus(nil), b.Rows...)}
}

// Options are the tuning parameters of the solver. Zero fields are replaced
// by the defaults given in their comments.
type Options struct {
	// PrimalTol is the absolute tolerance on bound and row violations
	// (default 1e-9).
	PrimalTol float64
	// DualTol is the absolute tolerance on reduced-cost sign violations
	// (default 1e-9).
	DualTol float64
	// PivotTol is the smallest absolute pivot element accepted by the ratio
	// tests (default 1e-9).
	PivotTol float64
	// MaxIterations bounds the number of simplex iterations of one Solve.
	// Zero means the default 10000 + 50*(rows+cols); a negative value means
	// no limit.
	MaxIterations int
	// RefactorInterval is the number of basis updates after which the basis
	// is refactorised and x, y and d are recomputed from the original data
	// (default 100).
	RefactorInterval int
	// NoPerturbation disables the small deterministic cost perturbation used
	// against stalling and cycling.
	NoPerturbation bool
	// Seed selects the deterministic pseudo-random perturbation (default 0 is
	// a valid seed).
	Seed uint64
}

// DefaultOptions returns the default options.
func DefaultOptions() Options {
	return Options{PrimalTol: 1e-9, DualTol: 1e-9, PivotTol: 1e-9, RefactorInterval: 100}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if !(o.PrimalTol > 0) {
		o.PrimalTol = d.PrimalTol
	}
	if !(o.DualTol > 0) {
		o.DualTol = d.DualTol
	}
	if !(o.PivotTol > 0) {
		o.PivotTol = d.PivotTol
	}
	if o.RefactorInterval <= 0 {
		o.RefactorInterval = d.RefactorInterval
	}
	return o
}

// ErrIterationLimit is matched (errors.Is) by *IterationLimitError.
var ErrIterationLimit = errors.New("lp: iteration limit reached")

// ErrNumerical is matched (errors.Is) by *NumericalError.
var ErrNumerical = errors.New("lp: numerical failure")

// ErrInvalidModel is matched (errors.Is) by *ModelError.
var ErrInvalidModel = errors.New("lp: invalid model")

// IterationLimitError is returned by Solve when Options.MaxIterations
// iterations did not suffice. The basis reached is kept, so calling Solve
// again continues from it.
type IterationLimitError struct {
	Iterations int
}

// Error implements error.
func (e *IterationLimitError) Error() string {
	return fmt.Sprintf("lp: iteration limit reached after %d iterations", e.Iterations)
}

// Is reports whether target is ErrIterationLimit.
func (e *IterationLimitError) Is(target error) bool { return target == ErrIterationLimit }

// NumericalError is returned by Solve when the simplex method cannot make
// progress because of numerical difficulties (singular bases that cannot be
// repaired, or tolerances that cannot be met after repeated refactorisation).
type NumericalError struct {
	Detail string
}

// Error implements error.
func (e *NumericalError) Error() string { return "lp: numerical failure: " + e.Detail }

// Is reports whether target is ErrNumerical.
func (e *NumericalError) Is(target error) bool { return target == ErrNumerical }

// ModelError reports invalid input (an index out of range, a NaN, an
// infinite coefficient, ...). The first such error is remembered by the
// model and returned by every later Solve.
type ModelError struct {
	Op     string
	Detail string
}

// Error implements error.
func (e *ModelError) Error() string { return "lp: " + e.Op + ": " + e.Detail }

// Is reports whether target is ErrInvalidModel.
func (e *ModelError) Is(target error) bool { return target == ErrInvalidModel }

// Model is a linear program
//
//	minimise c·x  subject to  rowLo ≤ A x ≤ rowUp,  colLo ≤ x ≤ colUp
//
// together with the state of the simplex method (basis and factorisation),
// so that a modified model is re-solved from the previous basis. A Model is
// not safe for concurrent use.
type Model struct {
	cost         []float64
	colLo, colUp []float64
	rowLo, rowUp []float64
	colIdx       [][]int32
	colVal       [][]float64
	rowIdx       [][]int32
	rowVal       [][]float64
	err          error
	opt          Options

	// Persistent basis: statuses of columns and rows, and the basis heads
	// (encoded: j >= 0 column, -1-i slack of row i) for the first len(head)
	// rows; rows beyond are appended with their slack basic.
	colStat  []VarStatus
	rowStat  []VarStatus
	head     []int
	dseW     []float64 // dual steepest-edge weights per basis position
	fac      factor
	facValid bool

	// Working arrays, valid during and after Solve, unified index space:
	// 0..n-1 columns, n..n+m-1 row slacks.
	n, m      int
	lo, up    []float64
	cw        []float64 // working costs (perturbed / shifted)
	x, d      []float64
	stat      []VarStatus
	hd        []int // basis heads (unified)
	pos       []int // var -> position, -1 if nonbasic
	y         []float64
	vecM      []float64 // scratch, size m
	vecM2     []float64
	vecM3     []float64
	vecM4     []float64
	prow      []float64 // pivot row, size n+m
	devex     []float64
	cand      []cand
	elig      []int32
	ban       []bool
	banList   []int
	costScale float64
	perturbed bool
	// perturbUsed records that this Solve has perturbed the costs (at most
	// once, when the simplex stalls).
	perturbUsed bool
	shifted     bool
	iters       int
	nDual       int // dual simplex pivots since the model was created
	nPrimal     int // primal simplex pivots since the model was created
	nDegen      int // dual degenerate pivots
	maxIter     int
	status      Status
	solved      bool // result arrays below are valid
	resX        []float64
	resRow      []float64
	resY        []float64
	resD        []float64
}

// NewModel returns an empty model with default options.
func NewModel() *Model {
	return &Model{opt: DefaultOptions()}
}

// SetOptions sets the solver options; zero fields take their defaults.
func (m *Model) SetOptions(o Options) { m.opt = o.withDefaults() }

// Options returns the options in effect.
func (m *Model) Options() Options { return m.opt }

// NumRows returns the number of rows.
func (m *Model) NumRows() int { return len(m.rowLo) }

// NumCols returns the number of columns.
func (m *Model) NumCols() int { return len(m.cost) }

// Err returns the first input error recorded by the model, or nil.
func (m *Model) Err() error { return m.err }

func (m *Model) fail(op, format string, args ...any) {
	if m.err == nil {
		m.err = &ModelError{Op: op, Detail: fmt.Sprintf(format, args...)}
	}
}

func validBounds(lo, up float64) bool {
	return !math.IsNaN(lo) && !math.IsNaN(up) && lo != math.Inf(1) && up != math.Inf(-1)
}

// AddCol appends a column with cost c and bounds lo ≤ x ≤ up (no
// coefficients; use AddRow or AddColCoefs) and returns its index. The new
// column is nonbasic at a finite bound (at zero if free).
func (m *Model) AddCol(cost, lo, up float64) int {
	return m.AddColCoefs(cost, lo, up, nil, nil)
}

// AddColCoefs appends a column with cost c, bounds lo ≤ x ≤ up and
// coefficients val in the existing rows idx, and returns its index.
// Duplicate indices are summed; zero coefficients are dropped. Invalid input
// is recorded and reported by the next Solve.
func (m *Model) AddColCoefs(cost, lo, up float64, idx []int, val []float64) int {
	j := len(m.cost)
	if math.IsNaN(cost) || math.IsInf(cost, 0) {
		m.fail("AddCol", "column %d: invalid cost %v", j, cost)
		cost = 0
	}
	if !validBounds(lo, up) {
		m.fail("AddCol", "column %d: invalid bounds [%v, %v]", j, lo, up)
		lo, up = 0, 0
	}
	m.cost = append(m.cost, cost)
	m.colLo = append(m.colLo, lo)
	m.colUp = append(m.colUp, up)
	m.colStat = append(m.colStat, 0)
	m.colIdx = append(m.colIdx, nil)
	m.colVal = append(m.colVal, nil)
	ids, vals := m.normalise("AddCol", idx, val, len(m.rowLo))
	for t, i := range ids {
		m.colIdx[j] = append(m.colIdx[j], int32(i))
		m.colVal[j] = append(m.colVal[j], vals[t])
		m.rowIdx[i] = append(m.rowIdx[i], int32(j))
		m.rowVal[i] = append(m.rowVal[i], vals[t])
	}
	m.solved = false
	return j
}

// normalise validates and sorts a sparse vector, summing duplicates and
// dropping zeros.
func (m *Model) normalise(op string, idx []int, val []float64, limit int) ([]int, []float64) {
	if len(idx) != len(val) {
		m.fail(op, "len(idx)=%d != len(val)=%d", len(idx), len(val))
		return nil, nil
	}
	ids := make([]int, 0, len(idx))
	vals := make([]float64, 0, len(idx))
	for t, i := range idx {
		v := val[t]
		if i < 0 || i >= limit {
			m.fail(op, "index %d out of range [0, %d)", i, limit)
			continue
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			m.fail(op, "invalid coefficient %v at index %d", v, i)
			continue
		}
		ids = append(ids, i)
		vals = append(vals, v)
	}
	// insertion sort by index (stable, deterministic); rows are short.
	for a := 1; a < len(ids); a++ {
		for b := a; b > 0 && ids[b-1] > ids[b]; b-- {
			ids[b-1], ids[b] = ids[b], ids[b-1]
			vals[b-1], vals[b] = vals[b], vals[b-1]
		}
	}
	w := 0
	for t := 0; t < len(ids); t++ {
		if w > 0 && ids[w-1] == ids[t] {
			vals[w-1] += vals[t]
			continue
		}
		ids[w], vals[w] = ids[t], vals[t]
		w++
	}
	ids, vals = ids[:w], vals[:w]
	w = 0
	for t := range ids {
		if vals[t] != 0 {
			ids[w], vals[w] = ids[t], vals[t]
			w++
		}
	}
	return ids[:w], vals[:w]
}

// AddRow appends the row lo ≤ Σ_t val[t]·x[idx[t]] ≤ up over existing
// columns and returns its index. Duplicate indices are summed; zero
// coefficients are dropped. The new row's slack is basic, so an optimal
// basis stays dual feasible and the next Solve uses the dual simplex.
// Invalid input is recorded and reported by the next Solve.
func (m *Model) AddRow(idx []int, val []float64, lo, up float64) int {
	i := len(m.rowLo)
	if !validBounds(lo, up) {
		m.fail("AddRow", "row %d: invalid bounds [%v, %v]", i, lo, up)
		lo, up = math.Inf(-1), math.Inf(1)
	}
	ids, vals := m.normalise("AddRow", idx, val, len(m.cost))
	m.rowLo = append(m.rowLo, lo)
	m.rowUp = append(m.rowUp, up)
	m.rowStat = append(m.rowStat, Basic)
	ri := make([]int32, len(ids))
	rv := make([]float64, len(ids))
	for t, j := range ids {
		ri[t] = int32(j)
		rv[t] = vals[t]
		m.colIdx[j] = append(m.colIdx[j], int32(i))
		m.colVal[j] = append(m.colVal[j], vals[t])
	}
	m.rowIdx = append(m.rowIdx, ri)
	m.rowVal = append(m.rowVal, rv)
	m.solved = false
	return i
}

// SetCost sets the cost of column j.
func (m *Model) SetCost(j int, c float64) {
	if j < 0 || j >= len(m.cost) {
		m.fail("SetCost", "column %d out of range [0, %d)", j, len(m.cost))
		return
	}
	if math.IsNaN(c) || math.IsInf(c, 0) {
		m.fail("SetCost", "column %d: invalid cost %v", j, c)
		return
	}
	m.cost[j] = c
	m.solved = false
}

// Cost returns the cost of column j (0 if j is out of range).
func (m *Model) Cost(j int) float64 {
	if j < 0 || j >= len(m.cost) {
		return 0
	}
	return m.cost[j]
}

// SetColBounds sets the bounds of column j (±Inf allowed).
func (m *Model) SetColBounds(j int, lo, up float64) {
	if j < 0 || j >= len(m.cost) {
		m.fail("SetColBounds", "column %d out of range [0, %d)", j, len(m.cost))
		return
	}
	if !validBounds(lo, up) {
		m.fail("SetColBounds", "column %d: invalid bounds [%v, %v]", j, lo, up)
		return
	}
	m.colLo[j], m.colUp[j] = lo, up
	m.solved = false
}

// ColBounds returns the bounds of column j.
func (m *Model) ColBounds(j int) (lo, up float64) {
	if j < 0 || j >= len(m.cost) {
		return 0, 0
	}
	return m.colLo[j], m.colUp[j]
}

// SetRowBounds sets the bounds of row i (±Inf allowed; lo == up for an
// equality row).
func (m *Model) SetRowBounds(i int, lo, up float64) {
	if i < 0 || i >= len(m.rowLo) {
		m.fail("SetRowBounds", "row %d out of range [0, %d)", i, len(m.rowLo))
		return
	}
	if !validBounds(lo, up) {
		m.fail("SetRowBounds", "row %d: invalid bounds [%v, %v]", i, lo, up)
		return
	}
	m.rowLo[i], m.rowUp[i] = lo, up
	m.solved = false
}

// RowBounds returns the bounds of row i.
func (m *Model) RowBounds(i int) (lo, up float64) {
	if i < 0 || i >= len(m.rowLo) {
		return 0, 0
	}
	return m.rowLo[i], m.rowUp[i]
}

// Row returns the (sorted) column indices and coefficients of row i. The
// slices must not be modified.
func (m *Model) Row(i int) ([]int32, []float64) {
	if i < 0 || i >= len(m.rowLo) {
		return nil, nil
	}
	return m.rowIdx[i], m.rowVal[i]
}

// Status returns the status of the last Solve.
func (m *Model) Status() Status { return m.status }

// Iterations returns the number of simplex iterations (pivots and bound
// flips) performed by the last Solve.
func (m *Model) Iterations() int { return m.iters }

// padded copies src into dst resized to n, with zeros past the end of src.
func padded(dst []float64, n int, src []float64) []float64 {
	dst = resize(dst, n)
	clear(dst[copy(dst, src):])
	return dst
}

func resize(dst []float64, n int) []float64 {
	if cap(dst) < n {
		return make([]float64, n)
	}
	return dst[:n]
}

// Objective returns c·x for the solution of the last Solve (computed from
// the original costs with a compensated sum), or NaN if the model has been
// changed since or no solution is available.
func (m *Model) Objective() float64 {
	if !m.solved {
		return math.NaN()
	}
	var s ksum
	for j, c := range m.cost {
		if j < len(m.resX) {
			s.add(c * m.resX[j])
		}
	}
	return s.value()
}

// X copies the primal values of the columns into dst (resized as needed) and
// returns it. The values are those of the basis reached by the last Solve
// (zero for columns added since); they are meaningful after Optimal.
func (m *Model) X(dst []float64) []float64 {
	return padded(dst, len(m.cost), m.resX)
}

// RowActivity copies the row activities (A x)_i into dst and returns it.
func (m *Model) RowActivity(dst []float64) []float64 {
	return padded(dst, len(m.rowLo), m.resRow)
}

// RowDuals copies the row duals y into dst and returns it. Sign convention:
// the reduced costs are d = c − Aᵀy, and y_i is the sensitivity of the
// optimal objective to the active bound of row i: y_i > 0 only if row i is
// at its lower bound, y_i < 0 only if it is at its upper bound (for a
// minimisation). For the row Σx ≥ 1 in "min Σx", y = 1.
func (m *Model) RowDuals(dst []float64) []float64 {
	return padded(dst, len(m.rowLo), m.resY)
}

// ReducedCosts copies the reduced costs d = c − Aᵀy of the columns into dst
// and returns it. At an optimum d_j ≥ 0 for columns at their lower bound,
// d_j ≤ 0 at their upper bound and d_j = 0 for basic columns.
func (m *Model) ReducedCosts(dst []float64) []float64 {
	return padded(dst, len(m.cost), m.resD)
}

// Basis returns a snapshot of the current basis (the one reached by the last
// Solve, extended by the defaults for rows and columns added since).
func (m *Model) Basis() Basis {
	b := Basis{Cols: make([]VarStatus, len(m.colStat)), Rows: make([]VarStatus, len(m.rowStat))}
	for j, s := range m.colStat {
		if s == 0 {
			s = defaultColStatus(m.cost[j], m.colLo[j], m.colUp[j])
		}
		b.Cols[j] = s
	}
	copy(b.Rows, m.rowStat)
	return b
}

// SetBasis restores a basis snapshot. The snapshot may be shorter than the
// model (taken before rows or columns were added): missing rows get a basic
// slack and missing columns a default nonbasic status. A status that does not
// fit the current bounds (e.g. AtUpper with an infinite upper bound) is
// adjusted, and a singular or wrongly sized basis is repaired by the next
// Solve (replacing dependent columns by slacks). An error is returned only
// for a snapshot longer than the model or an invalid status value.
func (m *Model) SetBasis(b Basis) error {
	if len(b.Cols) > len(m.cost) || len(b.Rows) > len(m.rowLo) {
		return &ModelError{Op: "SetBasis", Detail: fmt.Sprintf("basis has %d cols / %d rows, model %d / %d",
			len(b.Cols), len(b.Rows), len(m.cost), len(m.rowLo))}
	}
	for _, s := range b.Cols {
		if s < 0 || s > AtZero {
			return &ModelError{Op: "SetBasis", Detail: fmt.Sprintf("invalid column status %d", s)}
		}
	}
	for _, s := range b.Rows {
		if s < 0 || s > AtZero {
			return &ModelError{Op: "SetBasis", Detail: fmt.Sprintf("invalid row status %d", s)}
		}
	}
	for j := range m.colStat {
		m.colStat[j] = 0
		if j < len(b.Cols) {
			m.colStat[j] = b.Cols[j]
		}
	}
	for i := range m.rowStat {
		m.rowStat[i] = Basic
		if i < len(b.Rows) && b.Rows[i] != 0 {
			m.rowStat[i] = b.Rows[i]
		}
	}
	m.facValid = false
	m.head = m.head[:0]
	m.solved = false
	return nil
}

func defaultColStatus(c, lo, up float64) VarStatus {
	loF, upF := !math.IsInf(lo, -1), !math.IsInf(up, 1)
	switch {
	case loF && upF:
		if c < 0 && lo != up {
			return AtUpper
		}
		return AtLower
	case loF:
		return AtLower
	case upF:
		return AtUpper
	}
	return AtZero
}

// ksum is a Neumaier compensated sum.
type ksum struct{ s, c float64 }

func (k *ksum) add(v float64) {
	t := k.s + v
	if math.Abs(k.s) >= math.Abs(v) {
		k.c += (k.s - t) + v
	} else {
		k.c += (v - t) + k.s
	}
	k.s = t
}

func (k *ksum) value() float64 { return k.s + k.c }
