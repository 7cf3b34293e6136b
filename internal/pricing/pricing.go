package pricing

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/tirage/tirage/internal/lp"
)

// Tolerances of the search.
const (
	IntTol   = 1e-6
	PruneTol = 1e-10
)

// Problem is a pricing integer program over types.
type Problem struct {
	K int
	// Size[t] is the number of people of type t, the upper bound of c_t.
	Size []int
	// Rows[t] lists the quota-value rows that type t counts towards (one
	// per category).
	Rows [][]int
	// Lo[v] and Hi[v] bound the number of panel members with value v.
	Lo, Hi []int
	// Groups are household groups: at most one member of the types in a
	// group may be on a panel.
	Groups [][]int
	// GroupLo, when not nil, gives for every group the least number of its
	// members on a panel (0 or 1): 1 poses a face of the polytope where the
	// household constraint binds.
	GroupLo []int
	// Categories is the number of quota categories; rows 0..len(Lo)-1 are
	// partitioned among them. It only selects the fast paths.
	Categories int
	// Elastic lists deviation columns, numbered after the types: column
	// len(Size)+j is Elastic[j]. Counts and weights cover them too.
	Elastic []Elastic
}

// Elastic is an integer deviation column in [0, Max] that counts Sign (+1
// or −1) towards the quota row Row and not towards the panel size: with
// Sign +1 it makes up for members missing below the row's lower bound,
// with Sign −1 it excuses members above its upper bound.
type Elastic struct {
	Row, Sign, Max int
}

// NumCols returns the number of columns: the types, then the elastic
// columns.
func (p *Problem) NumCols() int { return len(p.Size) + len(p.Elastic) }

// Validate reports a malformed problem.
func (p *Problem) Validate() error {
	if len(p.Rows) != len(p.Size) || len(p.Lo) != len(p.Hi) {
		return errors.New("pricing: inconsistent problem sizes")
	}
	for t, rows := range p.Rows {
		if p.Size[t] < 0 {
			return fmt.Errorf("pricing: type %d has negative size", t)
		}
		for _, r := range rows {
			if r < 0 || r >= len(p.Lo) {
				return fmt.Errorf("pricing: type %d refers to row %d of %d", t, r, len(p.Lo))
			}
		}
	}
	if p.GroupLo != nil && len(p.GroupLo) != len(p.Groups) {
		return errors.New("pricing: GroupLo and Groups differ in length")
	}
	for g := range p.GroupLo {
		if p.GroupLo[g] < 0 || p.GroupLo[g] > 1 {
			return fmt.Errorf("pricing: household group %d needs %d members; at most one is allowed", g, p.GroupLo[g])
		}
	}
	for _, g := range p.Groups {
		for _, t := range g {
			if t < 0 || t >= len(p.Size) {
				return fmt.Errorf("pricing: household group refers to type %d of %d", t, len(p.Size))
			}
		}
	}
	for j, e := range p.Elastic {
		if e.Row < 0 || e.Row >= len(p.Lo) || (e.Sign != 1 && e.Sign != -1) || e.Max < 0 {
			return fmt.Errorf("pricing: elastic column %d is malformed (row %d, sign %d, max %d)", j, e.Row, e.Sign, e.Max)
		}
	}
	return nil
}

// Feasible reports whether counts form a panel meeting every constraint,
// checked exactly in integers.
func (p *Problem) Feasible(counts []int) bool {
	if len(counts) != p.NumCols() {
		return false
	}
	total := 0
	rowSum := make([]int, len(p.Lo))
	for t, c := range counts[:len(p.Size)] {
		if c < 0 || c > p.Size[t] {
			return false
		}
		total += c
		for _, r := range p.Rows[t] {
			rowSum[r] += c
		}
	}
	for j, e := range p.Elastic {
		c := counts[len(p.Size)+j]
		if c < 0 || c > e.Max {
			return false
		}
		rowSum[e.Row] += e.Sign * c
	}
	if total != p.K {
		return false
	}
	for r, s := range rowSum {
		if s < p.Lo[r] || s > p.Hi[r] {
			return false
		}
	}
	for g, ts := range p.Groups {
		n := 0
		for _, t := range ts {
			n += counts[t]
		}
		if n > 1 || n < p.groupLo(g) {
			return false
		}
	}
	return true
}

