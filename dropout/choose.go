package dropout

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/tirage/tirage/sortition"
)

// Problem is the choice of alternates for a drawn panel.
type Problem struct {
	// Bounds are the panel's quotas; Bounds.K is the panel size.
	Bounds *Bounds
	// Pool holds everyone; Panel the drawn members (indices into
	// Pool.People). Everybody else is a candidate.
	Pool  *sortition.Pool
	Panel []int
	// N is the number of alternates to choose.
	N int
	// Sample holds the scenarios the average loss is taken over.
	Sample *Sample
	// Starts are sets of alternates (indices into Pool.People, outside the
	// panel, at most N each) to start the search from, such as scaled-quota
	// alternates or the ranked list: the chosen set's average loss over the
	// sample is never above theirs.
	Starts [][]int
}

// Options tune the search. The zero value gives the defaults; the result
// depends on Shortlist and SwapRounds but never on Workers.
type Options struct {
	// Shortlist is how many candidates, ranked by a first-order estimate of
	// their gain, are evaluated exactly at every step (default 12).
	Shortlist int
	// SwapRounds bounds the rounds of the swap search (default 1, negative
	// for none); a round tries to replace every alternate by a better
	// candidate.
	SwapRounds int
	// NodeLimit bounds the branch-and-bound nodes of every trial in the
	// search (default 250): a trial that reaches it counts the gain found
	// so far. The losses in the Choice are always exact.
	NodeLimit int
	// Workers is the number of goroutines (default 1).
	Workers int
	// Progress, when not nil, is called as the search advances.
	Progress func(Progress)
}

// Progress reports the state of a search.
type Progress struct {
	Stage string // "greedy", "swap" or "order"
	// Size is the number of alternates in the current set and TotalLoss
	// its loss summed over the scenarios.
	Size, TotalLoss int
}

// Choice is the outcome of Choose.
type Choice struct {
	// Alternates are the chosen people (indices into Pool.People), in the
	// order they should be called: each prefix is the best found by adding
	// one alternate at a time.
	Alternates []int
	// TotalLoss is the final panels' loss summed over the scenarios, the
	// replacement step applied in each; the average loss is TotalLoss /
	// Scenarios.
	TotalLoss, Scenarios int
	// LowerBound is a proven lower bound on the summed loss of every set of
	// N alternates: in every scenario, the least loss that calling at most
	// min(dropouts, N) of all the candidates who stay could give, with the
	// categories counted independently. Optimal reports TotalLoss ==
	// LowerBound.
	LowerBound int
	Optimal    bool
	// StartLoss holds the summed loss of every start set, in order.
	StartLoss []int
	// Solves and Nodes measure the work: the replacement steps solved and
	// the branch-and-bound nodes searched.
	Solves, Nodes int
}

// AverageLoss returns TotalLoss / Scenarios.
func (c *Choice) AverageLoss() float64 { return float64(c.TotalLoss) / float64(c.Scenarios) }

// Gap returns (TotalLoss − LowerBound) / Scenarios: how much the average
// loss could at most improve.
func (c *Choice) Gap() float64 { return float64(c.TotalLoss-c.LowerBound) / float64(c.Scenarios) }

// Choose chooses Problem.N alternates minimising the loss summed over the
// sample's scenarios, the replacement step (Replace) applied in each.
//
// The search builds a set greedily, one alternate at a time: a first-order
// estimate of every candidate's gain ranks them, and the Shortlist best are
// evaluated exactly; the one with the largest exact gain is added (ties to
// the earlier in the ranking). Every start set is completed the same way,
// the best of them and of the greedy set kept, then improved by swapping an
// alternate for a candidate while that lowers the loss strictly. The set is
// then put in calling order by the same greedy rule within it.
func Choose(ctx context.Context, p *Problem, opt Options) (*Choice, error) {
	c, err := newChooser(p, opt)
	if err != nil {
		return nil, err
	}
	return c.run(ctx)
}

// chooser holds a search.
type chooser struct {
	p      *Problem
	opt    Options
	prof   [][]int
	S      int
	base   [][]int // per scenario: value counts of the members who stayed
	size   []int   // per scenario: members who stayed
	budget []int   // per scenario: members who dropped
	lower  []int   // per scenario: the lower bound on the loss
	cands  []int   // the candidates, in pool order
	onSet  []bool  // per person: in the current set
	reps   []*replacer
}

