package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"time"

	"github.com/tirage/tirage/audit"
)

var verifyCommand = &command{
	name:    "verify",
	summary: "re-check a selection from its published files",
	usage:   "verify DIR [--pool FILE] [--quotas FILE] [--original DIR] [--quiet]",
	help: `Verify re-checks a selection from the files in DIR, trusting nothing in
them: that audit.json is a canonical tirage-audit/1 record; that its quota
table and people match the input digests; that every panel of the exact
lottery and of the uniform lottery has k distinct people of the pool and
meets every quota (and the household rule); that the exact lottery's
probabilities add up to 1 and give the claimed optimum; that an exact search
finds no panel heavier than the claimed upper bound under the published
weights (the certificate that no lottery does better); the commitment; that
the seed gives the recorded index and panel (audit/SPEC.md); and that
probabilities.csv, receipts.csv, panel.csv and remaining.csv agree with the
record. With --pool and --quotas it also checks the input files: their
SHA-256 digests and their content as read.

For the replacements made by 'tirage replace', it also verifies the
original selection (in the directory recorded in audit.json, or
--original), with the input files when given, and checks the chain: that
the replacements complete the original panel, over the original's people
and quotas, with the seed derived from the original's, and that
completed.csv holds the new panel.

Progress is shown on standard error when checking takes more than a
second (--quiet: none).

It prints each check with OK or FAILED, and exits 0 when every check
passes, 1 when any fails (including a missing, truncated or unreadable
audit.json), and 2 for a usage error (bad flags, an input file that cannot
be read).`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var pool, quotas, original string
		fs.StringVar(&pool, "pool", "", "the pool `FILE` to check against the record")
		fs.StringVar(&quotas, "quotas", "", "the quota `FILE` to check against the record")
		quiet := fs.Bool("quiet", false, "show no progress")
		fs.StringVar(&original, "original", "", "for a replacement, the original selection's `DIR` (default: the directory recorded in audit.json)")
		return func(args []string) int {
			if len(args) != 1 {
				e.errorf("give the directory of a selection, and only that, as the argument\nRun 'tirage verify -h' for help.")
				return exitUsage
			}
			return runVerify(e, args[0], pool, quotas, original, *quiet)
		}
	},
}

func runVerify(e *env, dir, pool, quotas, original string, quiet bool) int {
	in := audit.VerifyInput{Dir: os.DirFS(dir), PoolName: pool, QuotasName: quotas}
	if data, err := os.ReadFile(filepath.Join(dir, audit.RecordFile)); err == nil {
		if r, err := audit.ParseRecord(data); err == nil && r.Replaces != nil {
			if original == "" {
				original = r.Replaces.Directory
			}
			in.Original = os.DirFS(original)
		}
	}
	var err error
	if pool != "" {
		if in.Pool, err = readInputFile(pool); err != nil {
			reportInputError(e, "pool file", err)
			return exitUsage
		}
	}
	if quotas != "" {
		if in.Quotas, err = readInputFile(quotas); err != nil {
			reportInputError(e, "quota file", err)
			return exitUsage
		}
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
	checks := audit.Verify(ctx, in)
	stopProgress()
	failed := 0
	for _, c := range checks {
		status := "OK    "
		if !c.OK {
			status = "FAILED"
			failed++
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
	if failed > 0 {
		fmt.Fprintf(e.stdout, "\nNOT VERIFIED: %d of %d checks failed.\n", failed, len(checks))
		return exitSelection
	}
	fmt.Fprintf(e.stdout, "\nVerified: all %d checks passed.\n", len(checks))
	return exitOK
}