// groupLo is the least number of members of group g on a panel.
func (p *Problem) groupLo(g int) int {
	if p.GroupLo == nil {
		return 0
	}
	return p.GroupLo[g]
}

// Value returns Σ w_t c_t, summed in type order.
func Value(w []float64, counts []int) float64 {
	v := 0.0
	for t, c := range counts {
		v += float64(w[t] * float64(c))
	}
	return v
}

// Options control one Maximize call.
type Options struct {
	// StopAbove makes the search stop at the first panel whose value
	// exceeds Above + PruneTol; such a result is not proven optimal. When no
	// such panel exists the search proves it: Result.Bound ≤ Above + PruneTol
	// or the best panel is returned with Bound equal to its value.
	StopAbove bool
	Above     float64
	// NodeLimit bounds the number of branch-and-bound nodes (default 2,000,000).
	NodeLimit int
	// Require lists types that must have at least one member on the panel.
	Require []int
	// Integral declares every weight a whole number, so that every panel's
	// value is one: a node whose bound does not reach the next whole
	// number above the best panel's value is pruned.
	Integral bool
}

// Result is the outcome of Maximize.
type Result struct {
	// Counts is the best panel found, nil if none exists.
	Counts []int
	// Value is the weight of Counts.
	Value float64
	// Bound is a proven upper bound on the weight of every feasible panel:
	// Value when Optimal, at most Above + PruneTol when a StopAbove search
	// ended without finding a panel above Above.
	Bound float64
	// Optimal reports that Counts is proven optimal.
	Optimal bool
	// RootBound is the value of the LP relaxation at the root, an upper
	// bound on the weight of every feasible panel (+Inf when the greedy
	// path or an infeasible root gave none).
	RootBound float64
	// Nodes and Iterations count the branch-and-bound nodes and simplex
	// iterations used.
	Nodes, Iterations int
	// Rounded reports that Counts came from rounding the root relaxation
	// (and mending the rounding by swaps), not from the search's leaves.
	Rounded bool
}

// NodeLimitError reports a search that ran out of nodes; the best panel
// found so far and the proven bound are in Result.
type NodeLimitError struct {
	Nodes  int
	Result *Result
}

// Error says how far the search got.
func (e *NodeLimitError) Error() string {
	return fmt.Sprintf("pricing: branch and bound stopped after %d nodes without a proof (best %.9g, bound %.9g)", e.Nodes, e.Result.Value, e.Result.Bound)
}

// ErrInfeasible is returned when no panel meets the constraints.
var ErrInfeasible = errors.New("pricing: no panel meets the constraints")

// Solver solves a Problem repeatedly with different weights, keeping the LP
// relaxation and its last root basis between calls.
type Solver struct {
	p      *Problem
	model  *lp.Model
	rootLo []float64 // root column bounds
	rootUp []float64
	root   lp.Basis // basis of the last root solve
	greedy bool
}

// New builds a solver for p.
func New(p *Problem) (*Solver, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	s := &Solver{p: p}
	s.greedy = p.Categories == 1 && len(p.Groups) == 0 && len(p.Elastic) == 0
	m := p.Relaxation()
	for t := range p.Size {
		s.rootLo = append(s.rootLo, 0)
		s.rootUp = append(s.rootUp, float64(p.Size[t]))
	}
	for _, e := range p.Elastic {
		s.rootLo = append(s.rootLo, 0)
		s.rootUp = append(s.rootUp, float64(e.Max))
	}
	if err := m.Err(); err != nil {
		return nil, err
	}
	s.model = m
	return s, nil
}

