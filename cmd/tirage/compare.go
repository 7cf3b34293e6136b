package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"strings"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

var compareCommand = &command{
	name: "compare",
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var in inputFlags
		in.register(fs)
		var algorithms string
		var quiet bool
		fs.StringVar(&algorithms, "algorithms", strings.Join(selection.Algorithms, ","), "")
		fs.BoolVar(&quiet, "quiet", false, "")
		var dropoutFlags dropoutFlags
		dropoutFlags.register(fs)
		var alternates int
		fs.Var(&countFlag{p: &alternates, what: message.CountAlternates}, "alternates", "")
		seed := fs.String("seed", "compare", "")
		return func(args []string) int {
			if len(selection.SplitList(algorithms)) == 0 {
				return e.usage(message.CLINoObjective, "names", strings.Join(selection.Algorithms, ", "))
			}
			names, err := selection.ParseAlgorithms(algorithms)
			if err != nil {
				return e.usage(message.CLIFlagSays, "flag", "--algorithms", "err", e.say(err))
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
			progress := e.newProgress(e.stderr, quiet)
			dropout, ok := dropoutFlags.request(e, alternates, progress)
			if !ok {
				return exitUsage
			}
			rows, err := selection.CompareInputs(ctx, inp, columns, names, progress.Update)
			progress.Done()
			if err != nil {
				return e.fail(ctx, err)
			}
			console.Comparison(e.stdout, e.lang, in.pool, inp, rows)
			for _, r := range rows {
				if r.Err != nil {
					return exitSelection
				}
			}
			if dropout == nil {
				return exitOK
			}
			res, err := selection.CompareAlternates(ctx, inp, columns, names[0], *seed, alternates, dropout, tool())
			if err != nil {
				return e.fail(ctx, err)
			}
			console.ComparePanel(e.stdout, e.lang, names[0], *seed)
			console.Dropout(e.stdout, e.lang, res.Record.Draw.Dropout, len(res.Record.Draw.Alternates), false)
			return exitOK
		}
	},
}
