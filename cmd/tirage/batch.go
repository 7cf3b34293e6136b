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
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/gocarina/gocsv"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
)

// SummaryFile is the table of a batch's partners, written in its output
// directory.
const SummaryFile = "summary.csv"

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

// manifestRow is one row of a manifest, in its canonical column names;
// every field is kept as text so that each bad value can be reported
// with its partner.
type manifestRow struct {
	Partner      string `csv:"partner"`
	Pool         string `csv:"pool"`
	Quotas       string `csv:"quotas"`
	K            string `csv:"k"`
	Seed         string `csv:"seed"`
	SeedNumbers  string `csv:"seed_numbers"`
	SeedSource   string `csv:"seed_source"`
	CommitOnly   string `csv:"commit_only"`
	Panels       string `csv:"panels"`
	IDColumn     string `csv:"id_column"`
	Households   string `csv:"households"`
	Lang         string `csv:"lang"`
	Algorithm    string `csv:"algorithm"`
	Organisation string `csv:"organisation"`
	Contact      string `csv:"contact"`
}

// manifestColumns are the manifest's columns, the required ones first.
var manifestColumns = []string{"partner", "pool", "quotas", "k", "seed", "seed_numbers", "seed_source", "commit_only", "panels", "id_column", "households", "lang", "algorithm", "organisation", "contact"}

// requiredColumns counts the required columns at the start of
// manifestColumns.
const requiredColumns = 4

// partnerJob is one partner's selection: the flags select runs with, or
// the problem found in its row of the manifest.
type partnerJob struct {
	partner string
	line    int // the row's line in the manifest
	folder  string
	in      inputFlags
	sf      selectFlags
	problem string
}

// partnerResult is how a partner's selection went.
type partnerResult struct {
	code    int
	message string        // the error, or the notices
	record  *audit.Record // the record written, on success
}

// readManifest reads the manifest and returns one job per partner and the
// manifest's separator (that of summary.csv), or an error when the manifest
// cannot be used at all.
func readManifest(path, out string, force bool) ([]partnerJob, rune, error) {
	file, _ := table.SplitSheet(path)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read the manifest: %v", err)
	}
	return parseManifest(path, data, out, force)
}

