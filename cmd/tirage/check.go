package main

import (
	"flag"
	"fmt"
	"text/tabwriter"
)

var checkCommand = &command{
	name:    "check",
	summary: "check a pool and quota file before a selection",
	usage:   "check --pool FILE --quotas FILE --k N [--id-column NAME]",
	help: `Check reads the pool and the quotas, reports every problem in the files with
its line, column and value, and prints for each quota value how many people
in the pool have it, their share of the pool, and the min and max seats.

It exits 0 when counting reveals no impossibility, 1 when the quotas are
visibly impossible (a category whose mins add up to more than k or whose
maxes add up to less than k, a value whose min exceeds the number of pool
members who have it), and 2 when the files or flags are wrong.

Counting cannot see every conflict between categories: a pool that passes
may still have no panel that meets all quotas.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var in inputFlags
		in.register(fs)
		return func(args []string) int {
			if len(args) > 0 {
				e.errorf("unexpected argument %q\nRun 'tirage check -h' for help.", args[0])
				return exitUsage
			}
			inp, err := in.load(e)
			if err != nil {
				return exitUsage
			}
			return runCheck(e, &in, inp)
		}
	},
}

func runCheck(e *env, in *inputFlags, inp *inputs) int {
	q, p, k := inp.quotas, inp.pool, inp.k
	counts := p.Counts()
	n := len(p.People)
	w := e.stdout
	fmt.Fprintf(w, "Pool:   %s, %d people\n", in.pool, n)
	fmt.Fprintf(w, "Quotas: %s, %d categories, %d values (format %s)\n", in.quotas, len(q.Categories), q.NumValues(), q.Dialect)
	fmt.Fprintf(w, "Panel:  %d people (%.1f%% of the pool)\n\n", k, 100*float64(k)/float64(n))

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "category\tvalue\t%6s  %10s  %5s  %5s\n", "pool", "pool share", "min", "max")
	for ci, c := range q.Categories {
		for vi, v := range c.Values {
			name := c.Name
			if vi > 0 {
				name = ""
			}
			flag := ""
			if counts[ci][vi] < v.Min {
				flag = "  ← fewer in the pool than the min"
			}
			fmt.Fprintf(tw, "%s\t%s\t%6d  %9.1f%%  %5d  %5d%s\n", name, v.Name, counts[ci][vi], 100*float64(counts[ci][vi])/float64(n), v.Min, v.Max, flag)
		}
	}
	tw.Flush()
	fmt.Fprintln(w)

	problems := q.CountingProblems(k, counts)
	if len(problems) == 0 {
		fmt.Fprintln(w, "Counting reveals no impossibility. (Counting cannot see every conflict between categories.)")
		return exitOK
	}
	fmt.Fprintf(w, "The quotas cannot be met:\n")
	for _, pr := range problems {
		fmt.Fprintf(w, "  - %s\n", pr.Msg)
	}
	return exitSelection
}
