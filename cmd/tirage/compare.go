package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"

	"github.com/tirage/tirage/selection"
)

var compareCommand = &command{
	name:    "compare",
	summary: "compare the fairness objectives on one pool",
	usage:   "compare --pool FILE --quotas FILE --k N [--id-column NAME] [--households COLS] [--algorithms LIST] [--alternates N (--dropout-column NAME | --dropout-model MODEL.json) [--scenarios S] [--seed TEXT]] [--quiet]",
	help:    helpText("compare"),
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
				e.errorf("unexpected argument %s\nRun 'tirage compare -h' for help.", selection.Quote(args[0]))
				return exitUsage
			}
			names := selection.SplitList(algorithms)
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
			columns := selection.SplitList(households)
			if households != "" && len(columns) == 0 {
				e.errorf("--households names no column; give pool column names separated by commas, such as address1,postcode")
				return exitUsage
			}
			inp, err := in.load(e)
			if err != nil {
				return exitUsage
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			progress := newProgressPrinter(e.stderr, quiet)
			dropout, ok := dropoutFlags.request(e, alternates, progress)
			if !ok {
				return exitUsage
			}
			rows, err := selection.CompareInputs(ctx, inp, columns, names, progress.update)
			progress.done()
			if err != nil {
				return e.fail(ctx, err)
			}
			code := printComparison(e, &in, inp, rows)
			if dropout == nil || code != exitOK {
				return code
			}
			res, err := selection.CompareAlternates(ctx, inp, columns, names[0], *seed, alternates, dropout, tool())
			if err != nil {
				return e.fail(ctx, err)
			}
			fmt.Fprintf(e.stdout, "\nPanel:  drawn from the %s lottery with the seed %q (an illustration: nothing is written)\n", names[0], *seed)
			printDropout(e.stdout, res.Record.Draw.Dropout, len(res.Record.Draw.Alternates), false)
			return exitOK
		}
	},
}

func printComparison(e *env, in *inputFlags, inp *selection.Inputs, rows []selection.Comparison) int {
	w := e.stdout
	n := len(inp.Pool.People)
	fmt.Fprintf(w, "Pool:   %s, %d people; panel of %d; equal chances would be %s\n\n", in.pool, n, inp.K, percent(float64(inp.K)/float64(n)))
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