// parseManifest is readManifest on the manifest's contents, data; path
// names it in errors and locates the relative paths in it.
func parseManifest(path string, data []byte, out string, force bool) ([]partnerJob, rune, error) {
	t, err := table.ParseNamed(path, data)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %v", path, err)
	}
	pos, dups := table.Columns(t.Header)
	if len(dups) > 0 {
		return nil, 0, fmt.Errorf("%s: the header has two columns named %s", path, table.Quote(strings.TrimSpace(t.Header[dups[0]])))
	}
	known := map[string]bool{}
	for _, c := range manifestColumns {
		known[c] = true
	}
	for _, h := range t.Header {
		if k := table.Key(h); k != "" && !known[k] {
			return nil, 0, fmt.Errorf("%s: the column %s is not a manifest column; the columns are %s", path, table.Quote(strings.TrimSpace(h)), strings.Join(manifestColumns, ", "))
		}
	}
	var missing []string
	for _, c := range manifestColumns[:requiredColumns] {
		if _, ok := pos[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, 0, fmt.Errorf("%s: the header has no %s column (a manifest needs partner, pool, quotas and k)", path, joinAnd(missing))
	}
	// The records in canonical column order, for gocsv.
	records := [][]string{manifestColumns}
	for _, r := range t.Records {
		rec := make([]string, len(manifestColumns))
		for j, c := range manifestColumns {
			if i, ok := pos[c]; ok && i < len(r.Fields) {
				rec[j] = strings.TrimSpace(r.Fields[i])
			}
		}
		records = append(records, rec)
	}
	var rows []manifestRow
	if err := gocsv.UnmarshalCSV(table.NewRecordReader(records), &rows); err != nil && !errors.Is(err, gocsv.ErrEmptyCSVFile) {
		return nil, 0, fmt.Errorf("%s: %v", path, err)
	}
	if len(rows) == 0 {
		return nil, 0, fmt.Errorf("%s: the manifest has no partner: add one row per partner under the header", path)
	}
	base := filepath.Dir(path)
	seen := map[string]int{}
	bad := &partnerNameErrors{path: path}
	var jobs []partnerJob
	for i, row := range rows {
		line := t.Records[i].Line
		if err := checkPartnerName(row.Partner); err != nil {
			bad.errs = append(bad.errs, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		if first, dup := seen[table.Key(row.Partner)]; dup {
			bad.errs = append(bad.errs, fmt.Sprintf("line %d: the partner %s is already on line %d; each partner needs its own folder", line, table.Quote(row.Partner), first))
			continue
		}
		seen[table.Key(row.Partner)] = line
		jobs = append(jobs, makeJob(row, line, base, out, force))
	}
	if len(bad.errs) > 0 {
		return nil, 0, bad
	}
	return jobs, t.Delimiter, nil
}

// makeJob turns a manifest row into the flags of its selection; a bad
// value is kept as the job's problem.
func makeJob(row manifestRow, line int, base, out string, force bool) partnerJob {
	j := partnerJob{partner: row.Partner, line: line, folder: filepath.Join(out, row.Partner)}
	problem := func(format string, a ...any) partnerJob {
		j.problem = fmt.Sprintf(format, a...)
		return j
	}
	resolve := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(base, p)
	}
	j.in = inputFlags{pool: resolve(row.Pool), quotas: resolve(row.Quotas), idColumn: row.IDColumn}
	j.sf = selectFlags{out: j.folder, force: force, quiet: true, panels: 1000, households: strings.ReplaceAll(row.Households, ";", ",")}
	switch {
	case row.Pool == "":
		return problem("the pool is empty in the manifest")
	case row.Quotas == "":
		return problem("the quotas are empty in the manifest")
	}
	k, err := parseCount(row.K, "k")
	if err != nil {
		return problem("%v", err)
	}
	if k < 1 {
		return problem("k must be at least 1, not %d", k)
	}
	j.in.k = k
	if row.Panels != "" {
		if j.sf.panels, err = parseCount(row.Panels, "panels"); err != nil {
			return problem("%v", err)
		}
	}
	switch strings.ToLower(row.CommitOnly) {
	case "", "no", "false", "0":
	case "yes", "true", "1":
		j.sf.commitOnly = true
	default:
		return problem("commit_only must be yes or no, not %s", table.Quote(row.CommitOnly))
	}
	j.sf.seed = seedFlags{text: row.Seed, numbers: row.SeedNumbers, textSet: row.Seed != "", numbersSet: row.SeedNumbers != ""}
	j.sf.seedSource = row.SeedSource
	j.sf.lang = langFlag{code: row.Lang, set: row.Lang != ""}
	if _, err := selection.Algorithm(row.Algorithm); err != nil {
		return problem("%v", err)
	}
	j.sf.algorithm = row.Algorithm
	j.sf.byline = bylineFlags{organisation: row.Organisation, contact: row.Contact}
	if err := report.CheckByline(row.Organisation, ""); err != nil {
		return problem("organisation: %v", err)
	}
	if err := report.CheckByline("", row.Contact); err != nil {
		return problem("contact: %v", err)
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

	results := make([]partnerResult, len(jobs))
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
				running = append(running, jobs[i].partner)
				mu.Unlock()
				results[i] = runPartner(e, &jobs[i])
				mu.Lock()
				running = remove(running, jobs[i].partner)
				finished++
				if results[i].code != exitOK {
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

	header, rows := summaryTable(jobs, results)
	summaryErr := writeCSV(filepath.Join(bf.out, SummaryFile), sep, header, rows)
	printBatchSummary(e.stdout, rows, jobs, results)
	if summaryErr != nil {
		e.errorf("%v", newWriteError("cannot write "+filepath.Join(bf.out, SummaryFile), summaryErr))
		return exitWrite
	}
	fmt.Fprintf(e.stdout, "Written:  %s\n", filepath.Join(bf.out, SummaryFile))
	return batchExitCode(results)
}

// batchExitCode is the exit code of a batch that ran: 0 when every partner
// succeeded, 3 when one failed with an internal error, else 1 when any
// failed.
func batchExitCode(results []partnerResult) int {
	code := exitOK
	for _, r := range results {
		switch {
		case r.code == exitInternal:
			code = exitInternal
		case r.code != exitOK && code == exitOK:
			code = exitSelection
		}
	}
	return code
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
	return checkDir(dir, force, "the partners' files and "+SummaryFile)
}

// runPartner runs one partner's selection as 'tirage select' would, with
// its messages kept rather than printed. A panic is the partner's internal
// error, not the batch's end.
func runPartner(e *env, j *partnerJob) (res partnerResult) {
	if j.problem != "" {
		return partnerResult{code: exitUsage, message: j.problem}
	}
	var stdout, stderr bytes.Buffer
	defer func() {
		if r := recover(); r != nil {
			res = partnerResult{code: exitInternal, message: fmt.Sprintf("internal error: %v (a bug in tirage; please report it)", r)}
		}
	}()
	pe := &env{stdout: &stdout, stderr: &stderr, name: "select", getenv: e.getenv, lang: e.lang}
	res.code = runSelect(pe, &j.in, &j.sf)
	res.message = strings.TrimSpace(strings.ReplaceAll(stderr.String(), "tirage select: ", ""))
	if res.code != exitOK {
		os.Remove(j.folder) // the folder select made, if it is empty
		return res
	}
	data, err := os.ReadFile(filepath.Join(j.folder, audit.RecordFile))
	if err == nil {
		res.record, err = audit.ParseRecord(data)
	}
	if err != nil {
		return partnerResult{code: exitInternal, message: fmt.Sprintf("the selection succeeded but its record cannot be read back: %v", err)}
	}
	return res
}

// summaryTable returns the header and rows of summary.csv, one row per
// partner in manifest order.
func summaryTable(jobs []partnerJob, results []partnerResult) ([]string, [][]string) {
	header := []string{"partner", "status", "exit_code", "folder", "people", "k", "minimum_probability", "seed", "panel", "message"}
	rows := make([][]string, len(jobs))
	for i, j := range jobs {
		r := results[i]
		status := "ok"
		if r.code != exitOK {
			status = "failed"
		}
		row := []string{j.partner, status, strconv.Itoa(r.code), j.folder, "", "", "", "", "", r.message}
		if rec := r.record; rec != nil {
			row[4] = strconv.Itoa(len(rec.People.Rows))
			row[5] = strconv.Itoa(rec.K)
			row[6] = strconv.FormatFloat(rec.Lottery.UniformMinimum, 'g', -1, 64)
			if rec.Draw != nil {
				row[7] = rec.Draw.Seed
				row[8] = fmt.Sprintf("%d of %d", rec.Draw.Index, rec.Lottery.M)
			} else {
				row[8] = "not drawn"
			}
		}
		rows[i] = row
	}
	return header, rows
}

// printBatchSummary prints the summary as a table, then each failure's
// message in full.
func printBatchSummary(w io.Writer, rows [][]string, jobs []partnerJob, results []partnerResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "partner\tstatus\tpeople\tk\tlowest probability\tseed\tpanel\t")
	ok := 0
	for i, row := range rows {
		lowest := ""
		if results[i].record != nil {
			lowest = percent(results[i].record.Lottery.UniformMinimum)
		}
		status := row[1]
		if results[i].code != exitOK {
			status = fmt.Sprintf("failed (exit %d)", results[i].code)
		} else {
			ok++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", row[0], status, row[4], row[5], lowest, row[7], row[8])
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d of %d partners selected", ok, len(rows))
	if ok < len(rows) {
		fmt.Fprintf(w, "; %d failed:\n", len(rows)-ok)
		for i, j := range jobs {
			if results[i].code == exitOK {
				continue
			}
			fmt.Fprintf(w, "\n%s (manifest line %d):\n", j.partner, j.line)
			for _, l := range strings.Split(results[i].message, "\n") {
				fmt.Fprintf(w, "  %s\n", l)
			}
		}
	} else {
		fmt.Fprintln(w, ".")
	}
}