// SetBounds changes the panel size, the type sizes, the quota bounds and
// the least members per household group (nil: none) of the solver's problem, keeping its last root basis to warm-start the next
// solve. Elastic columns keep their bounds. The slices are copied; the Problem given to New is not modified.
// A restriction of the problem (some types left out, some counts fixed by
// the caller) is posed this way without rebuilding the solver.
func (s *Solver) SetBounds(k int, size, lo, hi, groupLo []int) error {
	p := s.p
	if len(size) != len(p.Size) || len(lo) != len(p.Lo) || len(hi) != len(p.Hi) || (groupLo != nil && len(groupLo) != len(p.Groups)) {
		return errors.New("pricing: SetBounds: inconsistent sizes")
	}
	for t, n := range size {
		if n < 0 {
			return fmt.Errorf("pricing: SetBounds: type %d has negative size", t)
		}
	}
	for g, n := range groupLo {
		if n < 0 || n > 1 {
			return fmt.Errorf("pricing: SetBounds: household group %d needs %d members", g, n)
		}
	}
	q := *p
	q.K = k
	q.Size = append([]int(nil), size...)
	q.Lo = append([]int(nil), lo...)
	q.Hi = append([]int(nil), hi...)
	q.GroupLo = nil
	if groupLo != nil {
		q.GroupLo = append([]int(nil), groupLo...)
	}
	s.p = &q
	m := s.model
	m.SetRowBounds(0, float64(k), float64(k))
	for r := range q.Lo {
		m.SetRowBounds(1+r, float64(q.Lo[r]), float64(q.Hi[r]))
	}
	for g := range q.Groups {
		lo := math.Inf(-1)
		if q.groupLo(g) > 0 {
			lo = float64(q.groupLo(g))
		}
		m.SetRowBounds(1+len(q.Lo)+g, lo, 1)
	}
	for t, n := range q.Size {
		s.rootUp[t] = float64(n)
		m.SetColBounds(t, 0, float64(n))
	}
	return m.Err()
}

// Relaxation returns the problem's LP relaxation with zero costs: column t
// is c_t in [0, Size[t]], then the elastic columns; row 0 is Σc = K, rows
// 1…len(Lo) the quota values in order, then one row per household group.
func (p *Problem) Relaxation() *lp.Model {
	m := lp.NewModel()
	for t := range p.Size {
		m.AddCol(0, 0, float64(p.Size[t]))
	}
	for _, e := range p.Elastic {
		m.AddCol(0, 0, float64(e.Max))
	}
	all := make([]int, len(p.Size))
	ones := make([]float64, len(p.Size))
	for t := range all {
		all[t], ones[t] = t, 1
	}
	m.AddRow(all, ones, float64(p.K), float64(p.K))
	byRow := make([][]int, len(p.Lo))
	coef := make([][]float64, len(p.Lo))
	for t, rows := range p.Rows {
		for _, r := range rows {
			byRow[r] = append(byRow[r], t)
			coef[r] = append(coef[r], 1)
		}
	}
	for j, e := range p.Elastic {
		byRow[e.Row] = append(byRow[e.Row], len(p.Size)+j)
		coef[e.Row] = append(coef[e.Row], float64(e.Sign))
	}
	for r, ts := range byRow {
		m.AddRow(ts, coef[r], float64(p.Lo[r]), float64(p.Hi[r]))
	}
	for g, ts := range p.Groups {
		lo := math.Inf(-1)
		if p.groupLo(g) > 0 {
			lo = float64(p.groupLo(g))
		}
		m.AddRow(ts, ones[:len(ts)], lo, 1)
	}
	return m
}

// node is an open branch-and-bound node: its column bounds differ from the
// root's at the listed types, and its parent's basis warm-starts it.
type node struct {
	changes []bound
	basis   lp.Basis
	bound   float64 // the parent's LP bound
}

type bound struct {
	t      int
	lo, up float64
}

