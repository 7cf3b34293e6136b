package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

// File is an input or output file: its name (no folder) and its bytes.
type File struct {
	Name string `json:"name"`
	Data []byte `json:"data"`
}

// Inputs are the files and settings a selection is made from, shared by
// the check, select and compare requests.
type Inputs struct {
	Pool   File `json:"pool"`
	Quotas File `json:"quotas"`
	K      int  `json:"k"`
	// IDColumn names the pool column holding the ids ("" for "id", or row
	// numbers when there is none).
	IDColumn string `json:"id_column,omitempty"`
	// PoolSheet and QuotasSheet name the sheet of a workbook (.xlsx) to
	// read ("" for its first), as FILE.xlsx:SHEET does for the command.
	PoolSheet   string `json:"pool_sheet,omitempty"`
	QuotasSheet string `json:"quotas_sheet,omitempty"`
	// Households names pool columns identifying a household.
	Households []string `json:"households,omitempty"`
	// Relax applies the smallest relaxation of the quotas when they cannot
	// be met (select --relax).
	Relax bool `json:"relax,omitempty"`
}

// CheckRequest asks for the check of a pool and its quotas.
type CheckRequest struct {
	Inputs
	// Lang is the language of the reasons in the response ("en" or "fr";
	// "" for English).
	Lang string `json:"lang,omitempty"`
}

// CheckResponse is what `tirage check` prints, as data.
type CheckResponse struct {
	People     int        `json:"people"`
	K          int        `json:"k"`
	Households *Household `json:"households,omitempty"`
	Categories []Category `json:"categories"`
	// Feasible reports that a panel of K meets every quota (after the
	// relaxation, when Relaxed).
	Feasible bool `json:"feasible"`
	// Conflicts are the sets of bounds that cannot hold together.
	Conflicts []Conflict `json:"conflicts,omitempty"`
	// Relaxation is the smallest relaxation that lets a panel meet the
	// quotas, when they cannot be met as given.
	Relaxation *Relaxation `json:"relaxation,omitempty"`
	// NoRelaxation says why no relaxation within min_flex and max_flex
	// helps, when none does.
	NoRelaxation string `json:"no_relaxation,omitempty"`
	// Relaxed reports that the request asked for the relaxation and the
	// bounds of Categories are the relaxed ones.
	Relaxed bool `json:"relaxed,omitempty"`
	// Excluded are the people who can be on no panel (at most MaxListed),
	// of ExcludedCount.
	Excluded      []Excluded `json:"excluded,omitempty"`
	ExcludedCount int        `json:"excluded_count"`
	Notices       []string   `json:"notices,omitempty"`
	// IDs, when set, says that the pool's ids look like personal data,
	// which is published with them (select warns of it).
	IDs *IDWarning `json:"ids,omitempty"`
}

// IDWarning says why the pool's ids look like personal data
// (selection.IDWarning).
type IDWarning struct {
	// Kind is "email", "phone" or "name".
	Kind string `json:"kind"`
	// Count of the Of ids look so; Example is one of them.
	Count   int    `json:"count"`
	Of      int    `json:"of"`
	Example string `json:"example"`
	// Column is the id column; InNameColumn is set when it is itself a
	// column of names.
	Column       string `json:"column"`
	InNameColumn bool   `json:"in_name_column,omitempty"`
}

// MaxListed bounds the people listed by id in a response.
const MaxListed = 20

// Household summarises the households found in the pool.
type Household struct {
	Households, Shared, InShared, Largest int
}

// Category is a quota category with its values' counts and bounds.
type Category struct {
	Name   string  `json:"name"`
	Values []Value `json:"values"`
}

