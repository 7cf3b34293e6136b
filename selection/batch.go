package selection

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/gocarina/gocsv"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/report"
)

// SummaryFile is the table of a batch's partners, written in its output
// directory.
const SummaryFile = "summary.csv"

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
	Alternates   string `csv:"alternates"`
	Relax        string `csv:"relax"`
	DropoutCol   string `csv:"dropout_column"`
	DropoutModel string `csv:"dropout_model"`
	Scenarios    string `csv:"scenarios"`
}

// ManifestColumns are the columns of a batch manifest, the required ones
// first (partner, pool, quotas and k): one per setting of select.
var ManifestColumns = []string{"partner", "pool", "quotas", "k", "seed", "seed_numbers", "seed_source", "commit_only", "panels", "id_column", "households", "lang", "algorithm", "organisation", "contact", "alternates", "relax", "dropout_column", "dropout_model", "scenarios"}

// requiredColumns counts the required columns at the start of
// ManifestColumns.
const requiredColumns = 4

// Partner is one partner's selection, as a row of a batch manifest gives
// it: the settings of select, or the problem found in the row.
type Partner struct {
	// Name names the partner, and its folder; Line is the row's line in
	// the manifest.
	Name string
	Line int
	// Pool and Quotas are the input files, as the manifest writes them
	// (a path relative to the manifest's folder, or absolute).
	Pool, Quotas string
	K            int
	IDColumn     string
	// Seed and SeedNumbers are as written (select's --seed and
	// --seed-numbers); "" when not given.
	Seed, SeedNumbers string
	// Households, Panels (0: the default), Algorithm, SeedSource,
	// CommitOnly, Alternates, Relax, Lang (as written), Organisation and
	// Contact are select's settings.
	Households            []string
	Panels                int
	Algorithm, SeedSource string
	CommitOnly, Relax     bool
	Alternates            int
	Lang                  string
	Organisation, Contact string
	// DropoutColumn, DropoutModel (a path, as Pool) and Scenarios (0: the
	// default) choose the alternates for the dropouts to come, as
	// select's --dropout-column, --dropout-model and --scenarios; they are
	// checked (DropoutOptions.Check), the model's content is not read.
	DropoutColumn, DropoutModel string
	Scenarios                   int
	// Problem is what is wrong with the row, in English; "" when nothing
	// is. ProblemReason is Problem as data, to say in another language.
	Problem       string
	ProblemReason message.Reason
}

