package selection

import (
	"context"
	"fmt"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/sortition"
)

// RecordError says that an audit.json cannot be read as an audit record.
type RecordError struct{ Err error }

// Error returns the underlying error's message.
func (e *RecordError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *RecordError) Unwrap() error { return e.Err }

// AlreadyDrawnError says that a committed lottery was drawn already: with
// that seed, the panel of that index.
type AlreadyDrawnError struct {
	Seed  string
	Index int
}

// Error says that the lottery has been drawn, in English.
func (e *AlreadyDrawnError) Error() string { return e.AsReason().String() }

// AsReason says that the lottery has been drawn, as a reason
// (message.DrawDrawnOnce).
func (e *AlreadyDrawnError) AsReason() message.Reason {
	return message.New(message.DrawDrawnOnce, "seed", fmt.Sprintf("%q", e.Seed), "index", e.Index)
}

// Committed is a lottery committed and not drawn yet (select
// --commit-only), read from its audit.json for a draw.
type Committed struct {
	// Record is the committed record.
	Record *audit.Record
}

// PoolName returns the name of the pool file the lottery was committed
// with, as the record gives it.
func (c *Committed) PoolName() string { return c.Record.Inputs.Pool.Path }

// ReadCommitted reads a committed lottery from the bytes of its audit.json.
// Its error is an *Error of code CodeInput wrapping a *RecordError or an
// *AlreadyDrawnError.
func ReadCommitted(data []byte) (*Committed, error) {
	r, err := audit.ParseRecord(data)
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: &RecordError{Err: err}}
	}
	if r.Draw != nil {
		return nil, &Error{Code: CodeInput, Err: &AlreadyDrawnError{Seed: r.Draw.Seed, Index: r.Draw.Index}}
	}
	return &Committed{Record: r}, nil
}

// DrawInput is what a committed lottery is drawn with.
type DrawInput struct {
	// Pool is the pool file the lottery was committed with: Draw refuses
	// one whose SHA-256 differs.
	Pool File
	// Seed is the seed text; SeedNumbers says it is public random numbers
	// in the canonical form of RFC 3797 (SeedFromNumbers).
	Seed        string
	SeedNumbers bool
	// Alternates is the number of ranked alternates to draw too.
	Alternates int
	// Dropout, when not nil, has the Alternates chosen for the dropouts
	// to come instead, from the rates it names (audit/SPEC.md 7.2).
	Dropout *DropoutRequest
	// Lang, Organisation and Contact are those of the reports (Folder).
	Lang                  report.Lang
	Organisation, Contact string
	// Now gives the time of the draw; nil means time.Now.
	Now func() time.Time
	// Phase, if not nil, is told which phase the draw is in.
	Phase func(string)
}

// Draw draws the panel of a committed lottery with a seed that did not
// exist at the commitment (audit/SPEC.md), and the alternates asked for,
// and returns the files of the selection folder, drawn: the record is
// completed with the draw. Every error is an *Error.
func Draw(c *Committed, in DrawInput) ([]File, error) {
	return DrawContext(context.Background(), c, in)
}

// DrawContext is Draw with a context, which stops the search for
// alternates chosen for dropouts (DrawInput.Dropout).
func DrawContext(ctx context.Context, c *Committed, in DrawInput) ([]File, error) {
	phase := func(p string) {
		if in.Phase != nil {
			in.Phase(p)
		}
	}
	now := in.Now
	if now == nil {
		now = time.Now
	}
	record := c.Record
	phase("reading the pool file")
	pool, err := committedPool(record, in.Pool)
	if err != nil {
		return nil, err
	}
	phase("drawing")
	if off := len(record.People.Rows) - record.K; in.Alternates < 0 || in.Alternates > off {
		return nil, &Error{Code: CodeInput, Err: message.Errorf(message.DrawAlternatesRange, "max", max(0, off), "n", in.Alternates)}
	}
	var rates *Dropout
	if in.Dropout != nil {
		if rates, err = in.Dropout.rates(pool, in.Pool.Name); err != nil {
			return nil, err
		}
		if err := rates.check(pool, in.Alternates); err != nil {
			return nil, &Error{Code: CodeInput, Err: err}
		}
	}
	kind := audit.SeedText
	if in.SeedNumbers {
		kind = audit.SeedNumbers
	}
	_, err = record.DrawSeed(audit.Seed{Text: in.Seed, Kind: kind}, now())
	switch {
	case err == nil && rates != nil:
		phase("choosing the alternates for dropouts")
		_, err = record.DrawDropoutAlternates(ctx, rates.input(in.Alternates))
		if err != nil && ctx.Err() != nil {
			return nil, &Error{Code: CodeSelection, Err: err}
		}
	case err == nil:
		err = record.DrawAlternates(in.Alternates)
	}
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: message.Errorf(message.DrawCannot, "error", message.ReasonOf(err))}
	}
	phase("writing the files")
	files, err := FolderFiles(Folder{Record: record, Pool: pool, Lang: in.Lang, Organisation: in.Organisation, Contact: in.Contact})
	if err != nil {
		return nil, &Error{Code: CodeInternal, Err: err}
	}
	return files, nil
}

// committedPool reads the pool file and returns it if it is the one the
// record committed to: the same SHA-256, read as the record says. Its
// error is an *Error of code CodeInput.
func committedPool(record *audit.Record, f File) (*sortition.Pool, error) {
	fail := func(code message.Code, pairs ...any) (*sortition.Pool, error) {
		return nil, &Error{Code: CodeInput, Err: message.Errorf(code, pairs...)}
	}
	if got := sha256Hex(f.Content); got != record.Inputs.Pool.SHA256 {
		return fail(message.DrawPoolNotCommitted, "file", f.Name, "got", got, "want", record.Inputs.Pool.SHA256)
	}
	q, err := record.QuotaSet()
	if err != nil {
		return fail(message.DrawQuotaTable, "error", message.ReasonOf(err))
	}
	pool, err := sortition.ParsePool(f.Name, f.Content, q, sortition.PoolOptions{IDColumn: record.Settings.IDColumn})
	if err != nil {
		return fail(message.DrawPoolUnreadable, "file", f.Name, "error", message.ReasonOf(err))
	}
	return pool, nil
}
