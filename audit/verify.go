package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// Check is the outcome of one verification.
type Check struct {
	// Name says what was checked, such as "commitment" or "panel.csv", in
	// English: a stable identifier.
	Name string
	// Title is Name as a reason (a message.Title… code), to show it in
	// another language: Title.String() is Name.
	Title message.Reason
	OK    bool
	// Detail says what was found, in an English sentence: Reason.String().
	Detail string
	// Reason is what was found as data (a message.Check… code with its
	// numbers, or, for an error of another package, message.ReasonOf),
	// for every check, passed, failed or absent: Reason.In(lang) renders
	// it in a language.
	Reason message.Reason
	// Absent is set, with OK, when the check is of a file that is not in
	// the folder: nothing was checked, and nothing failed. A file that
	// renders the record (the CSV files, the reports) may be left out, as
	// in a public folder without remaining.csv; everything the record
	// claims is checked from the record itself.
	Absent bool
}

// VerifyInput is what Verify checks.
type VerifyInput struct {
	// Dir holds the selection's files: audit.json and the files written
	// beside it, in a selection folder or its public folder (SPEC.md
	// section 1.1); only audit.json is required.
	Dir fs.FS
	// Pool and Quotas are the contents of the input files, or nil to check
	// the record alone; PoolName and QuotasName name them in messages.
	Pool, Quotas         []byte
	PoolName, QuotasName string
	// Progress, if not nil, is called with what is being checked as each
	// check begins (from the goroutine calling Verify): the code of one of
	// the message.Verifying… reasons, which message.Phase(what).In(lang)
	// says in words.
	Progress func(what string)
	// Originals are folders that may hold the selections that a
	// replacement record replaces, directly or through earlier
	// replacements (a chain, SPEC.md 9.2), in any order. Each selection is
	// recognised by its commitment, never by its folder's name; every one
	// of the chain is verified, the first with the input files when given.
	Originals []fs.FS
}

// Verify re-checks a selection from its record and the files beside it,
// and from the input files when given (SPEC.md, "Verification"). It returns
// every check made, in order; the selection is verified when all are OK.
// A record that is missing or not a record gives a single failed check.
func Verify(ctx context.Context, in VerifyInput) []Check {
	v := &verifier{ctx: ctx, in: in}
	v.run()
	return v.checks
}

// verifier accumulates the checks of one Verify call.
type verifier struct {
	ctx    context.Context
	in     VerifyInput
	checks []Check

	r         *Record
	pool      *sortition.Pool // the record's people over its quota table; nil if invalid
	household []int
	poolErr   error
	index     map[string]int // id → person
	marginals []float64      // exact probabilities from the distribution; nil if invalid
	excluded  []bool
	poolRows  *sortition.Pool // the pool file as read, when given and matching

	// chain, for a replacement record, are the selections it replaces,
	// from the first selection, once found and verified (chainOK when all
	// passed); nil until then.
	chain   []link
	chainOK bool

	// titled holds the titles of the checks whose names are made from an
	// input file's name (checkTitle).
	titled map[string]message.Reason

	// margins holds, per tolerance, the largest share of it that a
	// comparison used (within); nil when not measured.
	margins map[string]float64
}

// within reports whether a value that must not exceed an exact bound
// exceeds it by excess at most the named tolerance, and notes the share of
// the tolerance used.
func (v *verifier) within(tol string, excess float64) bool {
	t := tolerances[tol]
	if v.margins != nil && excess > 0 {
		v.margins[tol] = max(v.margins[tol], excess/t)
	}
	return excess <= t
}

// pass records a passed check whose finding is the reason of the code.
func (v *verifier) pass(name string, code message.Code, pairs ...any) {
	v.add(name, true, message.New(code, pairs...))
}

// fail records a failed check whose finding is the reason of the code.
func (v *verifier) fail(name string, code message.Code, pairs ...any) {
	v.add(name, false, message.New(code, pairs...))
}

// failErr records a failed check whose finding is err (message.ReasonOf).
func (v *verifier) failErr(name string, err error) {
	v.add(name, false, message.ReasonOf(err))
}

// add records a check: every one carries its finding as a reason, and its
// title (checkTitle). Checks are made only here, so that each is in the
// catalog, in English and French.
func (v *verifier) add(name string, ok bool, r message.Reason) {
	v.checks = append(v.checks, Check{Name: name, Title: v.checkTitle(name), OK: ok, Detail: r.String(), Reason: r})
}

// errAbsent is readCSV's error for a file that is not in the folder.
var errAbsent = errors.New("is not in the folder")

// fileError records a file that could not be read: absent (not checked),
// or failed.
func (v *verifier) fileError(name string, err error) {
	if errors.Is(err, errAbsent) {
		v.pass(name, message.CheckFileAbsent)
		v.checks[len(v.checks)-1].Absent = true
		return
	}
	v.failErr(name, err)
}

