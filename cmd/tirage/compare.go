package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

var compareCommand = &command{
	name:    "compare",
	summary: "compare the fairness objectives on one pool",
	usage:   "compare --pool FILE --quotas FILE --k N [--id-column NAME] [--households COLS] [--algorithms LIST] [--alternates N (--dropout-column NAME | --dropout-model MODEL.json) [--scenarios S] [--seed TEXT]] [--quiet]",
	help: `Compare computes the lottery of each fairness objective on one pool and
prints them side by side: the lowest and highest probability of selection
(of the people who can be selected), the Gini coefficient and the geometric
mean of the probabilities of the uniform lottery of 1000 panels that would
be drawn from, the share of people below k/n (what everyone would get with
equal chances), whether the objective comes with an optimality certificate,
and the time it took on this machine. It draws nothing and writes no file.

--algorithms lists the objectives to compare, comma-separated (default:
all of maximin, leximin, nash, goldilocks and legacy). legacy's
probabilities are estimated from 10,000 runs.

With --alternates N and dropout rates (--dropout-column or --dropout-model,
as for select), it also draws a panel of the first objective's lottery
with --seed (default "compare"; an illustration, recorded nowhere) and
compares, over S fresh dropout scenarios (--scenarios, default 1000), no
alternates, N scaled-quota alternates, the ranked list of N and the N
alternates chosen for the dropouts (doc/alternates.md): the expected loss
and the chance that every quota is met.

It exits 0 when every objective gave a lottery, 1 when one could not (the
quotas cannot be met, or it was interrupted), and 2 when the files or flags
are wrong.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var in inputFlags
		in.register(fs)
		var households, algorithms string
		var quiet bool
		fs.StringVar(&households, "households", "", "comma-separated pool `COLS` identifying a household (at most one person per household is selected)")
		fs.StringVar(&algorithms, "algorithms", strings.Join(selection.Algorithms, ","), "the objectives to compare, comma-separated `LIST`")
		fs.BoolVar(&quiet, "quiet", false, "show no progress")
		var dropoutFlags dropoutFlags
		dropoutFlags.register(fs)
		var alternates int
		fs.Var(&countFlag{p: &alternates, what: "the number of alternates"}, "alternates", "with dropout rates, compare `N` alternates chosen for dropouts with scaled-quota ones and the ranked list")
		seed := fs.String("seed", "compare", "with --alternates, the seed `TEXT` of the illustrative draw")
		return func(args []string) int {
			if len(args) > 0 {
				e.errorf("unexpected argument %s\nRun 'tirage compare -h' for help.", table.Quote(args[0]))
				return exitUsage
			}
			names := splitColumns(algorithms)
			if len(names) == 0 {
				e.errorf("--algorithms names no objective; choose among %s", strings.Join(selection.Algorithms, ", "))
				return exitUsage
			}
			for i, name := range names {
				if _, err := selection.Algorithm(name); err != nil {
					e.errorf("--algorithms: %v", err)
					return exitUsage
				}
				names[i] = strings.ToLower(name)
			}
			columns := splitColumns(households)
			if households != "" && len(columns) == 0 {
				e.errorf("--households names no column; give pool column names separated by commas, such as address1,postcode")
				return exitUsage
			}
			inp, err := in.load(e)
			if err != nil {
				return exitUsage
			}
			if len(columns) > 0 {
				if _, err := inp.pool.Households(columns); err != nil {
					e.errorf("%v", err)
					return exitUsage
				}
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			progress := newProgressPrinter(e.stderr, quiet)
			d, ok := dropoutFlags.resolve(e, inp.pool, in.pool, alternates, progress)
			if !ok {
				return exitUsage
			}
			rows := selection.Compare(ctx, inp.pool, inp.k, sortition.Options{Households: columns, Progress: progress.update}, names, 0)
			progress.done()
			code := printComparison(e, &in, inp, rows)
			if d == nil || code != exitOK {
				return code
			}
			return compareAlternates(e, ctx, inp, columns, names[0], *seed, alternates, d)
		}
	},
}

func printComparison(e *env, in *inputFlags, inp *inputs, rows []selection.Comparison) int {
	w := e.stdout
	n := len(inp.pool.People)
	fmt.Fprintf(w, "Pool:   %s, %d people; panel of %d; equal chances would be %s\n\n", in.pool, n, inp.k, percent(float64(inp.k)/float64(n)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "objective\tlowest\thighest\tGini\tgeometric mean\tbelow k/n\tcertificate\ttime\t")
	code := exitOK
	for _, c := range rows {
		if c.Err != nil {
			fmt.Fprintf(tw, "%s\t%s\t\t\t\t\t\t%s\t\n", c.Algorithm, "failed", c.Elapsed.Round(1e6))
			code = exitSelection
			continue
		}
		cert := "no"
		switch {
		case c.Certified:
			cert = "yes"
		case c.Estimated:
			cert = "estimated"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\t%s\t%.1f%%\t%s\t%s\t\n", c.Algorithm, percent(c.Minimum), percent(c.Maximum), c.Gini,
			percent(c.GeometricMean), 100*c.BelowEqual, cert, c.Elapsed.Round(1e6))
	}
	tw.Flush()
	for _, c := range rows {
		if c.Err != nil {
			fmt.Fprintf(w, "\n%s: %v\n", c.Algorithm, c.Err)
		}
	}
	return code
}
