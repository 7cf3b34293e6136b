package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/sortition"
)

var drawCommand = &command{
	name:    "draw",
	summary: "draw a panel from a lottery committed with select --commit-only",
	usage:   "draw DIR (--seed TEXT | --seed-numbers NUMBERS) [--alternates N] [--pool FILE] [--lang en|fr] [--quiet]",
	help: `Draw draws the panel from the lottery that 'tirage select --commit-only'
committed to in DIR, with a seed that did not exist at the commitment: the
seed and the commitment give an index between 0 and M-1 (audit/SPEC.md),
and the uniform panel with that index is the panel. It writes panel.csv and
remaining.csv in DIR, completes audit.json with the seed and the draw, and
rewrites report.html and report.md with the draw (in the language of the
report already there, or --lang); probabilities.csv and receipts.csv stay as
they were published. With --alternates N, it also draws a ranked list of N
alternates from the same seed and writes alternates.csv (see 'tirage help
select').

--seed gives the seed text, used exactly as written; --seed-numbers gives
public random numbers, written in the canonical form of RFC 3797 (see
'tirage help select').

The pool file is read from the path recorded in audit.json (relative to the
current directory), or from --pool. It must be the very file the lottery was
committed with: tirage refuses a pool whose SHA-256 differs. A lottery is
drawn once: tirage refuses a record that already has a draw.

Progress is shown on standard error when the draw takes more than a second
(--quiet: none).

It exits 0 when the panel was drawn and 2 when the flags, the directory, the
record or the pool file are wrong.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var df drawFlags
		df.seed.register(fs, "")
		fs.StringVar(&df.pool, "pool", "", "the pool `FILE` the lottery was committed with (default: the path recorded in audit.json)")
		df.lang.register(fs, "(default: the language of the report in DIR, else en)")
		fs.BoolVar(&df.quiet, "quiet", false, "show no progress")
		fs.Var(&countFlag{p: &df.alternates, what: "the number of alternates"}, "alternates", "also draw a ranked list of `N` alternates, written to alternates.csv")
		return func(args []string) int {
			if len(args) != 1 {
				e.errorf("give the directory of a committed selection, and only that, as the argument\nRun 'tirage draw -h' for help.")
				return exitUsage
			}
			df.seed.visit(fs)
			df.lang.visit(fs)
			return runDraw(e, args[0], &df)
		}
	},
}

// drawFlags are draw's flags.
type drawFlags struct {
	seed       seedFlags
	pool       string
	lang       langFlag
	quiet      bool
	alternates int
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
	if !ok {
		return exitUsage
	}
	now, err := e.clock()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
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
		poolPath = record.Inputs.Pool.Path
	}
	setPhase("reading the pool file")
	pool, err := committedPool(record, poolPath)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	for _, name := range []string{audit.PanelFile, audit.RemainingFile, audit.AlternatesFile, report.HTMLFile, report.MarkdownFile, audit.RecordFile} {
		if sameFile(filepath.Join(dir, name), poolPath) {
			e.errorf("the output %s is the pool file; inputs are never overwritten", filepath.Join(dir, name))
			return exitUsage
		}
	}
	setPhase("drawing")
	if df.alternates < 0 || df.alternates > len(record.People.Rows)-record.K {
		e.errorf("--alternates must be between 0 and %d, the number of people off the panel, not %d", max(0, len(record.People.Rows)-record.K), df.alternates)
		return exitUsage
	}
	index, err := record.DrawPanel(seed, now())
	if err == nil {
		err = record.DrawAlternates(df.alternates)
	}
	if err != nil {
		e.errorf("cannot draw: %v", err)
		return exitUsage
	}
	setPhase("writing the files")
	written, err := writePanel(dir, pool, record)
	if err == nil {
		var reports []string
		reports, err = writeReports(dir, record, lang, poolPath, record.Inputs.Quotas.Path)
		written = append(written, reports...)
	}
	if err == nil {
		err = writeRecord(dir, record)
	}
	if err != nil {
		e.errorf("cannot write the results: %v", err)
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "Commitment: %s\n", record.Commitment)
	fmt.Fprintf(e.stdout, "Seed:     %s\n", seed)
	fmt.Fprintf(e.stdout, "Drawn:    panel %d of %d, counting from 0: %d people\n", index, record.Lottery.M, len(record.Draw.Selected))
	if n := len(record.Draw.Alternates); n > 0 {
		fmt.Fprintf(e.stdout, "Alternates: %d, ranked, in %s\n", n, audit.AlternatesFile)
	}
	fmt.Fprintf(e.stdout, "Written:  %s: %s, %s (completed)\n", dir, strings.Join(written, ", "), audit.RecordFile)
	return exitOK
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
