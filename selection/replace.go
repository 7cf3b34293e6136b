package selection

import (
	"context"
	"errors"
	"fmt"
	"github.com/tirage/tirage/message"
	"slices"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/sortition"
)

// NotDrawnError says that a selection to replace members of has not been
// drawn.
type NotDrawnError struct{}

// Error says that the lottery has not been drawn.
func (e *NotDrawnError) Error() string { return "the lottery has not been drawn yet" }

// ChainError says that a selection that a replacement replaces, needed to
// replace members again, was not found (Err says which).
type ChainError struct{ Err error }

// Error returns the underlying error's message.
func (e *ChainError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *ChainError) Unwrap() error { return e.Err }

// DropError says that an id given as withdrawn is not a member of the
// current panel (the completed one, when Replacement), or is given twice.
type DropError struct {
	ID                 string
	Twice, Replacement bool
}

// Error says what is wrong with the id.
func (e *DropError) Error() string {
	if e.Twice {
		return fmt.Sprintf("%q is given twice", e.ID)
	}
	return fmt.Sprintf("%q is not a member of the panel", e.ID)
}

// ReplacementError says that no replacements let the panel meet the
// quotas again: why, and the conflicts of what is left of the quotas for
// the replacements. Its code is CodeSelection.
type ReplacementError struct {
	Reason    message.Reason
	Conflicts []Conflict
}

// Error says that no replacements meet the quotas.
func (e *ReplacementError) Error() string {
	return "no replacements let the panel meet the quotas again: " + e.Reason.String()
}

// Replacing is a drawn selection whose withdrawn members are to be
// replaced: its record and, for a replacement, the selections it replaces
// back to the first (a chain).
type Replacing struct {
	chain audit.Chain
}

// PoolName returns the name of the pool file the first selection of the
// chain was committed with, as its record gives it.
func (r *Replacing) PoolName() string { return r.chain[0].Inputs.Pool.Path }

// IsReplacement reports whether the selection is itself a replacement.
func (r *Replacing) IsReplacement() bool { return len(r.chain) > 1 }

// ReadReplacing reads the drawn selection in dir, whose audit.json holds
// record, for a replacement, and the selections it replaces, if any, found
// among the given folders and beside the folders of the chain. Its error
// is an *Error of code CodeInput wrapping a *RecordError, a
// *NotDrawnError or a *ChainError.
func ReadReplacing(dir Dir, record []byte, given []Dir, beside Beside) (*Replacing, error) {
	fail := func(err error) (*Replacing, error) { return nil, &Error{Code: CodeInput, Err: err} }
	r, err := audit.ParseRecord(record)
	switch {
	case err != nil:
		return fail(&RecordError{Err: err})
	case r.Draw == nil && (r.Replaces == nil || r.Replaces.FromAlternates == nil):
		return fail(&NotDrawnError{})
	}
	chain := audit.Chain{r}
	if r.Replaces != nil {
		if chain, _, err = findChain(dir, r, given, beside); err != nil {
			return fail(&ChainError{Err: err})
		}
	}
	return &Replacing{chain: chain}, nil
}

// ReplaceInput is what the replacements are drawn with.
type ReplaceInput struct {
	// Pool is the pool file the first selection was committed with.
	Pool File
	// Drop lists the ids of the members who withdrew.
	Drop []string
	// Folder is the name of the replaced selection's folder, which the
	// record keeps (a name, never a path).
	Folder string
	// Lang, Organisation and Contact are those of the reports (Folder).
	Lang                  report.Lang
	Organisation, Contact string
	// Tool, Now and Progress are as in Input.
	Tool     audit.Tool
	Now      func() time.Time
	Progress func(sortition.Progress)
}

// Replacement is the outcome of Replace.
type Replacement struct {
	// Record is the replacement's record, drawn.
	Record *audit.Record
	// Dropped are the ids of who withdrew, in pool order; Seed the seed
	// derived from the replaced selection (audit.ReplacementSeed).
	Dropped []string
	Seed    string
	// Candidates is the number of people who could replace, OnSome the
	// number of them on some completion, each with a chance of at least
	// Minimum.
	Candidates, OnSome int
	Minimum            float64
	// Completed is the size of the completed panel.
	Completed int
	// Files are those of the replacement's folder (FolderFiles), with
	// completed.csv.
	Files []File
}

