package selection

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/dropout"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// The codes of a failed selection: the exit codes of the tirage command.
const (
	// CodeSelection: no panel can be selected (quotas that cannot be met,
	// an interrupted computation).
	CodeSelection = 1
	// CodeInput: the inputs or the request are wrong.
	CodeInput = 2
	// CodeInternal: a bug in tirage.
	CodeInternal = 3
)

// Error is a failed selection: its code (CodeSelection, CodeInput or
// CodeInternal) and the error. errors.As finds the underlying error, such
// as a *sortition.InfeasibleError, a *CountingError or a *quota.ErrorList.
type Error struct {
	Code int
	Err  error
}

// Error returns the underlying error's message.
func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// CodeOf returns the code of err: its *Error's code, or CodeInternal for
// an error that is not one.
func CodeOf(err error) int {
	var se *Error
	if errors.As(err, &se) {
		return se.Code
	}
	return CodeInternal
}

// CountingError reports quotas that counting alone shows to be impossible
// for the pool and the panel size.
type CountingError struct {
	Problems []quota.Problem
}

// Error lists the problems in English.
func (e *CountingError) Error() string { return e.Reason().String() }

// Reason returns the problems as one reason, message.CountingUnmet.
func (e *CountingError) Reason() message.Reason {
	problems := make([]message.Reason, len(e.Problems))
	for i, p := range e.Problems {
		problems[i] = p.Reason
	}
	return message.New(message.CountingUnmet, "problems", problems)
}

// Algorithms names the lottery objectives a selection may use, the
// default first: the names of sortition.Objectives, the registry that
// says what each does and whether it carries a certificate.
var Algorithms = sortition.ObjectiveNames()

// DefaultPanels is the number of panels of the uniform lottery of a
// selection that names none (sortition.DefaultUniformPanels).
const DefaultPanels = sortition.DefaultUniformPanels

// MaxPanels bounds the number of panels of the uniform lottery: more would
// make an audit record too large to publish (sortition.MaxUniformPanels).
const MaxPanels = sortition.MaxUniformPanels

// DefaultAlgorithm is the objective of a selection that names none
// (sortition.DefaultObjective, leximin).
const DefaultAlgorithm = sortition.DefaultObjective

// Certified reports whether lotteries of the named objective (trimmed, any
// case; "" is DefaultAlgorithm) carry an optimality certificate
// (sortition.Objective.Certified: maximin and leximin do).
func Certified(algorithm string) bool {
	o, err := sortition.ParseObjective(algorithm)
	return err == nil && o.Certified
}

// Algorithm returns the objective of that name (trimmed, any case; "" is
// DefaultAlgorithm, leximin), as sortition.ParseObjective does.
func Algorithm(name string) (sortition.Objective, error) {
	return sortition.ParseObjective(name)
}

// ParseAlgorithms reads a comma-separated list of objectives (as
// compare's --algorithms) and returns their names in lower case, in the
// list's order; its error says which name is not an objective, or that
// the list names none.
func ParseAlgorithms(list string) ([]string, error) {
	names := SplitList(list)
	if len(names) == 0 {
		return nil, message.Errorf(message.ObjectivesNoneNamed, "names", strings.Join(Algorithms, ", "))
	}
	for i, name := range names {
		if _, err := Algorithm(name); err != nil {
			return nil, err
		}
		names[i] = strings.ToLower(name)
	}
	return names, nil
}

// Objectives returns the objectives a selection may use, the default
// first, with what each does and proves (sortition.Objectives).
func Objectives() []sortition.Objective { return sortition.Objectives() }

