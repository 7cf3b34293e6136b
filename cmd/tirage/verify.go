package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"time"

	"github.com/tirage/tirage/selection"
)

var verifyCommand = &command{
	name:    "verify",
	summary: "re-check a selection from its published files",
	usage:   "verify DIR [--pool FILE] [--quotas FILE] [--original DIR]… [--quiet]",
	help:    helpText("verify"),
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var pool, quotas string
		var originals foldersFlag
		fs.StringVar(&pool, "pool", "", "the pool `FILE` to check against the record")
		fs.StringVar(&quotas, "quotas", "", "the quota `FILE` to check against the record")
		quiet := fs.Bool("quiet", false, "show no progress")
		fs.Var(&originals, "original", "for a replacement, the `DIR` of a selection it replaces, directly or through earlier replacements; give it once per folder (default: the folders the records name, beside theirs)")
		return func(args []string) int {
			if len(args) != 1 {
				e.errorf("give the directory of a selection, and only that, as the argument\nRun 'tirage verify -h' for help.")
				return exitUsage
			}
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
		data, err := readInputFile(f.name)
		if err != nil {
			reportInputError(e, f.what, err)
			return exitUsage
		}
		*f.to = &selection.File{Name: f.name, Content: data}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var mu sync.Mutex
	checking := "the record"
	in.Progress = func(what string) {
		mu.Lock()
		checking = what
		mu.Unlock()
	}
	stopProgress := newProgressPrinter(e.stderr, quiet).track(time.Now(), func(elapsed time.Duration) string {
		mu.Lock()
		defer mu.Unlock()
		return fmt.Sprintf("verify: checking %s (%.1fs)", checking, elapsed.Seconds())
	})
	v := selection.Verify(ctx, in)
	stopProgress()
	for _, c := range v.Checks {
		status := "OK    "
		switch {
		case !c.OK:
			status = "FAILED"
		case c.Absent:
			status = "ABSENT"
		}
		fmt.Fprintf(e.stdout, "%s  %s: %s\n", status, c.Name, c.Detail)
	}
	switch {
	case pool == "" && quotas == "":
		fmt.Fprintf(e.stdout, "\nThe input files were not checked against the record; give --pool and --quotas to check them.\n")
	case pool == "":
		fmt.Fprintf(e.stdout, "\nThe pool file was not checked against the record; give --pool to check it.\n")
	case quotas == "":
		fmt.Fprintf(e.stdout, "\nThe quota file was not checked against the record; give --quotas to check it.\n")
	}
	code := exitOK
	if !v.Verified() {
		fmt.Fprintf(e.stdout, "\nNOT VERIFIED: %d of %d checks failed.\n", v.Failed, len(v.Checks))
		code = exitSelection
	} else {
		if len(v.Absent) > 0 {
			fmt.Fprintf(e.stdout, "\nNot in the folder, so not checked: %s. Everything the record claims was checked from the record itself.\n", selection.JoinAnd(v.Absent))
		}
		fmt.Fprintf(e.stdout, "\nVerified: all %d checks passed.\n", len(v.Checks)-len(v.Absent))
	}
	fmt.Fprintf(e.stdout, "\nWhat these checks cannot prove:\n")
	for _, s := range v.CannotProve {
		fmt.Fprintf(e.stdout, "- %s\n", s)
	}
	return code
}