func (v *verifier) run() {
	data, err := fs.ReadFile(v.in.Dir, RecordFile)
	if err != nil {
		v.fail("record", message.CheckCannotReadFile, "file", RecordFile, "error", message.ReasonOf(err))
		return
	}
	data, bom := bytes.CutPrefix(data, []byte(BOM))
	v.r, err = ParseRecord(data)
	if err != nil {
		v.fail("record", message.CheckRecordInvalid, "file", RecordFile, "error", message.ReasonOf(err))
		return
	}
	r := v.r
	v.pass("record", message.CheckRecord, "file", RecordFile, "format", Format, "k", r.K, "n", len(r.People.Rows))
	if r.Replaces != nil && r.Replaces.FromAlternates != nil {
		v.at(message.VerifyingFromAlternates)
		v.checkFromAlternates(data, bom)
		return
	}
	at := v.at
	at(message.VerifyingForm)
	v.checkCanonical(data, bom)
	v.checkSteps()
	v.checkTables()
	v.checkRelaxation()
	if r.Replaces != nil {
		// The inputs are the original's, checked with it.
		at(message.VerifyingChain)
		v.checkChain()
	} else {
		if v.in.Quotas != nil {
			at(message.VerifyingQuotaFile)
			v.checkQuotaFile()
		}
		if v.in.Pool != nil {
			at(message.VerifyingPoolFile)
			v.checkPoolFile()
		}
	}
	at(message.VerifyingExact)
	v.checkExact()
	at(message.VerifyingExclusions)
	v.checkExclusions()
	at(message.VerifyingCertificate)
	v.checkCertificate()
	if leveled(r.Lottery.Algorithm) {
		at(message.VerifyingLevels)
	}
	v.checkLevels()
	at(message.VerifyingUniform)
	v.checkUniform()
	at(message.VerifyingCommitment)
	v.checkCommitment()
	v.checkDraw()
	if r.Draw != nil && r.Draw.Dropout != nil {
		at(message.VerifyingDropouts)
	}
	v.checkAlternates()
	at(message.VerifyingCSV)
	v.checkTableFile(ProbabilitiesFile, r.ProbabilitiesTable)
	v.checkTableFile(ReceiptsFile, r.ReceiptsTable)
	v.checkPanelFiles()
	v.checkAlternatesFile()
	at(message.VerifyingReports)
	v.checkReports()
}

// at tells Progress, if any, what is checked next: its code.
func (v *verifier) at(what message.Code) {
	if v.in.Progress != nil {
		v.in.Progress(string(what))
	}
}

// checkCanonical checks that the record's bytes are its canonical layout
// (after a byte-order mark, when bom). A record that differs from it only
// in white space outside strings, such as CRLF line ends or another
// indentation, passes with a note: the same tokens, so the same content.
func (v *verifier) checkCanonical(data []byte, bom bool) {
	want, err := v.r.MarshalIndent()
	if err != nil {
		v.fail("canonical form", message.CheckNotEncodable, "error", message.ReasonOf(err))
		return
	}
	if bytes.Equal(want, data) && !bom {
		v.pass("canonical form", message.CheckCanonical, "file", RecordFile)
		return
	}
	var got, canonical bytes.Buffer
	if json.Compact(&got, data) == nil && json.Compact(&canonical, want) == nil && bytes.Equal(got.Bytes(), canonical.Bytes()) {
		what := message.New(message.CheckWhiteSpace)
		if bom {
			what = message.New(message.CheckBOMWhiteSpace)
		}
		v.pass("canonical form", message.CheckCanonicalNote, "file", RecordFile, "what", what)
		return
	}
	line := 1 + bytes.Count(data[:commonPrefix(want, data)], []byte("\n"))
	v.fail("canonical form", message.CheckNotCanonical, "file", RecordFile, "line", line)
}

// ReportFiles are the files of the fairness report (the report package's
// HTMLFile and MarkdownFile), which verification matches to the record.
var ReportFiles = []string{"report.html", "report.md"}

// checkReports checks that each report in the folder was made from this
// record: it names the record's digest (Record.Digest) and its commitment.
func (v *verifier) checkReports() {
	digest, err := v.r.Digest()
	if err != nil {
		return // the canonical form check has failed
	}
	for _, name := range ReportFiles {
		data, err := fs.ReadFile(v.in.Dir, name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			v.fileError(name, errAbsent)
		case err != nil:
			v.fail(name, message.CheckUnreadable, "error", message.ReasonOf(err))
		case !bytes.Contains(data, []byte(digest)) || !bytes.Contains(data, []byte(v.r.Commitment)):
			v.fail(name, message.CheckReportNotMade, "digest", digest)
		default:
			v.pass(name, message.CheckReportMade, "digest", digest[:16])
		}
	}
}

func commonPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// checkSteps checks the steps: the expected names in order, valid times in
// order.
func (v *verifier) checkSteps() {
	want := []string{StepInputsRead, StepLotteryComputed, StepCommitted}
	if v.r.Draw != nil {
		want = append(want, StepDrawn)
	}
	var names []string
	var prev time.Time
	for _, s := range v.r.Steps {
		names = append(names, s.Step)
		t, err := time.Parse(time.RFC3339, s.Time)
		if err != nil || t.Format(time.RFC3339) != s.Time || t.Location() != time.UTC {
			v.fail("steps", message.CheckStepTime, "time", fmt.Sprintf("%q", s.Time), "step", fmt.Sprintf("%q", s.Step))
			return
		}
		if t.Before(prev) {
			v.fail("steps", message.CheckStepOrder, "step", fmt.Sprintf("%q", s.Step), "time", s.Time)
			return
		}
		prev = t
	}
	if !slices.Equal(names, want) {
		v.fail("steps", message.CheckStepsDiffer, "got", fmt.Sprintf("%q", names), "want", fmt.Sprintf("%q", want))
		return
	}
	steps := make([]message.Reason, len(names))
	for i, name := range names {
		steps[i] = message.New(stepNames[name])
	}
	v.pass("steps", message.CheckSteps, "steps", steps)
}

// stepNames are the codes of the steps' names, to say them in French.
var stepNames = map[string]message.Code{
	StepInputsRead:      message.StepInputsRead,
	StepLotteryComputed: message.StepLotteryComputed,
	StepCommitted:       message.StepCommitted,
	StepDrawn:           message.StepDrawn,
}

