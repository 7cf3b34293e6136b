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
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

var replaceCommand = &command{
	name:    "replace",
	summary: "replace selected people who withdrew",
	usage:   "replace DIR --drop ID[,ID…] --out DIR2 [--from-alternates [--declined ID[,ID…]]] [--pool FILE] [--original DIR]… [--force] [--quiet]",
	help: `Replace completes the panel drawn in DIR after some of its members withdrew
(--drop, their ids separated by commas). The members who stay stay; the
replacements are drawn from the rest of the pool by a fresh maximin lottery
over the completions, the sets of replacements with which the panel meets
the quotas again (and, with households, takes at most one person per
household: nobody from the household of a member who stays). Those who
withdrew are not drawn again.

The draw's seed is derived from DIR's commitment, DIR's seed and the ids
of those who withdrew (audit/SPEC.md), so that nobody chooses it and anyone
can recompute it. DIR2 receives the files of a selection for the
replacements (panel.csv holds the replacements, remaining.csv the other
candidates) and completed.csv, the whole new panel: the members who stay
and the replacements, with all the pool's columns; DIR2/public holds what
may be published, the panels as ids only (see 'tirage help select'). Its
audit.json names DIR's folder (its name only) and commitment; 'tirage
verify DIR2' checks both, and every selection before them.

DIR may itself be a replacement: --drop then names members of its
completed panel (anyone now on the panel, whether drawn first or as a
replacement), and the replacements are drawn from the people who could
replace in DIR, without its replacements: nobody who withdrew at any step
is drawn again, and nobody on the panel. The selections DIR replaces,
back to the original selection, are needed too: they are looked for in
the folders given with --original (as many times as needed, in any
order), else in the folder each record names, beside its own; each is
recognised by its commitment, never by the folder's name.

With --from-alternates, the replacements are instead the alternates drawn
with the original selection (select --alternates), called in their order:
at most one per member who withdrew, those that bring the panel closest to
the quotas (the replacement step of audit/SPEC.md 7.2.3, exact; it may call
fewer when calling more would break a quota). --declined names alternates
who could not come: they are passed over, now and later. DIR2 then holds
audit.json and completed.csv (and public/); 'tirage verify DIR2' re-solves
the step. A replacement from the alternates may follow another; a lottery
replacement cannot follow one (doc/alternates.md).

The pool file is --pool, or the file DIR/audit.json names (by its name
only) in the current folder or beside DIR; it must be the file the
original lottery was committed with.

It exits 0 when the replacements were drawn, 1 when no replacements can
meet the quotas (it then says which bounds stand in the way), 2 when the
flags, directories or files are wrong, and 4 when DIR2 cannot be written.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var rf replaceFlags
		fs.StringVar(&rf.drop, "drop", "", "the ids `ID[,ID…]` of the members who withdrew")
		fs.StringVar(&rf.out, "out", "", "the output directory `DIR2`")
		fs.StringVar(&rf.pool, "pool", "", "the pool `FILE` the original lottery was committed with (default: the file audit.json names, in the current folder or beside DIR)")
		fs.Var(&rf.originals, "original", "when DIR is a replacement, the `DIR` of a selection it replaces, directly or through earlier replacements; give it once per folder (default: the folders the records name, beside theirs)")
		fs.BoolVar(&rf.force, "force", false, "write into DIR2 even if it is not empty, replacing tirage's files there")
		fs.BoolVar(&rf.quiet, "quiet", false, "show no progress")
		fs.BoolVar(&rf.fromAlternates, "from-alternates", false, "call the original selection's alternates, in their order, instead of drawing replacements")
		fs.StringVar(&rf.declined, "declined", "", "with --from-alternates, the ids `ID[,ID…]` of alternates who could not come")
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
	originals       foldersFlag
	force, quiet    bool
	fromAlternates  bool
	declined        string
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
	if err := publicFolderError(dir); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if sameFile(rf.out, dir) {
		e.errorf("the output directory is the original selection's; choose another one")
		return exitUsage
	}
	out, err := openFolder(rf.out, rf.force)
	if err != nil {
		return outputCode(e, err)
	}
	defer out.close()
	if err := outsideFolder(dir, out); err != nil {
		e.errorf("the original selection %s is inside the output folder %s, which tirage replaces whole; choose another output folder", dir, rf.out)
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
	if original.Draw == nil && (original.Replaces == nil || original.Replaces.FromAlternates == nil) {
		e.errorf("the lottery in %s has not been drawn yet; draw it with 'tirage draw' first", dir)
		return exitUsage
	}
	chain := audit.Chain{original}
	if original.Replaces != nil {
		if chain, _, err = findChain(dir, original, rf.originals); err != nil {
			e.errorf("%s replaces members of an earlier selection, which is needed to replace members again: %v; give its folder with --original", dir, err)
			return exitUsage
		}
	}
	first := chain[0]
	poolPath := rf.pool
	if poolPath == "" {
		poolPath = recordedInput(first.Inputs.Pool.Path, dir)
	}
	pool, err := committedPool(first, poolPath)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if err := outsideFolder(poolPath, out); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	var household []int
	if len(first.Settings.Households) > 0 {
		if household, err = pool.Households(first.Settings.Households); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	panel, err := chain.Panel()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	index := map[string]int{}
	for i, p := range pool.People {
		index[p.ID] = i
	}
	var drop []int
	for _, id := range splitColumns(rf.drop) {
		i, ok := index[id]
		if !ok || !slices.Contains(panel, id) {
			if original.Replaces != nil {
				e.errorf("%s is not a member of the completed panel in %s", table.Quote(id), dir)
			} else {
				e.errorf("%s is not a member of the panel drawn in %s", table.Quote(id), dir)
			}
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
	if rf.fromAlternates {
		return replaceFromAlternates(e, dir, rf, out, chain, pool, dropped, now())
	}
	if rf.declined != "" {
		e.errorf("--declined names alternates who could not come: give it with --from-alternates")
		return exitUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c, err := chain.Completion(pool, household, dropped)
	if errors.Is(err, audit.ErrLotteryAfterAlternates) {
		e.errorf("%v", err)
		return exitUsage
	}
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
	uniform, err := audit.FaithfulUniform(lottery, original.Lottery.M)
	var unfaithful *audit.UnfaithfulError
	if errors.As(err, &unfaithful) {
		e.errorf("%v", err)
		return exitSelection
	}
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
		Replaces:   &audit.Replaces{Directory: folderName(dir), Commitment: original.Commitment, Selected: panel, Dropped: dropped},
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
		_, err = record.DrawSeed(audit.Seed{Text: seed, Kind: audit.SeedDerived}, now())
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
	people := make([]sortition.Person, len(completed))
	for j, i := range completed {
		people[j] = pool.People[i]
	}
	organisation, contact := existingByline(dir)
	files, err := selection.FolderFiles(selection.Folder{Record: record, Pool: c.Pool, Lang: existingReportLang(dir), Organisation: organisation, Contact: contact, Completed: people})
	if err != nil {
		e.errorf("internal error: %v\nThis is a bug in tirage; please report it with the command you ran.", err)
		return exitInternal
	}
	if err := out.commit(files); err != nil {
		return outputCode(e, err)
	}
	w := e.stdout
	fmt.Fprintf(w, "Withdrew: %s\n", strings.Join(dropped, ", "))
	fmt.Fprintf(w, "Replaced by: %s, drawn by the maximin lottery over the completions: %d people could replace, %d of them on some completion, each with a chance of at least %s\n",
		strings.Join(record.Draw.Selected, ", "), len(c.Pool.People), len(c.Pool.People)-len(lottery.Excluded), percent(lottery.Optimum))
	fmt.Fprintf(w, "Seed:     %s (derived from the original commitment, seed and withdrawals)\n", seed)
	fmt.Fprintf(w, "Commitment: %s\n", record.Commitment)
	fmt.Fprintf(w, "Completed: the new panel of %d, in %s\n", len(completed), audit.CompletedFile)
	printWritten(w, rf.out, files)
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
