package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

// quotasForSelection decides exactly whether the quotas can be met before
// select computes a lottery. When they can, it returns the pool as it is.
// When they cannot, with relax it returns the pool under the smallest
// relaxation (printed on stdout) and the relaxation; without relax it
// prints the conflicts and the relaxation that would help on stderr. code is
// the exit code when the selection cannot go on, and 0 otherwise.
func quotasForSelection(e *env, ctx context.Context, pool *sortition.Pool, k int, households []string, relax bool) (*sortition.Pool, *sortition.Relaxation, int) {
	opt := sortition.Options{Households: households}
	r, err := sortition.MinimalRelaxation(ctx, pool, k, opt)
	var noRelaxation *sortition.InfeasibleError
	switch {
	case errors.As(err, &noRelaxation):
	case err != nil:
		return nil, nil, reportSelectionError(e, ctx, err)
	case r.Seats == 0:
		return pool, nil, exitOK
	case relax:
		e.sayln(e.stdout, message.CLIRelaxed, "seats", r.Seats)
		for _, c := range r.Changes {
			fmt.Fprintf(e.stdout, "  - %s\n", c.Describe(pool.Quotas).In(e.lang))
		}
		relaxed := *pool
		relaxed.Quotas = r.Quotas
		return &relaxed, r, exitOK
	}
	e.errorf("%s", e.say(message.CLINoPanelExact, "k", k))
	if f, ferr := sortition.CheckFeasibility(ctx, pool, k, opt); ferr == nil && !f.Feasible {
		printConflicts(e.stderr, e.lang, pool, f.Conflicts)
	}
	if noRelaxation != nil {
		e.sayln(e.stderr, message.CLINoRelaxation, "why", noRelaxation.Reason)
		return nil, nil, exitSelection
	}
	fmt.Fprintf(e.stderr, "\n%s\n", e.say(message.CLIWouldHelp, "seats", r.Seats))
	for _, c := range r.Changes {
		fmt.Fprintf(e.stderr, "  - %s\n", c.Describe(pool.Quotas).In(e.lang))
	}
	e.sayln(e.stderr, message.CLIRunRelax)
	return nil, nil, exitSelection
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
