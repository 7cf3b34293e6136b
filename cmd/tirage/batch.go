package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/tirage/tirage/selection"
)

var batchCommand = &command{
	name:    "batch",
	summary: "run one selection per row of a manifest, in parallel",
	usage:   "batch MANIFEST.csv --out DIR [--jobs N] [--force] [--quiet]",
	help: `Batch runs one selection per row of the manifest, a CSV file with one row
per partner and these columns (the first four are required, the others may
be left out or left empty):

  partner       the partner's name, which names its folder in DIR
  pool          the pool file     (a path relative to the manifest's
  quotas        the quota file     folder, or absolute)
  k             the panel size
  seed          the seed text, as select --seed
  seed_numbers  public random numbers as the seed, as select --seed-numbers
  seed_source   where the seed comes from, as select --seed-source
  commit_only   yes to commit without drawing, as select --commit-only
  panels        the number of panels M, as select --panels
  id_column     the id column, as select --id-column
  households    household columns, separated by commas, as --households
  lang          the report's language, en or fr, as select --lang
  algorithm     the lottery's objective, as select --algorithm (default:
                leximin)

Each partner's selection is exactly 'tirage select' with those settings and
--out DIR/PARTNER: the same checks, files, report and messages. Selections
run in parallel, up to --jobs at a time (default: the number of cores);
each partner's files are the same whatever the order in which they run. A
partner that fails does not stop the others: its error is reported.

When all are done, batch writes DIR/summary.csv and prints the same table:
per partner, ok or failed, the exit code select would have given, the
folder, the pool and panel sizes, the lowest probability of selection, the
seed and the drawn panel, and the error or the notices.

Each partner's folder is written whole or not at all, with its public
folder, as select writes it; a second batch into the same DIR fails at
once (exit 4).

It exits 0 only if every partner's selection succeeded; 1 if any failed
(3 if any failed with an internal error, a bug in tirage); and 2, running
nothing, when the manifest or the flags are wrong (unreadable, a required
column missing, an unknown column, or partner names that are missing,
repeated or break the rule below, all listed at once).

DIR is created if needed; a DIR that is not empty is refused unless
--force, which replaces the partners' files and the summary there.

A partner name names its folder, on every system: it uses only letters
(a-z, A-Z), digits, -, _ and . (no spaces), at most 64 of them; it does not
start or end with a dot; and it is not summary nor a name Windows reserves
(CON, PRN, AUX, NUL, COM0 to COM9, LPT0 to LPT9), in any case and with any
extension. So nul.txt and Summary.csv are refused; north-2026 is fine.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var bf batchFlags
		fs.StringVar(&bf.out, "out", "", "the output directory `DIR`: one folder per partner, and summary.csv")
		bf.jobs = runtime.NumCPU()
		fs.Var(&countFlag{p: &bf.jobs, min: 1, what: "the number of jobs"}, "jobs", "run at most `N` selections at a time")
		fs.BoolVar(&bf.force, "force", false, "write into DIR even if it is not empty, replacing the partners' files there")
		fs.BoolVar(&bf.quiet, "quiet", false, "show no progress")
		return func(args []string) int {
			if len(args) != 1 {
				e.errorf("give the manifest file, and only that, as the argument\nRun 'tirage batch -h' for help.")
				return exitUsage
			}
			return runBatch(e, args[0], &bf)
		}
	},
}

// batchFlags are batch's flags.
type batchFlags struct {
	out          string
	jobs         int
	force, quiet bool
}

// partnerJob is one partner's selection: the flags select runs with, or
// the problem found in its row of the manifest.
type partnerJob struct {
	partner selection.Partner
	folder  string
	in      inputFlags
	sf      selectFlags
}

// readManifest reads the manifest and returns one job per partner and the
// manifest's separator (that of summary.csv), or an error when the manifest
// cannot be used at all.
func readManifest(path, out string, force bool) ([]partnerJob, rune, error) {
	data, err := os.ReadFile(selection.InputFile(path))
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read the manifest: %v", err)
	}
	partners, sep, err := selection.ParseManifest(path, data)
	if err != nil {
		return nil, 0, err
	}
	jobs := make([]partnerJob, len(partners))
	for i, p := range partners {
		jobs[i] = makeJob(p, filepath.Dir(path), out, force)
	}
	return jobs, sep, nil
}

// makeJob turns a partner's row into the flags of its selection, its
// files found from base, the manifest's folder.
func makeJob(p selection.Partner, base, out string, force bool) partnerJob {
	resolve := func(f string) string {
		if f == "" || filepath.IsAbs(f) {
			return f
		}
		return filepath.Join(base, f)
	}
	j := partnerJob{partner: p, folder: filepath.Join(out, p.Name)}
	j.in = inputFlags{pool: resolve(p.Pool), quotas: resolve(p.Quotas), idColumn: p.IDColumn, k: p.K}
	j.sf = selectFlags{out: j.folder, force: force, quiet: true, panels: p.Panels, households: strings.Join(p.Households, ","),
		seed:       seedFlags{text: p.Seed, numbers: p.SeedNumbers, textSet: p.Seed != "", numbersSet: p.SeedNumbers != ""},
		seedSource: p.SeedSource, commitOnly: p.CommitOnly, alternates: p.Alternates, relax: p.Relax, algorithm: p.Algorithm,
		lang: langFlag{code: p.Lang, set: p.Lang != ""}, byline: bylineFlags{organisation: p.Organisation, contact: p.Contact}}
	if j.sf.panels == 0 {
		j.sf.panels = selection.DefaultPanels
	}
	return j
}

func runBatch(e *env, manifest string, bf *batchFlags) int {
	if bf.out == "" {
		e.errorf("missing --out\nRun 'tirage batch -h' for help.")
		return exitUsage
	}
	if bf.jobs < 1 {
		e.errorf("--jobs must be 1 or more, not %d", bf.jobs)
		return exitUsage
	}
	if err := checkBatchOut(bf.out, bf.force); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	jobs, sep, err := readManifest(manifest, bf.out, bf.force)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if err := os.MkdirAll(bf.out, 0o755); err != nil {
		e.errorf("%v", newWriteError("cannot create the output folder "+bf.out, err))
		return exitWrite
	}
	abs, err := filepath.Abs(bf.out)
	if err == nil {
		var lock *folderLock
		lock, err = lockFolder(filepath.Join(filepath.Dir(abs), lockName(filepath.Base(abs))))
		if err == nil {
			defer lock.release()
		}
	}
	if errors.Is(err, errBusy) {
		e.errorf("another tirage batch is writing the folder %s; wait until it ends, or choose another folder", bf.out)
		return exitWrite
	} else if err != nil {
		e.errorf("%v", newWriteError("cannot write beside the output folder "+bf.out, err))
		return exitWrite
	}

	results := make([]selection.PartnerOutcome, len(jobs))
	var mu sync.Mutex
	var running []string
	finished, failed := 0, 0
	stop := newProgressPrinter(e.stderr, bf.quiet).track(time.Now(), func(elapsed time.Duration) string {
		mu.Lock()
		defer mu.Unlock()
		line := fmt.Sprintf("batch: %d of %d partners done", finished, len(jobs))
		if failed > 0 {
			line += fmt.Sprintf(" (%d failed)", failed)
		}
		if len(running) > 0 {
			line += "; running: " + strings.Join(running, ", ")
		}
		return line + fmt.Sprintf(" (%.1fs)", elapsed.Seconds())
	})
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(bf.jobs, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				mu.Lock()
				running = append(running, jobs[i].partner.Name)
				mu.Unlock()
				results[i] = runPartner(e, &jobs[i])
				mu.Lock()
				running = remove(running, jobs[i].partner.Name)
				finished++
				if results[i].Code != exitOK {
					failed++
				}
				mu.Unlock()
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	stop()

	partners := make([]selection.Partner, len(jobs))
	for i, j := range jobs {
		partners[i] = j.partner
	}
	summary := filepath.Join(bf.out, selection.SummaryFile)
	data, summaryErr := selection.BatchSummary(sep, partners, results)
	if summaryErr == nil {
		summaryErr = writeFile(summary, data)
	}
	printBatchSummary(e.stdout, jobs, results)
	if summaryErr != nil {
		e.errorf("%v", newWriteError("cannot write "+summary, summaryErr))
		return exitWrite
	}
	fmt.Fprintf(e.stdout, "Written:  %s\n", summary)
	return selection.BatchCode(results)
}

// remove returns names without name (the first occurrence).
func remove(names []string, name string) []string {
	for i, n := range names {
		if n == name {
			return append(names[:i:i], names[i+1:]...)
		}
	}
	return names
}

// checkBatchOut returns an error when dir cannot receive a batch: it is not
// a directory, or it is not empty and force is not set.
func checkBatchOut(dir string, force bool) error {
	return checkDir(dir, force, "the partners' files and "+selection.SummaryFile)
}

// runPartner runs one partner's selection as 'tirage select' would, with
// its messages kept rather than printed. A panic is the partner's internal
// error, not the batch's end.
func runPartner(e *env, j *partnerJob) (res selection.PartnerOutcome) {
	res.Folder = j.folder
	if j.partner.Problem != "" {
		res.Code, res.Message = exitUsage, j.partner.Problem
		return res
	}
	var stdout, stderr bytes.Buffer
	defer func() {
		if r := recover(); r != nil {
			res = selection.PartnerOutcome{Code: exitInternal, Folder: j.folder, Message: fmt.Sprintf("internal error: %v (a bug in tirage; please report it)", r)}
		}
	}()
	pe := &env{stdout: &stdout, stderr: &stderr, name: "select", getenv: e.getenv, selected: func(s *selection.Selected) { res.Record = s.Record }}
	res.Code = runSelect(pe, &j.in, &j.sf)
	res.Message = strings.TrimSpace(strings.ReplaceAll(stderr.String(), "tirage select: ", ""))
	if res.Code != exitOK {
		os.Remove(j.folder) // the folder select made, if it is empty
	}
	return res
}

// printBatchSummary prints the summary as a table, then each failure's
// message in full.
func printBatchSummary(w io.Writer, jobs []partnerJob, results []selection.PartnerOutcome) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "partner\tstatus\tpeople\tk\tlowest probability\tseed\tpanel\t")
	ok := 0
	for i, j := range jobs {
		r := results[i]
		status, people, k, lowest, seed, panel := "ok", "", "", "", "", ""
		if r.Code != exitOK {
			status = fmt.Sprintf("failed (exit %d)", r.Code)
		} else {
			ok++
		}
		if rec := r.Record; rec != nil {
			people, k, lowest = fmt.Sprint(len(rec.People.Rows)), fmt.Sprint(rec.K), percent(rec.Lottery.UniformMinimum)
			panel = "not drawn"
			if rec.Draw != nil {
				seed, panel = rec.Draw.Seed, fmt.Sprintf("%d of %d", rec.Draw.Index, rec.Lottery.M)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", j.partner.Name, status, people, k, lowest, seed, panel)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d of %d partners selected", ok, len(jobs))
	if ok < len(jobs) {
		fmt.Fprintf(w, "; %d failed:\n", len(jobs)-ok)
		for i, j := range jobs {
			if results[i].Code == exitOK {
				continue
			}
			fmt.Fprintf(w, "\n%s (manifest line %d):\n", j.partner.Name, j.partner.Line)
			for _, l := range strings.Split(results[i].Message, "\n") {
				fmt.Fprintf(w, "  %s\n", l)
			}
		}
	} else {
		fmt.Fprintln(w, ".")
	}
}
