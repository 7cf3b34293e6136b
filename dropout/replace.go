package dropout

import (
	"fmt"
	"slices"

	"github.com/tirage/tirage/sortition"
)

// Replace applies the replacement step to a drawn panel (indices into
// pool.People) after the members dropped (a subset of panel) withdrew:
// among the available alternates (indices into pool.People, in the order
// of the record), it chooses at most len(dropped) to join the members who
// stayed so that the loss of the final panel (Bounds.Loss) is least. Among
// the sets with the least loss it returns the one that calls the earliest
// alternates: the sets are compared at the first alternate, in the given
// order, that one calls and the other does not, and the one that calls it
// wins. The chosen alternates are returned in the given order, with the
// final panel's loss.
func Replace(b *Bounds, pool *sortition.Pool, panel, dropped, available []int) ([]int, int, error) {
	prof, err := b.profiles(pool)
	if err != nil {
		return nil, 0, err
	}
	out := map[int]bool{}
	for _, i := range dropped {
		out[i] = true
	}
	seen := map[int]bool{}
	var stayed []int
	for _, i := range panel {
		if i < 0 || i >= len(pool.People) || seen[i] {
			return nil, 0, fmt.Errorf("the panel member %d is not a person of the pool or is listed twice", i)
		}
		seen[i] = true
		if !out[i] {
			stayed = append(stayed, i)
		}
	}
	if len(stayed)+len(dropped) != len(panel) {
		return nil, 0, fmt.Errorf("%d of the %d people who dropped out are not on the panel", len(stayed)+len(dropped)-len(panel), len(dropped))
	}
	for _, a := range available {
		if a < 0 || a >= len(pool.People) || seen[a] {
			return nil, 0, fmt.Errorf("the alternate %d is not a person of the pool, is on the panel or is listed twice", a)
		}
		seen[a] = true
	}
	counts := b.Counts(pool, stayed)
	s := newReplacer(b)
	loss := s.step(prof, counts, len(stayed), len(dropped), available)
	return s.called(available, counts), loss, nil
}

// replacer solves replacement steps exactly by depth-first branch and
// bound over the alternates in their order, calling each before leaving
// them out. Its buffers are reused from one step to the next; it is not
// safe for concurrent use.
//
// The bound at a node relaxes the categories into independent ones
// (relaxedGain over the alternates not yet decided). Since the search
// calls earlier alternates first, and a node is cut only when its bound
// cannot beat the best set found strictly, the best set is the first
// optimal one in that order: the one that calls the earliest alternates.
// An alternate left out makes every later alternate with the same values
// left out too (a set calling the later one instead would lose the
// comparison at no gain).
//
// The bound's per-category sums are kept up to date as alternates are
// decided and called, so a node costs O(categories · budget) rather than
// O(values).
type replacer struct {
	b      *Bounds
	cat    []int // per value: its category
	prof   [][]int
	alts   []int
	counts []int
	budget int
	// avail[v] counts the undecided alternates with value v; below[v] and
	// free[v] are value v's share of neg[c] and frees[c] (relaxedGain).
	avail, below, free []int
	neg, frees         []int
	banned             []int // banned[j] > 0: alternate j is left out by symmetry
	twin               []int // twin[j]: the next alternate with the same values, or -1
	cur, best          []bool
	bestL              int
	order              []int // the alternates, most useful first (step)
	hist               []int // scratch of gainBound
	// limit, when positive, stops a search after that many nodes; stop
	// reports that it did. solves and nodes count the steps solved and the
	// nodes searched.
	limit, left   int
	stop          bool
	solves, nodes int
}

func newReplacer(b *Bounds) *replacer {
	s := &replacer{b: b, cat: make([]int, b.Values())}
	for c := range b.Categories() {
		for v := b.Start[c]; v < b.Start[c+1]; v++ {
			s.cat[v] = c
		}
	}
	return s
}

// solve returns the least loss over the sets of at most budget of the
// alternates joining the stayed members (of value counts counts, size of
// them); counts is modified during the search and restored. With ub ≥ 0 it
// only looks for a loss below ub and returns ub when there is none (s.best
// is then not meaningful); with ub < 0, s.best marks the chosen alternates.
func (s *replacer) solve(prof [][]int, counts []int, size, budget int, alts []int, ub int) int {
	s.prof, s.counts, s.alts = prof, counts, alts
	s.budget = min(budget, len(alts))
	s.prepare()
	loss := s.b.Loss(counts, size)
	if ub < 0 {
		s.bestL = loss + 1
	} else {
		s.bestL = ub
	}
	s.solves++
	s.left, s.stop = s.limit, false
	s.search(0, 0, loss)
	return s.bestL
}