func newChooser(p *Problem, opt Options) (*chooser, error) {
	if opt.Shortlist <= 0 {
		opt.Shortlist = 12
	}
	if opt.SwapRounds == 0 {
		opt.SwapRounds = 1
	}
	opt.Workers = max(1, opt.Workers)
	if opt.NodeLimit <= 0 {
		opt.NodeLimit = 250
	}
	prof, err := p.Bounds.profiles(p.Pool)
	if err != nil {
		return nil, err
	}
	n := len(p.Pool.People)
	if p.Sample == nil || p.Sample.n != n {
		return nil, errors.New("the scenarios are not over the pool")
	}
	onPanel := make([]bool, n)
	for _, i := range p.Panel {
		if i < 0 || i >= n || onPanel[i] {
			return nil, fmt.Errorf("the panel member %d is not a person of the pool or is listed twice", i)
		}
		onPanel[i] = true
	}
	c := &chooser{p: p, opt: opt, prof: prof, S: p.Sample.Len(), onSet: make([]bool, n)}
	for i := range n {
		if !onPanel[i] {
			c.cands = append(c.cands, i)
		}
	}
	if p.N < 0 || p.N > len(c.cands) {
		return nil, fmt.Errorf("%d alternates cannot be chosen from the %d people outside the panel", p.N, len(c.cands))
	}
	for j, s := range p.Starts {
		if len(s) > p.N {
			return nil, fmt.Errorf("start set %d has %d people, more than %d", j+1, len(s), p.N)
		}
		seen := map[int]bool{}
		for _, i := range s {
			if i < 0 || i >= n || onPanel[i] || seen[i] {
				return nil, fmt.Errorf("start set %d: person %d is not in the pool, is on the panel or is listed twice", j+1, i)
			}
			seen[i] = true
		}
	}
	sc := newScenarios(p.Bounds, prof, p.Panel, p.Sample, p.N)
	c.base, c.size, c.budget, c.lower = sc.base, sc.size, sc.budget, sc.lower
	for range opt.Workers {
		r := newReplacer(p.Bounds)
		r.limit = opt.NodeLimit
		c.reps = append(c.reps, r)
	}
	return c, nil
}

// state is a set of alternates with its solution in every scenario.
type state struct {
	set    []int
	loss   []int   // per scenario
	total  int     // Σ loss
	counts [][]int // per scenario: the final panel's value counts
	called [][]int // per scenario: the alternates called
}

// solveScenario solves the replacement step of scenario s for the set
// with replacer r, and returns the loss and the alternates called; counts
// receives the final panel's value counts.
func (c *chooser) solveScenario(r *replacer, s int, set []int, counts []int) (int, []int) {
	alts := c.p.Sample.Available(s, set, nil)
	copy(counts, c.base[s])
	loss := r.step(c.prof, counts, c.size[s], c.budget[s], alts)
	return loss, r.called(alts, counts)
}

// evaluate returns the state of the set.
func (c *chooser) evaluate(ctx context.Context, set []int) (*state, error) {
	return c.evaluateWith(ctx, set, c.quickScenario)
}

// exactTotal returns the set's summed loss, every step solved exactly.
func (c *chooser) exactTotal(ctx context.Context, set []int) (int, error) {
	st, err := c.evaluateWith(ctx, set, c.solveScenario)
	if err != nil {
		return 0, err
	}
	return st.total, nil
}

// evaluateWith returns the state of the set, each scenario solved by
// solve.
func (c *chooser) evaluateWith(ctx context.Context, set []int, solve func(r *replacer, s int, set, counts []int) (int, []int)) (*state, error) {
	st := &state{set: slices.Clone(set), loss: make([]int, c.S), counts: make([][]int, c.S), called: make([][]int, c.S)}
	err := c.parallel(ctx, c.S, func(w, s int) {
		st.counts[s] = make([]int, c.p.Bounds.Values())
		st.loss[s], st.called[s] = solve(c.reps[w], s, set, st.counts[s])
	})
	for _, l := range st.loss {
		st.total += l
	}
	return st, err
}

// quickScenario is solveScenario within the node limit: the alternates
// most useful first, the best set found (an upper bound on the least
// loss, equal to it when the search ends within the limit).
func (c *chooser) quickScenario(r *replacer, s int, set []int, counts []int) (int, []int) {
	alts := c.p.Sample.Available(s, set, nil)
	copy(counts, c.base[s])
	usefulFirst(c.p.Bounds, c.prof, alts, counts)
	loss := r.solve(c.prof, counts, c.size[s], c.budget[s], alts, -1)
	return loss, r.called(alts, counts)
}

// parallel runs f(worker, j) for j in [0, count) on the workers.
func (c *chooser) parallel(ctx context.Context, count int, f func(w, j int)) error {
	return parallel(ctx, count, c.opt.Workers, f)
}
