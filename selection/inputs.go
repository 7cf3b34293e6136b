package selection

import (
	"errors"
	"github.com/tirage/tirage/message"
	"strings"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// Inputs are a selection's pool and quotas, read and validated for a
// panel size.
type Inputs struct {
	// Quotas are the quota file's, their shares' bounds derived for K.
	Quotas *quota.Set
	// Pool holds the people, read against Quotas.
	Pool *sortition.Pool
	// K is the panel size, checked against the pool.
	K int
	// PoolFile and QuotaFile name the files (by their last path element:
	// a record names no folder of the computer it was made on) and give
	// the SHA-256 digest of their bytes.
	PoolFile, QuotaFile audit.File
	// Notices are remarks on how the files were read (their encoding, a
	// sheet, a missing id column), for the user.
	Notices []message.Reason
	// IDs, when not nil, says that the pool's ids look like personal
	// data, which is published with them.
	IDs *IDWarning

	// relaxation is the relaxation of the quota file's bounds that Pool's
	// quotas hold (Prepare), for the record; nil for none.
	relaxation *sortition.Relaxation
	// problem is the panels of K people from Pool, without a household
	// rule: made once, by ReadInputs, which so checks K.
	problem *sortition.Problem
}

// check returns an *Error for inputs that ReadInputs did not make (no
// pool, or none at all).
func (in *Inputs) check() error {
	if in == nil || in.Pool == nil || in.Pool.Quotas == nil || in.Quotas == nil || in.problem == nil || in.problem.Pool() != in.Pool || in.problem.K() != in.K {
		return &Error{Code: CodeInput, Err: errors.New("no pool: read the inputs with ReadInputs")}
	}
	return nil
}

// problemWith returns the inputs' problem with the household rule of the
// columns (none when empty); its error is an *Error of code CodeInput.
func (in *Inputs) problemWith(householdColumns []string) (*sortition.Problem, error) {
	problem, err := in.problem.WithHouseholds(householdColumns)
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: err}
	}
	return problem, nil
}

// IDWarning says why the pool's ids look like personal data.
type IDWarning struct {
	// Kind is "email", "phone" or "name".
	Kind string
	// Count of the Of ids look so; Example is one of them.
	Count, Of int
	Example   string
	// Column is the id column; InNameColumn is set when it is itself a
	// column of names.
	Column       string
	InNameColumn bool
}

// InputFileError is a problem in an input file: What names the file in a
// few words ("pool file", "quota file", or "input files" when the
// problems are in both), Err the problem (a *quota.ErrorList, for the
// problems found in the file's content).
type InputFileError struct {
	What string
	Err  error
}

// Error returns the underlying error's message.
func (e *InputFileError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *InputFileError) Unwrap() error { return e.Err }

// Problems returns the problems found in the file's content, one sentence
// each with its file, line and column, in the language, their count (those kept and those
// only counted) and the number omitted beyond the last one listed; ok is
// false when the error is not about the content (the file could not be
// read as a table).
func (e *InputFileError) Problems(lang message.Lang) (lines []string, count, omitted int, ok bool) {
	var list *quota.ErrorList
	if !errors.As(e.Err, &list) {
		return nil, 0, 0, false
	}
	for _, ie := range list.Errs {
		lines = append(lines, ie.In(lang))
	}
	return lines, list.Count(), list.Omitted, true
}

// Message returns the message of err, in the language, without the name
// of the input it is about, for an error about one input (a
// *quota.InputError, such as a bad panel size), else err's message.
func Message(err error, lang message.Lang) string {
	var ie *quota.InputError
	if errors.As(err, &ie) {
		return ie.Reason.In(lang)
	}
	return message.In(err, lang)
}

// inputReason is err as a reason, as Message renders it: an input file's
// reason without its place, else message.ReasonOf.
func inputReason(err error) message.Reason {
	var ie *quota.InputError
	if errors.As(err, &ie) {
		return ie.Reason
	}
	return message.ReasonOf(err)
}