// step solves the replacement step exactly with its tie-break: it finds the
// least loss with the alternates most useful first (usefulFirst), which
// proves it soonest, then the first set in the given order that reaches
// it, marked in s.best. It returns the least loss. It ignores limit.
func (s *replacer) step(prof [][]int, counts []int, size, budget int, alts []int) int {
	limit := s.limit
	s.limit = 0
	s.order = append(s.order[:0], alts...)
	usefulFirst(s.b, prof, s.order, counts)
	least := s.solve(prof, counts, size, budget, s.order, -1)
	s.solve(prof, counts, size, budget, alts, least+1)
	s.limit = limit
	return least
}

// called returns the alternates the last step called (s.best), adding
// their values to counts.
func (s *replacer) called(alts, counts []int) []int {
	var out []int
	for j, a := range alts {
		if s.best[j] {
			out = append(out, a)
			for _, v := range s.prof[a] {
				counts[v]++
			}
		}
	}
	return out
}

// usefulFirst orders alternates by how many of their values are below
// their min in counts, most first (a stable sort). The least loss does not
// depend on the order, but the search proves it sooner with the most
// useful alternates decided first.
func usefulFirst(b *Bounds, prof [][]int, alts, counts []int) {
	score := func(a int) int {
		n := 0
		for _, v := range prof[a] {
			if counts[v] < b.Min[v] {
				n++
			}
		}
		return n
	}
	slices.SortStableFunc(alts, func(x, y int) int { return score(y) - score(x) })
}

// prepare sizes the buffers and computes the availabilities, the bound's
// sums and the twins.
func (s *replacer) prepare() {
	m, V, C := len(s.alts), s.b.Values(), s.b.Categories()
	s.avail = resizeInts(s.avail, V)
	clear(s.avail)
	for _, a := range s.alts {
		for _, v := range s.prof[a] {
			s.avail[v]++
		}
	}
	s.below, s.free = resizeInts(s.below, V), resizeInts(s.free, V)
	s.neg, s.frees = resizeInts(s.neg, C), resizeInts(s.frees, C)
	clear(s.neg)
	clear(s.frees)
	for v := range V {
		s.below[v], s.free[v] = s.share(v)
		s.neg[s.cat[v]] += s.below[v]
		s.frees[s.cat[v]] += s.free[v]
	}
	s.banned = resizeInts(s.banned, m)
	clear(s.banned)
	s.twin = resizeInts(s.twin, m)
	for j := range m {
		s.twin[j] = -1
		for l := j + 1; l < m; l++ {
			if sameInts(s.prof[s.alts[j]], s.prof[s.alts[l]]) {
				s.twin[j] = l
				break
			}
		}
	}
	s.cur = resizeBools(s.cur, m)
	clear(s.cur)
	s.best = resizeBools(s.best, m)
	clear(s.best)
}

// share returns value v's contributions to its category's sums: how many
// of the undecided alternates with value v would each lower the deviation
// (below its min), and how many more would leave it unchanged (below its
// max).
func (s *replacer) share(v int) (below, free int) {
	a, c, b := s.avail[v], s.counts[v], s.b
	below = min(a, max(0, b.Min[v]-c))
	return below, min(a-below, max(0, b.Max[v]-max(c, b.Min[v])))
}

// adjust changes value v's availability and count and updates the sums.
func (s *replacer) adjust(v, dAvail, dCount int) {
	c := s.cat[v]
	s.neg[c] -= s.below[v]
	s.frees[c] -= s.free[v]
	s.avail[v] += dAvail
	s.counts[v] += dCount
	s.below[v], s.free[v] = s.share(v)
	s.neg[c] += s.below[v]
	s.frees[c] += s.free[v]
}

