package sortition

import (
	"context"
	"errors"
	"fmt"

	"github.com/tirage/tirage/internal/pricing"
	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
)

// Feasibility over the pool lives here, beside the pool, rather than in
// package quota: whether quotas can be met depends on how the values of the
// different categories are combined in the people of the pool (and on
// their households), which only the pool knows. Package quota keeps what
// counting alone can tell.

// BoundKind says whether a Bound is a min or a max.
type BoundKind int

// The two kinds of quota bound.
const (
	MinBound BoundKind = iota + 1 // at least Limit panel members have the value
	MaxBound                      // at most Limit panel members have the value
)

// String returns "min" or "max".
func (k BoundKind) String() string {
	switch k {
	case MinBound:
		return "min"
	case MaxBound:
		return "max"
	}
	return fmt.Sprintf("BoundKind(%d)", int(k))
}

// Bound is one quota bound: the min or the max of one value.
type Bound struct {
	// Category and Value index Pool.Quotas.Categories and its Values.
	Category, Value int
	Kind            BoundKind
	// Limit is the bound: the value's Min or Max.
	Limit int
}

// Conflict is a set of quota bounds that no panel can meet together,
// irreducibly: without any one of them, the others can all be met (together
// with the panel size and the household rule, which are never relaxed).
type Conflict struct {
	// Bounds in quota order, the min of a value before its max. Empty when
	// the panel size and the household rule alone cannot be met.
	Bounds []Bound
	// Reason says why the bounds cannot hold together: its code (one of
	// the message.Conflict… and message.Excluded… codes) and the numbers
	// that prove it.
	Reason message.Reason
}

// Feasibility is the outcome of CheckFeasibility.
type Feasibility struct {
	// Feasible reports whether some panel meets every quota (and the
	// household rule).
	Feasible bool
	// Panel is one such panel (indices into Pool.People, ascending) when
	// Feasible.
	Panel []int
	// Excluded lists, when Feasible, the people who can be on no panel
	// that meets the quotas, with the reason.
	Excluded []Exclusion
	// Conflicts lists, when not Feasible, disjoint irreducible conflicts:
	// the first is a conflict of the quotas as given; each next one is a
	// conflict that remains once the bounds of the ones before are set
	// aside. There are at most MaxConflicts.
	Conflicts []Conflict
}

// MaxConflicts bounds the number of conflicts CheckFeasibility reports.
const MaxConflicts = 10

// maxExplainedTypes bounds the number of excluded types whose exclusion is
// explained by a conflict; the others get a plain reason.
const maxExplainedTypes = 50

// CheckFeasibility decides exactly, with the integer program that prices
// panels in Maximin, whether a panel of k people from the pool meets every
// quota and, under the problem's household rule, takes at most one person
// per household.
//
// When one does, it lists the people who can be on no such panel, each
// with a conflict of bounds that rules them out. When none does, it names
// irreducible conflicts: sets of bounds that cannot hold together although
// any smaller part of them can. They are found by deletion filtering: every
// bound is relaxed in turn to its trivial value (a min to 0, a max to k)
// and kept relaxed when the quotas stay infeasible, so that what is left
// is irreducible. Single bounds, then the bounds of one category, are tried
// first, because their conflicts are the easiest to explain.
func CheckFeasibility(ctx context.Context, p *Problem) (*Feasibility, error) {
	pool := p.pool
	o, err := newOracle(p)
	if err != nil {
		return nil, err
	}
	lo, hi := o.bounds()
	counts, err := o.panel(ctx, lo, hi, -1)
	if err != nil {
		return nil, err
	}
	f := &Feasibility{}
	if counts == nil {
		for len(f.Conflicts) < MaxConflicts {
			c, err := o.conflict(ctx, lo, hi, -1)
			if err != nil {
				return nil, err
			}
			f.Conflicts = append(f.Conflicts, *c)
			if len(c.Bounds) == 0 {
				break
			}
			for _, b := range c.Bounds {
				o.relax(lo, hi, b)
			}
			if counts, err = o.panel(ctx, lo, hi, -1); err != nil {
				return nil, err
			}
			if counts != nil {
				break
			}
		}
		return f, nil
	}
	f.Feasible = true
	f.Panel = o.tt.panel(counts)
	size := make([]float64, len(o.tt.members))
	for t := range size {
		size[t] = float64(len(o.tt.members[t]))
	}
	_, covered, err := cover(ctx, o.solver, o.k, size, nil)
	if err != nil {
		return nil, err
	}
	f.Excluded, _ = excludedPeople(pool, o.tt, covered)
	if err := o.explainExclusions(ctx, f.Excluded); err != nil {
		return nil, err
	}
	return f, nil
}