// ParseManifest reads a batch manifest (CSV or .xlsx, named name, which
// names it in errors) and returns one Partner per row, and the manifest's
// separator (that of summary.csv). A bad value is the partner's Problem;
// the error is for a manifest that cannot be used at all (a column
// missing or unknown, no partner, partner names that are missing,
// repeated or break PartnerNameRule, all listed at once).
func ParseManifest(name string, data []byte) ([]Partner, rune, error) {
	t, err := table.ParseNamed(name, data)
	if err != nil {
		return nil, 0, message.Errorf(message.ManifestUnreadable, "file", name, "error", message.ReasonOf(err))
	}
	pos, dups := table.Columns(t.Header)
	if len(dups) > 0 {
		return nil, 0, message.Errorf(message.ManifestTwoColumns, "file", name, "column", table.Quote(strings.TrimSpace(t.Header[dups[0]])))
	}
	known := map[string]bool{}
	for _, c := range ManifestColumns {
		known[c] = true
	}
	for _, h := range t.Header {
		if k := table.Key(h); k != "" && !known[k] {
			return nil, 0, message.Errorf(message.ManifestUnknownColumn, "file", name,
				"column", table.Quote(strings.TrimSpace(h)), "columns", strings.Join(ManifestColumns, ", "))
		}
	}
	var missing []string
	for _, c := range ManifestColumns[:requiredColumns] {
		if _, ok := pos[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, 0, message.Errorf(message.ManifestMissingColumns, "file", name, "columns", missing)
	}
	// The records in canonical column order, for gocsv.
	records := [][]string{ManifestColumns}
	for _, r := range t.Records {
		rec := make([]string, len(ManifestColumns))
		for j, c := range ManifestColumns {
			if i, ok := pos[c]; ok && i < len(r.Fields) {
				rec[j] = strings.TrimSpace(r.Fields[i])
			}
		}
		records = append(records, rec)
	}
	var rows []manifestRow
	if err := gocsv.UnmarshalCSV(table.NewRecordReader(records), &rows); err != nil && !errors.Is(err, gocsv.ErrEmptyCSVFile) {
		return nil, 0, message.Errorf(message.ManifestUnreadable, "file", name, "error", message.ReasonOf(err))
	}
	if len(rows) == 0 {
		return nil, 0, message.Errorf(message.ManifestNoPartner, "file", name)
	}
	seen := map[string]int{}
	bad := &partnerNameErrors{path: name}
	var partners []Partner
	for i, row := range rows {
		line := t.Records[i].Line
		if err := CheckPartnerName(row.Partner); err != nil {
			bad.add(line, message.ReasonOf(err))
			continue
		}
		if first, dup := seen[table.Key(row.Partner)]; dup {
			bad.add(line, message.New(message.PartnerRepeated, "partner", table.Quote(row.Partner), "first", first))
			continue
		}
		seen[table.Key(row.Partner)] = line
		partners = append(partners, partnerOf(row, line))
	}
	if len(bad.errs) > 0 {
		return nil, 0, bad
	}
	return partners, t.Delimiter, nil
}

// partnerOf reads a manifest row; a bad value is kept as the partner's
// Problem.
func partnerOf(row manifestRow, line int) Partner {
	p := Partner{Name: row.Partner, Line: line, Pool: row.Pool, Quotas: row.Quotas, IDColumn: row.IDColumn,
		Seed: row.Seed, SeedNumbers: row.SeedNumbers, SeedSource: row.SeedSource, Lang: row.Lang,
		Households: SplitList(strings.ReplaceAll(row.Households, ";", ",")), Organisation: row.Organisation, Contact: row.Contact}
	problem := func(r message.Reason) Partner {
		p.Problem, p.ProblemReason = r.String(), r
		return p
	}
	failed := func(err error) Partner { return problem(message.ReasonOf(err)) }
	switch {
	case row.Pool == "":
		return problem(message.New(message.ManifestEmptyPool))
	case row.Quotas == "":
		return problem(message.New(message.ManifestEmptyQuotas))
	}
	var err error
	if p.K, err = ParseCount(row.K, "k"); err != nil {
		return failed(err)
	}
	if p.K < 1 {
		return problem(message.New(message.ManifestKBelowOne, "k", p.K))
	}
	if row.Panels != "" {
		if p.Panels, err = ParseCount(row.Panels, "panels"); err != nil {
			return failed(err)
		}
	}
	if row.Alternates != "" {
		if p.Alternates, err = ParseCount(row.Alternates, "alternates"); err != nil {
			return failed(err)
		}
	}
	p.DropoutColumn, p.DropoutModel = row.DropoutCol, row.DropoutModel
	if row.Scenarios != "" {
		if p.Scenarios, err = ParseCount(row.Scenarios, "scenarios"); err != nil {
			return failed(err)
		}
		if p.Scenarios < 1 {
			return failed(p.dropout().scenariosError(ManifestNames))
		}
	}
	if err := p.dropout().Check(p.Alternates, ManifestNames); err != nil {
		return failed(err)
	}
	if p.CommitOnly, err = yesNo("commit_only", row.CommitOnly); err != nil {
		return failed(err)
	}
	if p.Relax, err = yesNo("relax", row.Relax); err != nil {
		return failed(err)
	}
	if _, err := Algorithm(row.Algorithm); err != nil {
		return failed(err)
	}
	p.Algorithm = row.Algorithm
	if err := report.CheckByline(row.Organisation, ""); err != nil {
		return problem(message.New(message.ManifestField, "field", "organisation", "error", message.ReasonOf(err)))
	}
	if err := report.CheckByline("", row.Contact); err != nil {
		return problem(message.New(message.ManifestField, "field", "contact", "error", message.ReasonOf(err)))
	}
	return p
}

// InFolder returns the partner with its files (Pool, Quotas and
// DropoutModel) found from base, the manifest's folder: a relative path
// is joined to it, an absolute one kept.
func (p Partner) InFolder(base string) Partner {
	for _, f := range []*string{&p.Pool, &p.Quotas, &p.DropoutModel} {
		if *f != "" && !filepath.IsAbs(*f) {
			*f = filepath.Join(base, *f)
		}
	}
	return p
}

// dropout returns the partner's dropout settings, the model by its path.
func (p Partner) dropout() DropoutOptions {
	return DropoutOptions{Column: p.DropoutColumn, Model: File{Name: p.DropoutModel}, Scenarios: p.Scenarios}
}

// yesNo reads a manifest's yes or no (true, false, 1, 0; empty is no).
func yesNo(column, s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "no", "false", "0":
		return false, nil
	case "yes", "true", "1":
		return true, nil
	}
	return false, message.Errorf(message.ManifestYesNo, "column", column, "value", table.Quote(s))
}

