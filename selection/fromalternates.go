package selection

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/dropout"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
)

// AlternatesReplaceInput is what a replacement from the alternates is made
// with (ReplaceFromAlternates).
type AlternatesReplaceInput struct {
	// Pool is the pool file the first selection was committed with.
	Pool File
	// Drop lists the ids of the members who withdrew; Declined those of
	// alternates who could not come, passed over now and later.
	Drop, Declined []string
	// Folder is the name of the replaced selection's folder (a name,
	// never a path).
	Folder string
	// Tool and Now are as in Input.
	Tool audit.Tool
	Now  func() time.Time
}

// AlternatesReplacement is the outcome of ReplaceFromAlternates.
type AlternatesReplacement struct {
	// Record is the replacement's record; Record.Replaces.FromAlternates
	// says who was available, declined and called, and the loss.
	Record *audit.Record
	// Dropped are the ids of who withdrew, in pool order.
	Dropped []string
	// Completed holds the ids of the new panel, in pool order.
	Completed []string
	// SharedHouseholds are pairs of the new panel's members who share a
	// household (alternates are called by quota values only).
	SharedHouseholds [][2]string
	// Files are those of the replacement's folder
	// (AlternatesReplacementFiles).
	Files []File
}

// ReplaceFromAlternates replaces the members in.Drop withdrew from the
// alternates chosen for dropouts with the first selection, by the
// replacement step of audit/SPEC.md 7.2.3, recorded
// (audit.NewAlternatesReplacement). Every error is an *Error; a *DropError
// says what is wrong with the withdrawals.
func ReplaceFromAlternates(rp *Replacing, in AlternatesReplaceInput) (*AlternatesReplacement, error) {
	now := in.Now
	if now == nil {
		now = time.Now
	}
	chain := rp.chain
	pool, err := committedPool(chain[0], in.Pool)
	if err != nil {
		return nil, err
	}
	dropped, err := rp.dropped(pool, in.Drop)
	if err != nil {
		return nil, err
	}
	record, err := audit.NewAlternatesReplacement(chain, in.Folder, dropped, in.Declined, in.Tool, now())
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: err}
	}
	files, err := AlternatesReplacementFiles(record, chain[0], pool)
	if err != nil {
		return nil, &Error{Code: CodeInternal, Err: err}
	}
	completed := record.CompletedFromAlternates(chain[0])
	return &AlternatesReplacement{Record: record, Dropped: dropped, Completed: completed,
		SharedHouseholds: chain[0].SharedHouseholds(completed), Files: files}, nil
}

// ModelInput is what a dropout model is fitted on (FitDropoutModel).
type ModelInput struct {
	// Histories are past panels, one row per member, with the feature
	// columns and the attended column.
	Histories []File
	// Features names the feature columns; Quotas, when not nil, is a
	// quota file whose categories are features too.
	Features []string
	Quotas   *File
	// Attended names the attended column ("" for
	// dropout.DefaultAttendedColumn); Smoothing is λ (0 for none).
	Attended  string
	Smoothing float64
}

// ModelRow is a row of a fitted model's table (dropout.Row): a feature
// value's factor and chance of attending.
type ModelRow = dropout.Row

// DefaultAttendedColumn and DefaultSmoothing are ModelInput's defaults as
// `tirage dropout-model` shows them.
const (
	DefaultAttendedColumn = dropout.DefaultAttendedColumn
	DefaultSmoothing      = dropout.DefaultSmoothing
)

// FittedModel is a fitted dropout model: the model file's bytes and its
// table, for a partner to read.
type FittedModel struct {
	File  []byte
	Table []ModelRow
}

// FitDropoutModel fits the multiplicative dropout model on past panels
// (dropout.Fit, audit/SPEC.md 7.2.8). Every error is an *Error of code
// CodeInput, an *InputFileError for a file that cannot be read.
func FitDropoutModel(in ModelInput) (*FittedModel, error) {
	if in.Smoothing < 0 {
		return nil, &Error{Code: CodeInput, Err: message.Errorf(message.DropoutSmoothing, "value", strconv.FormatFloat(in.Smoothing, 'g', -1, 64))}
	}
	var features []string
	if in.Quotas != nil {
		q, err := quota.Parse(in.Quotas.Name, in.Quotas.Content)
		if err != nil {
			return nil, &Error{Code: CodeInput, Err: &InputFileError{What: "quota file", Err: err}}
		}
		for _, c := range q.Categories {
			features = append(features, c.Name)
		}
	}
	features = append(features, in.Features...)
	var histories []*dropout.History
	for _, f := range in.Histories {
		h, err := dropout.ParseHistory(f.Name, f.Content, features, in.Attended)
		if err != nil {
			return nil, &Error{Code: CodeInput, Err: &InputFileError{What: "history file", Err: err}}
		}
		histories = append(histories, h)
	}
	smoothing := in.Smoothing
	if smoothing == 0 {
		smoothing = -1 // FitOptions: negative for none
	}
	m, err := dropout.Fit(histories, dropout.FitOptions{Smoothing: smoothing})
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: err}
	}
	for i := range m.Histories {
		// The files by name, without their folders: the model's bytes,
		// and so its digest, do not depend on the path used.
		m.Histories[i].Name = BaseName(m.Histories[i].Name)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, &Error{Code: CodeInternal, Err: err}
	}
	return &FittedModel{File: append(data, '\n'), Table: m.Table()}, nil
}

// CompareAlternates draws an illustrative panel of the objective's lottery
// with the seed and chooses n alternates for dropouts, for the figures of
// the four sets of alternates (the record's Draw.Dropout). Nothing is
// written. Every error is an *Error.
func CompareAlternates(ctx context.Context, in *Inputs, householdColumns []string, algorithm, seed string, n int, req *DropoutRequest, tool audit.Tool) (*Result, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	problem, err := in.problemWith(householdColumns)
	if err != nil {
		return nil, err
	}
	d, err := req.rates(in.Pool, in.PoolFile.Path)
	if err != nil {
		return nil, err
	}
	return run(ctx, problem, Input{Pool: in.Pool, PoolFile: in.PoolFile, QuotaFile: in.QuotaFile, K: in.K, Households: householdColumns,
		Algorithm: algorithm, Seed: seed, Alternates: n, Dropout: d, Tool: tool})
}
