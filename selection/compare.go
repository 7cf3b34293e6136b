package selection

import (
	"context"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/sortition"
)

// Comparison summarises the lottery one objective gives a pool.
type Comparison struct {
	// Algorithm names the objective (see Algorithms).
	Algorithm string
	// Minimum and Maximum are the smallest and largest selection
	// probability of the people who can be selected, in the exact lottery.
	Minimum, Maximum float64
	// Gini and GeometricMean are those of the probabilities tickets/m of
	// the uniform lottery that would be drawn from (report.Gini,
	// report.GeometricMean), over the people who can be selected.
	Gini, GeometricMean float64
	// BelowEqual is the share of the people who can be selected whose exact
	// probability is below k/n (by more than 1e-9), what everyone would get
	// with equal chances.
	BelowEqual float64
	// Certified reports an optimality certificate (maximin and leximin);
	// Estimated, probabilities estimated from repeated runs (legacy).
	Certified, Estimated bool
	// Elapsed is the time the lottery took to compute (it depends on the
	// machine).
	Elapsed time.Duration
	// Err is why the objective gave no lottery; the fields above are then
	// zero.
	Err error
}

// Compare computes the lottery of each named objective for the problem, one
// after the other, and summarises each, rounding to a uniform lottery of m
// panels, or more, as select does (audit.FaithfulUniform), for the ticket
// statistics (0: sortition.DefaultUniformPanels).
// An objective that fails has its Err set; Compare stops early only when
// ctx ends.
func Compare(ctx context.Context, problem *sortition.Problem, opt sortition.Options, algorithms []string, m int) []Comparison {
	pool, k := problem.Pool(), problem.K()
	if m <= 0 {
		m = sortition.DefaultUniformPanels
	}
	var out []Comparison
	for _, name := range algorithms {
		c := Comparison{Algorithm: name, Certified: Certified(name)}
		objective, err := Algorithm(name)
		if err != nil {
			c.Err = err
			out = append(out, c)
			continue
		}
		start := time.Now()
		l, err := objective.Lottery(ctx, problem, opt)
		c.Elapsed = time.Since(start)
		var u *sortition.Uniform
		if err == nil {
			u, err = audit.FaithfulUniform(l, m) // as select draws from it
		}
		if err != nil {
			c.Err = err
			out = append(out, c)
			if ctx.Err() != nil {
				return out
			}
			continue
		}
		c.Estimated = l.Estimated
		excluded := make([]bool, len(pool.People))
		for _, e := range l.Excluded {
			excluded[e.Person] = true
		}
		equal := float64(k) / float64(len(pool.People))
		var tickets []int
		below := 0
		c.Minimum = 1
		for i, p := range l.Marginals {
			if excluded[i] {
				continue
			}
			tickets = append(tickets, u.Tickets[i])
			c.Minimum = min(c.Minimum, p)
			c.Maximum = max(c.Maximum, p)
			if p < equal-1e-9 {
				below++
			}
		}
		if len(tickets) > 0 {
			c.BelowEqual = float64(below) / float64(len(tickets))
		}
		c.Gini = report.Gini(tickets)
		c.GeometricMean = report.GeometricMean(tickets, m)
		out = append(out, c)
	}
	return out
}

// CompareInputs is Compare on inputs read by ReadInputs, with the
// household columns (none when empty) and progress (nil for none): the
// lottery of each named objective, summarised. Its error, an *Error, is
// about the inputs: a household column the pool does not have, or an
// objective that does not exist.
func CompareInputs(ctx context.Context, in *Inputs, householdColumns, algorithms []string, progress func(Progress)) ([]Comparison, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	problem, err := in.problemWith(householdColumns)
	if err != nil {
		return nil, err
	}
	for _, name := range algorithms {
		if _, err := Algorithm(name); err != nil {
			return nil, &Error{Code: CodeInput, Err: err}
		}
	}
	return Compare(ctx, problem, sortition.Options{Progress: progress}, algorithms, 0), nil
}