// search explores the sets that decide alternates j, j+1, … with called
// alternates called so far and the current loss.
func (s *replacer) search(j, called, loss int) {
	s.nodes++
	if s.limit > 0 {
		if s.left == 0 {
			s.stop = true
		}
		if s.stop {
			return
		}
		s.left--
	}
	if j == len(s.alts) || called == s.budget {
		if loss < s.bestL {
			s.bestL = loss
			copy(s.best, s.cur)
		}
		return
	}
	room := min(s.budget-called, len(s.alts)-j)
	if loss+leastChange(s.neg, s.frees, room) >= s.bestL || loss+s.gainBound(j, room) >= s.bestL {
		return
	}
	p := s.prof[s.alts[j]]
	for _, v := range p {
		s.adjust(v, -1, 0)
	}
	if s.banned[j] == 0 {
		delta := -1
		for _, v := range p {
			delta += s.b.step(v, s.counts[v])
			s.adjust(v, 0, 1)
		}
		s.cur[j] = true
		s.search(j+1, called+1, loss+delta)
		s.cur[j] = false
		for _, v := range p {
			s.adjust(v, 0, -1)
		}
		for l := s.twin[j]; l >= 0; l = s.twin[l] {
			s.banned[l]++
		}
		s.search(j+1, called, loss)
		for l := s.twin[j]; l >= 0; l = s.twin[l] {
			s.banned[l]--
		}
	} else {
		s.search(j+1, called, loss)
	}
	for _, v := range p {
		s.adjust(v, 1, 0)
	}
}

// gainBound returns a lower bound on the change in loss that at most room
// calls among the undecided alternates j, j+1, … can bring: for every t
// up to room, the larger of two bounds on t calls, the categories counted
// independently (leastChange) and every person counted on their own (−1
// for the seat, −1 per category whose count is still below its min, +1 per
// category whose count is at or above its max already: counts only grow,
// so a call can do no better, whoever else is called).
func (s *replacer) gainBound(j, room int) int {
	C := s.b.Categories()
	s.hist = resizeInts(s.hist, 2*C+1)
	for l := j; l < len(s.alts); l++ {
		if s.banned[l] > 0 {
			continue
		}
		k := C // C + (categories below min) − (categories at or above max)
		for _, v := range s.prof[s.alts[l]] {
			switch c := s.counts[v]; {
			case c < s.b.Min[v]:
				k++
			case c >= s.b.Max[v]:
				k--
			}
		}
		s.hist[k]++
	}
	best, person, k := 0, 0, 2*C
	for t := 1; t <= room; t++ {
		for k >= 0 && s.hist[k] == 0 {
			k--
		}
		if k < 0 {
			break
		}
		s.hist[k]--
		person += -1 - (k - C)
		d := -t
		for c, n := range s.neg {
			d += -min(t, n) + max(0, t-n-s.frees[c])
		}
		d = max(d, person)
		if d >= best {
			break
		}
		best = d
	}
	clear(s.hist)
	return best
}

// relaxedGain returns a lower bound (0 or less) on the change in loss when
// at most room people, taken from those whose value counts are avail, join
// a panel whose value counts are counts: the least, over t from 0 to room,
// of −t plus, for every category on its own, the least change in its
// deviation that t of the people could bring. In a category that change is
// −1 for each of them whose value is still below its min, 0 for each that
// fits below its max, and +1 for every other.
func relaxedGain(b *Bounds, counts, avail []int, room int) int {
	cats := b.Categories()
	neg, free := make([]int, cats), make([]int, cats)
	for c := range cats {
		for v := b.Start[c]; v < b.Start[c+1]; v++ {
			a, cnt := avail[v], counts[v]
			below := min(a, max(0, b.Min[v]-cnt))
			neg[c] += below
			free[c] += min(a-below, max(0, b.Max[v]-max(cnt, b.Min[v])))
		}
	}
	return leastChange(neg, free, room)
}

// leastChange returns the least, over t from 0 to room, of −t plus, for
// every category c, −min(t, neg[c]) + max(0, t − neg[c] − free[c]). The
// function is convex in t, so the search stops once it stops falling.
func leastChange(neg, free []int, room int) int {
	best := 0
	for t := 1; t <= room; t++ {
		d := -t
		for c, n := range neg {
			d += -min(t, n) + max(0, t-n-free[c])
		}
		if d >= best {
			break
		}
		best = d
	}
	return best
}

func resizeInts(x []int, n int) []int {
	if cap(x) < n {
		return make([]int, n)
	}
	return x[:n]
}

func resizeBools(x []bool, n int) []bool {
	if cap(x) < n {
		return make([]bool, n)
	}
	return x[:n]
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
