package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
)

var drawCommand = &command{
	name: "draw",
	arg:  message.CLIArgCommitted,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var df drawFlags
		registerSeed(fs, &df.settings)
		fs.StringVar(&df.pool, "pool", "", "")
		registerReport(fs, &df.settings)
		fs.BoolVar(&df.quiet, "quiet", false, "")
		fs.Var(&countFlag{p: &df.settings.Alternates, what: message.CountAlternates}, "alternates", "")
		df.dropout.register(fs)
		return func(args []string) int {
			givenSettings(fs, &df.settings)
			kept := selection.ReportSettingsOf(dirOf(args[0]))
			g := given(fs)
			if !g["organisation"] {
				df.settings.Organisation = kept.Organisation
			}
			if !g["contact"] {
				df.settings.Contact = kept.Contact
			}
			return runDraw(e, args[0], &df, kept.Lang)
		}
	},
}

// drawFlags are draw's flags.
type drawFlags struct {
	settings selection.Settings
	pool     string
	quiet    bool
	dropout  dropoutFlags
}

// runDraw draws, showing progress on a long draw (a large record): the
// messages are held until the progress line is ended, so that they are
// not mixed with it.
func runDraw(e *env, dir string, df *drawFlags, lang report.Lang) int {
	var stdout, stderr bytes.Buffer
	held := *e
	held.stdout, held.stderr = &stdout, &stderr
	setPhase, stop := console.TrackState(e.newProgress(e.stderr, df.quiet), time.Now(), "reading the committed lottery", func(phase string, d time.Duration) string {
		return console.DrawProgress(e.lang, phase, d)
	})
	code := drawPanel(&held, dir, df, lang, setPhase)
	stop()
	e.stderr.Write(stderr.Bytes())
	e.stdout.Write(stdout.Bytes())
	return code
}

// drawPanel draws the panel from the lottery committed in dir and writes
// the files, saying which phase it is in.
func drawPanel(e *env, dir string, df *drawFlags, lang report.Lang, setPhase func(string)) int {
	if !df.settings.SeedGiven && !df.settings.NumbersGiven {
		return e.usage(message.CLIMissingFlag, "flag", message.New(message.CLISeedFlags), "command", e.name)
	}
	in, err := df.settings.CheckDraw(lang)
	if err != nil {
		return e.fail(nil, err)
	}
	if in.Now, err = e.clock(); err != nil {
		return e.usageError(err)
	}
	if err := selection.PublicFolderError(dir); err != nil {
		return e.usageError(err)
	}
	recordPath := filepath.Join(dir, selection.RecordFile)
	if _, err := os.Stat(recordPath); err != nil {
		return e.usage(message.CLINoCommitted, "err", e.say(err), "dir", dir)
	}
	out, err := selection.OpenFolder(dir, true)
	if err != nil {
		return e.fail(nil, err)
	}
	defer out.Close()
	data, err := os.ReadFile(recordPath)
	if err != nil {
		return e.usage(message.CLINoCommitted, "err", e.say(err), "dir", dir)
	}
	committed, err := selection.ReadCommitted(data)
	if err != nil {
		console.RecordError(e.stderr, e.lang, e.name, dir, recordPath, err)
		return exitUsage
	}
	pool, ok := e.committedPool(df.pool, committed.PoolName(), dir, out)
	if !ok {
		return exitUsage
	}
	if in.Dropout, ok = df.dropout.request(e, in.Alternates, nil); !ok {
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	in.Pool, in.Phase = pool, setPhase
	files, err := selection.DrawContext(ctx, committed, in)
	if err != nil {
		return e.fail(ctx, err)
	}
	if err := out.Commit(files); err != nil {
		return e.fail(nil, err)
	}
	console.Drawn(e.stdout, e.lang, dir, in.Seed, committed, files)
	return exitOK
}

// committedPool reads the pool file a committed lottery was drawn from:
// flag, or the file the record names, recorded, looked for in the current
// folder, else beside the selection folder dir. It refuses a pool file
// inside the output folder, and prints what is wrong.
func (e *env) committedPool(flag, recorded, dir string, out *selection.OutputFolder) (selection.File, bool) {
	path := flag
	if path == "" {
		path = recorded
		if _, err := os.Stat(recorded); err != nil {
			beside := filepath.Join(filepath.Dir(filepath.Clean(dir)), selection.BaseName(recorded))
			if _, err := os.Stat(beside); err == nil {
				path = beside
			}
		}
	}
	if err := out.CheckOutside(path); err != nil {
		console.Errorf(e.stderr, e.name, "%s", e.say(err))
		return selection.File{}, false
	}
	data, err := readInputFile(path)
	if err != nil {
		e.tell(message.CLIPoolForDraw, "err", e.say(err))
		return selection.File{}, false
	}
	return selection.File{Name: path, Content: data}, true
}