// checkTables checks the quota table and the people, and their canonical
// digests against the ones recorded for the input files.
func (v *verifier) checkTables() {
	r := v.r
	if _, err := r.QuotaSet(); err != nil {
		v.failErr("quota table", err)
	} else if r.Replaces != nil {
		v.pass("quota table", message.CheckQuotasReduced, "categories", len(r.Quotas), "values", countValues(r.Quotas))
	} else if _, err := r.FileQuotas(); err != nil {
		v.failErr("quota table", err)
	} else if d, err := r.QuotasDigest(); err != nil || d != r.Inputs.Quotas.CanonicalSHA256 {
		v.fail("quota table", message.CheckQuotaTableDigest, "got", d, "want", r.Inputs.Quotas.CanonicalSHA256)
	} else {
		v.pass("quota table", message.CheckQuotaTable, "categories", len(r.Quotas), "values", countValues(r.Quotas))
	}
	v.pool, v.household, v.poolErr = r.Pool()
	if v.poolErr != nil {
		v.failErr("people", v.poolErr)
	} else if r.Replaces != nil {
		v.pass("people", message.CheckPeopleReplace, "n", len(v.pool.People))
	} else if d, err := r.PeopleDigest(); err != nil || d != r.Inputs.Pool.CanonicalSHA256 {
		v.fail("people", message.CheckPeopleDigest, "got", d, "want", r.Inputs.Pool.CanonicalSHA256)
	} else {
		households := message.New(message.CheckNoHouseholds)
		if v.household != nil {
			households = message.New(message.CheckHouseholds, "n", countDistinct(v.household))
		}
		v.pass("people", message.CheckPeople, "n", len(v.pool.People), "households", households)
	}
	v.index = r.personIndex()
	if v.pool != nil && (r.K < 1 || r.K > len(v.pool.People)) {
		v.fail("people", message.CheckKRange, "k", r.K, "n", len(v.pool.People))
		v.pool, v.poolErr = nil, message.Errorf(message.CheckKOutOfRange)
	}
}

func countValues(cats []Category) int {
	n := 0
	for _, c := range cats {
		n += len(c.Values)
	}
	return n
}

func countDistinct(xs []int) int {
	seen := map[int]bool{}
	for _, x := range xs {
		seen[x] = true
	}
	return len(seen)
}

// checkQuotaFile checks the quota file against the record: its SHA-256,
// and its content as read.
func (v *verifier) checkQuotaFile() {
	name := "quota file " + v.in.QuotasName
	v.title(name, message.TitleQuotaFile, "file", v.in.QuotasName)
	v.title(name+" content", message.TitleQuotaFileContent, "file", v.in.QuotasName)
	f := v.r.Inputs.Quotas
	v.checkDigest(name, v.in.Quotas, f.SHA256)
	q, err := quota.Parse(v.in.QuotasName, v.in.Quotas)
	if err != nil {
		v.fail(name+" content", message.CheckUnreadable, "error", message.ReasonOf(err))
		return
	}
	if v.r.K >= 1 {
		q = q.ForPanel(v.r.K) // bounds for the values given by share
	}
	d, err := digest(QuotaTable(q))
	if err != nil || d != f.CanonicalSHA256 {
		v.fail(name+" content", message.CheckQuotaContentDigest, "got", d, "want", f.CanonicalSHA256)
		return
	}
	v.pass(name+" content", message.CheckQuotaContent)
	if len(v.r.Relaxation) > 0 {
		v.checkRelaxationAgainstFile(q)
	}
}

// checkRelaxation checks that the record's quota table is the quota file's
// relaxed as the relaxation says (the canonical digest of the file's table
// is checked by checkTables), and that the file's table is valid.
func (v *verifier) checkRelaxation() {
	const name = "relaxation"
	r := v.r
	if len(r.Relaxation) == 0 {
		return
	}
	table, err := r.FileQuotas()
	if err != nil {
		v.failErr(name, err)
		return
	}
	if _, err := (&Record{Quotas: table}).QuotaSet(); err != nil {
		v.fail(name, message.CheckUnrelaxedInvalid, "error", message.ReasonOf(err))
		return
	}
	seats := 0
	var changes []message.Reason
	for _, b := range r.Relaxation {
		seats += max(b.To-b.From, b.From-b.To)
		changes = append(changes, message.New(message.CheckRelaxedBound, "bound", b.Bound, "category", b.Category, "value", fmt.Sprintf("%q", b.Value), "from", b.From, "to", b.To))
	}
	v.pass(name, message.CheckRelaxed, "bounds", len(r.Relaxation), "seats", seats, "changes", changes)
}

// checkRelaxationAgainstFile checks the relaxation against the quota file
// q: every relaxed bound within the value's min_flex and max_flex, and no
// smaller relaxation within them letting a panel meet the quotas (an exact
// search).
func (v *verifier) checkRelaxationAgainstFile(q *quota.Set) {
	const name = "relaxation is the smallest"
	if v.pool == nil {
		v.fail(name, message.CheckCannotCheck, "error", message.ReasonOf(v.poolErr))
		return
	}
	seats := 0
	for _, b := range v.r.Relaxation {
		ci, _ := q.Category(b.Category)
		vi, _ := q.Categories[ci].Value(b.Value)
		val := q.Categories[ci].Values[vi]
		if (b.Bound == "min" && b.To < val.MinFlex) || (b.Bound == "max" && b.To > val.MaxFlex) {
			v.fail(name, message.CheckBeyondFlex, "bound", b.Bound, "category", b.Category, "value", fmt.Sprintf("%q", b.Value), "to", b.To)
			return
		}
		seats += max(b.To-b.From, b.From-b.To)
	}
	filePool := *v.pool
	filePool.Quotas = q
	problem, err := sortition.NewProblem(&filePool, v.r.K, v.household)
	var best *sortition.Relaxation
	if err == nil {
		best, err = sortition.MinimalRelaxation(v.ctx, problem)
	}
	if err != nil {
		v.fail(name, message.CheckCannotCheck, "error", message.ReasonOf(err))
		return
	}
	if best.Seats != seats {
		v.fail(name, message.CheckRelaxNotMinimal, "seats", seats, "best", best.Seats)
		return
	}
	v.pass(name, message.CheckRelaxMinimal, "seats", seats)
}

