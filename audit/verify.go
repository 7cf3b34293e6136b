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
	// Name says what was checked, such as "commitment" or "panel.csv".
	Name string
	OK   bool
	// Detail says what was found, in an English sentence.
	Detail string
	// Reason is what was found as data (a message.Check… code with its
	// numbers): for every check that passed, and for the common failures
	// (a published file changed); the zero Reason for the other failures,
	// whose Detail only says why.
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
	// Progress, if not nil, is called with a few words on what is being
	// checked as each check begins (from the goroutine calling Verify).
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

func (v *verifier) pass(name string, code message.Code, pairs ...any) {
	r := message.New(code, pairs...)
	v.checks = append(v.checks, Check{Name: name, OK: true, Detail: r.String(), Reason: r})
}

func (v *verifier) fail(name, format string, args ...any) {
	v.checks = append(v.checks, Check{Name: name, Detail: fmt.Sprintf(format, args...)})
}

// failBecause records a failed check whose finding is a reason.
func (v *verifier) failBecause(name string, code message.Code, pairs ...any) {
	r := message.New(code, pairs...)
	v.checks = append(v.checks, Check{Name: name, Detail: r.String(), Reason: r})
}

// errAbsent is readCSV's error for a file that is not in the folder.
var errAbsent = errors.New("is not in the folder")

// fileError records a file that could not be read: absent (not checked),
// or failed.
func (v *verifier) fileError(name string, err error) {
	if errors.Is(err, errAbsent) {
		r := message.New(message.CheckFileAbsent)
		v.checks = append(v.checks, Check{Name: name, OK: true, Absent: true, Detail: r.String(), Reason: r})
		return
	}
	v.fail(name, "%v", err)
}

func (v *verifier) run() {
	data, err := fs.ReadFile(v.in.Dir, RecordFile)
	if err != nil {
		v.fail("record", "cannot read %s: %v", RecordFile, err)
		return
	}
	data, bom := bytes.CutPrefix(data, []byte(BOM))
	v.r, err = ParseRecord(data)
	if err != nil {
		v.fail("record", "%s: %v", RecordFile, err)
		return
	}
	r := v.r
	v.pass("record", message.CheckRecord, "file", RecordFile, "format", Format, "k", r.K, "n", len(r.People.Rows))
	at := func(what string) {
		if v.in.Progress != nil {
			v.in.Progress(what)
		}
	}
	at("the record's form and tables")
	v.checkCanonical(data, bom)
	v.checkSteps()
	v.checkTables()
	v.checkRelaxation()
	if r.Replaces != nil {
		// The inputs are the original's, checked with it.
		at("the selections it replaces")
		v.checkChain()
	} else {
		if v.in.Quotas != nil {
			at("the quota file")
			v.checkQuotaFile()
		}
		if v.in.Pool != nil {
			at("the pool file")
			v.checkPoolFile()
		}
	}
	at("the exact lottery")
	v.checkExact()
	at("the exclusions")
	v.checkExclusions()
	at("the optimality certificate (exact search)")
	v.checkCertificate()
	if leveled(r.Lottery.Algorithm) {
		at("the leximin levels (exact searches)")
	}
	v.checkLevels()
	at("the uniform lottery")
	v.checkUniform()
	at("the commitment and the draw")
	v.checkCommitment()
	v.checkDraw()
	v.checkAlternates()
	at("the CSV files")
	v.checkTableFile(ProbabilitiesFile, r.ProbabilitiesTable)
	v.checkTableFile(ReceiptsFile, r.ReceiptsTable)
	v.checkPanelFiles()
	v.checkAlternatesFile()
	at("the reports")
	v.checkReports()
}

// checkCanonical checks that the record's bytes are its canonical layout
// (after a byte-order mark, when bom). A record that differs from it only
// in white space outside strings, such as CRLF line ends or another
// indentation, passes with a note: the same tokens, so the same content.
func (v *verifier) checkCanonical(data []byte, bom bool) {
	want, err := v.r.MarshalIndent()
	if err != nil {
		v.fail("canonical form", "the record cannot be written canonically: %v", err)
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
	v.failBecause("canonical form", message.CheckNotCanonical, "file", RecordFile, "line", line)
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
			v.fail(name, "cannot be read: %v", err)
		case !bytes.Contains(data, []byte(digest)) || !bytes.Contains(data, []byte(v.r.Commitment)):
			v.failBecause(name, message.CheckReportNotMade, "digest", digest)
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
			v.fail("steps", "the time %q of the step %q is not a UTC time such as 2006-01-02T15:04:05Z", s.Time, s.Step)
			return
		}
		if t.Before(prev) {
			v.fail("steps", "the step %q at %s comes before the previous step's time", s.Step, s.Time)
			return
		}
		prev = t
	}
	if !slices.Equal(names, want) {
		v.fail("steps", "the steps are %q, not %q", names, want)
		return
	}
	v.pass("steps", message.CheckSteps, "steps", strings.Join(names, ", "))
}

