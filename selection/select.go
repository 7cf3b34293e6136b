package selection

import (
	"context"
	"errors"
	"github.com/tirage/tirage/message"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/sortition"
)

// Relaxed is a smallest relaxation of the quota bounds
// (sortition.MinimalRelaxation): its size in seats and each change, in a
// sentence and as the bound it changes (Bounds[i] is the bound Changes[i]
// describes).
type Relaxed struct {
	Seats   int
	Changes []message.Reason
	Bounds  []ChangedBound
}

// ChangedBound is one bound a relaxation changes: the category and value,
// the kind of bound ("min" or "max"), and its limit before and after.
type ChangedBound struct {
	Category, Value, Kind string
	From, To              int
}

// Conflict is a set of quota bounds that no panel can meet together
// (sortition.Conflict), with the names of the categories and values.
type Conflict struct {
	// Reason says why, in plain words.
	Reason message.Reason
	// Bounds are empty when the panel size and the household rule alone
	// cannot be met.
	Bounds []ConflictBound
}

// ConflictBound is one bound of a conflict: the category and value, the
// kind of bound ("min" or "max") and its limit.
type ConflictBound struct {
	Category, Value, Kind string
	Limit                 int
}

// QuotasError says that no panel of K people meets the quotas: the bounds
// that conflict and the smallest relaxation that would let a panel meet
// them, or why none would (NoRelaxation), with the names of the categories
// and values, as the console shows them and the JSON error object gives
// them. Its code is CodeSelection. errors.As finds its Cause through it.
type QuotasError struct {
	K int
	// Conflicts are the irreducible conflicts of the bounds
	// (sortition.CheckFeasibility); nil when the search could not run.
	Conflicts []Conflict
	// Relaxation is the smallest relaxation within the flex limits
	// (sortition.MinimalRelaxation); nil when none helps, and then
	// NoRelaxation says why.
	Relaxation   *Relaxed
	NoRelaxation message.Reason
	// Cause is the *sortition.InfeasibleError or the *CountingError that
	// says no panel meets the quotas.
	Cause error
}

// Unwrap returns the cause.
func (e *QuotasError) Unwrap() error { return e.Cause }

// Error says that the quotas cannot be met.
func (e *QuotasError) Error() string {
	return "the quotas cannot be met: no panel meets them all"
}

// explain fills in the conflicts of the problem's bounds and the smallest
// relaxation r of the quotas q, or none, why none helps; a search that
// fails (an interrupted context) leaves its part out.
func (e *QuotasError) explain(ctx context.Context, problem *sortition.Problem, q *quota.Set, r *sortition.Relaxation, none *sortition.InfeasibleError) {
	if f, err := sortition.CheckFeasibility(ctx, problem); err == nil && !f.Feasible {
		e.Conflicts = conflicts(q, f.Conflicts)
	}
	switch {
	case none != nil:
		e.NoRelaxation = none.Reason
	case r != nil && r.Seats > 0:
		e.Relaxation = relaxed(q, r)
	}
}

// conflicts names the bounds of the conflicts.
func conflicts(q *quota.Set, cs []sortition.Conflict) []Conflict {
	out := make([]Conflict, len(cs))
	for i, c := range cs {
		out[i].Reason = c.Reason
		for _, b := range c.Bounds {
			cat := q.Categories[b.Category]
			out[i].Bounds = append(out[i].Bounds, ConflictBound{Category: cat.Name, Value: cat.Values[b.Value].Name, Kind: b.Kind.String(), Limit: b.Limit})
		}
	}
	return out
}

// relaxed describes a relaxation of the quotas q.
func relaxed(q *quota.Set, r *sortition.Relaxation) *Relaxed {
	out := &Relaxed{Seats: r.Seats}
	for _, c := range r.Changes {
		cat := q.Categories[c.Category]
		out.Changes = append(out.Changes, c.Describe(q))
		out.Bounds = append(out.Bounds, ChangedBound{Category: cat.Name, Value: cat.Values[c.Value].Name, Kind: c.Kind.String(), From: c.From, To: c.To})
	}
	return out
}

// Prepare decides exactly, before a lottery is computed, whether a panel
// of in.K people meets the quotas (and, with the household columns, takes
// at most one person per household). When one does, it returns in as it
// is. When none does, with relax it returns the inputs under the smallest
// relaxation of the bounds and that relaxation (which Input.Relaxation
// records); without relax its error is a *QuotasError. Every error is an
// *Error.
func Prepare(ctx context.Context, in *Inputs, householdColumns []string, relax bool) (*Inputs, *Relaxed, error) {
	if err := in.check(); err != nil {
		return nil, nil, err
	}
	pool, k := in.Pool, in.K
	problem, err := in.problemWith(householdColumns)
	if err != nil {
		return nil, nil, err
	}
	r, err := sortition.MinimalRelaxation(ctx, problem)
	var noRelaxation *sortition.InfeasibleError
	switch {
	case errors.As(err, &noRelaxation):
	case err != nil:
		return nil, nil, computeError(ctx, err)
	case r.Seats == 0:
		return in, nil, nil
	case relax:
		out := *in
		out.problem = in.problem.WithQuotas(r.Quotas)
		out.Pool = out.problem.Pool()
		out.relaxation = r
		return &out, relaxed(pool.Quotas, r), nil
	}
	qe := &QuotasError{K: k, Cause: &sortition.InfeasibleError{Reason: message.New(message.NoPanel, "k", k)}}
	qe.explain(ctx, problem, pool.Quotas, r, noRelaxation)
	return nil, nil, &Error{Code: CodeSelection, Err: qe}
}

