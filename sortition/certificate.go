package sortition

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/tirage/tirage/internal/pricing"
	"github.com/tirage/tirage/message"
)

// MaxPanelWeight returns the largest total weight, Σ weights[i] over the
// members i, of a panel of the problem (k people from the pool that meet
// the quotas and the household rule). It is computed exactly, by the same
// integer program that prices panels in Maximin, so that a lottery's
// certified upper bound can be checked: when no panel weighs more than U
// under weights that are 0 or more and add up to 1, no lottery gives
// everyone more than U.
//
// It returns an *InfeasibleError when no panel meets the quotas.
func MaxPanelWeight(ctx context.Context, p *Problem, weights []float64) (float64, error) {
	pool, k, household := p.pool, p.k, p.household
	n := len(pool.People)
	if len(weights) != n {
		return 0, fmt.Errorf("%d weights for %d people", len(weights), n)
	}
	for i, w := range weights {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return 0, fmt.Errorf("the weight of person %d is %v, not a number", i+1, w)
		}
	}
	tt := splitByWeight(buildTypes(pool, household), weights)
	solver, err := pricing.New(pricingProblem(pool, tt, k))
	if err != nil {
		return 0, err
	}
	w := make([]float64, len(tt.members))
	for t, members := range tt.members {
		w[t] = weights[members[0]]
	}
	res, err := solver.Maximize(ctx, w, pricing.Options{})
	if errors.Is(err, pricing.ErrInfeasible) {
		return 0, &InfeasibleError{Reason: message.New(message.NoPanel, "k", k)}
	}
	if err != nil {
		return 0, err
	}
	if !res.Optimal {
		return 0, errors.New("the pricing search ended without proving its optimum")
	}
	return res.Value, nil
}

// splitByWeight refines the types so that everyone in a type has the same
// weight: the pricing program gives one weight per type.
func splitByWeight(tt *typeTable, weights []float64) *typeTable {
	out := &typeTable{of: make([]int, len(tt.of))}
	newOf := make([]int, len(tt.members)) // the first new type of each old type
	for t, members := range tt.members {
		newOf[t] = len(out.members)
		byWeight := map[uint64]int{}
		for _, i := range members {
			key := math.Float64bits(weights[i])
			nt, ok := byWeight[key]
			if !ok {
				nt = len(out.members)
				byWeight[key] = nt
				out.members = append(out.members, nil)
				out.values = append(out.values, tt.values[t])
			}
			out.members[nt] = append(out.members[nt], i)
			out.of[i] = nt
		}
	}
	// A household tie makes a person a type of their own, which no weight
	// splits: the groups keep their types under the new numbering.
	for _, g := range tt.groups {
		ng := make([]int, len(g))
		for j, t := range g {
			ng[j] = newOf[t]
		}
		out.groups = append(out.groups, ng)
	}
	return out
}
