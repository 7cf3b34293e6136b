package quota

import "fmt"

// Counts holds how many pool members have each value:
// Counts[c][v] for Set.Categories[c].Values[v].
type Counts [][]int

// ProblemKind names a way in which quotas are visibly impossible.
type ProblemKind int

// The impossibilities that counting reveals.
const (
	// MinsAboveK: the mins of a category add up to more than the panel size.
	MinsAboveK ProblemKind = iota + 1
	// MaxesBelowK: the maxes of a category add up to less than the panel size.
	MaxesBelowK
	// MinAbovePool: a value's min exceeds the number of pool members with it.
	MinAbovePool
	// TooFewAvailable: even taking every pool member a category's maxes
	// allow, the panel cannot be filled.
	TooFewAvailable
)

// Problem is one reason, found by counting, why no panel can meet the quotas.
type Problem struct {
	Kind     ProblemKind
	Category string // the category concerned
	Value    string // the value concerned, "" for a whole-category problem
	Msg      string // the reason in plain words
}

// String returns the reason in plain words.
func (p Problem) String() string { return p.Msg }

// CountingProblems returns what counting alone shows to be impossible for a
// panel of k people drawn from a pool with the given counts. An empty result
// does not prove the quotas can be met: categories interact, which only an
// exact search decides.
func (s *Set) CountingProblems(k int, counts Counts) []Problem {
	var out []Problem
	for ci, c := range s.Categories {
		sumMin, sumMax, available := 0, 0, 0
		for vi, v := range c.Values {
			sumMin += v.Min
			sumMax += v.Max
			available += min(v.Max, counts[ci][vi])
			if n := counts[ci][vi]; v.Min > n {
				out = append(out, Problem{Kind: MinAbovePool, Category: c.Name, Value: v.Name,
					Msg: fmt.Sprintf("%s %q: at least %d required, but the pool has only %d", c.Name, v.Name, v.Min, n)})
			}
		}
		if sumMin > k {
			out = append(out, Problem{Kind: MinsAboveK, Category: c.Name,
				Msg: fmt.Sprintf("%s: the mins add up to %d, more than the panel size %d", c.Name, sumMin, k)})
		}
		if sumMax < k {
			out = append(out, Problem{Kind: MaxesBelowK, Category: c.Name,
				Msg: fmt.Sprintf("%s: the maxes add up to %d, less than the panel size %d", c.Name, sumMax, k)})
		} else if available < k {
			out = append(out, Problem{Kind: TooFewAvailable, Category: c.Name,
				Msg: fmt.Sprintf("%s: within the maxes the pool offers only %d people, fewer than the panel size %d", c.Name, available, k)})
		}
	}
	return out
}
