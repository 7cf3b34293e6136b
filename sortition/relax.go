package sortition

import (
	"context"
	"errors"
	"fmt"

	"github.com/tirage/tirage/internal/pricing"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
)

// BoundChange is one relaxed quota bound: a min lowered or a max raised.
type BoundChange struct {
	// Category and Value index Pool.Quotas.Categories and its Values.
	Category, Value int
	Kind            BoundKind
	// From is the bound as given, To the relaxed bound.
	From, To int
}

// Seats returns by how many seats the bound is relaxed.
func (c BoundChange) Seats() int {
	if c.To > c.From {
		return c.To - c.From
	}
	return c.From - c.To
}

// Relaxation is a smallest change of the quota bounds that lets some panel
// meet them.
type Relaxation struct {
	// Changes lists the relaxed bounds in quota order, the min of a value
	// before its max; empty when the quotas can be met as they are.
	Changes []BoundChange
	// Seats is the size of the relaxation: the sum over the changed
	// bounds of how far each moved. No relaxation within the flex limits
	// is smaller.
	Seats int
	// Quotas is a copy of the pool's quotas with the changes applied.
	Quotas *quota.Set
	// Panel is a panel (indices into Pool.People, ascending) that meets
	// the relaxed quotas.
	Panel []int
}

// MinimalRelaxation returns a smallest relaxation of the pool's quota bounds
// under which some panel of k people meets them (and, under the problem's
// household rule, takes at most one person per household): the fewest seats of relaxation
// in total, the sum over the values of how much the min is lowered and the
// max raised, never below a value's MinFlex or above its MaxFlex.
//
// It is exact. Relaxing the bounds by r lets some panel meet them exactly
// when some panel misses them by at most r in total, so the smallest
// relaxation is the panel that misses the quotas by the fewest seats,
// relaxed to fit it: an integer program over types with a deviation column
// below and above every value (pricing.Elastic), each bounded by its flex,
// solved by the branch and bound that prices panels in Maximin.
//
// When the quotas can be met, it returns a Relaxation without changes.
// When no relaxation within the flex limits helps (the household rule or
// the flex limits themselves are in the way), it returns an
// *InfeasibleError.
func MinimalRelaxation(ctx context.Context, p *Problem) (*Relaxation, error) {
	pool, k, household := p.pool, p.k, p.household
	tt := buildTypes(pool, household)
	prob := pricingProblem(pool, tt, k)
	q := pool.Quotas
	type rowValue struct{ c, v int }
	var rows []rowValue
	for c, cat := range q.Categories {
		for v, val := range cat.Values {
			r := len(rows)
			rows = append(rows, rowValue{c, v})
			if below := val.Min - val.MinFlex; below > 0 {
				prob.Elastic = append(prob.Elastic, pricing.Elastic{Row: r, Sign: 1, Max: below})
			}
			if above := min(val.MaxFlex, k) - val.Max; above > 0 {
				prob.Elastic = append(prob.Elastic, pricing.Elastic{Row: r, Sign: -1, Max: above})
			}
		}
	}
	solver, err := pricing.New(prob)
	if err != nil {
		return nil, err
	}
	w := make([]float64, prob.NumCols())
	for j := len(prob.Size); j < len(w); j++ {
		w[j] = -1
	}
	res, err := solver.Maximize(ctx, w, pricing.Options{Integral: true})
	if errors.Is(err, pricing.ErrInfeasible) {
		o := &oracle{pool: pool, k: k, household: household}
		reason := message.New(message.NoRelaxation)
		if household != nil && SummarizeHouseholds(household).Households < k {
			reason = message.New(message.NoRelaxationHouseholds, "why", o.hardReason())
		}
		return nil, &InfeasibleError{Reason: reason}
	}
	if err != nil {
		return nil, err
	}
	if !res.Optimal {
		return nil, errors.New("the search for the smallest relaxation ended without proving it smallest")
	}
	// Relax every bound just enough for the panel found.
	x := make([]int, len(rows))
	for t, c := range res.Counts[:len(prob.Size)] {
		for _, r := range prob.Rows[t] {
			x[r] += c
		}
	}
	out := &Relaxation{Quotas: q.Clone()}
	for r, rv := range rows {
		val := &out.Quotas.Categories[rv.c].Values[rv.v]
		if x[r] < val.Min {
			out.Changes = append(out.Changes, BoundChange{Category: rv.c, Value: rv.v, Kind: MinBound, From: val.Min, To: x[r]})
			val.Min = x[r]
		}
		if x[r] > val.Max {
			out.Changes = append(out.Changes, BoundChange{Category: rv.c, Value: rv.v, Kind: MaxBound, From: val.Max, To: x[r]})
			val.Max = x[r]
		}
	}
	for _, c := range out.Changes {
		out.Seats += c.Seats()
	}
	if float64(-out.Seats) != res.Value {
		return nil, fmt.Errorf("the smallest relaxation has %d seats, but the search found %v", out.Seats, -res.Value)
	}
	out.Panel = tt.panel(res.Counts[:len(prob.Size)])
	return out, nil
}

// Describe says what the change does, as in `lower the min of literacy
// "non-literate" from 8 to 6`.
func (c BoundChange) Describe(q *quota.Set) message.Reason {
	code := message.RelaxRaiseMax
	if c.Kind == MinBound {
		code = message.RelaxLowerMin
	}
	return message.New(code, "value", ValueLabel(q, c.Category, c.Value), "from", c.From, "to", c.To)
}
