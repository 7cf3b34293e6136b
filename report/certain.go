package report

import (
	"fmt"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// CertainReason says why people are on every panel of the lottery drawn
// from (probability 1).
type CertainReason int

// The reasons for a probability of 1.
const (
	// AllNeeded: a quota value of theirs has a min equal to the number of
	// people in the pool who have it (Category, Value, Min), so every
	// panel that meets the quotas includes them all.
	AllNeeded CertainReason = iota + 1
	// Together: no single quota forces it; the quotas together, through
	// the lottery's objective (Report.Algorithm), do.
	Together
	// RoundedUp: their probability in the exact lottery is below 1, and
	// the rounding to the M panels drawn from put them on all of them.
	RoundedUp
)

// CertainGroup is a set of people with probability 1 for the same reason.
type CertainGroup struct {
	Reason CertainReason
	// Category, Value and Min name the quota of an AllNeeded reason; Min
	// is also the number of people in the pool with the value.
	Category, Value string
	Min             int
	// IDs are the people's ids, in pool order.
	IDs []string
}

// certainTol is how far below 1 a probability of the exact lottery may be
// and still count as 1: the exact lottery's probabilities are sums of
// floating-point panel probabilities.
const certainTol = 1e-9

// exactProbabilities returns each person's probability in the record's
// exact lottery (its distribution), in pool order; nil when the
// distribution cannot be read (verify reports why).
func exactProbabilities(r *audit.Record, index map[string]int) []float64 {
	panels, err := r.ExactPanels()
	if err != nil {
		return nil
	}
	p := make([]float64, len(index))
	for j, members := range panels {
		for _, id := range members {
			if i, ok := index[id]; ok {
				p[i] += r.Lottery.Distribution[j].Probability
			}
		}
	}
	return p
}

// certainGroups groups the people on all m panels by reason, in the order
// of each group's first member in the pool: a quota value whose min is its
// count in the pool, the rounding when the exact lottery gives them less
// than 1, and otherwise the quotas together.
func certainGroups(categories []quota.Category, people []sortition.Person, tickets []int, m int, exact []float64) []CertainGroup {
	count := make([][]int, len(categories))
	for ci, c := range categories {
		count[ci] = make([]int, len(c.Values))
	}
	for _, p := range people {
		for ci, vi := range p.Values {
			count[ci][vi]++
		}
	}
	var groups []CertainGroup
	at := map[string]int{} // group key → index in groups
	for i, p := range people {
		if tickets[i] != m {
			continue
		}
		g, key := CertainGroup{Reason: Together}, "together"
		for ci, vi := range p.Values {
			if v := categories[ci].Values[vi]; v.Min > 0 && v.Min == count[ci][vi] {
				g = CertainGroup{Reason: AllNeeded, Category: categories[ci].Name, Value: v.Name, Min: v.Min}
				key = fmt.Sprintf("all %d %d", ci, vi)
				break
			}
		}
		if g.Reason == Together && exact != nil && exact[i] < 1-certainTol {
			g, key = CertainGroup{Reason: RoundedUp}, "rounded"
		}
		var ids *[]string
		groups, ids = grouped(groups, at, key, g, func(g *CertainGroup) *[]string { return &g.IDs })
		*ids = append(*ids, p.ID)
	}
	return groups
}