// checkPoolFile checks the pool file against the record: its SHA-256, and
// its content as read with the record's quota table and settings.
func (v *verifier) checkPoolFile() {
	name := "pool file " + v.in.PoolName
	v.title(name, message.TitlePoolFile, "file", v.in.PoolName)
	v.title(name+" content", message.TitlePoolFileContent, "file", v.in.PoolName)
	f := v.r.Inputs.Pool
	v.checkDigest(name, v.in.Pool, f.SHA256)
	q, err := v.r.QuotaSet()
	if err != nil {
		v.fail(name+" content", message.CheckPoolNoQuotas)
		return
	}
	p, err := sortition.ParsePool(v.in.PoolName, v.in.Pool, q, sortition.PoolOptions{IDColumn: v.r.Settings.IDColumn})
	if err != nil {
		v.fail(name+" content", message.CheckPoolUnreadable, "error", message.ReasonOf(err))
		return
	}
	var household []int
	if len(v.r.Settings.Households) > 0 {
		if household, err = p.Households(v.r.Settings.Households); err != nil {
			v.failErr(name+" content", err)
			return
		}
	}
	d, err := digest(PeopleTable(p, household))
	if err != nil || d != f.CanonicalSHA256 {
		v.fail(name+" content", message.CheckPoolContentDigest, "got", d, "want", f.CanonicalSHA256)
		return
	}
	v.pass(name+" content", message.CheckPoolContent)
	if v.r.Draw != nil {
		v.poolRows = p
	}
}

func (v *verifier) checkDigest(name string, data []byte, want string) {
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != want {
		v.fail(name, message.CheckDigestDiffers, "got", got, "want", want)
		return
	}
	v.pass(name, message.CheckFileDigest, "digest", want)
}

// checkPanel returns why the panel is not k distinct people of the pool
// meeting every quota and the household rule, or the zero Reason.
func (v *verifier) checkPanel(members []string) message.Reason {
	p := v.pool
	if len(members) != v.r.K {
		return message.New(message.PanelSize, "n", len(members), "k", v.r.K)
	}
	seen := make(map[int]bool, len(members))
	households := map[int]bool{}
	counts := make([][]int, len(p.Quotas.Categories))
	for c := range counts {
		counts[c] = make([]int, len(p.Quotas.Categories[c].Values))
	}
	last := -1
	for _, id := range members {
		i, ok := v.index[id]
		if !ok {
			return message.New(message.PanelNotInPool, "id", fmt.Sprintf("%q", id))
		}
		if seen[i] {
			return message.New(message.PanelTwice, "id", fmt.Sprintf("%q", id))
		}
		if i < last {
			return message.New(message.PanelOrder, "id", fmt.Sprintf("%q", id))
		}
		last = i
		seen[i] = true
		if v.household != nil {
			if households[v.household[i]] {
				return message.New(message.PanelHousehold, "id", fmt.Sprintf("%q", id))
			}
			households[v.household[i]] = true
		}
		for c, val := range p.People[i].Values {
			counts[c][val]++
		}
	}
	for c, cat := range p.Quotas.Categories {
		for j, val := range cat.Values {
			if n := counts[c][j]; n < val.Min || n > val.Max {
				return message.New(message.PanelOutside, "n", n, "category", cat.Name, "value", val.Name, "min", val.Min, "max", val.Max)
			}
		}
	}
	return message.Reason{}
}

// checkExact checks the exact lottery: probabilities, panels, the
// excluded, and the optimum against the probabilities it gives.
func (v *verifier) checkExact() {
	const name = "exact lottery"
	if v.pool == nil {
		v.fail(name, message.CheckCannotCheck, "error", message.ReasonOf(v.poolErr))
		return
	}
	l := &v.r.Lottery
	n := len(v.pool.People)
	v.excluded = make([]bool, n)
	last := -1
	for _, id := range l.Excluded {
		i, ok := v.index[id]
		if !ok || i <= last {
			v.fail(name, message.CheckExcludedNotInPool, "id", fmt.Sprintf("%q", id))
			return
		}
		last = i
		v.excluded[i] = true
	}
	if len(l.Distribution) == 0 {
		v.fail(name, message.CheckNoPanels)
		return
	}
	marginals := make([]float64, n)
	total := 0.0
	var panel []int
	for j, p := range l.Distribution {
		if !(p.Probability > 0 && p.Probability <= 1) {
			v.fail(name, message.CheckPanelProbability, "panel", j, "probability", message.Exact(p.Probability))
			return
		}
		var why message.Reason
		if panel, why = applyDelta(v.index, panel, p); !why.IsZero() {
			v.fail(name, message.CheckPanelDelta, "panel", j, "why", why)
			return
		}
		members := make([]string, len(panel))
		for m, i := range panel {
			members[m] = v.pool.People[i].ID
		}
		if why := v.checkPanel(members); !why.IsZero() {
			v.fail(name, message.CheckPanelQuotas, "panel", j, "why", why)
			return
		}
		total += p.Probability
		for _, i := range panel {
			marginals[i] += p.Probability
		}
	}
	if !v.within(tolSum, math.Abs(total-1)) {
		v.fail(name, message.CheckProbabilitySum, "panels", len(l.Distribution), "sum", message.Exact(total))
		return
	}
	minimum := math.Inf(1)
	for i, m := range marginals {
		if v.excluded[i] {
			if m != 0 {
				v.fail(name, message.CheckExcludedOnPanel, "id", fmt.Sprintf("%q", v.pool.People[i].ID))
				return
			}
			continue
		}
		minimum = math.Min(minimum, m)
	}
	if math.IsInf(minimum, 1) {
		v.fail(name, message.CheckAllExcluded)
		return
	}
	if !v.within(tolProbability, math.Abs(minimum-l.Optimum)) {
		v.fail(name, message.CheckMinimumDiffers, "minimum", message.Exact(minimum), "optimum", message.Exact(l.Optimum))
		return
	}
	v.marginals = marginals
	v.pass(name, message.CheckExact, "panels", len(l.Distribution), "optimum", message.Exact(l.Optimum))
}

// checkExclusions proves that the excluded can be on no panel.
func (v *verifier) checkExclusions() {
	const name = "exclusions"
	if v.marginals == nil || len(v.r.Lottery.Excluded) == 0 {
		return
	}
	w := make([]float64, len(v.excluded))
	for i, x := range v.excluded {
		if x {
			w[i] = 1
		}
	}
	best, err := v.maxPanelWeight(w)
	if err != nil {
		v.fail(name, message.CheckCannotCheck, "error", message.ReasonOf(err))
		return
	}
	if best > 0.5 {
		v.fail(name, message.CheckExcludedReachable, "n", fmt.Sprintf("%.0f", best))
		return
	}
	v.pass(name, message.CheckExcluded, "n", len(v.r.Lottery.Excluded))
}