// checkTables checks the quota table and the people, and their canonical
// digests against the ones recorded for the input files.
func (v *verifier) checkTables() {
	r := v.r
	if _, err := r.QuotaSet(); err != nil {
		v.fail("quota table", "%v", err)
	} else if r.Replaces != nil {
		v.pass("quota table", message.CheckQuotasReduced, "categories", len(r.Quotas), "values", countValues(r.Quotas))
	} else if _, err := r.FileQuotas(); err != nil {
		v.fail("quota table", "%v", err)
	} else if d, err := r.QuotasDigest(); err != nil || d != r.Inputs.Quotas.CanonicalSHA256 {
		v.fail("quota table", "its canonical SHA-256 (with any relaxation undone) is %s, not the quota file's canonical_sha256 %s", d, r.Inputs.Quotas.CanonicalSHA256)
	} else {
		v.pass("quota table", message.CheckQuotaTable, "categories", len(r.Quotas), "values", countValues(r.Quotas))
	}
	v.pool, v.household, v.poolErr = r.Pool()
	if v.poolErr != nil {
		v.fail("people", "%v", v.poolErr)
	} else if r.Replaces != nil {
		v.pass("people", message.CheckPeopleReplace, "n", len(v.pool.People))
	} else if d, err := r.PeopleDigest(); err != nil || d != r.Inputs.Pool.CanonicalSHA256 {
		v.fail("people", "their canonical SHA-256 is %s, not the pool file's canonical_sha256 %s", d, r.Inputs.Pool.CanonicalSHA256)
	} else {
		households := message.New(message.CheckNoHouseholds)
		if v.household != nil {
			households = message.New(message.CheckHouseholds, "n", countDistinct(v.household))
		}
		v.pass("people", message.CheckPeople, "n", len(v.pool.People), "households", households)
	}
	v.index = r.personIndex()
	if v.pool != nil && (r.K < 1 || r.K > len(v.pool.People)) {
		v.fail("people", "the panel size k = %d is not between 1 and the %d people", r.K, len(v.pool.People))
		v.pool, v.poolErr = nil, errors.New("k is out of range")
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
	f := v.r.Inputs.Quotas
	v.checkDigest(name, v.in.Quotas, f.SHA256)
	q, err := quota.Parse(v.in.QuotasName, v.in.Quotas)
	if err != nil {
		v.fail(name+" content", "cannot be read: %v", err)
		return
	}
	if v.r.K >= 1 {
		q = q.ForPanel(v.r.K) // bounds for the values given by share
	}
	d, err := digest(QuotaTable(q))
	if err != nil || d != f.CanonicalSHA256 {
		v.fail(name+" content", "its quota table's canonical SHA-256 is %s, not the committed %s", d, f.CanonicalSHA256)
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
		v.fail(name, "%v", err)
		return
	}
	if _, err := (&Record{Quotas: table}).QuotaSet(); err != nil {
		v.fail(name, "the quota file's table, with the relaxation undone, is invalid: %v", err)
		return
	}
	seats := 0
	var changes []string
	for _, b := range r.Relaxation {
		seats += max(b.To-b.From, b.From-b.To)
		changes = append(changes, fmt.Sprintf("%s of %s %q %d → %d", b.Bound, b.Category, b.Value, b.From, b.To))
	}
	v.pass(name, message.CheckRelaxed, "bounds", len(r.Relaxation), "seats", seats, "changes", strings.Join(changes, ", "))
}

// checkRelaxationAgainstFile checks the relaxation against the quota file
// q: every relaxed bound within the value's min_flex and max_flex, and no
// smaller relaxation within them letting a panel meet the quotas (an exact
// search).
func (v *verifier) checkRelaxationAgainstFile(q *quota.Set) {
	const name = "relaxation is the smallest"
	if v.pool == nil {
		v.fail(name, "cannot be checked: %v", v.poolErr)
		return
	}
	seats := 0
	for _, b := range v.r.Relaxation {
		ci, _ := q.Category(b.Category)
		vi, _ := q.Categories[ci].Value(b.Value)
		val := q.Categories[ci].Values[vi]
		if (b.Bound == "min" && b.To < val.MinFlex) || (b.Bound == "max" && b.To > val.MaxFlex) {
			v.fail(name, "the %s of %s %q is relaxed to %d, beyond the quota file's flex limit", b.Bound, b.Category, b.Value, b.To)
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
		v.fail(name, "cannot be checked: %v", err)
		return
	}
	if best.Seats != seats {
		v.fail(name, "the relaxation moves the bounds by %d seats, but the smallest relaxation within min_flex and max_flex moves them by %d", seats, best.Seats)
		return
	}
	v.pass(name, message.CheckRelaxMinimal, "seats", seats)
}

// checkPoolFile checks the pool file against the record: its SHA-256, and
// its content as read with the record's quota table and settings.
func (v *verifier) checkPoolFile() {
	name := "pool file " + v.in.PoolName
	f := v.r.Inputs.Pool
	v.checkDigest(name, v.in.Pool, f.SHA256)
	q, err := v.r.QuotaSet()
	if err != nil {
		v.fail(name+" content", "cannot be read without a valid quota table")
		return
	}
	p, err := sortition.ParsePool(v.in.PoolName, v.in.Pool, q, sortition.PoolOptions{IDColumn: v.r.Settings.IDColumn})
	if err != nil {
		v.fail(name+" content", "cannot be read with the record's quota table and id column: %v", err)
		return
	}
	var household []int
	if len(v.r.Settings.Households) > 0 {
		if household, err = p.Households(v.r.Settings.Households); err != nil {
			v.fail(name+" content", "%v", err)
			return
		}
	}
	d, err := digest(PeopleTable(p, household))
	if err != nil || d != f.CanonicalSHA256 {
		v.fail(name+" content", "its people's canonical SHA-256 is %s, not the committed %s", d, f.CanonicalSHA256)
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
		v.failBecause(name, message.CheckDigestDiffers, "got", got, "want", want)
		return
	}
	v.pass(name, message.CheckFileDigest, "digest", want)
}

// checkPanel returns why the panel is not k distinct people of the pool
// meeting every quota and the household rule, or "".
func (v *verifier) checkPanel(members []string) string {
	p := v.pool
	if len(members) != v.r.K {
		return fmt.Sprintf("it has %d members, not k = %d", len(members), v.r.K)
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
			return fmt.Sprintf("%q is not in the pool", id)
		}
		if seen[i] {
			return fmt.Sprintf("%q is on it twice", id)
		}
		if i < last {
			return fmt.Sprintf("its members are not in pool order (%q)", id)
		}
		last = i
		seen[i] = true
		if v.household != nil {
			if households[v.household[i]] {
				return fmt.Sprintf("%q shares a household with another member", id)
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
				return fmt.Sprintf("it has %d with %s %s, outside [%d, %d]", n, cat.Name, val.Name, val.Min, val.Max)
			}
		}
	}
	return ""
}

// checkExact checks the exact lottery: probabilities, panels, the
// excluded, and the optimum against the probabilities it gives.
func (v *verifier) checkExact() {
	const name = "exact lottery"
	if v.pool == nil {
		v.fail(name, "cannot be checked: %v", v.poolErr)
		return
	}
	l := &v.r.Lottery
	n := len(v.pool.People)
	v.excluded = make([]bool, n)
	last := -1
	for _, id := range l.Excluded {
		i, ok := v.index[id]
		if !ok || i <= last {
			v.fail(name, "the excluded %q is not a person of the pool listed once in pool order", id)
			return
		}
		last = i
		v.excluded[i] = true
	}
	if len(l.Distribution) == 0 {
		v.fail(name, "the distribution has no panels")
		return
	}
	marginals := make([]float64, n)
	total := 0.0
	var panel []int
	for j, p := range l.Distribution {
		if !(p.Probability > 0 && p.Probability <= 1) {
			v.fail(name, "panel %d has the probability %v, not in (0, 1]", j, p.Probability)
			return
		}
		var why string
		if panel, why = applyDelta(v.index, panel, p); why != "" {
			v.fail(name, "panel %d: %s", j, why)
			return
		}
		members := make([]string, len(panel))
		for m, i := range panel {
			members[m] = v.pool.People[i].ID
		}
		if why := v.checkPanel(members); why != "" {
			v.fail(name, "panel %d does not meet the quotas: %s", j, why)
			return
		}
		total += p.Probability
		for _, i := range panel {
			marginals[i] += p.Probability
		}
	}
	if !v.within(tolSum, math.Abs(total-1)) {
		v.fail(name, "the probabilities of its %d panels add up to %v, not 1", len(l.Distribution), total)
		return
	}
	minimum := math.Inf(1)
	for i, m := range marginals {
		if v.excluded[i] {
			if m != 0 {
				v.fail(name, "%q is listed as excluded but is on a panel", v.pool.People[i].ID)
				return
			}
			continue
		}
		minimum = math.Min(minimum, m)
	}
	if math.IsInf(minimum, 1) {
		v.fail(name, "everyone is excluded")
		return
	}
	if !v.within(tolProbability, math.Abs(minimum-l.Optimum)) {
		v.fail(name, "the smallest probability it gives is %v, not the optimum %v", minimum, l.Optimum)
		return
	}
	v.marginals = marginals
	v.pass(name, message.CheckExact, "panels", len(l.Distribution), "optimum", fmt.Sprint(l.Optimum))
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
		v.fail(name, "cannot be checked: %v", err)
		return
	}
	if best > 0.5 {
		v.fail(name, "a panel that meets the quotas includes %.0f of the people listed as excluded", best)
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
		v.fail(name, "cannot be checked without a valid exact lottery")
		return
	}
	l := &v.r.Lottery
	if _, known := sortition.ObjectiveNamed(l.Algorithm); !known {
		v.fail(name, "the algorithm %q is not one tirage knows (%s)", l.Algorithm, strings.Join(sortition.ObjectiveNames(), ", "))
		return
	}
	if gap := v.r.Settings.Gap; gap != CertifiedGap {
		v.fail(name, "the record claims a gap of %v between the optimum and the upper bound; the format's gap is %v, whatever the record says", gap, CertifiedGap)
		return
	}
	if !certified(l.Algorithm) {
		if len(l.Weights) > 0 || l.UpperBound != 0 {
			v.fail(name, "a %s lottery has no optimality certificate, but the record gives weights or an upper bound", l.Algorithm)
			return
		}
		v.pass(name, message.CheckNoCertificate, "algorithm", l.Algorithm)
		return
	}
	if len(l.Weights) != len(v.pool.People) {
		v.fail(name, "%d weights for %d people", len(l.Weights), len(v.pool.People))
		return
	}
	sum := 0.0
	for i, w := range l.Weights {
		if !(w >= 0) || math.IsInf(w, 0) || (v.excluded[i] && w != 0) {
			v.fail(name, "the weight of %q is %v: weights must be 0 or more, and 0 for the excluded", v.pool.People[i].ID, w)
			return
		}
		sum += w
	}
	if !v.within(tolSum, math.Abs(sum-1)) {
		v.fail(name, "the weights add up to %v, not 1", sum)
		return
	}
	const gap = CertifiedGap
	if !v.within(tolBound, l.Optimum-l.UpperBound) || !v.within(tolBound, l.UpperBound-l.Optimum-gap) {
		v.fail(name, "the upper bound %v is not between the optimum %v and the optimum plus the format's gap %v", l.UpperBound, l.Optimum, gap)
		return
	}
	best, err := v.maxPanelWeight(l.Weights)
	if err != nil {
		v.fail(name, "cannot be checked: %v", err)
		return
	}
	if bound := best / sum; !v.within(tolBound, bound-l.UpperBound) {
		v.fail(name, "a panel weighs %v under the published weights, more than the claimed upper bound %v", bound, l.UpperBound)
		return
	}
	v.pass(name, message.CheckCertificate, "best", fmt.Sprint(best), "bound", fmt.Sprint(l.UpperBound), "optimum", fmt.Sprint(l.Optimum), "gap", fmt.Sprint(gap))
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
			v.fail(name, "a %s lottery has %d leximin levels", l.Algorithm, len(l.Levels))
		}
		return
	}
	if v.marginals == nil {
		v.fail(name, "cannot be checked without a valid exact lottery")
		return
	}
	if len(l.Levels) == 0 {
		v.fail(name, "a leximin lottery lists no levels")
		return
	}
	n := len(v.pool.People)
	level := make([]float64, n) // the level of the people fixed so far
	fixed := make([]bool, n)
	prev := math.Inf(-1)
	for j, lv := range l.Levels {
		if j == 0 && !v.within(tolLevel, math.Abs(lv.Probability-l.Optimum)) {
			v.fail(name, "the first level %v is not the optimum %v", lv.Probability, l.Optimum)
			return
		}
		if j > 0 && !v.within(tolProbability, prev-lv.Probability) {
			v.fail(name, "level %d (%v) is below the level before it (%v)", j, lv.Probability, prev)
			return
		}
		prev = lv.Probability
		last := -1
		for _, id := range lv.People {
			i, ok := v.index[id]
			if !ok || i <= last || fixed[i] || v.excluded[i] {
				v.fail(name, "level %d lists %q, who is not a selectable person of the pool listed once, in pool order, on one level", j, id)
				return
			}
			last = i
		}
		if len(lv.Weights) != n {
			v.fail(name, "level %d has %d weights for %d people", j, len(lv.Weights), n)
			return
		}
		sum, earlier := 0.0, 0.0
		for i, w := range lv.Weights {
			if !(w >= 0) || math.IsInf(w, 0) || (v.excluded[i] && w != 0) {
				v.fail(name, "level %d weighs %q %v: weights must be 0 or more, and 0 for the excluded", j, v.pool.People[i].ID, w)
				return
			}
			if fixed[i] {
				earlier += float64(w * level[i])
			} else {
				sum += w
			}
		}
		if !v.within(tolSum, math.Abs(sum-1)) {
			v.fail(name, "level %d: the weights of the people not on an earlier level add up to %v, not 1", j, sum)
			return
		}
		if !(lv.Offset >= 0) || !v.within(tolBound, lv.Offset-earlier) {
			v.fail(name, "level %d: the offset %v is not between 0 and %v, what the earlier levels guarantee under its weights", j, lv.Offset, earlier)
			return
		}
		best, err := v.maxPanelWeight(lv.Weights)
		if err != nil {
			v.fail(name, "cannot be checked: %v", err)
			return
		}
		if !v.within(tolBound, best-lv.Offset-lv.Probability) {
			v.fail(name, "level %d: a panel weighs %v under its weights, more than the level %v plus the offset %v", j, best, lv.Probability, lv.Offset)
			return
		}
		for i, m := range v.marginals {
			if !v.excluded[i] && !fixed[i] && !v.within(tolLevel, lv.Probability-m) {
				v.fail(name, "level %d: %q has the exact probability %v, below the level %v", j, v.pool.People[i].ID, m, lv.Probability)
				return
			}
		}
		for _, id := range lv.People {
			i := v.index[id]
			if m := v.marginals[i]; !v.within(tolLevel, math.Abs(m-lv.Probability)) {
				v.fail(name, "level %d: %q has the exact probability %v, not the level %v", j, id, m, lv.Probability)
				return
			}
			fixed[i], level[i] = true, lv.Probability
		}
	}
	for i := range fixed {
		if !fixed[i] && !v.excluded[i] {
			v.fail(name, "%q is on no level", v.pool.People[i].ID)
			return
		}
	}
	v.pass(name, message.CheckLevels, "n", len(l.Levels), "from", fmt.Sprint(l.Levels[0].Probability), "to", fmt.Sprint(prev))
}