// oracle decides exactly whether some panel meets given quota bounds: the
// pricing integer program over the pool's types, with zero weights.
type oracle struct {
	pool      *Pool
	k         int
	household []int
	tt        *typeTable
	prob      *pricing.Problem
	solver    *pricing.Solver
	zero      []float64
	offset    []int           // per category: its first row
	known     map[string]bool // whether sets of bounds alone can be met, by require and set
}

func newOracle(p *Problem) (*oracle, error) {
	pool, k, household := p.pool, p.k, p.household
	tt := buildTypes(pool, household)
	prob := pricingProblem(pool, tt, k)
	solver, err := pricing.New(prob)
	if err != nil {
		return nil, err
	}
	o := &oracle{pool: pool, k: k, household: household, tt: tt, prob: prob, solver: solver, zero: make([]float64, len(prob.Size)), known: map[string]bool{}}
	r := 0
	for _, cat := range pool.Quotas.Categories {
		o.offset = append(o.offset, r)
		r += len(cat.Values)
	}
	return o, nil
}

// bounds returns copies of the quota rows' bounds.
func (o *oracle) bounds() (lo, hi []int) {
	return append([]int(nil), o.prob.Lo...), append([]int(nil), o.prob.Hi...)
}

// row returns the quota row of a bound.
func (o *oracle) row(b Bound) int { return o.offset[b.Category] + b.Value }

// relax sets the bound b to its trivial value in lo or hi.
func (o *oracle) relax(lo, hi []int, b Bound) {
	if b.Kind == MinBound {
		lo[o.row(b)] = 0
	} else {
		hi[o.row(b)] = o.k
	}
}

// restore sets the bound b back to its limit.
func (o *oracle) restore(lo, hi []int, b Bound) {
	if b.Kind == MinBound {
		lo[o.row(b)] = b.Limit
	} else {
		hi[o.row(b)] = b.Limit
	}
}

// panel returns the type counts of a panel meeting the bounds lo and hi
// (per quota row) with at least one member of type require when require ≥
// 0, or nil when there is none. The search is exact.
func (o *oracle) panel(ctx context.Context, lo, hi []int, require int) ([]int, error) {
	if err := o.solver.SetBounds(o.k, o.prob.Size, lo, hi, nil); err != nil {
		return nil, err
	}
	var opt pricing.Options
	if require >= 0 {
		opt.Require = []int{require}
	}
	res, err := o.solver.Maximize(ctx, o.zero, opt)
	var limit *pricing.NodeLimitError
	switch {
	case errors.Is(err, pricing.ErrInfeasible):
		return nil, nil
	case errors.As(err, &limit):
		if limit.Result.Counts != nil {
			return limit.Result.Counts, nil
		}
		return nil, &UndecidedError{Reason: message.New(message.Undecided, "nodes", limit.Nodes)}
	case err != nil:
		return nil, err
	}
	return res.Counts, nil
}

// panel returns a panel of pool indices, ascending, with the given number
// of members of each type (the first members of each).
func (tt *typeTable) panel(counts []int) []int {
	var out []int
	for t, c := range counts {
		out = append(out, tt.members[t][:c]...)
	}
	return sortedCopy(out)
}

// activeBounds returns the bounds among lo and hi that are not trivial (a
// min above 0, a max below k), in quota order, the min before the max.
func (o *oracle) activeBounds(lo, hi []int) []Bound {
	var out []Bound
	for c, cat := range o.pool.Quotas.Categories {
		for v := range cat.Values {
			r := o.offset[c] + v
			if lo[r] > 0 {
				out = append(out, Bound{Category: c, Value: v, Kind: MinBound, Limit: lo[r]})
			}
			if hi[r] < o.k {
				out = append(out, Bound{Category: c, Value: v, Kind: MaxBound, Limit: hi[r]})
			}
		}
	}
	return out
}