// Input is what a selection is made from.
type Input struct {
	// Pool holds the people, read against the quotas.
	Pool *sortition.Pool
	// PoolFile and QuotaFile name the inputs and give the SHA-256 digest
	// of their bytes (audit.File; the canonical digests are computed).
	PoolFile, QuotaFile audit.File
	// K is the panel size.
	K int
	// Households names pool columns identifying a household (at most one
	// person per household on a panel); empty for none.
	Households []string
	// Relaxation, when not nil, is the relaxation of the quota file's
	// bounds that Pool's quotas hold (sortition.MinimalRelaxation), for
	// the record.
	Relaxation *sortition.Relaxation
	// Algorithm names the lottery's objective (see Algorithms); "" means
	// DefaultAlgorithm, leximin.
	Algorithm string
	// Panels is the number M of panels of the uniform lottery; 0 means
	// sortition.DefaultUniformPanels. Run raises it when the rounding
	// over that many panels would not be faithful to the exact lottery
	// (audit.FaithfulUniform): at least audit.MinUniformPanels, and enough
	// for everyone with a chance to hold a ticket.
	Panels int
	// Seed is the seed text of the draw. It is required unless
	// CommitOnly.
	Seed string
	// SeedKind says where Seed came from (audit.SeedText, SeedNumbers or
	// SeedGenerated); "" means audit.SeedText.
	SeedKind audit.SeedKind
	// SeedSource names where the seed comes from, as announced with the
	// commitment (such as "EuroMillions draw of 24 April 2026, the five
	// numbers in ascending order"); it is recorded and committed. It must
	// be empty for a seed that tirage generates.
	SeedSource string
	// CommitOnly stops after the commitment: the record has no draw.
	CommitOnly bool
	// Alternates is the number N of ranked alternates the draw lists
	// (audit.Alternates; fewer when fewer people are on the other
	// panels); 0 for none. It must not exceed the number of people off
	// the panel.
	Alternates int
	// Dropout, when not nil, has the Alternates chosen for the dropouts
	// to come, from every person's dropout rate (audit/SPEC.md 7.2),
	// instead of ranked: the set that minimises the expected loss after
	// dropouts over seeded scenarios, with the figures that compare it
	// with no alternates, scaled-quota alternates and the ranked list.
	Dropout *Dropout
	// Tool names the program, for the record.
	Tool audit.Tool
	// Now gives the time of each step; nil means time.Now. Give a fixed
	// time for byte-identical records.
	Now func() time.Time
	// Progress, if not nil, receives the lottery computation's progress.
	Progress func(sortition.Progress)
}

// Result is a selection: the exact lottery, its uniform rounding and the
// audit record, committed and, unless Input.CommitOnly, drawn.
type Result struct {
	Lottery *sortition.Lottery
	Uniform *sortition.Uniform
	Record  *audit.Record
	// RequestedPanels is the number of panels asked for (Input.Panels or
	// its default). Uniform.M is larger when that many panels would have
	// left someone without a ticket or too far from their exact
	// probability (audit.FaithfulUniform).
	RequestedPanels int
	// Dropout is the search's outcome when the alternates were chosen for
	// dropouts (Input.Dropout); nil otherwise.
	Dropout *dropout.Choice
}

// Run makes the selection: it checks what counting shows impossible,
// computes the lottery of Input.Algorithm (leximin by default), rounds it to a uniform lottery over
// Input.Panels panels or more (audit.FaithfulUniform), commits to it in an audit record and, unless
// Input.CommitOnly, draws the panel with Input.Seed (and Input.Alternates
// ranked alternates). The record's steps are
// "inputs read" (when Run starts), "lottery computed", "committed" and
// "drawn". Every error is an *Error.
func Run(ctx context.Context, in Input) (*Result, error) {
	if in.Pool == nil || in.Pool.Quotas == nil {
		return nil, &Error{Code: CodeInput, Err: errors.New("no pool")}
	}
	problem, err := in.Pool.Problem(in.K, in.Households) // checks the panel size
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: err}
	}
	return run(ctx, problem, in)
}

