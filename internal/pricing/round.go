package pricing

import (
	"math"
	"slices"
)

// Limits of the rounding heuristic's swap search.
const (
	// repairSwaps bounds the swaps of one repair.
	repairSwaps = 60
	// repairTabu is how many swaps a type that was just moved stays put.
	repairTabu = 7
	// repairStall is how many swaps without a new best panel end the
	// search: a repair that succeeds rarely needs more.
	repairStall = 20
)

// round turns an LP solution x into a feasible panel when it can: it keeps
// the whole part of every count, adds members to values still below their
// min (preferring types that fill several such values, then heavier ones),
// then fills the panel with the heaviest members the maxes allow. With
// mend and without households, when the maxes stop the fill or the panel
// misses a quota, the fill goes on with the members that break the fewest
// quotas, and a swap search (see repair) mends the panel. It returns nil
// when this fails. The result is checked with Feasible.
func (p *Problem) round(x, w []float64, mend bool) []int {
	c := make([]int, len(p.Size))
	rowSum := make([]int, len(p.Lo))
	total := 0
	for t, v := range x {
		c[t] = min(int(math.Floor(v+IntTol)), p.Size[t])
		total += c[t]
		for _, r := range p.Rows[t] {
			rowSum[r] += c[t]
		}
	}
	group := make([]int, len(p.Size))
	for t := range group {
		group[t] = -1
	}
	used := make([]int, len(p.Groups))
	for g, ts := range p.Groups {
		for _, t := range ts {
			group[t] = g
			used[g] += c[t]
		}
	}
	canAdd := func(t int) bool {
		if c[t] >= p.Size[t] || (group[t] >= 0 && used[group[t]] >= 1) {
			return false
		}
		for _, r := range p.Rows[t] {
			if rowSum[r]+1 > p.Hi[r] {
				return false
			}
		}
		return true
	}
	add := func(t int) {
		c[t]++
		total++
		for _, r := range p.Rows[t] {
			rowSum[r]++
		}
		if group[t] >= 0 {
			used[group[t]]++
		}
	}
	swaps := mend && len(p.Groups) == 0 && total <= p.K
	for total < p.K {
		best, bestFill, bestW := -1, 0, 0.0
		deficit := false
		for r, s := range rowSum {
			if s < p.Lo[r] {
				deficit = true
				break
			}
		}
		for t := range c {
			if !canAdd(t) {
				continue
			}
			fill := 0
			for _, r := range p.Rows[t] {
				if rowSum[r] < p.Lo[r] {
					fill++
				}
			}
			if deficit && fill == 0 {
				continue
			}
			if best < 0 || fill > bestFill || (fill == bestFill && w[t] > bestW) {
				best, bestFill, bestW = t, fill, w[t]
			}
		}
		if best < 0 && swaps {
			best = p.leastHarm(c, rowSum, x, w)
		}
		if best < 0 {
			return nil
		}
		add(best)
	}
	if !p.Feasible(c) && (!swaps || !p.repair(c, rowSum, x, w) || !p.Feasible(c)) {
		return nil
	}
	return c
}

// Round returns a panel of the solver's current problem (as SetBounds
// left it) near the fractional counts x, by the rounding heuristic that
// Maximize tries at the root, mended by swaps (see repair), w breaking
// ties, using only types t with
// w[t] ≥ minWeight; nil when the heuristic fails. It proves nothing: a nil
// result does not mean that no panel exists. The panel is checked with
// Feasible.
func (s *Solver) Round(x, w []float64, minWeight float64) []int {
	if len(s.p.Elastic) > 0 || len(w) != s.p.NumCols() || len(x) != s.p.NumCols() {
		return nil
	}
	q := *s.p
	q.Size = append([]int(nil), s.p.Size...)
	for t := range q.Size {
		if w[t] < minWeight {
			q.Size[t] = 0
		}
	}
	c := q.round(x, w, true)
	if c == nil || !s.p.Feasible(c) {
		return nil
	}
	return c
}

// Problem returns the solver's current problem (as SetBounds left it);
// the caller must not modify it.
func (s *Solver) Problem() *Problem { return s.p }

// violation is how far row sums are from their bounds, in members.
func (p *Problem) violation(rowSum []int) int {
	v := 0
	for r, s := range rowSum {
		v += max(p.Lo[r]-s, 0) + max(s-p.Hi[r], 0)
	}
	return v
}

// leastHarm is the type whose next member breaks the fewest quotas (ties:
// the one the LP wanted most, then the heavier, then the first), or −1.
func (p *Problem) leastHarm(c, rowSum []int, x, w []float64) int {
	best, bestHarm, bestWant := -1, 0, 0.0
	for t := range c {
		if c[t] >= p.Size[t] {
			continue
		}
		harm := 0
		for _, r := range p.Rows[t] {
			switch {
			case rowSum[r] < p.Lo[r]:
				harm--
			case rowSum[r] >= p.Hi[r]:
				harm++
			}
		}
		want := x[t] - float64(c[t])
		if best < 0 || harm < bestHarm || (harm == bestHarm && (want > bestWant || (want == bestWant && w[t] > w[best]))) {
			best, bestHarm, bestWant = t, harm, want
		}
	}
	return best
}

