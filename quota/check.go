package quota

import (
	"fmt"

	"github.com/tirage/tirage/message"
)

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
	// Reason is the reason as data: message.CountMinAbovePool,
	// CountMinsAboveK, CountMaxesBelowK or CountTooFewAvailable, with its
	// numbers.
	Reason message.Reason
}

// String returns the reason in English.
func (p Problem) String() string { return p.Reason.String() }

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
					Reason: message.New(message.CountMinAbovePool, "value", fmt.Sprintf("%s %q", c.Name, v.Name), "min", v.Min, "pool", n)})
			}
		}
		if sumMin > k {
			out = append(out, Problem{Kind: MinsAboveK, Category: c.Name,
				Reason: message.New(message.CountMinsAboveK, "category", c.Name, "sum", sumMin, "k", k)})
		}
		if sumMax < k {
			out = append(out, Problem{Kind: MaxesBelowK, Category: c.Name,
				Reason: message.New(message.CountMaxesBelowK, "category", c.Name, "sum", sumMax, "k", k)})
		} else if available < k {
			out = append(out, Problem{Kind: TooFewAvailable, Category: c.Name,
				Reason: message.New(message.CountTooFewAvailable, "category", c.Name, "available", available, "k", k)})
		}
	}
	return out
}
