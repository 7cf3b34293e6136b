package sortition

import (
	"errors"
	"fmt"
)

// FirstFittingAlternate applies the rule for calling on ranked alternates
// (audit/SPEC.md 7.1): when the member withdrawn of panel withdraws, their
// replacement is the first of alternates (indices into pool.People, best
// ranked first) who, swapped in for them, gives a panel that meets every
// quota of the pool and, with household numbers (nil for none), has at
// most one person per household. It returns that alternate and true, or
// false when none fits (then 'tirage replace' draws a replacement). The
// panel (indices into pool.People) must meet the quotas; alternates on the
// panel are skipped. It fails when withdrawn is not on the panel.
func FirstFittingAlternate(pool *Pool, panel []int, withdrawn int, alternates []int, household []int) (int, bool, error) {
	c, err := NewCompletion(pool, panel, []int{withdrawn}, household)
	var infeasible *InfeasibleError
	if errors.As(err, &infeasible) {
		return 0, false, nil // nobody at all can replace them
	}
	if err != nil {
		return 0, false, err
	}
	candidate := make(map[int]bool, len(c.Candidates))
	for _, i := range c.Candidates {
		candidate[i] = true
	}
	for _, a := range alternates {
		if a < 0 || a >= len(pool.People) {
			return 0, false, fmt.Errorf("alternate %d is not in the pool", a)
		}
		if candidate[a] && fitsAlone(c.Pool, pool.People[a]) {
			return a, true, nil
		}
	}
	return 0, false, nil
}

// fitsAlone reports whether the one person meets the completion's quotas
// (the pool's, reduced by the members who stay) as a panel of one: each
// value's min is at most their count of it (1 for their value, 0 for the
// others) and each max at least that.
func fitsAlone(completion *Pool, p Person) bool {
	for cat, c := range completion.Quotas.Categories {
		for v, val := range c.Values {
			n := 0
			if p.Values[cat] == v {
				n = 1
			}
			if n < val.Min || n > val.Max {
				return false
			}
		}
	}
	return true
}