// checkUniform checks the uniform lottery's panels and its summary.
func (v *verifier) checkUniform() {
	const name = "uniform lottery"
	if v.pool == nil {
		v.fail(name, "cannot be checked: %v", v.poolErr)
		return
	}
	l := &v.r.Lottery
	if l.M < 1 || len(l.Panels) != l.M {
		v.fail(name, "it has %d panels, but m = %d", len(l.Panels), l.M)
		return
	}
	for j, p := range l.Panels {
		if why := v.checkPanel(p.Members); why != "" {
			v.fail(name, "panel %d does not meet the quotas: %s", j, why)
			return
		}
	}
	tickets, _, err := v.r.Tickets()
	if err != nil {
		v.fail(name, "%v", err)
		return
	}
	if v.marginals == nil {
		v.fail(name, "its %d panels meet the quotas, but its minimum and shift cannot be checked without a valid exact lottery", l.M)
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
		v.fail(name, "the smallest tickets/m of anyone not excluded is %v, not the recorded %v", minimum, l.UniformMinimum)
		return
	}
	if !v.within(tolProbability, math.Abs(shift-l.MaxShift)) {
		v.fail(name, "the largest shift from the exact probabilities is %v, not the recorded %v", shift, l.MaxShift)
		return
	}
	v.pass(name, message.CheckUniform, "m", l.M, "minimum", fmt.Sprint(minimum), "optimum", fmt.Sprint(l.Optimum), "shift", fmt.Sprint(shift))
	const faithful = "uniform lottery is faithful"
	if why := faithfulness(l.M, tickets, v.marginals, func(i int) string { return fmt.Sprintf("%q", v.pool.People[i].ID) }); why != "" {
		v.fail(faithful, "the lottery that is drawn is not the certified one, rounded: %s", why)
		return
	}
	v.pass(faithful, message.CheckFaithful, "m", l.M, "min", MinUniformPanels, "tickets", MaxShiftTickets, "largest", fmt.Sprintf("%.3g", shift*float64(l.M)))
}

