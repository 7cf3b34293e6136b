package pricing

import "math"

// round turns an LP solution x into a feasible panel when it can: it keeps
// the whole part of every count, adds members to values still below their
// min (preferring types that fill several such values, then heavier ones),
// then fills the panel with the heaviest members the maxes allow. It
// returns nil when this greedy repair fails. The result is checked with
// Feasible.
func (p *Problem) round(x, w []float64) []int {
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
		if best < 0 {
			return nil
		}
		add(best)
	}
	if !p.Feasible(c) {
		return nil
	}
	return c
}
