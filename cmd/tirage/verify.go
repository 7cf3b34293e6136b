package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"time"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

var verifyCommand = &command{
	name: "verify",
	arg:  message.CLIArgSelection,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var pool, quotas string
		var originals foldersFlag
		fs.StringVar(&pool, "pool", "", "")
		fs.StringVar(&quotas, "quotas", "", "")
		quiet := fs.Bool("quiet", false, "")
		fs.Var(&originals, "original", "")
		return func(args []string) int {
			return runVerify(e, args[0], pool, quotas, originals, *quiet)
		}
	},
}

func runVerify(e *env, dir, pool, quotas string, originals []string, quiet bool) int {
	in := selection.VerifyInput{Dir: dirOf(dir), Beside: besideDirs}
	for _, d := range originals {
		in.Originals = append(in.Originals, dirOf(d))
	}
	for _, f := range []struct {
		name, what string
		to         **selection.File
	}{{pool, "pool file", &in.Pool}, {quotas, "quota file", &in.Quotas}} {
		if f.name == "" {
			continue
		}
		file, ok := e.readInput(f.name, f.what)
		if !ok {
			return exitUsage
		}
		*f.to = &file
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	setChecking, stopProgress := console.TrackState(e.newProgress(e.stderr, quiet), time.Now(), string(message.VerifyingRecord), func(what string, d time.Duration) string {
		return console.VerifyProgress(e.lang, what, d)
	})
	in.Progress = setChecking
	v := selection.Verify(ctx, in)
	stopProgress()
	console.Verification(e.stdout, e.lang, v, pool != "", quotas != "")
	if !v.Verified() {
		return exitSelection
	}
	return exitOK
}