// conflict returns an irreducible conflict among the bounds lo and hi,
// under which no panel (with a member of type require, when require ≥ 0)
// exists. It tries single bounds, then the bounds of each category alone,
// then deletion-filters all of them.
func (o *oracle) conflict(ctx context.Context, lo, hi []int, require int) (*Conflict, error) {
	all := o.activeBounds(lo, hi)
	trivialLo := make([]int, len(lo))
	trivialHi := make([]int, len(hi))
	for r := range trivialHi {
		trivialHi[r] = o.k
	}
	// feasibleWith reports whether a panel meets only the bounds in set.
	feasibleWith := func(set []Bound) (bool, error) {
		if ok, decided := o.countingFeasible(set, require); decided {
			return ok, nil
		}
		key := fmt.Sprint(require, set)
		if ok, seen := o.known[key]; seen {
			return ok, nil
		}
		l, h := append([]int(nil), trivialLo...), append([]int(nil), trivialHi...)
		for _, b := range set {
			o.restore(l, h, b)
		}
		c, err := o.panel(ctx, l, h, require)
		if err == nil {
			o.known[key] = c != nil
		}
		return c != nil, err
	}
	if ok, err := feasibleWith(nil); err != nil {
		return nil, err
	} else if !ok {
		return &Conflict{Reason: o.hardReason()}, nil
	}
	for _, b := range all {
		ok, err := feasibleWith([]Bound{b})
		if err != nil {
			return nil, err
		}
		if !ok {
			return o.explain([]Bound{b}, require), nil
		}
	}
	candidates := all
	for c := range o.pool.Quotas.Categories {
		var in []Bound
		for _, b := range all {
			if b.Category == c {
				in = append(in, b)
			}
		}
		if len(in) < 2 {
			continue
		}
		ok, err := feasibleWith(in)
		if err != nil {
			return nil, err
		}
		if !ok {
			candidates = in
			break
		}
	}
	// Deletion filter: drop every bound whose absence keeps the set
	// infeasible; what is left is irreducible.
	kept := append([]Bound(nil), candidates...)
	for j := 0; j < len(kept); {
		rest := append(append([]Bound(nil), kept[:j]...), kept[j+1:]...)
		ok, err := feasibleWith(rest)
		if err != nil {
			return nil, err
		}
		if ok {
			j++
		} else {
			kept = rest
		}
	}
	return o.explain(kept, require), nil
}

// countingFeasible decides by counting, when it can, whether a panel meets
// only the bounds in set (every other min 0, every other max k) with a
// member of type require when require ≥ 0: bounds of a single category
// only restrict how many members each of its values has, and without
// households any such counts within the pool's numbers make a panel. With
// households counting can only prove a set infeasible. decided is false when
// counting cannot tell.
func (o *oracle) countingFeasible(set []Bound, require int) (ok, decided bool) {
	if !sameCategory(set) {
		return false, false
	}
	c := set[0].Category
	cat := o.pool.Quotas.Categories[c]
	lo := make([]int, len(cat.Values))
	hi := make([]int, len(cat.Values))
	for _, p := range o.pool.People {
		hi[p.Values[c]]++
	}
	for _, b := range set {
		if b.Kind == MinBound {
			lo[b.Value] = max(lo[b.Value], b.Limit)
		} else {
			hi[b.Value] = min(hi[b.Value], b.Limit)
		}
	}
	if require >= 0 {
		v := o.tt.values[require][c]
		lo[v] = max(lo[v], 1)
	}
	sumLo, sumHi := 0, 0
	for v := range lo {
		if lo[v] > hi[v] {
			return false, true
		}
		sumLo += lo[v]
		sumHi += hi[v]
	}
	ok = sumLo <= o.k && o.k <= sumHi
	return ok, !ok || o.household == nil
}

// hardReason says why the panel size and the household rule alone cannot
// be met.
func (o *oracle) hardReason() message.Reason {
	n := len(o.pool.People)
	if o.household != nil {
		h := SummarizeHouseholds(o.household).Households
		if h < o.k {
			return message.New(message.ConflictHouseholds, "pool", n, "households", h, "k", o.k)
		}
	}
	return message.New(message.ConflictPanelSize, "k", o.k, "pool", n)
}

// explainExclusions replaces the reasons of the excluded people by a
// conflict of bounds that rules out a panel with any of them (for at most
// maxExplainedTypes types; the others keep their plain reason).
func (o *oracle) explainExclusions(ctx context.Context, excluded []Exclusion) error {
	if len(excluded) == 0 {
		return nil
	}
	lo, hi := o.bounds()
	reasons := map[int]message.Reason{}
	explained := 0
	for j, x := range excluded {
		t := o.tt.of[x.Person]
		reason, ok := reasons[t]
		if !ok && explained < maxExplainedTypes {
			explained++
			c, err := o.conflict(ctx, lo, hi, t)
			if err != nil {
				return err
			}
			reason = x.Reason
			if len(c.Bounds) > 0 {
				reason = message.New(message.ExcludedBecause, "values", x.Reason.Arg("values"), "why", c.Reason)
			}
			reasons[t] = reason
		}
		if !reason.IsZero() {
			excluded[j].Reason = reason
		}
	}
	return nil
}