// Maximize finds a feasible panel of maximum weight (see Options for the
// early stop). w[t] is the weight of one member of type t, then of one unit
// of each elastic column.
func (s *Solver) Maximize(ctx context.Context, w []float64, opt Options) (*Result, error) {
	p := s.p
	if len(w) != p.NumCols() {
		return nil, fmt.Errorf("pricing: %d weights for %d columns", len(w), p.NumCols())
	}
	if s.greedy && len(opt.Require) == 0 {
		return s.maximizeGreedy(w)
	}
	limit := opt.NodeLimit
	if limit <= 0 {
		limit = 2_000_000
	}
	m := s.model
	for t := range w {
		m.SetCost(t, -w[t])
	}
	var rootChanges []bound
	for _, t := range opt.Require {
		if p.Size[t] < 1 {
			return &Result{Bound: math.Inf(-1)}, ErrInfeasible
		}
		rootChanges = append(rootChanges, bound{t, 1, s.rootUp[t]})
	}

	res := &Result{Value: math.Inf(-1), Bound: math.Inf(-1), RootBound: math.Inf(1)}
	target := func() float64 {
		v := res.Value
		if opt.Integral && !math.IsInf(v, -1) {
			// The next panel worth finding is worth at least v+1.
			v += 1 - 2*IntTol
		}
		if opt.StopAbove {
			return math.Max(v, opt.Above)
		}
		return v
	}
	dirty := map[int]bool{}
	apply := func(changes []bound) {
		for t := range dirty {
			m.SetColBounds(t, s.rootLo[t], s.rootUp[t])
		}
		clear(dirty)
		for _, c := range changes {
			m.SetColBounds(c.t, c.lo, c.up)
			dirty[c.t] = true
		}
	}
	defer apply(nil) // leave the model at the root bounds, however the search ends
	stack := []node{{changes: rootChanges, basis: s.root, bound: math.Inf(1)}}
	openBound := math.Inf(-1) // max bound of nodes pruned by target or left open
	x := make([]float64, p.NumCols())
	counts := make([]int, p.NumCols())
	for len(stack) > 0 {
		nd := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if nd.bound <= target()+PruneTol {
			openBound = math.Max(openBound, math.Min(nd.bound, target()))
			continue
		}
		if res.Nodes >= limit {
			stack = append(stack, nd)
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res.Nodes++
		apply(nd.changes)
		if nd.basis.Cols != nil {
			if err := m.SetBasis(nd.basis); err != nil {
				return nil, err
			}
		}
		status, err := m.Solve(ctx)
		res.Iterations += m.Iterations()
		if err != nil {
			return nil, fmt.Errorf("pricing: node %d: %w", res.Nodes, err)
		}
		if res.Nodes == 1 && len(nd.changes) == len(rootChanges) {
			s.root = m.Basis()
		}
		if status == lp.Infeasible {
			continue
		}
		if status != lp.Optimal {
			return nil, fmt.Errorf("pricing: node %d: LP status %v", res.Nodes, status)
		}
		lpBound := -m.Objective()
		if res.Nodes == 1 {
			res.RootBound = lpBound
		}
		if lpBound <= target()+PruneTol {
			openBound = math.Max(openBound, math.Min(lpBound, target()))
			continue
		}
		m.X(x)
		branch, worst := -1, 0.0
		for t, v := range x {
			r := math.Round(v)
			counts[t] = int(r)
			f := math.Abs(v - r)
			if f > IntTol {
				// most fractional: distance to nearest integer closest to 0.5
				if f > worst {
					branch, worst = t, f
				}
			}
		}
		if branch >= 0 && opt.StopAbove && res.Nodes == 1 && len(p.Elastic) == 0 {
			// A rounded root solution is often already above the threshold.
			if c := p.round(x, w, false); c != nil {
				if v := Value(w, c); v > opt.Above+PruneTol {
					res.Value, res.Counts = v, c
					res.Bound = lpBound
					res.Rounded = true
					return res, nil
				}
			}
		}
		if branch < 0 {
			if p.Feasible(counts) {
				if v := Value(w, counts); v > res.Value {
					res.Value = v
					res.Counts = append(res.Counts[:0], counts...)
					if opt.StopAbove && v > opt.Above+PruneTol {
						// Not proven optimal; the bound is the best open one.
						res.Bound = math.Max(lpBound, nd.bound)
						if math.IsInf(res.Bound, 1) {
							res.Bound = lpBound
						}
						for _, o := range stack {
							res.Bound = math.Max(res.Bound, o.bound)
						}
						return res, nil
					}
				}
				continue
			}
			// Rounded counts violate a constraint: branch on the variable
			// farthest from an integer.
			for t, v := range x {
				if f := math.Abs(v - math.Round(v)); branch < 0 || f > worst {
					branch, worst = t, f
				}
			}
		}
		basis := m.Basis()
		v := x[branch]
		lo, up := s.rootLo[branch], s.rootUp[branch]
		for _, c := range nd.changes {
			if c.t == branch {
				lo, up = c.lo, c.up
			}
		}
		down := withBound(nd.changes, bound{branch, lo, math.Floor(v)})
		upc := withBound(nd.changes, bound{branch, math.Ceil(v), up})
		if math.Floor(v) == math.Ceil(v) { // integral but infeasible after rounding
			down = withBound(nd.changes, bound{branch, lo, v - 1})
			upc = withBound(nd.changes, bound{branch, v + 1, up})
			if v-1 >= lo {
				stack = append(stack, node{changes: down, basis: basis, bound: lpBound})
			}
			stack = append(stack, node{changes: withBound(nd.changes, bound{branch, v, v}), basis: basis, bound: lpBound})
			if v+1 <= up {
				stack = append(stack, node{changes: upc, basis: basis, bound: lpBound})
			}
			continue
		}
		// Depth first, the up branch (more of the fractional type) first.
		stack = append(stack, node{changes: down, basis: basis, bound: lpBound})
		stack = append(stack, node{changes: upc, basis: basis.Clone(), bound: lpBound})
	}
	if len(stack) > 0 {
		for _, o := range stack {
			openBound = math.Max(openBound, o.bound)
		}
		res.Bound = math.Max(openBound, res.Value)
		return res, &NodeLimitError{Nodes: res.Nodes, Result: res}
	}
	if res.Counts == nil {
		if opt.StopAbove && !math.IsInf(openBound, -1) {
			// Nodes existed but none beat Above: the optimum is ≤ Above.
			res.Bound = openBound
			return res, nil
		}
		return res, ErrInfeasible
	}
	if opt.Integral && !math.IsInf(openBound, -1) {
		// No panel is worth a fraction: the open nodes' bound rounds down.
		openBound = math.Floor(openBound + IntTol)
	}
	res.Bound = math.Max(res.Value, openBound)
	res.Optimal = res.Bound <= res.Value+PruneTol
	return res, nil
}

// RelaxationBound returns the value of the LP relaxation of the problem for
// the weights w: an upper bound on the weight of every feasible panel (to the
// LP's tolerances, 1e-9), and the relaxation's counts.
func (s *Solver) RelaxationBound(ctx context.Context, w []float64) (float64, []float64, error) {
	if len(w) != s.p.NumCols() {
		return 0, nil, fmt.Errorf("pricing: %d weights for %d columns", len(w), s.p.NumCols())
	}
	m := s.model
	for t := range w {
		m.SetCost(t, -w[t])
	}
	if s.root.Cols != nil {
		if err := m.SetBasis(s.root); err != nil {
			return 0, nil, err
		}
	}
	status, err := m.Solve(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("pricing relaxation: %w", err)
	}
	if status != lp.Optimal {
		return 0, nil, ErrInfeasible
	}
	s.root = m.Basis()
	return -m.Objective(), m.X(nil), nil
}

// withBound returns changes with the bound of b.t replaced by b.
func withBound(changes []bound, b bound) []bound {
	out := make([]bound, 0, len(changes)+1)
	for _, c := range changes {
		if c.t != b.t {
			out = append(out, c)
		}
	}
	return append(out, b)
}

// maximizeGreedy solves a one-category problem exactly: each value takes its
// min best members, then the best remaining members fill the panel within the
// maxes. The members of a value form a sorted list, and the feasible panels
// are the bases of a partition matroid with lower bounds, for which this
// exchange-optimal fill is exact.
func (s *Solver) maximizeGreedy(w []float64) (*Result, error) {
	p := s.p
	type unit struct {
		t int
		w float64
	}
	order := make([]int, len(p.Size))
	for t := range order {
		order[t] = t
	}
	// Heaviest first; ties by type index, so the result is deterministic.
	sort.SliceStable(order, func(a, b int) bool { return w[order[a]] > w[order[b]] })
	counts := make([]int, len(p.Size))
	taken := make([]int, len(p.Lo))
	total := 0
	for _, t := range order { // mins
		r := p.Rows[t][0]
		n := min(p.Size[t], p.Lo[r]-taken[r])
		if n > 0 {
			counts[t] += n
			taken[r] += n
			total += n
		}
	}
	for _, t := range order { // fill
		r := p.Rows[t][0]
		n := min(p.Size[t]-counts[t], p.Hi[r]-taken[r], p.K-total)
		if n > 0 {
			counts[t] += n
			taken[r] += n
			total += n
		}
	}
	if !p.Feasible(counts) {
		return &Result{Value: math.Inf(-1), Bound: math.Inf(-1), Optimal: true}, ErrInfeasible
	}
	v := Value(w, counts)
	return &Result{Counts: counts, Value: v, Bound: v, Optimal: true, RootBound: v}, nil
}
