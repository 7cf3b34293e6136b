package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

var replaceCommand = &command{
	name: "replace",
	arg:  message.CLIArgOriginal,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var rf replaceFlags
		fs.StringVar(&rf.drop, "drop", "", "")
		fs.StringVar(&rf.out, "out", "", "")
		fs.StringVar(&rf.pool, "pool", "", "")
		fs.Var(&rf.originals, "original", "")
		fs.BoolVar(&rf.force, "force", false, "")
		fs.BoolVar(&rf.quiet, "quiet", false, "")
		fs.BoolVar(&rf.fromAlternates, "from-alternates", false, "")
		fs.StringVar(&rf.declined, "declined", "", "")
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
		return e.usageError(err)
	}
	if err := selection.PublicFolderError(dir); err != nil {
		return e.usageError(err)
	}
	if sameFile(rf.out, dir) {
		return e.usage(message.CLIOutIsOriginal)
	}
	out, err := selection.OpenFolder(rf.out, rf.force)
	if err != nil {
		return e.fail(nil, err)
	}
	defer out.Close()
	if err := out.CheckOutside(dir); err != nil {
		return e.usage(message.CLIOriginalInsideOut, "dir", dir, "out", rf.out)
	}
	recordPath := filepath.Join(dir, selection.RecordFile)
	data, err := os.ReadFile(recordPath)
	if err != nil {
		return e.usage(message.CLICannotReadOrig, "err", e.say(err))
	}
	var originals []selection.Dir
	for _, d := range rf.originals {
		originals = append(originals, dirOf(d))
	}
	replacing, err := selection.ReadReplacing(dirOf(dir), data, originals, besideDirs)
	if err != nil {
		console.RecordError(e.stderr, e.lang, e.name, dir, recordPath, err)
		return exitUsage
	}
	pool, ok := e.committedPool(rf.pool, replacing.PoolName(), dir, out)
	if !ok {
		return exitUsage
	}
	if rf.declined != "" && !rf.fromAlternates {
		e.tell(message.CLIDeclinedAlone)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	progress := e.newProgress(e.stderr, rf.quiet)
	kept := selection.ReportSettingsOf(dirOf(dir))
	name := dir
	if abs, err := filepath.Abs(dir); err == nil {
		name = abs
	}
	var files []selection.File
	var show func()
	if rf.fromAlternates {
		var a *selection.AlternatesReplacement
		if a, err = selection.ReplaceFromAlternates(replacing, selection.AlternatesReplaceInput{Pool: pool, Drop: selection.SplitList(rf.drop),
			Declined: selection.SplitList(rf.declined), Folder: selection.BaseName(name), Tool: tool(), Now: now}); err == nil {
			files, show = a.Files, func() { console.FromAlternates(e.stdout, e.stderr, e.lang, rf.out, a) }
		}
	} else {
		var r *selection.Replacement
		if r, err = selection.Replace(ctx, replacing, selection.ReplaceInput{Pool: pool, Drop: selection.SplitList(rf.drop), Folder: selection.BaseName(name),
			Lang: kept.Lang, Organisation: kept.Organisation, Contact: kept.Contact, Tool: tool(), Now: now, Progress: progress.Update}); err == nil {
			files, show = r.Files, func() { console.Replaced(e.stdout, e.lang, rf.out, r) }
		}
	}
	progress.Done()
	if err != nil {
		console.ReplaceError(e.stderr, e.lang, e.name, dir, err, ctx.Err() != nil)
		return exitCode(err)
	}
	if err := out.Commit(files); err != nil {
		return e.fail(nil, err)
	}
	show()
	return exitOK
}
