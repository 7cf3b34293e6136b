package sortition

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tirage/tirage/message"
)

// Lottery is a probability distribution over panels that meet the quotas,
// with the selection probability it gives every person in the pool.
type Lottery struct {
	// Algorithm names the objective the lottery optimises, e.g. "maximin".
	Algorithm string
	// K is the panel size.
	K int
	// MinProbability is the lottery's smallest selection probability over
	// the people who can be on some panel, recomputed from Panels. It is
	// the optimum for maximin and leximin (the first level), which
	// UpperBound certifies; for the other objectives it is a property of
	// the lottery, not what they optimise. (The audit record calls it
	// "optimum".)
	MinProbability float64
	// UpperBound is a certified upper bound on the minimum selection
	// probability any lottery can achieve: for every lottery,
	// min_i π_i ≤ Σ_i Weights_i π_i ≤ UpperBound. It is 0, and Weights
	// nil, for the objectives that have no such certificate (nash,
	// goldilocks, legacy).
	UpperBound float64
	// Panels are the panels with positive probability; probabilities sum
	// to 1. Members are indices into Pool.People, ascending.
	Panels []Panel
	// Marginals[i] is person i's selection probability, recomputed from
	// Panels (never read off a solver); they sum to K.
	Marginals []float64
	// Weights[i] ≥ 0 is person i's dual weight certifying UpperBound; they
	// sum to 1 over the people who can be selected.
	Weights []float64
	// Levels, for a leximin lottery, lists its levels from the lowest (nil
	// otherwise).
	Levels []Level
	// Excluded lists the people who can be on no panel that meets the
	// quotas; their probability is necessarily 0.
	Excluded []Exclusion
	// Estimated reports that Panels and Marginals are estimates: the
	// panels drawn by Stats.Runs runs of a randomised procedure, with their
	// frequencies (legacy), not the exact lottery of an objective.
	Estimated bool
	// Stats describes the computation.
	Stats Stats

	// typeLevel is the lottery over type counts that Panels expand, when
	// the lottery was computed here (nil otherwise).
	typeLevel *typeLottery
}

// Level is one level of a leximin lottery: the people whose probability
// was fixed when the smallest probability of those not yet fixed was
// maximised.
type Level struct {
	// Probability is the level: the largest minimum probability the people
	// not yet fixed could get, given the levels before.
	Probability float64
	// People lists the people fixed at this level (indices into
	// Pool.People, ascending).
	People []int
	// Weights (one per person, 0 or more, adding up to 1 over the people
	// not fixed at an earlier level) and Offset (0 or more) certify
	// Probability: no panel that meets the quotas has members whose Weights
	// add up to more than Probability + Offset. Then for every lottery that
	// gives everyone fixed at an earlier level at least that level,
	//
	//	min π_i over the others ≤ Σ_i Weights_i π_i − Offset ≤ Probability,
	//
	// since the weights of the earlier levels' people (whose sum times
	// their level is Offset) are only ever counted against probabilities
	// at least as large. For the first level, Offset is 0 and this is the
	// maximin certificate (Lottery.Weights).
	Weights []float64
	Offset  float64
}

// typeLottery is a lottery over panels described by how many members of
// each type they take; Panels realise it with concrete members.
type typeLottery struct {
	types       *typeTable
	counts      [][]int   // per type-level panel: members taken per type
	probability []float64 // per type-level panel; sums to 1
}

// Panel is one panel of a lottery.
type Panel struct {
	Probability float64
	Members     []int // indices into Pool.People, ascending
}

// Exclusion is a person who can be on no panel that meets the quotas.
type Exclusion struct {
	Person int // index into Pool.People
	// Reason says why: message.Excluded with the person's values, or
	// message.ExcludedBecause with the conflict of bounds that rules them
	// out.
	Reason message.Reason
}

