package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
)

var verifyCommand = &command{
	name:    "verify",
	summary: "re-check a selection from its published files",
	usage:   "verify DIR [--pool FILE] [--quotas FILE] [--original DIR]… [--quiet]",
	help: `Verify re-checks a selection from the files in DIR, trusting nothing in
them: that audit.json is a canonical tirage-audit/2 record; that its quota
table and people match the input digests; that every panel of the exact
lottery and of the uniform lottery has k distinct people of the pool and
meets every quota (and the household rule); that the exact lottery's
probabilities add up to 1 and give the claimed optimum; that an exact search
finds no panel heavier than the claimed upper bound under the published
weights (the certificate that no lottery does better), within the format's
gap of 10^-6 whatever the record claims; that the uniform lottery drawn from
is faithful to the exact one (at least 1000 panels, everyone with a chance
holding a ticket, tickets within 4 of M times the exact probability:
audit/SPEC.md 3.1); the commitment; that
the seed gives the recorded index and panel (audit/SPEC.md); and that
probabilities.csv, receipts.csv, panel.csv and remaining.csv agree with the
record; and that report.html and report.md were made from it (they name
its SHA-256). With --pool and --quotas it also checks the input files:
their SHA-256 digests and their content as read.

DIR may be a selection folder or its public folder, DIR/public, which is
what an auditor without the pool has: there panel.csv holds ids only, and
remaining.csv is not published. A file that is not in DIR is shown as
ABSENT: not checked, and not a failure, since everything the record claims
is checked from the record itself. An audit.json whose line ends were
converted to CRLF, or that was re-indented, verifies with a note: white
space is not content.

For the replacements made by 'tirage replace', it also verifies every
selection they replace, back to the original selection (a chain, when a
replacement was itself replaced), with the input files when given, and
checks each step: that the replacements complete the panel before them,
drawn from the people left (never someone who withdrew, never someone on
the panel), with the seed derived from the step before, and that
completed.csv holds the new panel. Each selection of the chain is looked
for in the folders given with --original (as many times as needed, in any
order), else in the folder its replacement's record names, beside that
replacement's folder; it is recognised by its commitment, never by the
folder's name (from a public folder, in the public folder of
that folder).

Progress is shown on standard error when checking takes more than a
second (--quiet: none).

It prints each check with OK or FAILED, then what these checks cannot
prove (that the commitment was published before the seed existed, that the
seed came from its announced source, that the pool is the real list of
volunteers), and exits 0 when every check
passes, 1 when any fails (including a missing, truncated or unreadable
audit.json), and 2 for a usage error (bad flags, an input file that cannot
be read).`,
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
	in := audit.VerifyInput{Dir: os.DirFS(dir), PoolName: pool, QuotasName: quotas}
	record, _ := readRecordIn(dir) // nil when unreadable: Verify says why
	if record != nil && record.Replaces != nil {
		_, found, _ := findChain(dir, record, originals) // a missing selection is reported by Verify
		for _, d := range append(append([]string(nil), originals...), found...) {
			in.Originals = append(in.Originals, os.DirFS(d))
		}
	}
	var err error
	if pool != "" {
		if in.Pool, err = readInputFile(pool); err != nil {
			reportInputError(e, message.CLIPoolFile, err)
			return exitUsage
		}
	}
	if quotas != "" {
		if in.Quotas, err = readInputFile(quotas); err != nil {
			reportInputError(e, message.CLIQuotaFile, err)
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
	var absent []string
	for _, c := range checks {
		status := message.CLIVerifyOK
		switch {
		case !c.OK:
			status = message.CLIVerifyFailed
			failed++
		case c.Absent:
			status = message.CLIVerifyAbsent
			absent = append(absent, c.Name)
		}
		detail := c.Detail
		if !c.Reason.IsZero() {
			detail = c.Reason.In(e.lang)
		}
		fmt.Fprintf(e.stdout, "%-6s  %s: %s\n", e.say(status), c.Name, detail)
	}
	switch {
	case pool == "" && quotas == "":
		fmt.Fprintf(e.stdout, "\n%s\n", e.say(message.CLIInputsUnchecked))
	case pool == "":
		fmt.Fprintf(e.stdout, "\n%s\n", e.say(message.CLIPoolUnchecked))
	case quotas == "":
		fmt.Fprintf(e.stdout, "\n%s\n", e.say(message.CLIQuotasUnchecked))
	}
	code := exitOK
	if failed > 0 {
		fmt.Fprintf(e.stdout, "\n%s\n", e.say(message.CLINotVerified, "failed", failed, "n", len(checks)))
		code = exitSelection
	} else {
		if len(absent) > 0 {
			fmt.Fprintf(e.stdout, "\n%s\n", e.say(message.CLINotInFolder, "files", absent))
		}
		fmt.Fprintf(e.stdout, "\n%s\n", e.say(message.CLIVerified, "n", len(checks)-len(absent)))
	}
	printCannotProve(e, record)
	return code
}

// printCannotProve ends verify's output with what its checks cannot prove
// of the record (nil when it could not be read).
func printCannotProve(e *env, record *audit.Record) {
	fmt.Fprintf(e.stdout, "\n%s\n", e.say(message.CLICannotProve))
	for _, s := range audit.CannotProve(record) {
		fmt.Fprintf(e.stdout, "- %s\n", s.In(e.lang))
	}
}
