package main

import (
	"context"
	"flag"
	"os"
	"os/signal"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

var checkCommand = &command{
	name: "check",
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var in inputFlags
		in.register(fs)
		var relaxOut string
		fs.StringVar(&relaxOut, "relax-out", "", "")
		return func(args []string) int {
			columns, ok := in.columns(e)
			if !ok {
				return exitUsage
			}
			if relaxOut != "" && (sameFile(relaxOut, in.quotas) || sameFile(relaxOut, in.pool)) {
				return e.usage(message.CLIRelaxOutInput, "file", relaxOut)
			}
			inp, ok := in.load(e)
			if !ok {
				return exitUsage
			}
			return runCheck(e, &in, inp, columns, relaxOut)
		}
	},
}

func runCheck(e *env, in *inputFlags, inp *selection.Inputs, households []string, relaxOut string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c, err := selection.Check(ctx, inp, households)
	if err != nil {
		return e.fail(ctx, err)
	}
	console.Check(e.stdout, e.lang, in.pool, in.quotas, households, inp, c)
	if relaxOut != "" {
		if c.Feasible || c.Relaxation != nil {
			if err := selection.WriteFile(relaxOut, c.QuotaFile); err != nil {
				return e.usage(message.CLICannotWrite, "file", relaxOut, "err", err.Error())
			}
		}
		console.RelaxOut(e.stdout, e.lang, relaxOut, c, inp.K)
	}
	if c.Feasible {
		return exitOK
	}
	return exitSelection
}
