package main

import (
	"context"
	"flag"
	"io"
	"os"
	"os/signal"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

var selectCommand = &command{
	name:    "select",
	ownArgs: true,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var in inputFlags
		in.register(fs)
		var sf selectFlags
		st := &sf.settings
		fs.StringVar(&st.Algorithm, "algorithm", selection.DefaultAlgorithm, "")
		st.Panels = selection.DefaultPanels
		fs.Var(&countFlag{p: &st.Panels, min: 1, what: message.CountPanels}, "panels", "")
		registerSeed(fs, st)
		fs.Var(&countFlag{p: &st.Alternates, what: message.CountAlternates}, "alternates", "")
		sf.dropout.register(fs)
		fs.BoolVar(&st.CommitOnly, "commit-only", false, "")
		fs.StringVar(&st.SeedSource, "seed-source", "", "")
		fs.StringVar(&sf.out, "out", "", "")
		fs.BoolVar(&sf.force, "force", false, "")
		fs.BoolVar(&sf.quiet, "quiet", false, "")
		registerReport(fs, st)
		fs.BoolVar(&sf.json, "json", false, "")
		fs.BoolVar(&sf.relax, "relax", false, "")
		return func(args []string) int {
			if sf.json {
				return runSelectJSON(e, fs, args, sf.quiet)
			}
			if !e.noArgs(args) {
				return exitUsage
			}
			givenSettings(fs, st)
			return runSelect(e, &in, &sf)
		}
	},
}

// selectFlags are select's own flags.
type selectFlags struct {
	settings            selection.Settings
	out                 string
	force, quiet, relax bool
	json                bool
	dropout             dropoutFlags
}

// registerSeed declares --seed and --seed-numbers on the settings.
func registerSeed(fs *flag.FlagSet, s *selection.Settings) {
	fs.StringVar(&s.Seed, "seed", "", "")
	fs.StringVar(&s.SeedNumbers, "seed-numbers", "", "")
}

// givenSettings notes in s which of its seed and language flags were
// given on fs.
func givenSettings(fs *flag.FlagSet, s *selection.Settings) {
	g := given(fs)
	s.SeedGiven, s.NumbersGiven, s.LangGiven = g["seed"], g["seed-numbers"], g["lang"]
}

// registerReport declares --lang, the language of the messages (read by
// run, as every command's) and of the report, and the byline of the
// report, --organisation and --contact, on the settings.
func registerReport(fs *flag.FlagSet, s *selection.Settings) {
	fs.StringVar(&s.Lang, "lang", "", "")
	fs.StringVar(&s.Organisation, "organisation", "", "")
	fs.StringVar(&s.Contact, "contact", "", "")
}

func runSelect(e *env, in *inputFlags, sf *selectFlags) int {
	missing := in.missing()
	if sf.out == "" {
		missing = append(missing, "--out")
	}
	if !e.required(missing) {
		return exitUsage
	}
	households, ok := in.columns(e)
	if !ok {
		return exitUsage
	}
	opt, err := sf.settings.Check(e.lang)
	if err != nil {
		return e.fail(nil, err)
	}
	if opt.Now, err = e.clock(); err != nil {
		return e.usageError(err)
	}
	out, err := selection.OpenFolder(sf.out, sf.force)
	if err != nil {
		return e.fail(nil, err)
	}
	defer out.Close()
	inp, ok := in.load(e)
	if !ok {
		return exitUsage
	}
	for _, input := range []string{in.pool, in.quotas} {
		if err := out.CheckOutside(input); err != nil {
			return e.usageError(err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	inp, relaxed, err := selection.Prepare(ctx, inp, households, sf.relax)
	if err != nil {
		return e.fail(ctx, err)
	}
	if relaxed != nil {
		console.Relaxed(e.stdout, e.lang, relaxed)
	}
	progress := e.newProgress(e.stderr, sf.quiet)
	if opt.Dropout, ok = sf.dropout.request(e, opt.Alternates, progress); !ok {
		return exitUsage
	}
	opt.Households, opt.NewSeed, opt.Tool, opt.Progress = households, newSeed(e.stderr, e.lang, console.GeneratedSeed), tool(), progress.Update
	res, err := selection.SelectFrom(ctx, inp, opt)
	progress.Done()
	if err != nil {
		return e.fail(ctx, err)
	}
	console.Raised(e.stderr, e.lang, res.Summary)
	if err := out.Commit(res.Files); err != nil {
		return e.fail(nil, err)
	}
	console.Summary(e.stdout, e.lang, in.pool, sf.out, res.Summary, res.Files)
	if e.selected != nil {
		e.selected(res)
	}
	return exitOK
}

// tool names tirage and its version, for the records.
func tool() selection.Tool { return selection.Tool{Name: "tirage", Version: version()} }

// newSeed returns the source of a fresh random seed (selection.NewSeed)
// that prints its notice, naming the seed, on w in the language.
func newSeed(w io.Writer, lang message.Lang, notice func(io.Writer, message.Lang, string)) func() (string, error) {
	return func() (string, error) {
		seed, err := selection.NewSeed()
		if err == nil {
			notice(w, lang, seed)
		}
		return seed, err
	}
}

// sameFile reports whether the paths name the same existing file.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}