// Stats describes how a lottery was computed. Elapsed depends on the
// machine; everything else is deterministic.
type Stats struct {
	People, Types int // pool size and number of interchangeable types
	// Iterations counts the iterations of the main loop: column
	// generation (maximin; 0 when not needed), interior point (nash, plus
	// its column generation when needed), parametric LPs (goldilocks).
	Iterations int
	// DecompositionSteps counts the steps that wrote the LP relaxation's
	// optimum as a combination of panels.
	DecompositionSteps int
	// RoundedSteps counts the decomposition steps whose panel came from
	// the rounding heuristic; the exact search found the others.
	RoundedSteps int
	TypePanels   int // panels (over types) generated
	PricingNodes int // branch-and-bound nodes over all pricing solves
	LPIterations int // simplex iterations (pricing and master)
	// Runs and Restarts count, for legacy, the runs whose panels make the
	// lottery and the attempts that got stuck and were started again.
	Runs, Restarts int
	Elapsed        time.Duration // wall time
}

// Progress reports the state of a long computation.
type Progress struct {
	// Phase is "coverage", "relaxation", "decomposition", "column
	// generation", "leximin level", "leximin column generation",
	// "interior point" and "nash column generation" (nash), "goldilocks"
	// or "legacy runs".
	Phase     string
	Iteration int     // iterations so far in this phase
	Lower     float64 // best minimum probability achieved so far
	Upper     float64 // best certified upper bound so far (+Inf if none)
	Panels    int     // panels generated so far
	// Done is the share of the phase's work done, when the phase knows it
	// (the decomposition: the share of the lottery found); 0 otherwise.
	Done    float64
	Elapsed time.Duration
}

// InfeasibleError reports quotas that no panel can meet.
type InfeasibleError struct {
	// Reason says why: message.NoPanel, NoRelaxation,
	// NoRelaxationHouseholds or TooFewReplacements, with its numbers.
	Reason message.Reason
}

// Error returns the reason in English.
func (e *InfeasibleError) Error() string { return e.Reason.String() }

// UndecidedError reports that the exact search for a panel meeting the
// quotas stopped at its node limit without deciding.
type UndecidedError struct {
	Reason message.Reason // message.Undecided, with the node limit
}

// Error returns the reason in English.
func (e *UndecidedError) Error() string { return e.Reason.String() }

// Draw returns the index of the panel selected by u, a number in [0, 1):
// the panel whose cumulative probability interval contains u.
func (l *Lottery) Draw(u float64) int {
	acc := 0.0
	for i, p := range l.Panels {
		acc += p.Probability
		if u < acc {
			return i
		}
	}
	return len(l.Panels) - 1
}

// computeMarginals recomputes each person's probability from the panels with
// compensated summation, and the minimum over selectable people.
func (l *Lottery) computeMarginals(n int, excluded []bool) {
	sum := make([]float64, n)
	comp := make([]float64, n)
	for _, p := range l.Panels {
		for _, i := range p.Members {
			neumaier(&sum[i], &comp[i], p.Probability)
		}
	}
	l.Marginals = make([]float64, n)
	l.MinProbability = 1
	for i := range sum {
		l.Marginals[i] = sum[i] + comp[i]
		if !excluded[i] && l.Marginals[i] < l.MinProbability {
			l.MinProbability = l.Marginals[i]
		}
	}
}

// neumaier adds v to the compensated sum (s, c).
func neumaier(s, c *float64, v float64) {
	t := *s + v
	if abs(*s) >= abs(v) {
		*c += (*s - t) + v
	} else {
		*c += (v - t) + *s
	}
	*s = t
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// describeValues renders a type's quota values as "gender=female, age=16-29".
func describeValues(p *Pool, values []int) string {
	parts := make([]string, len(values))
	for c, v := range values {
		cat := p.Quotas.Categories[c]
		parts[c] = fmt.Sprintf("%s=%s", cat.Name, cat.Values[v].Name)
	}
	return strings.Join(parts, ", ")
}

func sortedCopy(xs []int) []int {
	out := append([]int(nil), xs...)
	sort.Ints(out)
	return out
}