// Value is one quota value: how many in the pool have it, their share of
// the pool, and its bounds.
type Value struct {
	Name  string  `json:"name"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
	Min   int     `json:"min"`
	Max   int     `json:"max"`
	// Band is the range of a band ("16 to 29") when the pool gives numbers.
	Band string `json:"band,omitempty"`
	// TargetShare is the target share as the quota file writes it, for a
	// value given by share, and Tolerance its tolerance in seats.
	TargetShare string `json:"target_share,omitempty"`
	Tolerance   int    `json:"tolerance,omitempty"`
}

// Conflict is a set of bounds that cannot hold together, and why.
type Conflict struct {
	Reason string  `json:"reason"`
	Bounds []Bound `json:"bounds"`
}

// Bound is one quota bound of a conflict.
type Bound struct {
	Category string `json:"category"`
	Value    string `json:"value"`
	Kind     string `json:"kind"`
	Limit    int    `json:"limit"`
}

// Relaxation is the smallest relaxation of the quotas.
type Relaxation struct {
	Seats   int      `json:"seats"`
	Changes []string `json:"changes"`
	// QuotaFile is the quota file with the relaxed bounds.
	QuotaFile File `json:"quota_file"`
}

// Excluded is a person who cannot be selected, and why.
type Excluded struct {
	ID     string `json:"id"`
	Line   int    `json:"line,omitempty"`
	Reason string `json:"reason"`
}

// Byline is the organisation and contact printed at the top of the
// reports, and their language, which is also that of the reasons in the
// response ("" for English; for a draw, that of the committed report).
type Byline struct {
	Lang         string `json:"lang,omitempty"`
	Organisation string `json:"organisation,omitempty"`
	Contact      string `json:"contact,omitempty"`
}

// Seed is the seed of a draw: Text, used as written, or public numbers
// (Kind "numbers", RFC 3797), or none, for a seed generated on this
// computer (Kind "generate").
type Seed struct {
	Text string `json:"seed,omitempty"`
	// Kind is "text" (default), "numbers" or "generate".
	Kind string `json:"seed_kind,omitempty"`
}

// SelectRequest asks for a selection, as `tirage select`.
type SelectRequest struct {
	Inputs
	Byline
	Seed
	Algorithm  string `json:"algorithm,omitempty"`
	Alternates int    `json:"alternates,omitempty"`
	SeedSource string `json:"seed_source,omitempty"`
	CommitOnly bool   `json:"commit_only,omitempty"`
}

// Outcome is a selection folder made by select or draw: a summary, the
// report and the two zips to download.
type Outcome struct {
	Summary Summary `json:"summary"`
	// Report is report.html, to show.
	Report string `json:"report"`
	// Public is a zip of public/, what may be published; Private a zip of
	// the whole folder.
	Public  File     `json:"public"`
	Private File     `json:"private"`
	Notices []string `json:"notices,omitempty"`
}

// Summary is what select prints after a selection.
type Summary struct {
	People    int    `json:"people"`
	K         int    `json:"k"`
	Algorithm string `json:"algorithm"`
	// Minimum is the smallest probability of selection in the exact
	// lottery; UpperBound its certified bound (certified objectives).
	Minimum    float64 `json:"minimum"`
	UpperBound float64 `json:"upper_bound,omitempty"`
	Certified  bool    `json:"certified"`
	// Equal is k/n, everyone's chance with equal chances.
	Equal float64 `json:"equal"`
	// UniformMinimum is the smallest probability tickets/M of the lottery
	// drawn from, over M panels.
	UniformMinimum float64 `json:"uniform_minimum"`
	Panels         int     `json:"panels"`
	Commitment     string  `json:"commitment"`
	Drawn          bool    `json:"drawn"`
	Seed           string  `json:"seed,omitempty"`
	SeedKind       string  `json:"seed_kind,omitempty"`
	Index          int     `json:"index"`
	Selected       int     `json:"selected"`
	Alternates     int     `json:"alternates"`
	// Relaxation lists the bounds relaxed to meet the quotas.
	Relaxation []string `json:"relaxation,omitempty"`
	// Zero counts the people with no chance of selection.
	Zero int `json:"zero"`
}

// DrawRequest asks for the draw of a committed lottery, as `tirage draw`:
// Bundle holds the committed folder's files (or a zip of them), of which
// audit.json is needed, and Pool the pool file it was committed with.
type DrawRequest struct {
	Bundle []File `json:"bundle"`
	Pool   File   `json:"pool"`
	// PoolSheet names the pool's sheet in a workbook ("" for the one the
	// record names).
	PoolSheet string `json:"pool_sheet,omitempty"`
	Byline
	Seed
	Alternates int `json:"alternates,omitempty"`
}

// VerifyRequest asks for the verification of a published bundle (its files,
// or a zip of them), with the input files when given, as `tirage verify`.
// For a replacement, Bundle also holds the bundles of the selections it
// replaces (several zips, or files whose names are paths in several
// folders), as `tirage verify --original`: the selection verified is the
// one that no other among them replaces.
type VerifyRequest struct {
	Bundle []File `json:"bundle"`
	Pool   *File  `json:"pool,omitempty"`
	Quotas *File  `json:"quotas,omitempty"`
	// PoolSheet and QuotasSheet name the sheets of workbooks ("" for those
	// the record names).
	PoolSheet   string `json:"pool_sheet,omitempty"`
	QuotasSheet string `json:"quotas_sheet,omitempty"`
	// Lang is the language of the checks' findings ("" for English).
	Lang string `json:"lang,omitempty"`
}

// VerifyResponse is every check, and what the checks cannot prove.
type VerifyResponse struct {
	Checks []CheckResult `json:"checks"`
	// Verified reports that no check failed.
	Verified bool `json:"verified"`
	Failed   int  `json:"failed"`
	// PoolChecked and QuotasChecked report which input files were checked.
	PoolChecked   bool `json:"pool_checked"`
	QuotasChecked bool `json:"quotas_checked"`
	// Chain is the number of earlier selections given with a replacement.
	Chain       int      `json:"chain,omitempty"`
	CannotProve []string `json:"cannot_prove"`
}

// CheckResult is one check of a verification: Status is "OK", "FAILED"
// or "ABSENT" (a file not in the bundle: not checked, not a failure).
type CheckResult struct {
	Name string `json:"name"`
	// Label is the check's title in the request's language.
	Label  string `json:"label"`
	Status string `json:"status"`
	Detail string `json:"detail"`
	// Title and Reason are Name and Detail as data (a code and its
	// values: audit.Check), to render in the page's language.
	Title  message.Reason `json:"title"`
	Reason message.Reason `json:"reason"`
}

// CompareRequest asks for the objectives side by side, as `tirage compare`.
type CompareRequest struct {
	Inputs
	// Algorithms lists the objectives; empty for all.
	Algorithms []string `json:"algorithms,omitempty"`
	// Lang is the language of the reasons in the response ("" for English).
	Lang string `json:"lang,omitempty"`
}

// CompareResponse is one row per objective.
type CompareResponse struct {
	People int          `json:"people"`
	K      int          `json:"k"`
	Equal  float64      `json:"equal"`
	Rows   []Comparison `json:"rows"`
}

// Comparison is the summary of one objective's lottery.
type Comparison struct {
	Algorithm     string  `json:"algorithm"`
	Minimum       float64 `json:"minimum"`
	Maximum       float64 `json:"maximum"`
	Gini          float64 `json:"gini"`
	GeometricMean float64 `json:"geometric_mean"`
	BelowEqual    float64 `json:"below_equal"`
	Certified     bool    `json:"certified"`
	Estimated     bool    `json:"estimated"`
	Seconds       float64 `json:"seconds"`
	Error         string  `json:"error,omitempty"`
}

// Progress is the progress of a long computation.
type Progress struct {
	// Step says what is being done: "check", "lottery", "verify", "draw",
	// "files".
	Step string `json:"step"`
	// Phase is the engine's phase (sortition.Progress.Phase), draw's phase
	// or what verify checks (a message.Verifying… code), and PhaseText
	// says it in the request's language (message.Phase).
	Phase     string  `json:"phase,omitempty"`
	PhaseText string  `json:"phase_text,omitempty"`
	Iteration int     `json:"iteration,omitempty"`
	Lower     float64 `json:"lower,omitempty"`
	Done      float64 `json:"done,omitempty"`
	Seconds   float64 `json:"seconds"`
}

// Error is the JSON form of a failed call: the code (the command's exit
// code: 1 no panel can meet the quotas, 2 wrong input, 3 a bug), the
// message in plain words and, for input files, each problem at its place.
type Error struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	// Reason is Message as data (a code and its values), when the error
	// has one; Message renders it in the request's language.
	Reason   *message.Reason `json:"reason,omitempty"`
	Problems []Problem       `json:"problems,omitempty"`
	// Check, when the quotas cannot be met, is the check that says why and
	// proposes the smallest relaxation.
	Check *CheckResponse `json:"check,omitempty"`
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Problem is a problem of an input file at its place.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  string `json:"column,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
}

