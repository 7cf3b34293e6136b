package dropout

import (
	"fmt"

	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// Bounds are the quotas of a panel of K members, their values numbered
// across categories: the values of category 0 first, in the quota set's
// order, then those of category 1, and so on. Value v's count must lie in
// [Min[v], Max[v]].
type Bounds struct {
	K        int
	Min, Max []int
	// Start[c] is the number of category c's first value; Start has one
	// more entry than there are categories, the number of values.
	Start []int
}

// NewBounds returns the bounds of the quota set for a panel of k members.
// Values given by share must have been derived for the panel size first
// (quota.Set.ForPanel).
func NewBounds(q *quota.Set, k int) *Bounds {
	b := &Bounds{K: k}
	for _, c := range q.Categories {
		b.Start = append(b.Start, len(b.Min))
		for _, v := range c.Values {
			b.Min = append(b.Min, v.Min)
			b.Max = append(b.Max, v.Max)
		}
	}
	b.Start = append(b.Start, len(b.Min))
	return b
}

// Categories returns the number of quota categories.
func (b *Bounds) Categories() int { return len(b.Start) - 1 }

// Values returns the number of quota values over all categories.
func (b *Bounds) Values() int { return len(b.Min) }

// deviation returns how far the count c of value v is outside its bounds:
// max(0, Min[v] − c, c − Max[v]).
func (b *Bounds) deviation(v, c int) int {
	return max(0, b.Min[v]-c, c-b.Max[v])
}

// step returns how the deviation of value v changes when its count goes
// from c to c+1: −1 below the min, +1 at or above the max, 0 between.
func (b *Bounds) step(v, c int) int {
	switch {
	case c < b.Min[v]:
		return -1
	case c >= b.Max[v]:
		return 1
	}
	return 0
}

// Loss returns the loss of a final panel of size members whose count of
// value v is counts[v]: Σ_v max(0, Min[v] − counts[v], counts[v] − Max[v])
// plus K − size, the seats left empty.
func (b *Bounds) Loss(counts []int, size int) int {
	loss := b.K - size
	for v, c := range counts {
		loss += b.deviation(v, c)
	}
	return loss
}

// Deviation returns the quota part of the loss alone: 0 when the counts meet
// every quota.
func (b *Bounds) Deviation(counts []int) int {
	d := 0
	for v, c := range counts {
		d += b.deviation(v, c)
	}
	return d
}

// profiles returns, for every person of the pool, the numbers of their
// values, one per category. It fails when the pool's quota set does not
// have the bounds' shape.
func (b *Bounds) profiles(pool *sortition.Pool) ([][]int, error) {
	cats := b.Categories()
	if len(pool.Quotas.Categories) != cats {
		return nil, fmt.Errorf("the pool has %d quota categories, the bounds %d", len(pool.Quotas.Categories), cats)
	}
	for c, cat := range pool.Quotas.Categories {
		if len(cat.Values) != b.Start[c+1]-b.Start[c] {
			return nil, fmt.Errorf("the quota category %q has %d values in the pool, %d in the bounds", cat.Name, len(cat.Values), b.Start[c+1]-b.Start[c])
		}
	}
	flat := make([]int, len(pool.People)*cats)
	out := make([][]int, len(pool.People))
	for i, p := range pool.People {
		out[i] = flat[i*cats : (i+1)*cats : (i+1)*cats]
		for c, v := range p.Values {
			out[i][c] = b.Start[c] + v
		}
	}
	return out, nil
}

// Counts returns the value counts of the members (indices into
// pool.People), numbered as in the bounds.
func (b *Bounds) Counts(pool *sortition.Pool, members []int) []int {
	counts := make([]int, b.Values())
	for _, i := range members {
		for c, v := range pool.People[i].Values {
			counts[b.Start[c]+v]++
		}
	}
	return counts
}
