package main

import (
	"context"
	"errors"
	"flag"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/selection"
)

var replaceCommand = &command{
	name:    "replace",
	summary: "replace selected people who withdrew",
	usage:   "replace DIR --drop ID[,ID…] --out DIR2 [--from-alternates [--declined ID[,ID…]]] [--pool FILE] [--original DIR]… [--force] [--quiet]",
	arg:     "the directory of the original selection",
	help:    console.Help("replace"),
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
	if !e.required(missing) {
		return exitUsage
	}
	now, err := e.clock()
	if err != nil {
		return e.usageError("%v", err)
	}
	if err := selection.PublicFolderError(dir); err != nil {
		return e.usageError("%v", err)
	}
	if sameFile(rf.out, dir) {
		return e.usageError("the output directory is the original selection's; choose another one")
	}
	out, err := selection.OpenFolder(rf.out, rf.force)
	if err != nil {
		return e.fail(nil, err)
	}
	defer out.Close()
	if err := out.CheckOutside(dir); err != nil {
		return e.usageError("the original selection %s is inside the output folder %s, which tirage replaces whole; choose another output folder", dir, rf.out)
	}
	recordPath := filepath.Join(dir, selection.RecordFile)
	data, err := os.ReadFile(recordPath)
	if err != nil {
		return e.usageError("cannot read the original selection: %v", err)
	}
	var originals []selection.Dir
	for _, d := range rf.originals {
		originals = append(originals, dirOf(d))
	}
	replacing, err := selection.ReadReplacing(dirOf(dir), data, originals, besideDirs)
	var bad *selection.RecordError
	var notDrawn *selection.NotDrawnError
	var chainErr *selection.ChainError
	switch {
	case errors.As(err, &bad):
		return e.usageError("%s: %v", recordPath, bad.Err)
	case errors.As(err, &notDrawn):
		return e.usageError("the lottery in %s has not been drawn yet; draw it with 'tirage draw' first", dir)
	case errors.As(err, &chainErr):
		return e.usageError("%s replaces members of an earlier selection, which is needed to replace members again: %v; give its folder with --original", dir, chainErr.Err)
	}
	pool, ok := e.committedPool(rf.pool, replacing.PoolName(), dir, out)
	if !ok {
		return exitUsage
	}
	if rf.declined != "" && !rf.fromAlternates {
		e.errorf("--declined names alternates who could not come: give it with --from-alternates")
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	progress := newProgress(e.stderr, rf.quiet)
	kept := selection.ReportSettingsOf(dirOf(dir))
	name := dir
	if abs, err := filepath.Abs(dir); err == nil {
		name = abs
	}
	if rf.fromAlternates {
		a, err := selection.ReplaceFromAlternates(replacing, selection.AlternatesReplaceInput{Pool: pool, Drop: selection.SplitList(rf.drop),
			Declined: selection.SplitList(rf.declined), Folder: selection.BaseName(name), Tool: tool(), Now: now})
		progress.Done()
		if err != nil {
			console.ReplaceError(e.stderr, e.name, dir, err, ctx.Err() != nil)
			return exitCode(err)
		}
		if err := out.Commit(a.Files); err != nil {
			return e.fail(nil, err)
		}
		console.FromAlternates(e.stdout, e.stderr, rf.out, a)
		return exitOK
	}
	r, err := selection.Replace(ctx, replacing, selection.ReplaceInput{Pool: pool, Drop: selection.SplitList(rf.drop), Folder: selection.BaseName(name),
		Lang: kept.Lang, Organisation: kept.Organisation, Contact: kept.Contact,
		Tool: tool(), Now: now, Progress: progress.Update})
	progress.Done()
	if err != nil {
		console.ReplaceError(e.stderr, e.name, dir, err, ctx.Err() != nil)
		return exitCode(err)
	}
	if err := out.Commit(r.Files); err != nil {
		return e.fail(nil, err)
	}
	console.Replaced(e.stdout, rf.out, r)
	return exitOK
}