// API is the app's API: what the pages call, through Handler or the
// WebAssembly build.
type API struct {
	// Tool names the program in the audit records it makes.
	Tool audit.Tool
	// Now gives the time of each step of a record; nil means time.Now.
	Now func() time.Time
}

// Ops names the operations Call knows.
var Ops = []string{"check", "select", "draw", "verify", "compare"}

// Call runs the operation op on the JSON request body and returns the
// JSON response, or an *Error. progress, if not nil, receives the progress
// of long computations.
func (a *API) Call(ctx context.Context, op string, body []byte, progress func(Progress)) ([]byte, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	var out any
	var err error
	switch op {
	case "check":
		var req CheckRequest
		if err = decode(body, &req); err == nil {
			out, err = check(ctx, req, progress)
		}
	case "select":
		var req SelectRequest
		if err = decode(body, &req); err == nil {
			out, err = a.selectPanel(ctx, req, progress)
		}
	case "draw":
		var req DrawRequest
		if err = decode(body, &req); err == nil {
			out, err = a.draw(ctx, req, progress)
		}
	case "verify":
		var req VerifyRequest
		if err = decode(body, &req); err == nil {
			out, err = verify(ctx, req, progress)
		}
	case "compare":
		var req CompareRequest
		if err = decode(body, &req); err == nil {
			out, err = compare(ctx, req, progress)
		}
	default:
		return nil, asError(inputError(message.WebNoOperation, "op", fmt.Sprintf("%q", op), "ops", strings.Join(Ops, ", ")), requestLang(body))
	}
	if err != nil {
		return nil, asError(err, requestLang(body))
	}
	data, err := json.Marshal(out)
	if err != nil {
		return nil, &Error{Code: selection.CodeInternal, Message: err.Error()}
	}
	return data, nil
}

