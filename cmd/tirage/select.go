package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

// outputFiles are the files select writes, the record last.
var outputFiles = []string{audit.PanelFile, audit.RemainingFile, audit.ProbabilitiesFile, audit.ReceiptsFile, report.HTMLFile, report.MarkdownFile, audit.RecordFile}

// maxPanels bounds --panels: a uniform lottery over more panels than this
// makes an audit record too large to publish.
const maxPanels = 100000

var selectCommand = &command{
	name:    "select",
	summary: "draw a panel by the fairest lottery that meets the quotas",
	usage:   "select --pool FILE --quotas FILE --k N [--id-column NAME] [--households COLS] [--algorithm maximin|leximin] [--relax] [--panels M] [--seed TEXT | --seed-numbers NUMBERS | --commit-only] [--alternates N] --out DIR [--force] [--lang en|fr] [--quiet]",
	help: `Select computes the maximin lottery over the panels of k people that meet
the quotas (Flanigan et al., Nature 2021): the one that gives the people
least likely to be selected the highest possible chance. It rounds it to a
uniform lottery over M panels (--panels, default 1000), each drawn with
probability exactly 1/M, so that a person's chance is their number of
tickets, the panels that contain them, divided by M. It commits to that
lottery with a SHA-256 hash, then draws one panel with the seed, and writes
in DIR:

  panel.csv          the selected people, with all the pool's columns
  remaining.csv      everyone else, with all the pool's columns
  probabilities.csv  id,probability,tickets: every person's tickets and
                     their probability tickets/M (they add up to k)
  receipts.csv       id,tickets,probability,panels,commitment: the numbers
                     of the panels that hold each person's tickets and the
                     commitment, to tell each volunteer their chance
  audit.json         the audit record: the digests of the inputs, the quota
                     table, everyone's id and quota values, the exact lottery
                     and its optimality certificate, the M panels, the
                     commitment, the seed and the draw; it holds no other
                     personal data and may be published
  report.html        the fairness report, for anyone to read: the quotas
  report.md          against the pool and the panel, everyone's probability
                     of selection, who cannot be selected and why, the seed
                     and the draw, and how to verify it (--lang en or fr)
  alternates.csv     with --alternates N: rank, then the pool's columns, of
                     N people off the panel, to call on when members
                     withdraw

The seed decides the draw: the same inputs and seed always give the same
panel and the same files. Give --seed to use a seed chosen in public (the
text is used exactly as written), or --seed-numbers for a list of public
random numbers, such as lottery results: sources separated by "/", numbers
by spaces or commas; tirage writes them in the canonical form of RFC 3797
(each source's numbers sorted, "17 20 22 / 9 10" gives "17.20.22./9.10./")
and uses that as the seed. Without either, tirage makes a fresh random
seed, prints it and records it in audit.json.

--commit-only stops before the draw: it writes audit.json without a seed,
probabilities.csv and receipts.csv, which can all be published before the
seed exists. 'tirage draw DIR --seed TEXT' draws from that lottery later.

DIR is created if needed. tirage refuses a DIR that is not empty unless
--force is given; then it replaces its files there and leaves any other
file alone. Every file is written whole or not at all. The input files are
never modified. When SOURCE_DATE_EPOCH is set, the times in audit.json are
that time, so that two runs give the same bytes.

--alternates N also draws a ranked list of N alternates (default 0, none;
at most the number of people off the panel) from the same seed: the other
uniform panels are shuffled by the seed, and their members not on the
panel are listed in that order, so that someone with more tickets tends to
rank higher (audit/SPEC.md 7.1); audit.json records the list and 'tirage
verify' recomputes it. Alternates do not keep the quotas by themselves: when
a member withdraws, call the highest-ranked alternate who, in their place,
keeps every quota (and the household rule); when none does, use 'tirage
replace'. With --commit-only, give --alternates to 'tirage draw' instead.

--algorithm chooses the objective: maximin (the default) maximises the
smallest probability of selection; leximin then also maximises the second
smallest, and so on; nash maximises the product of the probabilities;
goldilocks keeps them between bounds close to k/n from below and above;
legacy is the greedy procedure the Sortition Foundation used before 2020,
its lottery estimated from 10,000 runs (for comparison). Only maximin and
leximin come with an optimality certificate.

--households names pool columns (comma-separated, such as
address1,postcode) that identify a household: at most one person per
household is selected.

When no panel can meet the quotas, select says which bounds conflict and
stops. With --relax it applies instead the smallest relaxation of the
bounds that lets a panel meet them (the one 'tirage check' proposes, within
min_flex and max_flex), and records it in audit.json.

Progress is shown on standard error for long computations; Ctrl-C stops the
computation without writing anything.

It exits 0 when a panel was drawn (or the lottery committed), 1 when none
can be (the quotas cannot be met, or the computation was interrupted), and
2 when the files, flags or output directory are wrong.

'tirage select --json' is for platforms: it reads one JSON request on
standard input, {"pool": [{"id": "p1", "gender": "female", …}, …],
"quotas": [{"feature": "gender", "value": "female", "min": 49, "max": 52},
…], "k": 50, "seed": "…", "options": {…}}, and writes one JSON result on
standard output, {"selected": […], "probabilities": {…}, "audit": {…}}, or
{"error": {"code": …, "message": …}} with the exit code as the code. It
writes no file. Only --quiet may be given with it. doc/json.md describes
the request and the result.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var in inputFlags
		in.register(fs)
		var sf selectFlags
		fs.StringVar(&sf.households, "households", "", "comma-separated pool `COLS` identifying a household (at most one person per household is selected)")
		fs.StringVar(&sf.algorithm, "algorithm", "maximin", "the fairness objective `NAME`: maximin, leximin, nash, goldilocks or legacy")
		sf.panels = sortition.DefaultUniformPanels
		fs.Var(&countFlag{p: &sf.panels, min: 1, what: "the number of panels"}, "panels", "the number `M` of panels of the uniform lottery")
		sf.seed.register(fs, "(default: a fresh random seed)")
		fs.Var(&countFlag{p: &sf.alternates, what: "the number of alternates"}, "alternates", "also draw a ranked list of `N` alternates, written to alternates.csv")
		fs.BoolVar(&sf.commitOnly, "commit-only", false, "commit to the lottery without drawing (draw later with 'tirage draw')")
		fs.StringVar(&sf.out, "out", "", "the output directory `DIR`")
		fs.BoolVar(&sf.force, "force", false, "write into DIR even if it is not empty, replacing tirage's files there")
		fs.BoolVar(&sf.quiet, "quiet", false, "show no progress")
		sf.lang.register(fs, "(default en)")
		fs.BoolVar(&sf.json, "json", false, "read one JSON request on standard input and write the JSON result on standard output (doc/json.md)")
		fs.BoolVar(&sf.relax, "relax", false, "when the quotas cannot be met, apply the smallest relaxation of their bounds and record it")
		return func(args []string) int {
			if sf.json {
				return runSelectJSON(e, fs, args, sf.quiet)
			}
			if len(args) > 0 {
				e.errorf("unexpected argument %s\nRun 'tirage select -h' for help.", table.Quote(args[0]))
				return exitUsage
			}
			sf.seed.visit(fs)
			sf.lang.visit(fs)
			return runSelect(e, &in, &sf)
		}
	},
}

// selectFlags are select's own flags.
type selectFlags struct {
	households, out, algorithm string
	panels, alternates         int
	seed                       seedFlags
	commitOnly, force, quiet   bool
	relax                      bool
	lang                       langFlag
	json                       bool
}

// seedFlags are the flags giving a seed: --seed and --seed-numbers.
type seedFlags struct {
	text, numbers       string
	textSet, numbersSet bool
}

func (f *seedFlags) register(fs *flag.FlagSet, def string) {
	fs.StringVar(&f.text, "seed", "", "the seed `TEXT` of the draw, used exactly as written "+def)
	fs.StringVar(&f.numbers, "seed-numbers", "", "public random `NUMBERS` as the seed: sources separated by \"/\", numbers by spaces or commas (RFC 3797)")
}

// visit notes which seed flags were given.
func (f *seedFlags) visit(fs *flag.FlagSet) {
	fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "seed":
			f.textSet = true
		case "seed-numbers":
			f.numbersSet = true
		}
	})
}

// given reports whether a seed flag was given.
func (f *seedFlags) given() bool { return f.textSet || f.numbersSet }

// resolve returns the seed text the flags give, printing what is wrong.
func (f *seedFlags) resolve(e *env) (string, bool) {
	switch {
	case f.textSet && f.numbersSet:
		e.errorf("give --seed or --seed-numbers, not both")
		return "", false
	case f.numbersSet:
		seed, err := audit.SeedFromNumbers(f.numbers)
		if err != nil {
			e.errorf("--seed-numbers: %v", err)
			return "", false
		}
		return seed, true
	case f.text == "":
		e.errorf("the seed is empty; give the seed text")
		return "", false
	case !utf8.ValidString(f.text):
		e.errorf("the seed is not valid UTF-8 text")
		return "", false
	}
	return f.text, true
}

func runSelect(e *env, in *inputFlags, sf *selectFlags) int {
	missing := in.missing()
	if sf.out == "" {
		missing = append(missing, "--out")
	}
	if requireFlags(e, missing) != nil {
		return exitUsage
	}
	households := splitColumns(sf.households)
	if sf.households != "" && len(households) == 0 {
		e.errorf("--households names no column; give pool column names separated by commas, such as address1,postcode")
		return exitUsage
	}
	if _, err := selection.Algorithm(sf.algorithm); err != nil {
		e.errorf("--algorithm: %v", err)
		return exitUsage
	}
	if sf.panels < 1 || sf.panels > maxPanels {
		e.errorf("--panels must be between 1 and %d, not %d", maxPanels, sf.panels)
		return exitUsage
	}
	lang, ok := sf.lang.resolve(e, report.English)
	if !ok {
		return exitUsage
	}
	var seed string
	switch {
	case sf.alternates < 0:
		e.errorf("--alternates must be 0 or more, not %d", sf.alternates)
		return exitUsage
	case sf.commitOnly && sf.alternates > 0:
		e.errorf("--commit-only draws nothing, alternates included: give --alternates to 'tirage draw' once the seed is public")
		return exitUsage
	case sf.commitOnly && sf.seed.given():
		e.errorf("--commit-only draws nothing: leave out the seed, and give it to 'tirage draw' once it is public")
		return exitUsage
	case sf.seed.given():
		var ok bool
		if seed, ok = sf.seed.resolve(e); !ok {
			return exitUsage
		}
	}
	now, err := e.clock()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if err := checkOutDir(sf.out, sf.force); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	inp, err := in.load(e)
	if err != nil {
		return exitUsage
	}
	for _, name := range append([]string{audit.AlternatesFile}, outputFiles...) {
		out := filepath.Join(sf.out, name)
		for _, input := range []string{in.pool, in.quotas} {
			if sameFile(out, input) {
				e.errorf("the output %s is the input %s; choose another output directory (inputs are never overwritten)", out, input)
				return exitUsage
			}
		}
	}
	pool, k := inp.pool, inp.k
	if len(households) > 0 {
		if _, err = pool.Households(households); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	pool, relaxation, code := quotasForSelection(e, ctx, pool, k, households, sf.relax)
	if code != exitOK {
		return code
	}
	if !sf.commitOnly && !sf.seed.given() {
		if seed, err = audit.NewSeed(); err != nil {
			e.errorf("%v", err)
			return exitInternal
		}
		fmt.Fprintf(e.stderr, "notice: no --seed given; using the fresh random seed %s (it is recorded in %s)\n", seed, audit.RecordFile)
	}
	if err := os.MkdirAll(sf.out, 0o755); err != nil {
		e.errorf("cannot create the output directory: %v", err)
		return exitUsage
	}
	progress := newProgressPrinter(e.stderr, sf.quiet)
	res, err := selection.Run(ctx, selection.Input{
		Pool:       pool,
		PoolFile:   inp.poolFile,
		QuotaFile:  inp.quotaFile,
		K:          k,
		Households: households,
		Relaxation: relaxation,
		Algorithm:  sf.algorithm,
		Panels:     sf.panels,
		Seed:       seed,
		CommitOnly: sf.commitOnly,
		Alternates: sf.alternates,
		Tool:       audit.Tool{Name: "tirage", Version: version()},
		Now:        now,
		Progress:   progress.update,
	})
	progress.done()
	if err != nil {
		return reportSelectionError(e, ctx, err)
	}
	lottery, uniform, record := res.Lottery, res.Uniform, res.Record
	reports, err := writeReports(sf.out, record, lang, in.pool, in.quotas)
	if err != nil {
		e.errorf("cannot write the report: %v", err)
		return exitUsage
	}
	written, err := writeSelection(sf.out, pool, record)
	if err != nil {
		e.errorf("cannot write the results: %v", err)
		return exitUsage
	}
	written = append(reports, written...)
	printSummary(e.stdout, in, sf.out, pool, lottery, uniform, record, written)
	return exitOK
}

// reportSelectionError prints why no lottery was computed and returns the
// exit code.
func reportSelectionError(e *env, ctx context.Context, err error) int {
	var infeasible *sortition.InfeasibleError
	var inputErr *quota.InputError
	switch {
	case errors.As(err, &infeasible):
		e.errorf("the quotas cannot be met: %s.\nRelax some quotas: 'tirage check' names the bounds that conflict and the smallest relaxation.", infeasible.Reason)
		return exitSelection
	case ctx.Err() != nil:
		e.errorf("interrupted; no panel was drawn and no file was written")
		return exitSelection
	case errors.As(err, &inputErr):
		e.errorf("%s", inputErr.Msg)
		return exitUsage
	case selection.CodeOf(err) == exitUsage:
		e.errorf("%v", err)
		return exitUsage
	}
	e.errorf("internal error: %v\nThis is a bug in tirage; please report it with the command you ran.", err)
	return exitInternal
}

// splitColumns splits a comma-separated list of column names, trimming
// them and dropping empty ones.
func splitColumns(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// checkOutDir returns an error when dir cannot receive a selection's files:
// it is not a directory, or it is not empty and force is not set. A
// missing dir is fine: it will be created.
func checkOutDir(dir string, force bool) error {
	return checkDir(dir, force, joinAnd(outputFiles))
}

// checkDir returns an error when dir is not a directory, or is not empty
// and force is not set; what names the files --force would replace there.
// A missing dir is fine: it will be created.
func checkDir(dir string, force bool, what string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot use the output directory: %v", err)
	case !fi.IsDir():
		return fmt.Errorf("the output %s exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("cannot use the output directory: %v", err)
	}
	if len(entries) > 0 && !force {
		return fmt.Errorf("the output directory %s is not empty; choose a new or empty directory, or pass --force to replace %s there", dir, what)
	}
	return nil
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

// writeSelection writes a selection's files in dir, the audit record last,
// and returns their names: probabilities.csv, receipts.csv and, when the
// record has a draw, panel.csv and remaining.csv. A committed-only
// selection removes any panel.csv and remaining.csv left in dir by an
// earlier run, which would contradict the record.
func writeSelection(dir string, pool *sortition.Pool, record *audit.Record) ([]string, error) {
	var written []string
	header, rows, err := record.ProbabilitiesTable()
	if err != nil {
		return nil, err
	}
	if err := writeCSV(filepath.Join(dir, audit.ProbabilitiesFile), pool.Delimiter, header, rows); err != nil {
		return nil, err
	}
	written = append(written, audit.ProbabilitiesFile)
	header, rows, err = record.ReceiptsTable()
	if err != nil {
		return nil, err
	}
	if err := writeCSV(filepath.Join(dir, audit.ReceiptsFile), pool.Delimiter, header, rows); err != nil {
		return nil, err
	}
	written = append(written, audit.ReceiptsFile)
	if record.Draw != nil {
		names, err := writePanel(dir, pool, record)
		if err != nil {
			return nil, err
		}
		written = append(written, names...)
	} else {
		for _, name := range []string{audit.PanelFile, audit.RemainingFile, audit.AlternatesFile} {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
		}
	}
	if err := writeRecord(dir, record); err != nil {
		return nil, err
	}
	return append(written, audit.RecordFile), nil
}

// writePanel writes panel.csv and remaining.csv for a drawn record, and
// alternates.csv when it lists alternates (else it removes any
// alternates.csv left by an earlier run, which would contradict it).
func writePanel(dir string, pool *sortition.Pool, record *audit.Record) ([]string, error) {
	panel, remaining, err := record.SplitPool(pool)
	if err != nil {
		return nil, err
	}
	if err := writeCSV(filepath.Join(dir, audit.PanelFile), pool.Delimiter, pool.Header, panel); err != nil {
		return nil, err
	}
	if err := writeCSV(filepath.Join(dir, audit.RemainingFile), pool.Delimiter, pool.Header, remaining); err != nil {
		return nil, err
	}
	written := []string{audit.PanelFile, audit.RemainingFile}
	if len(record.Draw.Alternates) == 0 {
		if err := os.Remove(filepath.Join(dir, audit.AlternatesFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return written, nil
	}
	header, rows, err := record.AlternatesTable(pool)
	if err != nil {
		return nil, err
	}
	if err := writeCSV(filepath.Join(dir, audit.AlternatesFile), pool.Delimiter, header, rows); err != nil {
		return nil, err
	}
	return append(written, audit.AlternatesFile), nil
}

// writeRecord writes audit.json.
func writeRecord(dir string, record *audit.Record) error {
	data, err := record.MarshalIndent()
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, audit.RecordFile), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// maxListed is the number of people with zero probability listed by id.
const maxListed = 20

func printSummary(w io.Writer, in *inputFlags, dir string, pool *sortition.Pool, l *sortition.Lottery, u *sortition.Uniform, r *audit.Record, written []string) {
	n := len(pool.People)
	fmt.Fprintf(w, "Pool:     %s, %d people\n", in.pool, n)
	fmt.Fprintf(w, "Panel:    %d people\n", l.K)
	fmt.Fprintf(w, "Lottery:  %s over %d panels that meet the quotas\n", l.Algorithm, len(l.Panels))
	bound := "no optimality certificate for this objective"
	if selection.Certified(l.Algorithm) {
		bound = "upper bound " + percent(l.UpperBound)
	}
	if l.Estimated {
		bound = fmt.Sprintf("estimated from %d runs; %s", l.Stats.Runs, bound)
	}
	fmt.Fprintf(w, "          minimum probability of selection %s (%s; equal chances would be %s)\n",
		percent(l.Optimum), bound, percent(float64(l.K)/float64(n)))
	fmt.Fprintf(w, "Uniform:  %d panels, each drawn with probability 1/%d: minimum probability %s, largest change from the exact lottery %.2f percentage points\n",
		u.M, u.M, percent(u.Minimum), 100*u.MaxShift)
	fmt.Fprintf(w, "Commitment: %s\n", r.Commitment)
	if r.Draw == nil {
		fmt.Fprintf(w, "Not drawn: publish the commitment, then run 'tirage draw %s --seed TEXT' once the seed is public.\n", dir)
	} else {
		fmt.Fprintf(w, "Seed:     %s\n", r.Draw.Seed)
		fmt.Fprintf(w, "Drawn:    panel %d of %d, counting from 0\n", r.Draw.Index, r.Lottery.M)
		if n := len(r.Draw.Alternates); n > 0 {
			fmt.Fprintf(w, "Alternates: %d, ranked, in %s\n", n, audit.AlternatesFile)
		}
	}
	fmt.Fprintf(w, "Written:  %s: %s\n", dir, strings.Join(written, ", "))
	if len(l.Excluded) == 0 {
		fmt.Fprintln(w, "Nobody has zero probability: everyone in the pool can be selected.")
		return
	}
	if len(l.Excluded) == 1 {
		fmt.Fprintln(w, "\n1 person cannot be selected (probability 0):")
	} else {
		fmt.Fprintf(w, "\n%d people cannot be selected (probability 0):\n", len(l.Excluded))
	}
	for j, x := range l.Excluded {
		if j == maxListed {
			fmt.Fprintf(w, "  … and %d more (see %s)\n", len(l.Excluded)-maxListed, audit.ProbabilitiesFile)
			break
		}
		fmt.Fprintf(w, "  %s: %s\n", pool.People[x.Person].ID, x.Reason)
	}
}