// checkCertificate checks the optimality certificate: under the published
// weights no panel weighs more than the upper bound, which is within the
// gap of the optimum.
func (v *verifier) checkCertificate() {
	const name = "optimality certificate"
	if v.marginals == nil {
		v.fail(name, message.CheckNeedsExact)
		return
	}
	l := &v.r.Lottery
	if _, known := sortition.ObjectiveNamed(l.Algorithm); !known {
		v.fail(name, message.CheckUnknownAlgorithm, "algorithm", fmt.Sprintf("%q", l.Algorithm), "known", strings.Join(sortition.ObjectiveNames(), ", "))
		return
	}
	if gap := v.r.Settings.Gap; gap != CertifiedGap {
		v.fail(name, message.CheckGapClaimed, "gap", message.Exact(gap), "format", message.Exact(CertifiedGap))
		return
	}
	if !certified(l.Algorithm) {
		if len(l.Weights) > 0 || l.UpperBound != 0 {
			v.fail(name, message.CheckUncertifiedWeights, "algorithm", l.Algorithm)
			return
		}
		v.pass(name, message.CheckNoCertificate, "algorithm", l.Algorithm)
		return
	}
	if len(l.Weights) != len(v.pool.People) {
		v.fail(name, message.CheckWeightCount, "weights", len(l.Weights), "people", len(v.pool.People))
		return
	}
	sum := 0.0
	for i, w := range l.Weights {
		if !(w >= 0) || math.IsInf(w, 0) || (v.excluded[i] && w != 0) {
			v.fail(name, message.CheckWeightInvalid, "id", fmt.Sprintf("%q", v.pool.People[i].ID), "weight", message.Exact(w))
			return
		}
		sum += w
	}
	if !v.within(tolSum, math.Abs(sum-1)) {
		v.fail(name, message.CheckWeightSum, "sum", message.Exact(sum))
		return
	}
	const gap = CertifiedGap
	if !v.within(tolBound, l.Optimum-l.UpperBound) || !v.within(tolBound, l.UpperBound-l.Optimum-gap) {
		v.fail(name, message.CheckBoundRange, "bound", message.Exact(l.UpperBound), "optimum", message.Exact(l.Optimum), "gap", message.Exact(gap))
		return
	}
	best, err := v.maxPanelWeight(l.Weights)
	if err != nil {
		v.fail(name, message.CheckCannotCheck, "error", message.ReasonOf(err))
		return
	}
	if bound := best / sum; !v.within(tolBound, bound-l.UpperBound) {
		v.fail(name, message.CheckBoundBeaten, "weight", message.Exact(bound), "bound", message.Exact(l.UpperBound))
		return
	}
	v.pass(name, message.CheckCertificate, "best", message.Exact(best), "bound", message.Exact(l.UpperBound), "optimum", message.Exact(l.Optimum), "gap", message.Exact(gap))
}

// maxPanelWeight is sortition.MaxPanelWeight for the record's pool, panel
// size and household numbers.
func (v *verifier) maxPanelWeight(weights []float64) (float64, error) {
	problem, err := sortition.NewProblem(v.pool, v.r.K, v.household)
	if err != nil {
		return 0, err
	}
	return sortition.MaxPanelWeight(v.ctx, problem, weights)
}

// certified reports whether lotteries of the algorithm carry an optimality
// certificate (SPEC.md section 3; sortition.Objective.Certified).
func certified(algorithm string) bool {
	o, ok := sortition.ObjectiveNamed(algorithm)
	return ok && o.Certified
}

// leveled reports whether lotteries of the algorithm list their levels,
// each with its certificate (SPEC.md section 9.2; sortition.Objective.Levels).
func leveled(algorithm string) bool {
	o, ok := sortition.ObjectiveNamed(algorithm)
	return ok && o.Levels
}

