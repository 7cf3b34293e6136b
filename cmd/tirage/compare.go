package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"strings"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/selection"
)

var compareCommand = &command{
	name:    "compare",
	summary: "compare the fairness objectives on one pool",
	usage:   "compare --pool FILE --quotas FILE --k N [--id-column NAME] [--households COLS] [--algorithms LIST] [--quiet]",
	help:    console.Help("compare"),
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var in inputFlags
		in.register(fs)
		var algorithms string
		var quiet bool
		fs.StringVar(&algorithms, "algorithms", strings.Join(selection.Algorithms, ","), "the objectives to compare, comma-separated `LIST`")
		fs.BoolVar(&quiet, "quiet", false, "show no progress")
		return func(args []string) int {
			names := selection.SplitList(algorithms)
			if len(names) == 0 {
				return e.usageError("--algorithms names no objective; choose among %s", strings.Join(selection.Algorithms, ", "))
			}
			for i, name := range names {
				if _, err := selection.Algorithm(name); err != nil {
					return e.usageError("--algorithms: %v", err)
				}
				names[i] = strings.ToLower(name)
			}
			columns, ok := in.columns(e)
			if !ok {
				return exitUsage
			}
			inp, ok := in.load(e)
			if !ok {
				return exitUsage
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			progress := newProgress(e.stderr, quiet)
			rows, err := selection.CompareInputs(ctx, inp, columns, names, progress.Update)
			progress.Done()
			if err != nil {
				return e.fail(ctx, err)
			}
			console.Comparison(e.stdout, in.pool, inp, rows)
			for _, r := range rows {
				if r.Err != nil {
					return exitSelection
				}
			}
			return exitOK
		}
	},
}