// checkCommitment recomputes the commitment.
func (v *verifier) checkCommitment() {
	c, err := v.r.Commit()
	if err != nil {
		v.fail("commitment", "cannot be computed: %v", err)
		return
	}
	if c != v.r.Commitment {
		v.failBecause("commitment", message.CheckCommitmentDiffers, "got", c, "want", v.r.Commitment)
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
		v.fail(name, "the commitment %q is not 64 hexadecimal digits", v.r.Commitment)
		return
	}
	if d.Seed == "" || !utf8.ValidString(d.Seed) {
		v.fail(name, "the seed is empty")
		return
	}
	if why := checkSeedKind(d.Seed, d.SeedKind, v.r.Replaces != nil); why != "" {
		v.fail(name, "the seed %q is recorded as of kind %q, but %s", d.Seed, d.SeedKind, why)
		return
	}
	m := v.r.Lottery.M
	if m < 1 || len(v.r.Lottery.Panels) != m {
		v.fail(name, "the uniform lottery has %d panels, m = %d", len(v.r.Lottery.Panels), m)
		return
	}
	index, _ := DrawIndex(c, d.Seed, uint64(m))
	if int(index) != d.Index {
		v.failBecause(name, message.CheckIndexDiffers, "seed", fmt.Sprintf("%q", d.Seed), "index", index, "recorded", d.Index)
		return
	}
	if want := v.r.Lottery.Panels[index].Members; !slices.Equal(d.Selected, want) {
		v.failBecause(name, message.CheckSelectedDiffers, "index", index)
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
	if d == nil || len(d.Alternates) == 0 {
		return
	}
	m := v.r.Lottery.M
	if m < 1 || len(v.r.Lottery.Panels) != m || d.Index < 0 || d.Index >= m {
		v.fail(name, "cannot be checked: the draw's index %d is not one of m = %d panels", d.Index, m)
		return
	}
	want, err := v.r.alternates(len(d.Alternates))
	if err != nil {
		v.fail(name, "cannot be checked: %v", err)
		return
	}
	if why := compareLists(d.Alternates, want); why != "" {
		v.fail(name, "the recorded alternates are not those the commitment, the seed and the uniform panels give: %s", why)
		return
	}
	v.pass(name, message.CheckAlternates, "n", len(want))
}

// compareLists returns where got and want first differ, or "".
func compareLists(got, want []string) string {
	for j := 0; j < len(got) && j < len(want); j++ {
		if got[j] != want[j] {
			return fmt.Sprintf("rank %d is %q, not %q", j+1, got[j], want[j])
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d are listed, but only %d people are on the other panels", len(got), len(want))
	}
	return ""
}

// checkAlternatesFile checks alternates.csv: absent without alternates,
// else their ranks and rows (compared with the pool file when given, else
// by the ids in its id column).
func (v *verifier) checkAlternatesFile() {
	const name = AlternatesFile
	d := v.r.Draw
	if d == nil || len(d.Alternates) == 0 {
		if _, err := fs.Stat(v.in.Dir, name); err == nil {
			v.fail(name, "is present, but the record lists no alternates")
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
			v.fail(name, "cannot be checked against the pool file: %v", err)
			return
		}
		if why := compareRows(got, append([][]string{header}, rows...)); why != "" {
			v.fail(name, "does not hold the ranked pool file's rows of the alternates: %s", why)
			return
		}
		v.pass(name, message.CheckAlternateRows, "n", len(rows))
		return
	}
	if len(got) == 0 || len(got[0]) == 0 || got[0][0] != "rank" {
		v.fail(name, "does not start with the column rank")
		return
	}
	if len(got)-1 != len(d.Alternates) {
		v.failBecause(name, message.CheckCountDiffers, "got", len(got)-1, "want", len(d.Alternates))
		return
	}
	for j, row := range got[1:] {
		if row[0] != fmt.Sprint(j+1) {
			v.fail(name, "row %d has the rank %q, not %d", j+2, row[0], j+1)
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
		v.fail(name, "has no id column %q", col)
		return
	}
	for j, row := range got[1:] {
		if id := strings.TrimSpace(row[c+1]); id != d.Alternates[j] {
			v.failBecause(name, message.CheckIDDiffers, "row", j+2, "got", fmt.Sprintf("%q", id), "want", fmt.Sprintf("%q", d.Alternates[j]))
			return
		}
	}
	v.pass(name, message.CheckAlternatesHeld, "n", len(d.Alternates))
}

// checkRankedIDs checks the public form of alternates.csv: rank,id, then
// the ranks 1, 2, … and the alternates' ids in rank order.
func (v *verifier) checkRankedIDs(name string, got [][]string, ids []string) {
	header, rows, _ := (&Record{Draw: &Draw{Alternates: ids}}).PublicAlternatesTable()
	if why := compareRows(got, append([][]string{header}, rows...)); why != "" {
		v.fail(name, "does not hold the ranks and ids of the alternates: %s", why)
		return
	}
	v.pass(name, message.CheckAlternateIDs, "n", len(ids))
}

// checkTableFile checks that a CSV file holds the table the record implies.
func (v *verifier) checkTableFile(name string, table func() ([]string, [][]string, error)) {
	header, rows, err := table()
	if err != nil {
		v.fail(name, "cannot be checked: %v", err)
		return
	}
	got, err := v.readCSV(name)
	if err != nil {
		v.fileError(name, err)
		return
	}
	want := append([][]string{header}, rows...)
	if why := compareRows(got, want); why != "" {
		v.fail(name, "%s", why)
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
				v.fail(name, "is present, but the record has no draw")
			}
		}
		return
	}
	if v.pool == nil {
		v.fail(PanelFile, "cannot be checked: %v", v.poolErr)
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
			v.fail(PanelFile, "cannot be checked against the pool file: %v", err)
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
			if why := compareRows(got, append([][]string{header}, f.rows...)); why != "" {
				v.fail(f.name, "does not hold the pool file's rows of the right people: %s", why)
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
		v.failBecause(name, message.CheckFileEmpty)
		return
	}
	rows := got[1:]
	if len(rows) != len(ids) {
		v.failBecause(name, message.CheckCountDiffers, "got", len(rows), "want", len(ids))
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
		v.fail(name, "has no id column %q", col)
		return
	}
	for j, row := range rows {
		if strings.TrimSpace(row[c]) != ids[j] {
			v.failBecause(name, message.CheckIDDiffers, "row", j+2, "got", fmt.Sprintf("%q", strings.TrimSpace(row[c])), "want", fmt.Sprintf("%q", ids[j]))
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
		return nil, fmt.Errorf("cannot be read: %v", err)
	}
	// As tirage reads its inputs: with or without a byte-order mark, the
	// separator (the pool file's: ',', ';' or a tab) found from the header.
	t, err := table.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("is not a valid CSV file: %v", err)
	}
	rows := [][]string{t.Header}
	for _, rec := range t.Records {
		rows = append(rows, rec.Fields)
	}
	return rows, nil
}

// compareRows returns where got and want first differ, or "".
func compareRows(got, want [][]string) string {
	for i := 0; i < len(got) && i < len(want); i++ {
		if !slices.Equal(got[i], want[i]) {
			return fmt.Sprintf("line %d is %q, not %q", i+1, strings.Join(got[i], ","), strings.Join(want[i], ","))
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("it has %d lines, not %d", len(got), len(want))
	}
	return ""
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