// checkLevels checks a leximin lottery's levels (SPEC.md section 9.2):
// everyone not excluded is on one level, at exactly its probability, the
// others at least at it, and each level's certificate holds given the
// levels before it. Other algorithms must have no levels.
func (v *verifier) checkLevels() {
	const name = "leximin levels"
	l := &v.r.Lottery
	if !leveled(l.Algorithm) {
		if len(l.Levels) > 0 {
			v.fail(name, message.CheckLevelsUnexpected, "algorithm", l.Algorithm, "n", len(l.Levels))
		}
		return
	}
	if v.marginals == nil {
		v.fail(name, message.CheckNeedsExact)
		return
	}
	if len(l.Levels) == 0 {
		v.fail(name, message.CheckNoLevels)
		return
	}
	n := len(v.pool.People)
	level := make([]float64, n) // the level of the people fixed so far
	fixed := make([]bool, n)
	prev := math.Inf(-1)
	for j, lv := range l.Levels {
		if j == 0 && !v.within(tolLevel, math.Abs(lv.Probability-l.Optimum)) {
			v.fail(name, message.CheckFirstLevel, "level", message.Exact(lv.Probability), "optimum", message.Exact(l.Optimum))
			return
		}
		if j > 0 && !v.within(tolProbability, prev-lv.Probability) {
			v.fail(name, message.CheckLevelBelow, "level", j, "probability", message.Exact(lv.Probability), "previous", message.Exact(prev))
			return
		}
		prev = lv.Probability
		last := -1
		for _, id := range lv.People {
			i, ok := v.index[id]
			if !ok || i <= last || fixed[i] || v.excluded[i] {
				v.fail(name, message.CheckLevelPerson, "level", j, "id", fmt.Sprintf("%q", id))
				return
			}
			last = i
		}
		if len(lv.Weights) != n {
			v.fail(name, message.CheckLevelWeightCount, "level", j, "weights", len(lv.Weights), "people", n)
			return
		}
		sum, earlier := 0.0, 0.0
		for i, w := range lv.Weights {
			if !(w >= 0) || math.IsInf(w, 0) || (v.excluded[i] && w != 0) {
				v.fail(name, message.CheckLevelWeightInvalid, "level", j, "id", fmt.Sprintf("%q", v.pool.People[i].ID), "weight", message.Exact(w))
				return
			}
			if fixed[i] {
				earlier += float64(w * level[i])
			} else {
				sum += w
			}
		}
		if !v.within(tolSum, math.Abs(sum-1)) {
			v.fail(name, message.CheckLevelWeightSum, "level", j, "sum", message.Exact(sum))
			return
		}
		if !(lv.Offset >= 0) || !v.within(tolBound, lv.Offset-earlier) {
			v.fail(name, message.CheckLevelOffset, "level", j, "offset", message.Exact(lv.Offset), "earlier", message.Exact(earlier))
			return
		}
		best, err := v.maxPanelWeight(lv.Weights)
		if err != nil {
			v.fail(name, message.CheckCannotCheck, "error", message.ReasonOf(err))
			return
		}
		if !v.within(tolBound, best-lv.Offset-lv.Probability) {
			v.fail(name, message.CheckLevelBeaten, "level", j, "weight", message.Exact(best), "probability", message.Exact(lv.Probability), "offset", message.Exact(lv.Offset))
			return
		}
		for i, m := range v.marginals {
			if !v.excluded[i] && !fixed[i] && !v.within(tolLevel, lv.Probability-m) {
				v.fail(name, message.CheckBelowLevel, "level", j, "id", fmt.Sprintf("%q", v.pool.People[i].ID), "exact", message.Exact(m), "probability", message.Exact(lv.Probability))
				return
			}
		}
		for _, id := range lv.People {
			i := v.index[id]
			if m := v.marginals[i]; !v.within(tolLevel, math.Abs(m-lv.Probability)) {
				v.fail(name, message.CheckNotLevel, "level", j, "id", fmt.Sprintf("%q", id), "exact", message.Exact(m), "probability", message.Exact(lv.Probability))
				return
			}
			fixed[i], level[i] = true, lv.Probability
		}
	}
	for i := range fixed {
		if !fixed[i] && !v.excluded[i] {
			v.fail(name, message.CheckOnNoLevel, "id", fmt.Sprintf("%q", v.pool.People[i].ID))
			return
		}
	}
	v.pass(name, message.CheckLevels, "n", len(l.Levels), "from", message.Exact(l.Levels[0].Probability), "to", message.Exact(prev))
}

// checkUniform checks the uniform lottery's panels and its summary.
func (v *verifier) checkUniform() {
	const name = "uniform lottery"
	if v.pool == nil {
		v.fail(name, message.CheckCannotCheck, "error", message.ReasonOf(v.poolErr))
		return
	}
	l := &v.r.Lottery
	if l.M < 1 || len(l.Panels) != l.M {
		v.fail(name, message.CheckPanelsNotM, "panels", len(l.Panels), "m", l.M)
		return
	}
	for j, p := range l.Panels {
		if why := v.checkPanel(p.Members); !why.IsZero() {
			v.fail(name, message.CheckPanelQuotas, "panel", j, "why", why)
			return
		}
	}
	tickets, _, err := v.r.Tickets()
	if err != nil {
		v.failErr(name, err)
		return
	}
	if v.marginals == nil {
		v.fail(name, message.CheckUniformNeedsExact, "m", l.M)
		return
	}
	minimum, shift := 1.0, 0.0
	for i, t := range tickets {
		p := float64(t) / float64(l.M)
		if !v.excluded[i] {
			minimum = math.Min(minimum, p)
		}
		shift = math.Max(shift, math.Abs(p-v.marginals[i]))
	}
	if !v.within(tolProbability, math.Abs(minimum-l.UniformMinimum)) {
		v.fail(name, message.CheckUniformMinimum, "got", message.Exact(minimum), "want", message.Exact(l.UniformMinimum))
		return
	}
	if !v.within(tolProbability, math.Abs(shift-l.MaxShift)) {
		v.fail(name, message.CheckUniformShift, "got", message.Exact(shift), "want", message.Exact(l.MaxShift))
		return
	}
	v.pass(name, message.CheckUniform, "m", l.M, "minimum", message.Exact(minimum), "optimum", message.Exact(l.Optimum), "shift", message.Exact(shift))
	const faithful = "uniform lottery is faithful"
	if why := faithfulness(l.M, tickets, v.marginals, func(i int) string { return fmt.Sprintf("%q", v.pool.People[i].ID) }); !why.IsZero() {
		v.fail(faithful, message.CheckUnfaithful, "why", why)
		return
	}
	v.pass(faithful, message.CheckFaithful, "m", l.M, "min", MinUniformPanels, "tickets", MaxShiftTickets, "largest", fmt.Sprintf("%.3g", shift*float64(l.M)))
}

// checkCommitment recomputes the commitment.
func (v *verifier) checkCommitment() {
	c, err := v.r.Commit()
	if err != nil {
		v.fail("commitment", message.CheckCannotCompute, "error", message.ReasonOf(err))
		return
	}
	if c != v.r.Commitment {
		v.fail("commitment", message.CheckCommitmentDiffers, "got", c, "want", v.r.Commitment)
		return
	}
	v.pass("commitment", message.CheckCommitment, "commitment", c)
}