// ValueLabel names a quota value for messages: the category and the value,
// as in `literacy "non-literate"`.
func ValueLabel(q *quota.Set, category, value int) string {
	c := q.Categories[category]
	return fmt.Sprintf("%s %s", table.Cut(c.Name, table.MaxQuoted), table.Quote(c.Values[value].Name))
}

// Describe says what the bound requires, in plain words, as in `at least 8
// people with literacy "non-literate"`.
func (b Bound) Describe(q *quota.Set) message.Reason {
	code := message.BoundMax
	if b.Kind == MinBound {
		code = message.BoundMin
	}
	return message.New(code, "limit", b.Limit, "value", ValueLabel(q, b.Category, b.Value))
}

// needed says what the bound requires as a clause: "at least 8 people with
// literacy "non-literate" are required", "at most 1 person with … is
// allowed".
func (b Bound) needed(q *quota.Set) message.Reason {
	code := message.NeedMax
	if b.Kind == MinBound {
		code = message.NeedMin
	}
	return message.New(code, "limit", b.Limit, "value", ValueLabel(q, b.Category, b.Value))
}

// explain returns the conflict of the given bounds with the reason: the
// arithmetic that proves it when a simple argument does, else the list of
// bounds.
func (o *oracle) explain(bounds []Bound, require int) *Conflict {
	c := &Conflict{Bounds: bounds}
	q := o.pool.Quotas
	if require < 0 {
		if r, ok := o.arithmetic(bounds); ok {
			c.Reason = r
			return c
		}
	}
	// A min and a max of the same value read as one requirement.
	var parts []message.Reason
	for j := 0; j < len(bounds); j++ {
		b := bounds[j]
		if j+1 < len(bounds) && bounds[j+1].Category == b.Category && bounds[j+1].Value == b.Value {
			hi := bounds[j+1]
			label := ValueLabel(q, b.Category, b.Value)
			if hi.Limit == b.Limit {
				parts = append(parts, message.New(message.BoundExactly, "limit", b.Limit, "value", label))
			} else {
				parts = append(parts, message.New(message.BoundBetween, "lo", b.Limit, "hi", hi.Limit, "value", label))
			}
			j++
			continue
		}
		parts = append(parts, b.Describe(q))
	}
	switch {
	case require >= 0 && len(bounds) == 1 && bounds[0].Kind == MaxBound && bounds[0].Limit == 0:
		c.Reason = message.New(message.ExcludedByMaxZero, "value", ValueLabel(q, bounds[0].Category, bounds[0].Value))
	case require >= 0 && len(parts) == 1:
		c.Reason = message.New(message.ExcludedByBound, "bounds", parts)
	case require >= 0:
		c.Reason = message.New(message.ExcludedByBounds, "bounds", parts)
	case len(bounds) == 1:
		c.Reason = message.New(message.ConflictBound, "k", o.k, "bounds", parts)
	case len(parts) == 1:
		c.Reason = message.New(message.ConflictRange, "k", o.k, "bounds", parts)
	default:
		c.Reason = message.New(message.ConflictBounds, "k", o.k, "bounds", parts)
	}
	return c
}