// repair mends a panel of K members (counts c, row sums rowSum, updated in
// place) that misses some quotas, by a tabu search over swaps: one member
// of a type on the panel out, one of another type in, choosing the swap
// that lowers the violation most (ties: the one that moves the panel
// towards x). Swaps that do not lower it are taken too, so that the search
// walks across plateaus; a type just moved stays put for repairTabu swaps
// unless moving it beats the best panel seen. It reports whether the
// quotas are met within repairSwaps swaps, giving up after repairStall
// swaps without a new best. Households are not handled.
func (p *Problem) repair(c, rowSum []int, x, w []float64) bool {
	V := len(p.Lo)
	down := make([]int, V)     // change of violation when the row sum drops by one
	up := make([]int, V)       // … and when it rises by one
	add := make([]int, len(c)) // per type: change of violation when it gains a member
	moved := make([]int, len(c))
	for t := range moved {
		moved[t] = -repairTabu - 1
	}
	viol := p.violation(rowSum)
	bestViol, bestAt := viol, 0
	var outs, ins, sorted, delta []int
	for it := 0; it < repairSwaps && viol > 0 && it-bestAt <= repairStall; it++ {
		excess := false
		for r, s := range rowSum {
			down[r], up[r] = 0, 0
			switch {
			case s > p.Hi[r]:
				down[r], up[r], excess = -1, 1, true
			case s < p.Lo[r]:
				down[r], up[r] = 1, -1
			default:
				if s <= p.Lo[r] {
					down[r] = 1
				}
				if s >= p.Hi[r] {
					up[r] = 1
				}
			}
		}
		// Out: with an excess, only types with a value in excess; else any.
		// In: with an excess, any; else only types with a value in deficit.
		outs, ins = outs[:0], ins[:0]
		for t, n := range c {
			if n > 0 && (!excess || p.touches(t, down, -1)) {
				outs = append(outs, t)
			}
			if n < p.Size[t] && (excess || p.touches(t, up, -1)) {
				ins = append(ins, t)
			}
		}
		// A swap changes the violation by
		//	d = Σ_j down[ra_j] + Σ_j up[rb_j] − Σ_{ra_j = rb_j} (down + up)[ra_j]
		// over the categories j, and down + up ≥ 0, so d is at least
		// remove(a) + add(b) − Σ_j (down + up)[ra_j]: with the types in
		// sorted by add, the scan of a's partners stops when that bound
		// exceeds the best swap's d.
		for _, b := range ins {
			add[b] = 0
			for _, r := range p.Rows[b] {
				add[b] += up[r]
			}
		}
		ins, sorted = sortByAdd(ins, add, sorted), ins
		bo, bi, bd, bwant, bw := -1, -1, 0, 0.0, 0.0
		for _, a := range outs {
			ra := p.Rows[a]
			wantA := x[a] - float64(c[a])
			floor := 0 // remove(a) − Σ_j (down + up)[ra_j]
			for _, r := range ra {
				floor -= up[r]
			}
			// delta[j·V+v] is category j's term of d when b has value v
			// there: 0 when a has it too, else down[ra_j] + up[v].
			delta = slices.Grow(delta[:0], len(ra)*V)[:len(ra)*V]
			for j, r := range ra {
				row := delta[j*V : (j+1)*V]
				for v := range row {
					row[v] = down[r] + up[v]
				}
				row[r] = 0
			}
			for _, b := range ins {
				if bo >= 0 && floor+add[b] > bd {
					break
				}
				if a == b {
					continue
				}
				rb := p.Rows[b][:len(ra)]
				d := 0
				for j, r := range rb {
					d += delta[j*V+r]
				}
				if tabu := it-moved[a] <= repairTabu || it-moved[b] <= repairTabu; tabu && viol+d >= bestViol {
					continue
				}
				want := x[b] - float64(c[b]) - wantA
				gain := w[b] - w[a]
				if bo < 0 || d < bd || (d == bd && (want > bwant || (want == bwant && gain > bw))) {
					bo, bi, bd, bwant, bw = a, b, d, want, gain
				}
			}
		}
		if bo < 0 {
			return false
		}
		c[bo]--
		c[bi]++
		for _, r := range p.Rows[bo] {
			rowSum[r]--
		}
		for _, r := range p.Rows[bi] {
			rowSum[r]++
		}
		moved[bo], moved[bi] = it, it
		viol += bd
		if viol < bestViol {
			bestViol, bestAt = viol, it
		}
	}
	return viol == 0
}

// sortByAdd returns ts sorted by add, stably (a counting sort: add is
// between −len(Rows[t]) and len(Rows[t])), in buf's storage.
func sortByAdd(ts, add, buf []int) []int {
	lo, hi := 0, 0
	for _, t := range ts {
		lo, hi = min(lo, add[t]), max(hi, add[t])
	}
	start := make([]int, hi-lo+2)
	for _, t := range ts {
		start[add[t]-lo+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	buf = slices.Grow(buf[:0], len(ts))[:len(ts)]
	for _, t := range ts {
		buf[start[add[t]-lo]] = t
		start[add[t]-lo]++
	}
	return buf
}

// touches reports whether one of t's rows has the given change.
func (p *Problem) touches(t int, change []int, want int) bool {
	for _, r := range p.Rows[t] {
		if change[r] == want {
			return true
		}
	}
	return false
}