// checkDraw checks seed → index → panel.
func (v *verifier) checkDraw() {
	const name = "draw"
	d := v.r.Draw
	if d == nil {
		v.pass(name, message.CheckNotDrawn)
		return
	}
	c, ok := decodeCommitment(v.r.Commitment)
	if !ok {
		v.fail(name, message.CheckCommitmentForm, "commitment", fmt.Sprintf("%q", v.r.Commitment))
		return
	}
	if d.Seed == "" || !utf8.ValidString(d.Seed) {
		v.fail(name, message.CheckSeedEmpty)
		return
	}
	if why := checkSeedKind(d.Seed, d.SeedKind, v.r.Replaces != nil); !why.IsZero() {
		v.fail(name, message.CheckSeedKindWrong, "seed", fmt.Sprintf("%q", d.Seed), "kind", fmt.Sprintf("%q", d.SeedKind), "why", why)
		return
	}
	m := v.r.Lottery.M
	if m < 1 || len(v.r.Lottery.Panels) != m {
		v.fail(name, message.CheckDrawPanels, "panels", len(v.r.Lottery.Panels), "m", m)
		return
	}
	index, _ := DrawIndex(c, d.Seed, uint64(m))
	if int(index) != d.Index {
		v.fail(name, message.CheckIndexDiffers, "seed", fmt.Sprintf("%q", d.Seed), "index", index, "recorded", d.Index)
		return
	}
	if want := v.r.Lottery.Panels[index].Members; !slices.Equal(d.Selected, want) {
		v.fail(name, message.CheckSelectedDiffers, "index", index)
		return
	}
	v.pass(name, message.CheckDraw, "seed", fmt.Sprintf("%q", d.Seed), "kind", SeedKindReason(d.SeedKind), "index", index, "m", m)
}

// checkAlternates checks the draw's alternates: the first ones of the
// list that the commitment, the seed and the uniform panels give
// (SPEC.md 7.1). Only a record with alternates gets this check.
func (v *verifier) checkAlternates() {
	const name = "alternates"
	d := v.r.Draw
	if d != nil && d.Dropout != nil {
		v.checkDropout()
		return
	}
	if d == nil || len(d.Alternates) == 0 {
		return
	}
	m := v.r.Lottery.M
	if m < 1 || len(v.r.Lottery.Panels) != m || d.Index < 0 || d.Index >= m {
		v.fail(name, message.CheckIndexOutOfRange, "index", d.Index, "m", m)
		return
	}
	want, err := v.r.alternates(len(d.Alternates))
	if err != nil {
		v.fail(name, message.CheckCannotCheck, "error", message.ReasonOf(err))
		return
	}
	if why := compareLists(d.Alternates, want); !why.IsZero() {
		v.fail(name, message.CheckAlternatesDiffer, "why", why)
		return
	}
	v.pass(name, message.CheckAlternates, "n", len(want))
}

// compareLists returns where got and want first differ, or the zero
// Reason.
func compareLists(got, want []string) message.Reason {
	for j := 0; j < len(got) && j < len(want); j++ {
		if got[j] != want[j] {
			return message.New(message.ListRankDiffers, "rank", j+1, "got", fmt.Sprintf("%q", got[j]), "want", fmt.Sprintf("%q", want[j]))
		}
	}
	if len(got) != len(want) {
		return message.New(message.ListLengthDiffers, "got", len(got), "want", len(want))
	}
	return message.Reason{}
}

// checkAlternatesFile checks alternates.csv: absent without alternates,
// else their ranks and rows (compared with the pool file when given, else
// by the ids in its id column).
func (v *verifier) checkAlternatesFile() {
	const name = AlternatesFile
	d := v.r.Draw
	if d == nil || len(d.Alternates) == 0 {
		if _, err := fs.Stat(v.in.Dir, name); err == nil {
			v.fail(name, message.CheckNoAlternatesListed)
		}
		return
	}
	got, err := v.readCSV(name)
	if err != nil {
		v.fileError(name, err)
		return
	}
	if len(got) > 0 && slices.Equal(got[0], []string{"rank", IDHeader}) {
		v.checkRankedIDs(name, got, d.Alternates)
		return
	}
	if v.poolRows != nil {
		header, rows, err := v.r.AlternatesTable(v.poolRows)
		if err != nil {
			v.fail(name, message.CheckCannotCheckPool, "error", message.ReasonOf(err))
			return
		}
		if why := compareRows(got, append([][]string{header}, rows...)); !why.IsZero() {
			v.fail(name, message.CheckAlternateRowsDiffer, "why", why)
			return
		}
		v.pass(name, message.CheckAlternateRows, "n", len(rows))
		return
	}
	if len(got) == 0 || len(got[0]) == 0 || got[0][0] != "rank" {
		v.fail(name, message.CheckNoRankColumn)
		return
	}
	if len(got)-1 != len(d.Alternates) {
		v.fail(name, message.CheckCountDiffers, "got", len(got)-1, "want", len(d.Alternates))
		return
	}
	for j, row := range got[1:] {
		if row[0] != fmt.Sprint(j+1) {
			v.fail(name, message.CheckRankDiffers, "row", j+2, "got", fmt.Sprintf("%q", row[0]), "want", j+1)
			return
		}
	}
	col := v.r.Settings.IDColumn
	if col == "" {
		v.pass(name, message.CheckAlternateRanks, "n", len(d.Alternates))
		return
	}
	columns, _ := table.Columns(got[0][1:])
	c, ok := columns[table.Key(col)]
	if !ok {
		v.fail(name, message.CheckNoIDColumn, "column", fmt.Sprintf("%q", col))
		return
	}
	for j, row := range got[1:] {
		if id := strings.TrimSpace(row[c+1]); id != d.Alternates[j] {
			v.fail(name, message.CheckIDDiffers, "row", j+2, "got", fmt.Sprintf("%q", id), "want", fmt.Sprintf("%q", d.Alternates[j]))
			return
		}
	}
	v.pass(name, message.CheckAlternatesHeld, "n", len(d.Alternates))
}

// checkRankedIDs checks the public form of alternates.csv: rank,id, then
// the ranks 1, 2, … and the alternates' ids in rank order.
func (v *verifier) checkRankedIDs(name string, got [][]string, ids []string) {
	header, rows, _ := (&Record{Draw: &Draw{Alternates: ids}}).PublicAlternatesTable()
	if why := compareRows(got, append([][]string{header}, rows...)); !why.IsZero() {
		v.fail(name, message.CheckAlternateIDsDiffer, "why", why)
		return
	}
	v.pass(name, message.CheckAlternateIDs, "n", len(ids))
}