// computeError is the *Error of a computation's failure: CodeSelection
// for quotas that cannot be met or an interrupted computation, CodeInput
// for an input error, else CodeInternal.
func computeError(ctx context.Context, err error) error {
	var infeasible *sortition.InfeasibleError
	var inputErr *quota.InputError
	var se *Error
	switch {
	case errors.As(err, &se):
		return err
	case errors.As(err, &infeasible), ctx.Err() != nil:
		return &Error{Code: CodeSelection, Err: err}
	case errors.As(err, &inputErr):
		return &Error{Code: CodeInput, Err: err}
	}
	return &Error{Code: CodeInternal, Err: err}
}

// SelectOptions are the settings of a selection made from its inputs
// (SelectFrom), as select's flags, a batch manifest's columns or a JSON
// request's options give them.
type SelectOptions struct {
	// Households names pool columns identifying a household.
	Households []string
	// Algorithm names the lottery's objective ("" for DefaultAlgorithm).
	Algorithm string
	// Panels is the number of panels of the uniform lottery (0 for the
	// default; see Input.Panels).
	Panels int
	// Seed is the seed text of the draw; SeedNumbers says it is public
	// random numbers in the canonical form of RFC 3797 (SeedFromNumbers).
	Seed        string
	SeedNumbers bool
	// NewSeed makes a fresh seed for a selection that is drawn without a
	// Seed; when nil, such a selection is refused.
	NewSeed func() (string, error)
	// SeedSource, CommitOnly and Alternates are as in Input.
	SeedSource string
	CommitOnly bool
	Alternates int
	// Dropout, when not nil, has the Alternates chosen for the dropouts
	// to come, from the rates it names (Input.Dropout).
	Dropout *DropoutRequest
	// Lang, Organisation and Contact are those of the reports (Folder).
	Lang                  report.Lang
	Organisation, Contact string
	// NoFiles leaves out the files of the selection folder
	// (Selected.Files is then nil), for a caller that does not want them.
	NoFiles bool
	// Tool, Now and Progress are as in Input.
	Tool     audit.Tool
	Now      func() time.Time
	Progress func(sortition.Progress)
}

// Selected is a selection made from its inputs: the lottery, its rounding
// and the record (Result), the files of its folder, in the order of
// FolderFiles, and what the console says of it.
type Selected struct {
	*Result
	Files   []File
	Summary Summary
}

// SeedFromNumbers returns the seed that public random numbers give, in
// the canonical form of RFC 3797 (audit.SeedFromNumbers): sources
// separated by "/", numbers by spaces or commas.
func SeedFromNumbers(numbers string) (string, error) { return audit.SeedFromNumbers(numbers) }

// NewSeed returns a fresh random seed, made on this computer
// (audit.NewSeed).
func NewSeed() (string, error) { return audit.NewSeed() }

// SelectFrom makes the selection of inputs read by ReadInputs (and
// Prepare, which relaxes their quotas): the lottery, its rounding, the
// committed record and, unless CommitOnly, the draw (Run), then the files
// of the selection folder (FolderFiles). Every error is an *Error.
func SelectFrom(ctx context.Context, in *Inputs, opt SelectOptions) (*Selected, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	seed, kind := opt.Seed, audit.SeedText
	if opt.SeedNumbers {
		kind = audit.SeedNumbers
	}
	if !opt.CommitOnly && seed == "" && opt.NewSeed != nil {
		var err error
		if seed, err = opt.NewSeed(); err != nil {
			return nil, &Error{Code: CodeInternal, Err: err}
		}
		kind = audit.SeedGenerated
	}
	var rates *Dropout
	if opt.Dropout != nil {
		var err error
		if rates, err = opt.Dropout.rates(in.Pool, in.PoolFile.Path); err != nil {
			return nil, err
		}
	}
	problem, err := in.problemWith(opt.Households)
	if err != nil {
		return nil, err
	}
	res, err := run(ctx, problem, Input{
		Pool:       in.Pool,
		PoolFile:   in.PoolFile,
		QuotaFile:  in.QuotaFile,
		K:          in.K,
		Households: opt.Households,
		Relaxation: in.relaxation,
		Algorithm:  opt.Algorithm,
		Panels:     opt.Panels,
		Seed:       seed,
		SeedKind:   kind,
		SeedSource: opt.SeedSource,
		CommitOnly: opt.CommitOnly,
		Alternates: opt.Alternates,
		Dropout:    rates,
		Tool:       opt.Tool,
		Now:        opt.Now,
		Progress:   opt.Progress,
	})
	if err != nil {
		return nil, err
	}
	sel := &Selected{Result: res, Summary: summarize(in.Pool, res)}
	if !opt.NoFiles {
		sel.Files, err = FolderFiles(Folder{Record: res.Record, Pool: in.Pool, Lang: opt.Lang, Organisation: opt.Organisation, Contact: opt.Contact})
		if err != nil {
			return nil, &Error{Code: CodeInternal, Err: err}
		}
	}
	return sel, nil
}

// Progress is the progress of a lottery computation, which the workflows
// report to their caller (sortition.Progress).
type Progress = sortition.Progress
