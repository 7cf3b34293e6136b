package sortition

import (
	"fmt"
	"slices"

	"github.com/tirage/tirage/message"
)

// Completion is the problem of completing a panel after some of its
// members withdrew: choosing as many replacements as there were withdrawals
// so that the members who stay and the replacements together meet the
// quotas (and the household rule).
//
// It is itself a selection problem, which Maximin solves: Pool holds the
// people who may replace, the quotas reduced by what the members who stay
// already take, and K is the number of replacements. A lottery over
// Pool's panels is a lottery over the completions that keep the members
// who stay.
type Completion struct {
	// Pool is the pool of candidates: everyone not on the panel and, with
	// households, not in the household of a member who stays. Its quotas
	// are the pool's, each bound lowered by the number of members who stay
	// with that value (mins not below 0).
	Pool *Pool
	// Candidates[j] is the index in the original pool of Pool.People[j].
	Candidates []int
	// Kept lists the members who stay, Dropped those who withdrew, as
	// indices in the original pool, ascending.
	Kept, Dropped []int
	// K is the number of replacements, len(Dropped).
	K int
	// Households holds the household numbers of the candidates (those of the
	// original pool), nil without households.
	Households []int

	// from and household are the original pool and its household numbers,
	// for Next.
	from      *Pool
	household []int
}

// NewCompletion poses the completion of panel (indices into pool.People)
// after the members in drop withdrew. household gives everyone's household
// number (Pool.Households), nil for no household rule. The panel must meet
// the pool's quotas; drop must be a non-empty subset of it.
func NewCompletion(pool *Pool, panel, drop []int, household []int) (*Completion, error) {
	return newCompletion(pool, panel, drop, household, nil)
}

// Next poses the completion that follows this one in a chain of
// replacements: the panel it completes is c.Complete(replacements), after
// the members in drop (indices into the original pool) withdrew from it.
// Its candidates are this completion's candidates, without the
// replacements and, with households, without the households of the members
// who stay. So nobody who withdrew at any step of the chain, and nobody on
// the panel, is ever a candidate again.
func (c *Completion) Next(replacements, drop []int) (*Completion, error) {
	if len(replacements) != c.K {
		return nil, fmt.Errorf("%d replacements for %d withdrawals", len(replacements), c.K)
	}
	seen := make([]bool, len(c.Candidates))
	for _, j := range replacements {
		if j < 0 || j >= len(c.Candidates) || seen[j] {
			return nil, fmt.Errorf("the replacements list candidate %d twice or out of the candidates", j)
		}
		seen[j] = true
	}
	eligible := make([]bool, len(c.from.People))
	for _, i := range c.Candidates {
		eligible[i] = true
	}
	return newCompletion(c.from, c.Complete(replacements), drop, c.household, eligible)
}

// newCompletion is NewCompletion with the candidates limited to the
// people for whom eligible is true (nil: everyone).
func newCompletion(pool *Pool, panel, drop []int, household []int, eligible []bool) (*Completion, error) {
	n := len(pool.People)
	if household != nil && len(household) != n {
		return nil, fmt.Errorf("%d household numbers for %d people", len(household), n)
	}
	if len(drop) == 0 {
		return nil, fmt.Errorf("nobody withdrew: give the members to replace")
	}
	onPanel := make([]bool, n)
	for _, i := range panel {
		if i < 0 || i >= n || onPanel[i] {
			return nil, fmt.Errorf("the panel lists person %d twice or out of the pool", i)
		}
		onPanel[i] = true
	}
	dropped := make([]bool, n)
	for _, i := range drop {
		if i < 0 || i >= n || !onPanel[i] {
			return nil, fmt.Errorf("%s is not on the panel", personName(pool, i))
		}
		if dropped[i] {
			return nil, fmt.Errorf("%s withdraws twice", personName(pool, i))
		}
		dropped[i] = true
	}
	c := &Completion{K: len(drop), from: pool, household: household}
	keptHome := map[int]bool{}
	q := pool.Quotas.Clone()
	for cat := range q.Categories {
		for v := range q.Categories[cat].Values {
			q.Categories[cat].Values[v].Share = nil // the bounds are explicit now
		}
	}
	for i := range pool.People {
		switch {
		case dropped[i]:
			c.Dropped = append(c.Dropped, i)
		case onPanel[i]:
			c.Kept = append(c.Kept, i)
			if household != nil {
				keptHome[household[i]] = true
			}
			for cat, v := range pool.People[i].Values {
				val := &q.Categories[cat].Values[v]
				val.Min = max(0, val.Min-1)
				val.Max--
				if val.Max < 0 {
					return nil, fmt.Errorf("the members who stay have more people with %s than its max", ValueLabel(pool.Quotas, cat, v))
				}
			}
		}
	}
	sub := &Pool{Header: pool.Header, IDColumn: pool.IDColumn, QuotaColumns: pool.QuotaColumns, Quotas: q, Delimiter: pool.Delimiter}
	for i, p := range pool.People {
		if onPanel[i] || (household != nil && keptHome[household[i]]) || (eligible != nil && !eligible[i]) {
			continue
		}
		c.Candidates = append(c.Candidates, i)
		sub.People = append(sub.People, p)
		if household != nil {
			c.Households = append(c.Households, household[i])
		}
	}
	c.Pool = sub
	if len(sub.People) < c.K {
		return nil, &InfeasibleError{Reason: message.New(message.TooFewReplacements, "pool", len(sub.People), "k", c.K)}
	}
	return c, nil
}

// Complete returns the completed panel: the members who stay and the
// replacements (indices into Completion.Pool.People), as indices into the
// original pool, ascending.
func (c *Completion) Complete(replacements []int) []int {
	out := append([]int(nil), c.Kept...)
	for _, j := range replacements {
		out = append(out, c.Candidates[j])
	}
	slices.Sort(out)
	return out
}

func personName(p *Pool, i int) string {
	if i >= 0 && i < len(p.People) {
		return fmt.Sprintf("%q", p.People[i].ID)
	}
	return fmt.Sprintf("person %d", i)
}
