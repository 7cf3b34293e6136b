package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/sortition"
)

var replaceCommand = &command{
	name:    "replace",
	summary: "replace selected people who withdrew",
	usage:   "replace DIR --drop ID[,ID…] --out DIR2 [--pool FILE] [--force] [--quiet]",
	help: `Replace completes the panel drawn in DIR after some of its members withdrew
(--drop, their ids separated by commas). The members who stay stay; the
replacements are drawn from the rest of the pool by a fresh maximin lottery
over the completions, the sets of replacements with which the panel meets
the quotas again (and, with households, takes at most one person per
household: nobody from the household of a member who stays). Those who
withdrew are not drawn again.

The draw's seed is derived from the original commitment, the original seed
and the ids of those who withdrew (audit/SPEC.md), so that nobody chooses
it and anyone can recompute it. DIR2 receives the files of a selection for
the replacements (panel.csv holds the replacements, remaining.csv the other
candidates) and completed.csv, the whole new panel: the members who stay
and the replacements, with all the pool's columns. Its audit.json names the
original selection and its commitment; 'tirage verify DIR2' checks both.

The pool file is read from the path recorded in DIR/audit.json, or --pool;
it must be the file the original lottery was committed with.

It exits 0 when the replacements were drawn, 1 when no replacements can
meet the quotas (it then says which bounds stand in the way), and 2 when
the flags, directories or files are wrong.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var rf replaceFlags
		fs.StringVar(&rf.drop, "drop", "", "the ids `ID[,ID…]` of the members who withdrew")
		fs.StringVar(&rf.out, "out", "", "the output directory `DIR2`")
		fs.StringVar(&rf.pool, "pool", "", "the pool `FILE` the original lottery was committed with (default: the path recorded in audit.json)")
		fs.BoolVar(&rf.force, "force", false, "write into DIR2 even if it is not empty, replacing tirage's files there")
		fs.BoolVar(&rf.quiet, "quiet", false, "show no progress")
		return func(args []string) int {
			if len(args) != 1 {
				e.errorf("give the directory of the original selection, and only that, as the argument\nRun 'tirage replace -h' for help.")
				return exitUsage
			}
			return runReplace(e, args[0], &rf)
		}
	},
}

// replaceFlags are replace's flags.
type replaceFlags struct {
	drop, out, pool string
	force, quiet    bool
}

func runReplace(e *env, dir string, rf *replaceFlags) int {
	var missing []string
	if rf.drop == "" {
		missing = append(missing, "--drop")
	}
	if rf.out == "" {
		missing = append(missing, "--out")
	}
	if requireFlags(e, missing) != nil {
		return exitUsage
	}
	now, err := e.clock()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if sameFile(rf.out, dir) {
		e.errorf("the output directory is the original selection's; choose another one")
		return exitUsage
	}
	if err := checkOutDir(rf.out, rf.force); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	data, err := os.ReadFile(filepath.Join(dir, audit.RecordFile))
	if err != nil {
		e.errorf("cannot read the original selection: %v", err)
		return exitUsage
	}
	original, err := audit.ParseRecord(data)
	if err != nil {
		e.errorf("%s: %v", filepath.Join(dir, audit.RecordFile), err)
		return exitUsage
	}
	if original.Draw == nil {
		e.errorf("the lottery in %s has not been drawn yet; draw it with 'tirage draw' first", dir)
		return exitUsage
	}
	poolPath := rf.pool
	if poolPath == "" {
		poolPath = original.Inputs.Pool.Path
	}
	pool, err := committedPool(original, poolPath)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	for _, name := range append(append([]string(nil), outputFiles...), audit.CompletedFile) {
		if sameFile(filepath.Join(rf.out, name), poolPath) {
			e.errorf("the output %s is the pool file; inputs are never overwritten", filepath.Join(rf.out, name))
			return exitUsage
		}
	}
	var household []int
	if len(original.Settings.Households) > 0 {
		if household, err = pool.Households(original.Settings.Households); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	index := map[string]int{}
	for i, p := range pool.People {
		index[p.ID] = i
	}
	var panel, drop []int
	for _, id := range original.Draw.Selected {
		panel = append(panel, index[id])
	}
	for _, id := range splitColumns(rf.drop) {
		i, ok := index[id]
		if !ok || !slices.Contains(original.Draw.Selected, id) {
			e.errorf("%s is not a member of the panel drawn in %s", table.Quote(id), dir)
			return exitUsage
		}
		if slices.Contains(drop, i) {
			e.errorf("%s is given twice in --drop", table.Quote(id))
			return exitUsage
		}
		drop = append(drop, i)
	}
	slices.Sort(drop)
	dropped := audit.IDs(pool, drop)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c, err := sortition.NewCompletion(pool, panel, drop, household)
	if err != nil {
		return reportReplaceError(e, ctx, nil, err)
	}
	readAt := now()
	progress := newProgressPrinter(e.stderr, rf.quiet)
	lottery, err := sortition.Maximin(ctx, c.Pool, c.K, sortition.Options{Households: original.Settings.Households, Progress: progress.update})
	progress.done()
	if err != nil {
		return reportReplaceError(e, ctx, c, err)
	}
	uniform, err := lottery.Uniform(original.Lottery.M)
	if err != nil {
		e.errorf("internal error: %v\nThis is a bug in tirage; please report it with the command you ran.", err)
		return exitInternal
	}
	computedAt := now()
	record, err := audit.NewRecord(audit.Selection{
		Tool:       audit.Tool{Name: "tirage", Version: version()},
		PoolFile:   original.Inputs.Pool,
		QuotaFile:  original.Inputs.Quotas,
		Pool:       c.Pool,
		K:          c.K,
		Settings:   original.Settings,
		Households: c.Households,
		Replaces:   &audit.Replaces{Directory: dir, Commitment: original.Commitment, Selected: original.Draw.Selected, Dropped: dropped},
		Lottery:    lottery,
		Uniform:    uniform,
	})
	if err != nil {
		e.errorf("cannot make the audit record: %v", err)
		return exitUsage
	}
	record.AddStep(audit.StepInputsRead, readAt)
	record.AddStep(audit.StepLotteryComputed, computedAt)
	record.AddStep(audit.StepCommitted, now())
	seed, err := audit.ReplacementSeed(original.Commitment, original.Draw.Seed, dropped)
	if err == nil {
		_, err = record.DrawPanel(seed, now())
	}
	if err != nil {
		e.errorf("internal error: %v\nThis is a bug in tirage; please report it with the command you ran.", err)
		return exitInternal
	}
	var replacements []int
	for _, id := range record.Draw.Selected {
		replacements = append(replacements, slices.IndexFunc(c.Pool.People, func(p sortition.Person) bool { return p.ID == id }))
	}
	completed := c.Complete(replacements)
	if err := os.MkdirAll(rf.out, 0o755); err != nil {
		e.errorf("cannot create the output directory: %v", err)
		return exitUsage
	}
	rows := make([][]string, len(completed))
	for j, i := range completed {
		rows[j] = pool.People[i].Fields
	}
	if err := writeCSV(filepath.Join(rf.out, audit.CompletedFile), pool.Delimiter, pool.Header, rows); err != nil {
		e.errorf("cannot write the results: %v", err)
		return exitUsage
	}
	written, err := writeSelection(rf.out, c.Pool, record)
	if err != nil {
		e.errorf("cannot write the results: %v", err)
		return exitUsage
	}
	w := e.stdout
	fmt.Fprintf(w, "Withdrew: %s\n", strings.Join(dropped, ", "))
	fmt.Fprintf(w, "Replaced by: %s, drawn by the maximin lottery over the completions: %d people could replace, %d of them on some completion, each with a chance of at least %s\n",
		strings.Join(record.Draw.Selected, ", "), len(c.Pool.People), len(c.Pool.People)-len(lottery.Excluded), percent(lottery.Optimum))
	fmt.Fprintf(w, "Seed:     %s (derived from the original commitment, seed and withdrawals)\n", seed)
	fmt.Fprintf(w, "Commitment: %s\n", record.Commitment)
	fmt.Fprintf(w, "Written:  %s: %s, %s (the new panel of %d)\n", rf.out, strings.Join(written, ", "), audit.CompletedFile, len(completed))
	return exitOK
}

// reportReplaceError prints why no replacements were drawn and returns the
// exit code; when the completion can meet no quota, it names the bounds in
// the way.
func reportReplaceError(e *env, ctx context.Context, c *sortition.Completion, err error) int {
	var infeasible *sortition.InfeasibleError
	if c == nil || !errors.As(err, &infeasible) {
		return reportSelectionError(e, ctx, err)
	}
	e.errorf("no replacements let the panel meet the quotas again: %s.", infeasible.Reason)
	if f, ferr := sortition.CheckFeasibility(ctx, c.Pool, c.K, sortition.Options{Households: nil}); ferr == nil && !f.Feasible {
		fmt.Fprintln(e.stderr, "With the members who stay, what is left of the quotas for the replacements:")
		printConflicts(e.stderr, c.Pool, f.Conflicts)
	}
	return exitSelection
}