// checkTableFile checks that a CSV file holds the table the record implies.
func (v *verifier) checkTableFile(name string, table func() ([]string, [][]string, error)) {
	header, rows, err := table()
	if err != nil {
		v.fail(name, message.CheckCannotCheck, "error", message.ReasonOf(err))
		return
	}
	got, err := v.readCSV(name)
	if err != nil {
		v.fileError(name, err)
		return
	}
	want := append([][]string{header}, rows...)
	if why := compareRows(got, want); !why.IsZero() {
		v.add(name, false, why)
		return
	}
	v.pass(name, message.CheckAgrees, "n", len(rows))
}

// checkPanelFiles checks panel.csv and remaining.csv.
func (v *verifier) checkPanelFiles() {
	d := v.r.Draw
	if d == nil {
		for _, name := range []string{PanelFile, RemainingFile} {
			if _, err := fs.Stat(v.in.Dir, name); err == nil {
				v.fail(name, message.CheckNoDraw)
			}
		}
		return
	}
	if v.pool == nil {
		v.fail(PanelFile, message.CheckCannotCheck, "error", message.ReasonOf(v.poolErr))
		return
	}
	selected := map[string]bool{}
	for _, id := range d.Selected {
		selected[id] = true
	}
	var wantPanel, wantRemaining []string // ids, in pool order
	for _, person := range v.pool.People {
		if selected[person.ID] {
			wantPanel = append(wantPanel, person.ID)
		} else {
			wantRemaining = append(wantRemaining, person.ID)
		}
	}
	var rowsPanel, rowsRemaining [][]string
	var header []string
	if v.poolRows != nil {
		var err error
		if rowsPanel, rowsRemaining, err = v.r.SplitPool(v.poolRows); err != nil {
			v.fail(PanelFile, message.CheckCannotCheckPool, "error", message.ReasonOf(err))
			return
		}
		header = v.poolRows.Header
	}
	for _, f := range []struct {
		name string
		ids  []string
		rows [][]string
	}{{PanelFile, wantPanel, rowsPanel}, {RemainingFile, wantRemaining, rowsRemaining}} {
		got, err := v.readCSV(f.name)
		if err != nil {
			v.fileError(f.name, err)
			continue
		}
		if header != nil && (len(got) == 0 || !isIDTable(got[0])) {
			if why := compareRows(got, append([][]string{header}, f.rows...)); !why.IsZero() {
				v.fail(f.name, message.CheckRowsDiffer, "why", why)
			} else {
				v.pass(f.name, message.CheckRows, "n", len(f.rows))
			}
			continue
		}
		v.checkIDs(f.name, got, f.ids)
	}
}

// checkIDs checks a panel.csv, remaining.csv or completed.csv by its ids:
// in its public form (the column id alone), every id; in its private form
// without the pool file, the ids in its id column, or only its number of
// rows when people are identified by row number.
func (v *verifier) checkIDs(name string, got [][]string, ids []string) {
	if len(got) == 0 {
		v.fail(name, message.CheckFileEmpty)
		return
	}
	rows := got[1:]
	if len(rows) != len(ids) {
		v.fail(name, message.CheckCountDiffers, "got", len(rows), "want", len(ids))
		return
	}
	col := v.r.Settings.IDColumn
	if isIDTable(got[0]) {
		col = IDHeader
	}
	if col == "" {
		v.pass(name, message.CheckRowCount, "n", len(rows))
		return
	}
	columns, _ := table.Columns(got[0])
	c, ok := columns[table.Key(col)]
	if !ok {
		v.fail(name, message.CheckNoIDColumn, "column", fmt.Sprintf("%q", col))
		return
	}
	for j, row := range rows {
		if strings.TrimSpace(row[c]) != ids[j] {
			v.fail(name, message.CheckIDDiffers, "row", j+2, "got", fmt.Sprintf("%q", strings.TrimSpace(row[c])), "want", fmt.Sprintf("%q", ids[j]))
			return
		}
	}
	v.pass(name, message.CheckRightPeople, "n", len(rows))
}

// readCSV reads a CSV file of the directory.
func (v *verifier) readCSV(name string) ([][]string, error) {
	data, err := fs.ReadFile(v.in.Dir, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errAbsent
	}
	if err != nil {
		return nil, message.Errorf(message.CheckUnreadable, "error", message.ReasonOf(err))
	}
	// As tirage reads its inputs: with or without a byte-order mark, the
	// separator (the pool file's: ',', ';' or a tab) found from the header.
	t, err := table.Parse(data)
	if err != nil {
		return nil, message.Errorf(message.CheckNotCSV, "error", message.ReasonOf(err))
	}
	rows := [][]string{t.Header}
	for _, rec := range t.Records {
		rows = append(rows, rec.Fields)
	}
	return rows, nil
}

// compareRows returns where got and want first differ, or the zero
// Reason.
func compareRows(got, want [][]string) message.Reason {
	for i := 0; i < len(got) && i < len(want); i++ {
		if !slices.Equal(got[i], want[i]) {
			return message.New(message.RowsLineDiffers, "line", i+1, "got", fmt.Sprintf("%q", strings.Join(got[i], ",")), "want", fmt.Sprintf("%q", strings.Join(want[i], ",")))
		}
	}
	if len(got) != len(want) {
		return message.New(message.RowsCountDiffers, "got", len(got), "want", len(want))
	}
	return message.Reason{}
}

// SeedKindReason says where a seed came from, as SeedKindPhrase does, as
// a reason.
func SeedKindReason(kind SeedKind) message.Reason {
	switch kind {
	case SeedText:
		return message.New(message.CheckSeedText)
	case SeedNumbers:
		return message.New(message.CheckSeedNumbers)
	case SeedGenerated:
		return message.New(message.CheckSeedGenerated)
	case SeedDerived:
		return message.New(message.CheckSeedDerived)
	}
	return message.New(message.TableDetail, "detail", SeedKindPhrase(kind))
}