// SplitList splits a comma-separated list (of column names, ids or
// objectives), trimming its items and dropping empty ones.
func SplitList(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// PartnerOutcome is how a partner's selection went: its exit code, its
// folder, the message (the error, or the notices) and, on success, the
// record written.
type PartnerOutcome struct {
	Code    int
	Folder  string
	Message string
	// Reason is Message as data, when the library made it (a manifest
	// row's problem, a panic), to say in another language; zero when
	// Message is run's own.
	Reason message.Reason
	Record *audit.Record
}

// BatchSummary returns summary.csv, separated by sep: one row per partner in
// manifest order, with the partner's status, exit code, folder, pool and
// panel sizes, lowest probability, seed and drawn panel, and message.
func BatchSummary(sep rune, partners []Partner, outcomes []PartnerOutcome) ([]byte, error) {
	header := []string{"partner", "status", "exit_code", "folder", "people", "k", "minimum_probability", "seed", "panel", "message"}
	rows := make([][]string, len(partners))
	for i, p := range partners {
		o := outcomes[i]
		status := "ok"
		if o.Code != 0 {
			status = "failed"
		}
		row := []string{p.Name, status, strconv.Itoa(o.Code), o.Folder, "", "", "", "", "", o.Message}
		if rec := o.Record; rec != nil {
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
	return audit.EncodeCSV(sep, header, rows)
}

// BatchCode is the exit code of a batch that ran: 0 when every partner
// succeeded, CodeInternal when one failed with an internal error, else
// CodeSelection when any failed.
func BatchCode(outcomes []PartnerOutcome) int {
	code := 0
	for _, o := range outcomes {
		switch {
		case o.Code == CodeInternal:
			code = CodeInternal
		case o.Code != 0 && code == 0:
			code = CodeSelection
		}
	}
	return code
}

// ParseCount reads a whole number written in decimal digits, with an
// optional minus sign, without leading zeros, underscores or another base;
// what names it in the error (a string, or a message.Reason such as
// message.CountPanelSize's), which is a *message.Error. The caller checks
// its range.
func ParseCount(s string, what any) (int, error) {
	t := strings.TrimSpace(s)
	unsigned := strings.TrimPrefix(t, "-")
	if unsigned == "" || strings.Trim(unsigned, "0123456789") != "" {
		return 0, message.Errorf(message.CountNotWhole, "what", what, "value", table.Quote(t))
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return 0, message.Errorf(message.CountTooLarge, "what", what, "value", table.Cut(t, 40))
	}
	if len(unsigned) > 1 && unsigned[0] == '0' {
		return 0, message.Errorf(message.CountLeadingZero, "what", what, "value", t, "n", n)
	}
	return n, nil
}

// BatchState is how far a batch is: the partners done (Failed of them
// failed) and the names of those running, in the order they started.
type BatchState struct {
	Done, Failed int
	Running      []string
}

// RunBatch runs run once per partner, at most jobs at a time (at least
// one), and returns the outcomes in the partners' order. A partner's
// Problem is its outcome, with CodeInput, without calling run; a panic in
// run is the partner's internal error, not the batch's end. state, if not
// nil, is told the batch's state whenever a partner starts or ends, one
// call at a time.
func RunBatch(partners []Partner, jobs int, run func(Partner) PartnerOutcome, state func(BatchState)) []PartnerOutcome {
	outcomes := make([]PartnerOutcome, len(partners))
	var mu sync.Mutex
	var s BatchState
	update := func(change func()) {
		mu.Lock()
		defer mu.Unlock()
		change()
		if state != nil {
			state(BatchState{Done: s.Done, Failed: s.Failed, Running: append([]string(nil), s.Running...)})
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(jobs, len(partners))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := partners[i]
				update(func() { s.Running = append(s.Running, p.Name) })
				outcomes[i] = runPartner(p, run)
				update(func() {
					s.Running = slices.DeleteFunc(s.Running, func(n string) bool { return n == p.Name })
					s.Done++
					if outcomes[i].Code != 0 {
						s.Failed++
					}
				})
			}
		}()
	}
	for i := range partners {
		next <- i
	}
	close(next)
	wg.Wait()
	return outcomes
}

// runPartner runs one partner's selection: its Problem, or run's outcome,
// or the internal error of a panic.
func runPartner(p Partner, run func(Partner) PartnerOutcome) (o PartnerOutcome) {
	if p.Problem != "" {
		return PartnerOutcome{Code: CodeInput, Message: p.Problem, Reason: p.ProblemReason}
	}
	defer func() {
		if r := recover(); r != nil {
			reason := message.New(message.BatchInternal, "error", fmt.Sprint(r))
			o = PartnerOutcome{Code: CodeInternal, Message: reason.String(), Reason: reason}
		}
	}()
	return run(p)
}