// arithmetic returns a counting argument that proves the bounds cannot hold
// together, when one of the simple forms applies.
func (o *oracle) arithmetic(bounds []Bound) (message.Reason, bool) {
	q := o.pool.Quotas
	k := o.k
	has := func(b Bound) func(Person) bool {
		return func(p Person) bool { return p.Values[b.Category] == b.Value }
	}
	label := func(b Bound) string { return ValueLabel(q, b.Category, b.Value) }
	switch {
	case len(bounds) == 1:
		b := bounds[0]
		if b.Kind == MinBound {
			n, h := o.countWith(has(b))
			if n < b.Limit {
				return message.New(message.ConflictMinAbovePool, "need", b.needed(q), "pool", n), true
			}
			if h < b.Limit {
				return message.New(message.ConflictMinHouseholds, "need", b.needed(q), "pool", n, "households", h), true
			}
			return message.Reason{}, false
		}
		not := func(p Person) bool { return !has(b)(p) }
		n, h := o.countWith(not)
		if n < k-b.Limit {
			return message.New(message.ConflictMaxOthers, "need", b.needed(q), "seats", k-b.Limit, "pool", n), true
		}
		if h < k-b.Limit {
			return message.New(message.ConflictMaxHouseholds, "need", b.needed(q), "seats", k-b.Limit, "pool", n, "households", h), true
		}
		return message.Reason{}, false
	case sameCategory(bounds):
		return o.categoryArithmetic(bounds)
	case len(bounds) == 2:
		a, b := bounds[0], bounds[1]
		if a.Kind == MaxBound && b.Kind == MinBound {
			a, b = b, a
		}
		switch {
		case a.Kind == MinBound && b.Kind == MaxBound:
			// At least a.Limit with A, at most b.Limit of them with B.
			n, _ := o.countWith(func(p Person) bool { return has(a)(p) && !has(b)(p) })
			if need := a.Limit - b.Limit; n < need {
				return message.New(message.ConflictMinMax, "a", a.needed(q), "b", b.needed(q), "need", need, "with", label(a), "without", label(b), "pool", n), true
			}
		case a.Kind == MinBound:
			// Two mins: people with both count twice.
			n, _ := o.countWith(func(p Person) bool { return has(a)(p) && has(b)(p) })
			if need := a.Limit + b.Limit - min(n, a.Limit, b.Limit); need > k {
				return message.New(message.ConflictTwoMins, "a", a.needed(q), "b", b.needed(q), "both", n, "need", need, "k", k), true
			}
		default:
			// Two maxes: the other seats need people with neither.
			n, _ := o.countWith(func(p Person) bool { return !has(a)(p) && !has(b)(p) })
			if a.Limit+b.Limit+n < k {
				return message.New(message.ConflictTwoMaxes, "a", a.needed(q), "b", b.needed(q), "neither", n, "seats", a.Limit+b.Limit+n, "k", k), true
			}
		}
	}
	return message.Reason{}, false
}

// categoryArithmetic explains a conflict among the bounds of one category:
// its mins add up to more than k, or its maxes and the pool allow fewer
// than k people.
func (o *oracle) categoryArithmetic(bounds []Bound) (message.Reason, bool) {
	q := o.pool.Quotas
	c := bounds[0].Category
	cat := q.Categories[c]
	k := o.k
	var mins []string
	sumMin := 0
	maxOf := map[int]int{}
	for _, b := range bounds {
		if b.Kind == MinBound {
			sumMin += b.Limit
			mins = append(mins, fmt.Sprintf("%d %q", b.Limit, cat.Values[b.Value].Name))
		} else {
			maxOf[b.Value] = b.Limit
		}
	}
	if sumMin > k {
		return message.New(message.ConflictCategoryMins, "category", cat.Name, "sum", sumMin, "mins", mins, "k", k), true
	}
	counts := make([]int, len(cat.Values))
	for _, p := range o.pool.People {
		counts[p.Values[c]]++
	}
	sumUp := 0
	var parts []message.Reason
	for v, val := range cat.Values {
		if m, ok := maxOf[v]; ok && m < counts[v] {
			sumUp += m
			parts = append(parts, message.New(message.TermMax, "n", m, "value", fmt.Sprintf("%q", val.Name)))
		} else if counts[v] > 0 {
			sumUp += counts[v]
			parts = append(parts, message.New(message.TermPool, "n", counts[v], "value", fmt.Sprintf("%q", val.Name)))
		}
	}
	if sumUp < k && len(maxOf) > 0 {
		return message.New(message.ConflictCategoryMaxes, "category", cat.Name, "sum", sumUp, "parts", parts, "k", k), true
	}
	return message.Reason{}, false
}

func sameCategory(bounds []Bound) bool {
	for _, b := range bounds {
		if b.Category != bounds[0].Category {
			return false
		}
	}
	return len(bounds) > 0
}

// countWith returns the number of people in the pool for whom pred holds
// and the number of households they live in (the same without households).
func (o *oracle) countWith(pred func(Person) bool) (people, households int) {
	seen := map[int]bool{}
	for i, p := range o.pool.People {
		if !pred(p) {
			continue
		}
		people++
		h := i
		if o.household != nil {
			h = o.household[i]
		}
		seen[h] = true
	}
	return people, len(seen)
}