// BaseName returns the last element of a path written with slashes or
// backslashes: how a record names a file or a folder, never by a folder
// of the computer it was made on. It is "" for a path that ends with a
// separator.
func BaseName(p string) string {
	return p[strings.LastIndexAny(p, `/\`)+1:]
}

// InputFile returns the file of a workbook's sheet name FILE.xlsx:SHEET,
// whose bytes are the input's (the readers take the sheet from the name),
// or name itself for any other name.
func InputFile(name string) string {
	file, _ := table.SplitSheet(name)
	return file
}

// ReadQuotas reads a quota file for a panel of k people (the bounds of
// the values given by share are derived for k when k is at least 1). Its
// error is an *Error of code CodeInput wrapping an *InputFileError.
func ReadQuotas(f File, k int) (*quota.Set, error) {
	q, err := quota.Parse(f.Name, f.Content)
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: &InputFileError{What: "quota file", Err: err}}
	}
	if k >= 1 {
		q = q.ForPanel(k)
	}
	return q, nil
}

// ReadInputs reads the quota file, then the pool file against it, and
// checks the panel size k against the pool: the first step of every
// workflow that starts from the files (check, compare, select). idColumn
// names the pool column of the ids ("" for the default). Every error is an
// *Error of code CodeInput; the files' problems are an *InputFileError.
func ReadInputs(pool, quotas File, k int, idColumn string) (*Inputs, error) {
	q, err := ReadQuotas(quotas, k)
	if err != nil {
		return nil, err
	}
	p, err := sortition.ParsePool(pool.Name, pool.Content, q, sortition.PoolOptions{IDColumn: idColumn})
	if err != nil {
		// Its errors may be the quota file's (a value nobody has).
		return nil, &Error{Code: CodeInput, Err: &InputFileError{What: poolErrorsWhat(err, q), Err: err}}
	}
	problem, err := p.Problem(k, nil) // the panel size's one check
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: err}
	}
	in := &Inputs{Quotas: q, Pool: p, K: k, problem: problem,
		PoolFile:  audit.File{Path: BaseName(pool.Name), SHA256: sha256Hex(pool.Content)},
		QuotaFile: audit.File{Path: BaseName(quotas.Name), SHA256: sha256Hex(quotas.Content)},
		Notices:   append(append([]message.Reason(nil), q.Notices...), p.Notices...),
	}
	if c := p.PersonalIDs(); c != nil {
		kind := map[sortition.IDKind]string{sortition.EmailIDs: "email", sortition.PhoneIDs: "phone", sortition.NameIDs: "name"}[c.Kind]
		in.IDs = &IDWarning{Kind: kind, Count: c.Count, Of: c.Of, Example: c.Example, Column: c.Column,
			InNameColumn: c.Kind == sortition.NameIDs && c.NameColumn == c.Column}
	}
	return in, nil
}

// poolErrorsWhat says which input files the errors from reading the pool
// are in: the pool file, the quota file (a value nobody in the pool has, a
// category with no column), or both. An error is the quota file's when it
// names its file and sheet: the pool and the quotas may be two sheets of
// one workbook.
func poolErrorsWhat(err error, q *quota.Set) string {
	var list *quota.ErrorList
	if !errors.As(err, &list) {
		return "pool file"
	}
	inQuotas := 0
	for _, ie := range list.Errs {
		if ie.File == q.File && ie.Sheet == q.Sheet {
			inQuotas++
		}
	}
	switch inQuotas {
	case 0:
		return "pool file"
	case len(list.Errs):
		return "quota file"
	}
	return "input files"
}

// households returns the household of each person of the pool by the
// columns, nil for none; its error is an *Error of code CodeInput.
func households(pool *sortition.Pool, columns []string) ([]int, error) {
	if len(columns) == 0 {
		return nil, nil
	}
	h, err := pool.Households(columns)
	if err != nil {
		return nil, &Error{Code: CodeInput, Err: err}
	}
	return h, nil
}