// Replace completes the panel of the selection after the members in.Drop
// withdrew: the members who stay stay, and the replacements are drawn
// from the rest of the pool by the maximin lottery over the completions,
// with the seed derived from the selection's commitment, seed and the
// withdrawals (audit/SPEC.md). Every error is an *Error; a *DropError and
// a *ReplacementError say what is wrong with the withdrawals.
func Replace(ctx context.Context, rp *Replacing, in ReplaceInput) (*Replacement, error) {
	now := in.Now
	if now == nil {
		now = time.Now
	}
	chain := rp.chain
	first, original := chain[0], chain[len(chain)-1]
	pool, err := committedPool(first, in.Pool)
	if err != nil {
		return nil, err
	}
	household, err := households(pool, first.Settings.Households)
	if err != nil {
		return nil, err
	}
	panel, err := chain.Panel()
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: err}
	}
	dropped, err := rp.dropped(pool, in.Drop)
	if err != nil {
		return nil, err
	}

	c, err := chain.Completion(pool, household, dropped)
	if errors.Is(err, audit.ErrLotteryAfterAlternates) {
		return nil, &Error{Code: CodeInput, Err: err}
	}
	if err != nil {
		return nil, computeError(ctx, err)
	}
	readAt := now()
	problem, err := c.Pool.Problem(c.K, original.Settings.Households)
	var lottery *sortition.Lottery
	if err == nil {
		lottery, err = sortition.Maximin(ctx, problem, sortition.MaximinOptions{Options: sortition.Options{Progress: in.Progress}})
	}
	var infeasible *sortition.InfeasibleError
	if errors.As(err, &infeasible) {
		re := &ReplacementError{Reason: infeasible.Reason}
		if f, ferr := sortition.CheckFeasibility(ctx, problem); ferr == nil && !f.Feasible {
			re.Conflicts = conflicts(c.Pool.Quotas, f.Conflicts)
		}
		return nil, &Error{Code: CodeSelection, Err: re}
	}
	if err != nil {
		return nil, computeError(ctx, err)
	}
	uniform, err := audit.FaithfulUniform(lottery, original.Lottery.M)
	if err != nil {
		var unfaithful *audit.UnfaithfulError
		if errors.As(err, &unfaithful) {
			return nil, &Error{Code: CodeSelection, Err: err}
		}
		return nil, &Error{Code: CodeInternal, Err: err}
	}
	computedAt := now()
	record, err := audit.NewRecord(audit.Selection{
		Tool:       in.Tool,
		PoolFile:   original.Inputs.Pool,
		QuotaFile:  original.Inputs.Quotas,
		Pool:       c.Pool,
		K:          c.K,
		Settings:   original.Settings,
		Households: c.Households,
		Replaces:   &audit.Replaces{Directory: in.Folder, Commitment: original.Commitment, Selected: panel, Dropped: dropped},
		Lottery:    lottery,
		Uniform:    uniform,
	})
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: fmt.Errorf("cannot make the audit record: %v", err)}
	}
	record.AddStep(audit.StepInputsRead, readAt)
	record.AddStep(audit.StepLotteryComputed, computedAt)
	record.AddStep(audit.StepCommitted, now())
	seed, err := audit.ReplacementSeed(original.Commitment, original.Draw.Seed, dropped)
	if err == nil {
		_, err = record.DrawSeed(audit.Seed{Text: seed, Kind: audit.SeedDerived}, now())
	}
	if err != nil {
		return nil, &Error{Code: CodeInternal, Err: err}
	}
	var replacements []int
	for _, id := range record.Draw.Selected {
		replacements = append(replacements, slices.IndexFunc(c.Pool.People, func(p sortition.Person) bool { return p.ID == id }))
	}
	completed := c.Complete(replacements)
	people := make([]sortition.Person, len(completed))
	for j, i := range completed {
		people[j] = pool.People[i]
	}
	files, err := FolderFiles(Folder{Record: record, Pool: c.Pool, Lang: in.Lang, Organisation: in.Organisation, Contact: in.Contact, Completed: people})
	if err != nil {
		return nil, &Error{Code: CodeInternal, Err: err}
	}
	return &Replacement{Record: record, Dropped: dropped, Seed: seed, Candidates: len(c.Pool.People), OnSome: len(c.Pool.People) - len(lottery.Excluded),
		Minimum: lottery.MinProbability, Completed: len(completed), Files: files}, nil
}

// dropped returns the ids of the members who withdrew, in pool order,
// checked against the chain's current panel: an *Error wrapping a
// *DropError for an id that is not on it or is given twice.
func (rp *Replacing) dropped(pool *sortition.Pool, ids []string) ([]string, error) {
	panel, err := rp.chain.Panel()
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: err}
	}
	index := map[string]int{}
	for i, p := range pool.People {
		index[p.ID] = i
	}
	var drop []int
	for _, id := range ids {
		i, ok := index[id]
		if !ok || !slices.Contains(panel, id) {
			return nil, &Error{Code: CodeInput, Err: &DropError{ID: id, Replacement: rp.IsReplacement()}}
		}
		if slices.Contains(drop, i) {
			return nil, &Error{Code: CodeInput, Err: &DropError{ID: id, Twice: true}}
		}
		drop = append(drop, i)
	}
	slices.Sort(drop)
	return audit.IDs(pool, drop), nil
}