// decode reads a request, refusing unknown members.
func decode(body []byte, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return inputError(message.WebBadRequest, "error", message.New(message.ErrorText, "text", strings.TrimPrefix(err.Error(), "json: ")))
	}
	return nil
}

// requestLang returns the language a request body asks for (its member
// "lang"), English when it names none or one tirage does not speak.
func requestLang(body []byte) message.Lang {
	var r struct {
		Lang string `json:"lang"`
	}
	if json.Unmarshal(body, &r) == nil {
		if lang, err := message.ParseLang(r.Lang); err == nil {
			return lang
		}
	}
	return message.English
}

// AsError turns any error into an *Error with the command's code and each
// input problem at its place, in English.
func AsError(err error) *Error { return asError(err, message.English) }

// asError is AsError in the language.
func asError(err error, lang message.Lang) *Error {
	var e *Error
	if errors.As(err, &e) {
		if e.Reason != nil {
			translated := *e
			translated.Message = e.Reason.In(lang)
			return &translated
		}
		return e
	}
	out := &Error{Code: selection.CodeOf(err), Message: errorText(err, lang)}
	var infeasible *sortition.InfeasibleError
	var counting *selection.CountingError
	if errors.As(err, &infeasible) || errors.As(err, &counting) {
		out.Code = selection.CodeSelection
	}
	var list *quota.ErrorList
	var one *quota.InputError
	switch {
	case errors.As(err, &list):
		out.Code = selection.CodeInput
		for _, ie := range list.Errs {
			out.Problems = append(out.Problems, problemOf(ie, lang))
		}
		out.Message = message.New(message.WebInputProblems, "n", list.Count()).In(lang)
	case errors.As(err, &one):
		out.Code = selection.CodeInput
		out.Problems = []Problem{problemOf(one, lang)}
	}
	return out
}

// errorText renders an error in the language: the reason it carries
// (message.In: an input file's problem, a draw refused, …; quotas that
// cannot be met), else its English message.
func errorText(err error, lang message.Lang) string {
	var infeasible *sortition.InfeasibleError
	if errors.As(err, &infeasible) && err.Error() == infeasible.Error() {
		return infeasible.Reason.In(lang)
	}
	return message.In(err, lang)
}

func problemOf(ie *quota.InputError, lang message.Lang) Problem {
	msg := ie.Message(lang) + ie.Repeated().In(lang)
	file := ie.File
	if file == quota.PanelSizeFile {
		file = message.New(message.InputPanelSize).In(lang)
	}
	return Problem{File: file, Line: ie.Line, Column: ie.Column, Value: ie.Value, Message: msg}
}

// throttle returns a progress function that passes on at most one
// engine progress every interval (and the first), as a Progress of step,
// its phase said in the language.
func throttle(step string, lang message.Lang, progress func(Progress), interval time.Duration) func(sortition.Progress) {
	last := time.Duration(-1)
	return func(p sortition.Progress) {
		if last >= 0 && p.Elapsed-last < interval {
			return
		}
		last = p.Elapsed
		progress(Progress{Step: step, Phase: p.Phase, PhaseText: message.Phase(p.Phase).In(lang), Iteration: p.Iteration, Lower: p.Lower, Done: p.Done, Seconds: p.Elapsed.Seconds()})
	}
}
