package sortition

import (
	"errors"
	"fmt"

	"github.com/tirage/tirage/quota"
)

// Problem is what every objective, the feasibility check, the relaxation
// search and the certificate check solve: a pool, a panel size k that can
// be drawn from it, and the household rule. It is made by NewProblem or
// Pool.Problem, which check k once; its fields cannot be changed after.
type Problem struct {
	pool      *Pool
	k         int
	household []int
}

// NewProblem poses the panels of k people from the pool that meet its
// quotas and, when household is not nil, take at most one person per
// household number (household[i] is person i's, as Pool.Households returns
// them). It returns the errors of Pool.CheckPanelSize (an
// *quota.InputError of kind BadPanelSize when k is not a panel size for
// the pool), and an error when there are not as many household numbers as
// people.
func NewProblem(pool *Pool, k int, household []int) (*Problem, error) {
	if pool == nil || pool.Quotas == nil {
		return nil, errors.New("no pool")
	}
	if err := pool.CheckPanelSize(k); err != nil {
		return nil, err
	}
	if household != nil && len(household) != len(pool.People) {
		return nil, fmt.Errorf("%d household numbers for %d people", len(household), len(pool.People))
	}
	return &Problem{pool: pool, k: k, household: household}, nil
}

// Problem is NewProblem with the household rule given by pool columns
// (see Pool.Households); no columns, no household rule. The panel size is
// checked first, then the columns.
func (p *Pool) Problem(k int, householdColumns []string) (*Problem, error) {
	if err := p.CheckPanelSize(k); err != nil {
		return nil, err
	}
	household, err := p.householdsOf(householdColumns)
	if err != nil {
		return nil, err
	}
	return &Problem{pool: p, k: k, household: household}, nil
}

// WithHouseholds returns the problem with the household rule given by
// pool columns (Pool.Households) in place of its own; no columns, no
// household rule. The panel size, already checked, is not checked again.
func (p *Problem) WithHouseholds(columns []string) (*Problem, error) {
	household, err := p.pool.householdsOf(columns)
	if err != nil {
		return nil, err
	}
	return &Problem{pool: p.pool, k: p.k, household: household}, nil
}

// WithQuotas returns the problem of the same people, panel size and
// household rule under the quotas q of the same categories and values
// (such as Relaxation.Quotas): its pool is a copy of the problem's with
// those quotas.
func (p *Problem) WithQuotas(q *quota.Set) *Problem {
	pool := *p.pool
	pool.Quotas = q
	return &Problem{pool: &pool, k: p.k, household: p.household}
}

// Pool returns the pool.
func (p *Problem) Pool() *Pool { return p.pool }

// K returns the panel size.
func (p *Problem) K() int { return p.k }

// Household returns every person's household number, or nil when there is
// no household rule. The slice is the problem's: do not change it.
func (p *Problem) Household() []int { return p.household }
