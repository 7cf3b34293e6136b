package main

import (
	"context"
	"flag"
	"io"
	"os"
	"os/signal"
	"unicode/utf8"

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
		fs.StringVar(&sf.algorithm, "algorithm", selection.DefaultAlgorithm, "")
		sf.panels = selection.DefaultPanels
		fs.Var(&countFlag{p: &sf.panels, min: 1, what: "the number of panels"}, "panels", "")
		sf.seed.register(fs)
		fs.Var(&countFlag{p: &sf.alternates, what: "the number of alternates"}, "alternates", "")
		sf.dropout.register(fs)
		fs.BoolVar(&sf.commitOnly, "commit-only", false, "")
		fs.StringVar(&sf.seedSource, "seed-source", "", "")
		fs.StringVar(&sf.out, "out", "", "")
		fs.BoolVar(&sf.force, "force", false, "")
		fs.BoolVar(&sf.quiet, "quiet", false, "")
		sf.lang.register(fs)
		sf.byline.register(fs)
		fs.BoolVar(&sf.json, "json", false, "")
		fs.BoolVar(&sf.relax, "relax", false, "")
		return func(args []string) int {
			if sf.json {
				return runSelectJSON(e, fs, args, sf.quiet)
			}
			if !e.noArgs(args) {
				return exitUsage
			}
			g := given(fs)
			sf.seed.textSet, sf.seed.numbersSet, sf.lang.set = g["seed"], g["seed-numbers"], g["lang"]
			return runSelect(e, &in, &sf)
		}
	},
}

// selectFlags are select's own flags.
type selectFlags struct {
	out, algorithm           string
	seedSource               string
	panels, alternates       int
	seed                     seedFlags
	commitOnly, force, quiet bool
	relax                    bool
	lang                     langFlag
	byline                   bylineFlags
	json                     bool
	dropout                  dropoutFlags
}

// seedFlags are the flags giving a seed: --seed and --seed-numbers.
type seedFlags struct {
	text, numbers       string
	textSet, numbersSet bool
}

func (f *seedFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.text, "seed", "", "")
	fs.StringVar(&f.numbers, "seed-numbers", "", "")
}

// given reports whether a seed flag was given.
func (f *seedFlags) given() bool { return f.textSet || f.numbersSet }

// resolve returns the seed text the flags give, printing what is wrong.
func (f *seedFlags) resolve(e *env) (string, bool) {
	switch {
	case f.textSet && f.numbersSet:
		e.tell(message.CLISeedBoth)
		return "", false
	case f.numbersSet:
		seed, err := selection.SeedFromNumbers(f.numbers)
		if err != nil {
			e.tell(message.CLIFlagSays, "flag", "--seed-numbers", "err", e.say(err))
			return "", false
		}
		return seed, true
	case f.text == "":
		e.tell(message.CLISeedEmpty)
		return "", false
	case !utf8.ValidString(f.text):
		e.tell(message.CLISeedNotUTF8)
		return "", false
	}
	return f.text, true
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
	if _, err := selection.Algorithm(sf.algorithm); err != nil {
		return e.usage(message.CLIFlagSays, "flag", "--algorithm", "err", e.say(err))
	}
	if sf.panels < 1 || sf.panels > selection.MaxPanels {
		return e.usage(message.CLIPanelsRange, "max", selection.MaxPanels, "n", sf.panels)
	}
	lang, ok := sf.lang.resolve(e, e.lang)
	if !ok || !sf.byline.check(e) {
		return exitUsage
	}
	var seed string
	switch {
	case sf.alternates < 0:
		return e.usage(message.CLINotNegative, "flag", "--alternates", "n", sf.alternates)
	case sf.commitOnly && sf.alternates > 0:
		return e.usage(message.CLICommitAlternates)
	case sf.commitOnly && sf.seed.given():
		return e.usage(message.CLICommitSeed)
	case !sf.commitOnly && !sf.seed.given() && sf.seedSource != "":
		return e.usage(message.CLISeedSourceAlone)
	case sf.seed.given():
		var ok bool
		if seed, ok = sf.seed.resolve(e); !ok {
			return exitUsage
		}
	}
	now, err := e.clock()
	if err != nil {
		return e.usageError("%s", e.say(err))
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
			return e.usageError("%s", e.say(err))
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
	dropout, ok := sf.dropout.request(e, sf.alternates, progress)
	if !ok {
		return exitUsage
	}
	res, err := selection.SelectFrom(ctx, inp, selection.SelectOptions{
		Households:   households,
		Algorithm:    sf.algorithm,
		Panels:       sf.panels,
		Seed:         seed,
		SeedNumbers:  sf.seed.numbersSet,
		NewSeed:      newSeed(e.stderr, e.lang, console.GeneratedSeed),
		SeedSource:   sf.seedSource,
		CommitOnly:   sf.commitOnly,
		Alternates:   sf.alternates,
		Dropout:      dropout,
		Lang:         lang,
		Organisation: sf.byline.organisation,
		Contact:      sf.byline.contact,
		Tool:         tool(),
		Now:          now,
		Progress:     progress.Update,
	})
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
