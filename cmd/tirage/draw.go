package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"time"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

var drawCommand = &command{
	name: "draw",
	arg:  message.CLIArgCommitted,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var df drawFlags
		df.seed.register(fs)
		fs.StringVar(&df.pool, "pool", "", "")
		df.lang.register(fs)
		df.byline.register(fs)
		fs.BoolVar(&df.quiet, "quiet", false, "")
		fs.Var(&countFlag{p: &df.alternates, what: "the number of alternates"}, "alternates", "")
		df.dropout.register(fs)
		return func(args []string) int {
			g := given(fs)
			df.seed.textSet, df.seed.numbersSet, df.lang.set = g["seed"], g["seed-numbers"], g["lang"]
			df.byline.keep(g, args[0])
			return runDraw(e, args[0], &df)
		}
	},
}

// drawFlags are draw's flags.
type drawFlags struct {
	seed       seedFlags
	pool       string
	lang       langFlag
	byline     bylineFlags
	quiet      bool
	alternates int
	dropout    dropoutFlags
}

// runDraw draws, showing progress on a long draw (a large record): the
// messages are held until the progress line is ended, so that they are
// not mixed with it.
func runDraw(e *env, dir string, df *drawFlags) int {
	var stdout, stderr bytes.Buffer
	held := *e
	held.stdout, held.stderr = &stdout, &stderr
	setPhase, stop := console.TrackState(e.newProgress(e.stderr, df.quiet), time.Now(), "reading the committed lottery", func(phase string, d time.Duration) string {
		return console.DrawProgress(e.lang, phase, d)
	})
	code := drawPanel(&held, dir, df, setPhase)
	stop()
	e.stderr.Write(stderr.Bytes())
	e.stdout.Write(stdout.Bytes())
	return code
}

// drawPanel draws the panel from the lottery committed in dir and writes
// the files, saying which phase it is in.
func drawPanel(e *env, dir string, df *drawFlags, setPhase func(string)) int {
	if !df.seed.given() {
		return e.usage(message.CLIMissingFlag, "flag", message.New(message.CLISeedFlags), "command", e.name)
	}
	seed, ok := df.seed.resolve(e)
	if !ok {
		return exitUsage
	}
	lang, ok := df.lang.resolve(e, selection.ReportSettingsOf(dirOf(dir)).Lang)
	if !ok || !df.byline.check(e) {
		return exitUsage
	}
	now, err := e.clock()
	if err != nil {
		return e.usageError("%s", e.say(err))
	}
	if err := selection.PublicFolderError(dir); err != nil {
		return e.usageError("%s", e.say(err))
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
	var drawn *selection.AlreadyDrawnError
	var bad *selection.RecordError
	switch {
	case errors.As(err, &bad):
		return e.usageError("%s: %s", recordPath, e.say(bad.Err))
	case errors.As(err, &drawn):
		return e.usage(message.CLIAlreadyDrawn, "dir", dir, "seed", strconv.Quote(drawn.Seed), "index", drawn.Index)
	}
	pool, ok := e.committedPool(df.pool, committed.PoolName(), dir, out)
	if !ok {
		return exitUsage
	}
	dropout, ok := df.dropout.request(e, df.alternates, nil)
	if !ok {
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	files, err := selection.DrawContext(ctx, committed, selection.DrawInput{Pool: pool, Seed: seed, SeedNumbers: df.seed.numbersSet, Alternates: df.alternates,
		Dropout: dropout, Lang: lang, Organisation: df.byline.organisation, Contact: df.byline.contact, Now: now, Phase: setPhase})
	if err != nil {
		return e.fail(ctx, err)
	}
	if err := out.Commit(files); err != nil {
		return e.fail(nil, err)
	}
	console.Drawn(e.stdout, e.lang, dir, seed, committed, files)
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
		e.errorf("%s", e.say(err))
		return selection.File{}, false
	}
	data, err := readInputFile(path)
	if err != nil {
		e.tell(message.CLIPoolForDraw, "err", e.say(err))
		return selection.File{}, false
	}
	return selection.File{Name: path, Content: data}, true
}
