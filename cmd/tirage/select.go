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
	"strconv"
	"strings"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// The files select writes in its output directory.
const (
	panelFile         = "panel.csv"
	remainingFile     = "remaining.csv"
	probabilitiesFile = "probabilities.csv"
	auditFile         = "audit.json"
)

var outputFiles = []string{panelFile, remainingFile, probabilitiesFile, auditFile}

var selectCommand = &command{
	name:    "select",
	summary: "draw a panel by the fairest lottery that meets the quotas",
	usage:   "select --pool FILE --quotas FILE --k N [--id-column NAME] [--households COLS] [--seed TEXT] --out DIR [--force] [--quiet]",
	help: `Select computes the maximin lottery over the panels of k people that meet
the quotas (Flanigan et al., Nature 2021): the one that gives the people
least likely to be selected the highest possible chance. It then draws one
panel from it with the seed, and writes four files in DIR:

  panel.csv          the selected people, with all the pool's columns
  remaining.csv      everyone else, with all the pool's columns
  probabilities.csv  every person's probability of selection (id,probability;
                     the probabilities add up to k)
  audit.json         the audit record: the digests of the inputs, the whole
                     lottery, the seed, the draw and the selected ids; it holds
                     no personal data beyond ids and may be published

The seed decides the draw: the same inputs and seed always give the same
panel and the same files. Give --seed to use a seed chosen in public (the
text is used exactly as written); without it tirage makes a fresh random
seed, prints it and records it in audit.json.

DIR is created if needed. tirage refuses a DIR that is not empty unless
--force is given; then it replaces its four files there and leaves any other
file alone. Every file is written whole or not at all. The input files are
never modified.

--households names pool columns (comma-separated, such as
address1,postcode) that identify a household: at most one person per
household is selected.

Progress is shown on standard error for long computations; Ctrl-C stops the
computation without writing anything.

It exits 0 when a panel was drawn, 1 when none can be (the quotas cannot be
met, or the computation was interrupted), and 2 when the files, flags or
output directory are wrong.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var in inputFlags
		in.register(fs)
		var sf selectFlags
		fs.StringVar(&sf.households, "households", "", "comma-separated pool `COLS` identifying a household (at most one person per household is selected)")
		fs.StringVar(&sf.seed, "seed", "", "the seed `TEXT` of the draw, used exactly as written (default: a fresh random seed)")
		fs.StringVar(&sf.out, "out", "", "the output directory `DIR`")
		fs.BoolVar(&sf.force, "force", false, "write into DIR even if it is not empty, replacing tirage's files there")
		fs.BoolVar(&sf.quiet, "quiet", false, "show no progress")
		return func(args []string) int {
			if len(args) > 0 {
				e.errorf("unexpected argument %q\nRun 'tirage select -h' for help.", args[0])
				return exitUsage
			}
			fs.Visit(func(f *flag.Flag) {
				if f.Name == "seed" {
					sf.seedSet = true
				}
			})
			return runSelect(e, &in, &sf)
		}
	},
}

// selectFlags are select's own flags.
type selectFlags struct {
	households, seed, out string
	seedSet, force, quiet bool
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
	if sf.seedSet && sf.seed == "" {
		e.errorf("the seed is empty; give the seed text, or leave --seed out for a fresh random seed")
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
	for _, name := range outputFiles {
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
		if _, err := pool.Households(households); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	if problems := inp.quotas.CountingProblems(k, pool.Counts()); len(problems) > 0 {
		e.errorf("the quotas cannot be met:")
		for _, pr := range problems {
			fmt.Fprintf(e.stderr, "  - %s\n", pr.Msg)
		}
		return exitSelection
	}
	var inputs audit.Inputs
	if inputs.Pool, err = audit.HashFile(in.pool); err != nil {
		reportInputError(e, "pool file", err)
		return exitUsage
	}
	if inputs.Quotas, err = audit.HashFile(in.quotas); err != nil {
		reportInputError(e, "quota file", err)
		return exitUsage
	}
	seed := sf.seed
	if !sf.seedSet {
		if seed, err = audit.NewSeed(); err != nil {
			e.errorf("%v", err)
			return exitInternal
		}
		fmt.Fprintf(e.stderr, "notice: no --seed given; using the fresh random seed %s (it is recorded in %s)\n", seed, auditFile)
	}
	if err := os.MkdirAll(sf.out, 0o755); err != nil {
		e.errorf("cannot create the output directory: %v", err)
		return exitUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	progress := newProgressPrinter(e.stderr, sf.quiet)
	lottery, err := sortition.Maximin(ctx, pool, k, sortition.Options{Households: households, Progress: progress.update})
	progress.done()
	if err != nil {
		return reportSelectionError(e, ctx, err)
	}

	u := audit.NewStream(seed).Float64()
	drawn := lottery.Draw(u)
	selected := lottery.Panels[drawn].Members
	idColumn := ""
	if pool.IDColumn >= 0 {
		idColumn = strings.TrimSpace(pool.Header[pool.IDColumn])
	}
	record := &audit.Record{
		Format:   audit.Format,
		Tool:     audit.Tool{Name: "tirage", Version: version()},
		Inputs:   inputs,
		K:        k,
		Settings: audit.Settings{IDColumn: idColumn, Households: households},
		Lottery:  audit.NewLottery(lottery, pool),
		Seed:     seed,
		Draw:     audit.Draw{U: u, PanelIndex: drawn},
		Selected: audit.IDs(pool, selected),
	}
	if err := writeSelection(sf.out, pool, lottery, selected, record); err != nil {
		e.errorf("cannot write the results: %v", err)
		return exitUsage
	}
	printSummary(e.stdout, in, sf.out, pool, lottery, record)
	return exitOK
}

// reportSelectionError prints why no lottery was computed and returns the
// exit code.
func reportSelectionError(e *env, ctx context.Context, err error) int {
	var infeasible *sortition.InfeasibleError
	var inputErr *quota.InputError
	switch {
	case errors.As(err, &infeasible):
		e.errorf("the quotas cannot be met: %s.\nCounting shows no impossibility, but the categories conflict with each other in this pool; relax some quotas (see 'tirage check' for the counts).", infeasible.Reason)
		return exitSelection
	case ctx.Err() != nil:
		e.errorf("interrupted; no panel was drawn and no file was written")
		return exitSelection
	case errors.As(err, &inputErr):
		e.errorf("%s", inputErr.Msg)
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
		return fmt.Errorf("the output directory %s is not empty; choose a new or empty directory, or pass --force to replace %s there", dir, joinAnd(outputFiles))
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

// writeSelection writes the selection's four files in dir, the audit
// record last.
func writeSelection(dir string, pool *sortition.Pool, l *sortition.Lottery, selected []int, record *audit.Record) error {
	onPanel := make([]bool, len(pool.People))
	for _, i := range selected {
		onPanel[i] = true
	}
	var panel, remaining, probs [][]string
	for i, p := range pool.People {
		if onPanel[i] {
			panel = append(panel, p.Fields)
		} else {
			remaining = append(remaining, p.Fields)
		}
		probs = append(probs, []string{p.ID, strconv.FormatFloat(l.Marginals[i], 'g', -1, 64)})
	}
	if err := writeCSV(filepath.Join(dir, panelFile), pool.Header, panel); err != nil {
		return err
	}
	if err := writeCSV(filepath.Join(dir, remainingFile), pool.Header, remaining); err != nil {
		return err
	}
	if err := writeCSV(filepath.Join(dir, probabilitiesFile), []string{"id", "probability"}, probs); err != nil {
		return err
	}
	data, err := record.MarshalIndent()
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, auditFile), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// maxListed is the number of people with zero probability listed by id.
const maxListed = 20

func printSummary(w io.Writer, in *inputFlags, dir string, pool *sortition.Pool, l *sortition.Lottery, r *audit.Record) {
	n := len(pool.People)
	fmt.Fprintf(w, "Pool:     %s, %d people\n", in.pool, n)
	fmt.Fprintf(w, "Panel:    %d people\n", l.K)
	fmt.Fprintf(w, "Lottery:  %s over %d panels that meet the quotas\n", l.Algorithm, len(l.Panels))
	fmt.Fprintf(w, "          minimum probability of selection %s (upper bound %s; equal chances would be %s)\n",
		percent(l.Optimum), percent(l.UpperBound), percent(float64(l.K)/float64(n)))
	fmt.Fprintf(w, "Seed:     %s\n", r.Seed)
	fmt.Fprintf(w, "Drawn:    panel %d, counting from 0 (u = %s)\n", r.Draw.PanelIndex, strconv.FormatFloat(r.Draw.U, 'g', -1, 64))
	fmt.Fprintf(w, "Written:  %s: %s\n", dir, strings.Join(outputFiles, ", "))
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
			fmt.Fprintf(w, "  … and %d more (see %s)\n", len(l.Excluded)-maxListed, probabilitiesFile)
			break
		}
		fmt.Fprintf(w, "  %s: %s\n", pool.People[x.Person].ID, x.Reason)
	}
}