// run is Run for the problem of in's pool, panel size and household
// columns (ReadInputs made it, and so checked the panel size, for a
// selection made from files).
func run(ctx context.Context, problem *sortition.Problem, in Input) (*Result, error) {
	now := in.Now
	if now == nil {
		now = time.Now
	}
	fail := func(code int, err error) (*Result, error) { return nil, &Error{Code: code, Err: err} }
	pool := in.Pool
	panels := in.Panels
	if panels == 0 {
		panels = sortition.DefaultUniformPanels
	}
	if panels < 1 || panels > sortition.MaxUniformPanels {
		return fail(CodeInput, message.Errorf(message.RunPanelsRange, "max", sortition.MaxUniformPanels, "n", panels))
	}
	switch {
	case in.CommitOnly && in.Seed != "":
		return fail(CodeInput, message.Errorf(message.RunCommitSeed))
	case !in.CommitOnly && in.Seed == "":
		return fail(CodeInput, message.Errorf(message.RunSeedEmpty))
	case !utf8.ValidString(in.Seed):
		return fail(CodeInput, message.Errorf(message.CLISeedNotUTF8))
	case !utf8.ValidString(in.SeedSource):
		return fail(CodeInput, message.Errorf(message.RunSourceNotUTF8))
	case in.SeedKind == audit.SeedGenerated && in.SeedSource != "":
		return fail(CodeInput, message.Errorf(message.RunGeneratedSource))
	}
	seedKind := in.SeedKind
	if seedKind == "" {
		seedKind = audit.SeedText
	}
	switch {
	case in.Alternates < 0:
		return fail(CodeInput, message.Errorf(message.RunAlternatesBelow0, "n", in.Alternates))
	case in.Alternates > 0 && in.CommitOnly:
		return fail(CodeInput, message.Errorf(message.RunCommitAlternates))
	case in.Alternates > len(pool.People)-in.K:
		return fail(CodeInput, message.Errorf(message.AlternatesTooMany, "n", in.Alternates, "off", len(pool.People)-in.K, "k", in.K, "pool", len(pool.People)))
	case in.Dropout != nil:
		if err := in.Dropout.check(pool, in.Alternates); err != nil {
			return fail(CodeInput, err)
		}
	}
	if problems := pool.Quotas.CountingProblems(in.K, pool.Counts()); len(problems) > 0 {
		return fail(CodeSelection, &CountingError{Problems: problems})
	}
	readAt := now()

	objective, err := Algorithm(in.Algorithm)
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: err}
	}
	lottery, err := objective.Lottery(ctx, problem, sortition.Options{Progress: in.Progress})
	if err != nil {
		return nil, computeError(ctx, err)
	}
	uniform, err := audit.FaithfulUniform(lottery, panels)
	if err != nil {
		var unfaithful *audit.UnfaithfulError
		if errors.As(err, &unfaithful) {
			return fail(CodeSelection, err)
		}
		return fail(CodeInternal, err)
	}
	computedAt := now()

	idColumn := ""
	if pool.IDColumn >= 0 {
		idColumn = strings.TrimSpace(pool.Header[pool.IDColumn])
	}
	record, err := audit.NewRecord(audit.Selection{
		Tool:       in.Tool,
		PoolFile:   in.PoolFile,
		QuotaFile:  in.QuotaFile,
		Pool:       pool,
		K:          in.K,
		Settings:   audit.Settings{IDColumn: idColumn, Households: in.Households, SeedSource: in.SeedSource},
		Households: problem.Household(),
		Relaxation: in.Relaxation,
		Lottery:    lottery,
		Uniform:    uniform,
	})
	if err != nil {
		return fail(CodeInput, fmt.Errorf("cannot make the audit record: %w", err))
	}
	record.AddStep(audit.StepInputsRead, readAt)
	record.AddStep(audit.StepLotteryComputed, computedAt)
	record.AddStep(audit.StepCommitted, now())
	if !in.CommitOnly {
		if _, err := record.DrawSeed(audit.Seed{Text: in.Seed, Kind: seedKind}, now()); err != nil {
			return fail(CodeInput, err)
		}
		if in.Dropout != nil {
			d := in.Dropout
			choice, err := record.DrawDropoutAlternates(ctx, d.input(in.Alternates))
			if err != nil {
				if ctx.Err() != nil {
					return fail(CodeSelection, err)
				}
				return fail(CodeInternal, err)
			}
			return &Result{Lottery: lottery, Uniform: uniform, Record: record, RequestedPanels: panels, Dropout: choice}, nil
		}
		if err := record.DrawAlternates(in.Alternates); err != nil {
			return fail(CodeInternal, err)
		}
	}
	return &Result{Lottery: lottery, Uniform: uniform, Record: record, RequestedPanels: panels}, nil
}

// Infeasible returns the reason that err, from a lottery's computation,
// gives for quotas that no panel can meet (a *sortition.InfeasibleError),
// and false for any other error.
func Infeasible(err error) (message.Reason, bool) {
	var infeasible *sortition.InfeasibleError
	if errors.As(err, &infeasible) {
		return infeasible.Reason, true
	}
	return message.Reason{}, false
}
