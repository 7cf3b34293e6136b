package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

var drawCommand = &command{
	name:    "draw",
	summary: "draw a panel from a lottery committed with select --commit-only",
	usage:   "draw DIR (--seed TEXT | --seed-numbers NUMBERS) [--alternates N [--dropout-column NAME | --dropout-model MODEL.json] [--scenarios S]] [--pool FILE] [--lang en|fr] [--organisation NAME] [--contact TEXT] [--quiet]",
	help: `Draw draws the panel from the lottery that 'tirage select --commit-only'
committed to in DIR, with a seed that did not exist at the commitment: the
seed and the commitment give an index between 0 and M-1 (audit/SPEC.md),
and the uniform panel with that index is the panel. It writes DIR again,
whole (see 'tirage help select'): panel.csv and remaining.csv, audit.json
completed with the seed and the draw, report.html and report.md rewritten
with the draw (in the language of the report already there, or --lang,
with its organisation and contact, or --organisation and --contact),
probabilities.csv and receipts.csv as they were published, and DIR/public
with them. With --alternates N and --dropout-column or --dropout-model
(see 'tirage help select'), the N alternates are chosen for the dropouts
to come from the same seed. With --alternates N alone, it draws a ranked list of N
alternates from the same seed and writes alternates.csv (see 'tirage help
select').

--seed gives the seed text, used exactly as written; --seed-numbers gives
public random numbers, written in the canonical form of RFC 3797 (see
'tirage help select'). audit.json records which of the two was given
(draw.seed_kind); the source announced with the commitment (select
--seed-source) is already in it.

The pool file is --pool, or the file audit.json names (by its name only)
in the current folder or beside DIR. It must be the very file the lottery
was committed with: tirage refuses a pool whose SHA-256 differs. A lottery
is drawn once: tirage refuses a record that already has a draw.

Progress is shown on standard error when the draw takes more than a second
(--quiet: none).

It exits 0 when the panel was drawn, 2 when the flags, the directory, the
record or the pool file are wrong, and 4 when DIR cannot be written.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var df drawFlags
		df.seed.register(fs, "")
		fs.StringVar(&df.pool, "pool", "", "the pool `FILE` the lottery was committed with (default: the file audit.json names, in the current folder or beside DIR)")
		df.lang.register(fs, "(default: the language of the report in DIR, else en)")
		df.byline.register(fs, "(default: the one of the report in DIR)")
		fs.BoolVar(&df.quiet, "quiet", false, "show no progress")
		fs.Var(&countFlag{p: &df.alternates, what: "the number of alternates"}, "alternates", "also draw a ranked list of `N` alternates, written to alternates.csv")
		df.dropout.register(fs)
		return func(args []string) int {
			if len(args) != 1 {
				e.errorf("give the directory of a committed selection, and only that, as the argument\nRun 'tirage draw -h' for help.")
				return exitUsage
			}
			df.seed.visit(fs)
			df.lang.visit(fs)
			df.byline.keep(fs, args[0])
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
	var mu sync.Mutex
	phase := "reading the committed lottery"
	setPhase := func(p string) {
		mu.Lock()
		phase = p
		mu.Unlock()
	}
	stop := newProgressPrinter(e.stderr, df.quiet).track(time.Now(), func(elapsed time.Duration) string {
		mu.Lock()
		defer mu.Unlock()
		return fmt.Sprintf("draw: %s (%.1fs)", phase, elapsed.Seconds())
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
		e.errorf("missing --seed or --seed-numbers\nRun 'tirage draw -h' for help.")
		return exitUsage
	}
	seed, ok := df.seed.resolve(e)
	if !ok {
		return exitUsage
	}
	lang, ok := df.lang.resolve(e, existingReportLang(dir))
	if !ok || !df.byline.check(e) {
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
	if _, err := os.Stat(filepath.Join(dir, audit.RecordFile)); err != nil {
		e.errorf("cannot read the committed lottery: %v\nRun 'tirage select --commit-only --out %s …' first.", err, dir)
		return exitUsage
	}
	out, err := openFolder(dir, true)
	if err != nil {
		return outputCode(e, err)
	}
	defer out.close()
	data, err := os.ReadFile(filepath.Join(dir, audit.RecordFile))
	if err != nil {
		e.errorf("cannot read the committed lottery: %v\nRun 'tirage select --commit-only --out %s …' first.", err, dir)
		return exitUsage
	}
	record, err := audit.ParseRecord(data)
	if err != nil {
		e.errorf("%s: %v", filepath.Join(dir, audit.RecordFile), err)
		return exitUsage
	}
	if record.Draw != nil {
		e.errorf("the lottery in %s has already been drawn (seed %q, panel %d); a committed lottery is drawn once", dir, record.Draw.Seed, record.Draw.Index)
		return exitUsage
	}
	poolPath := df.pool
	if poolPath == "" {
		poolPath = recordedInput(record.Inputs.Pool.Path, dir)
	}
	if err := outsideFolder(poolPath, out); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	setPhase("reading the pool file")
	pool, err := committedPool(record, poolPath)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	setPhase("drawing")
	if df.alternates < 0 || df.alternates > len(record.People.Rows)-record.K {
		e.errorf("--alternates must be between 0 and %d, the number of people off the panel, not %d", max(0, len(record.People.Rows)-record.K), df.alternates)
		return exitUsage
	}
	rates, ok := df.dropout.resolve(e, pool, poolPath, df.alternates, nil)
	if !ok {
		return exitUsage
	}
	index, err := record.DrawSeed(audit.Seed{Text: seed, Kind: df.seed.kind()}, now())
	switch {
	case err == nil && rates != nil:
		setPhase("choosing the alternates for dropouts")
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		_, err = record.DrawDropoutAlternates(ctx, audit.DropoutInput{Rates: rates.Rates, Column: rates.Column, Model: rates.Model, ModelSHA256: rates.ModelSHA256,
			N: df.alternates, Scenarios: rates.Scenarios, EvaluationScenarios: rates.EvaluationScenarios, Workers: rates.Workers})
	case err == nil:
		err = record.DrawAlternates(df.alternates)
	}
	if err != nil {
		e.errorf("cannot draw: %v", err)
		return exitUsage
	}
	setPhase("writing the files")
	files, err := selection.FolderFiles(selection.Folder{Record: record, Pool: pool, Lang: lang, Organisation: df.byline.organisation, Contact: df.byline.contact})
	if err != nil {
		e.errorf("internal error: %v\nThis is a bug in tirage; please report it with the command you ran.", err)
		return exitInternal
	}
	if err := out.commit(files); err != nil {
		return outputCode(e, err)
	}
	fmt.Fprintf(e.stdout, "Commitment: %s\n", record.Commitment)
	fmt.Fprintf(e.stdout, "Seed:     %s\n", seed)
	fmt.Fprintf(e.stdout, "Drawn:    panel %d of %d, counting from 0: %d people\n", index, record.Lottery.M, len(record.Draw.Selected))
	if record.Draw.Dropout != nil {
		printDropout(e.stdout, record, true)
	} else if n := len(record.Draw.Alternates); n > 0 {
		fmt.Fprintf(e.stdout, "Alternates: %d, ranked, in %s\n", n, audit.AlternatesFile)
	}
	printWritten(e.stdout, dir, files)
	return exitOK
}

// recordedInput returns where to read an input file that a record names
// (by its file name, or by the path given when it was made): as a path
// from the current folder when there is such a file, else in the folder
// that holds the selection folder dir.
func recordedInput(recorded, dir string) string {
	if _, err := os.Stat(recorded); err == nil {
		return recorded
	}
	beside := filepath.Join(filepath.Dir(filepath.Clean(dir)), filepath.Base(filepath.FromSlash(recorded)))
	if _, err := os.Stat(beside); err == nil {
		return beside
	}
	return recorded
}

// committedPool reads the pool file at path and returns it if it is the
// one the record committed to: the same SHA-256, read as the record says.
func committedPool(record *audit.Record, path string) (*sortition.Pool, error) {
	data, err := readInputFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the pool file: %v; give the pool file the lottery was committed with as --pool FILE", err)
	}
	if got := sha256Hex(data); got != record.Inputs.Pool.SHA256 {
		return nil, fmt.Errorf("the pool file %s is not the one the lottery was committed with: its SHA-256 is %s, the committed one %s", path, got, record.Inputs.Pool.SHA256)
	}
	q, err := record.QuotaSet()
	if err != nil {
		return nil, fmt.Errorf("the record's quota table is invalid: %v", err)
	}
	pool, err := sortition.ParsePool(path, data, q, sortition.PoolOptions{IDColumn: record.Settings.IDColumn})
	if err != nil {
		return nil, fmt.Errorf("the pool file %s cannot be read as it was at the commitment: %v", path, err)
	}
	return pool, nil
}
