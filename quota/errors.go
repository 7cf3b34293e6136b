package quota

import (
	"fmt"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
)

// ErrorKind says what is wrong with an input.
type ErrorKind int

// The kinds of input error. Callers select on them with errors.As and the
// Kind field of *InputError.
const (
	NotText         ErrorKind = iota + 1 // the file is not delimited text, or its quoting is broken
	UnknownFormat                        // the quota file's header matches none of the known dialects
	MissingColumn                        // a required column is not in the header
	DuplicateColumn                      // two header columns have the same name
	FieldCount                           // a record has more fields than the header
	MissingName                          // a quota row has no category or no value name
	DuplicateQuota                       // the same category and value appear twice
	BadBound                             // a bound is not a whole number, or is negative
	MinAboveMax                          // min is greater than max
	BadFlex                              // min_flex above min, or max_flex below max
	UnknownValue                         // a pool value is not among the quota file's values
	EmptyID                              // a pool row has an empty id
	DuplicateID                          // two pool rows share an id
	EmptyPool                            // the pool has no data rows
	BadPanelSize                         // k < 1 or k larger than the pool
	BadShare                             // a share or tolerance that is not valid, or shares that do not add up
	UnknownCategory                      // a quota category has no column in the pool
	ValueNotInPool                       // a quota value matches no pool value, which has one not in the quotas
	NoBand                               // a number in the pool is in none of its category's bands
	TwoBands                             // a number in the pool is in two of its category's bands
)

var kindNames = map[ErrorKind]string{
	NotText:         "not text",
	UnknownFormat:   "unknown format",
	MissingColumn:   "missing column",
	DuplicateColumn: "duplicate column",
	FieldCount:      "wrong number of fields",
	MissingName:     "missing name",
	DuplicateQuota:  "duplicate quota",
	BadBound:        "bad bound",
	MinAboveMax:     "min above max",
	BadFlex:         "bad flex bound",
	UnknownValue:    "unknown value",
	EmptyID:         "empty id",
	DuplicateID:     "duplicate id",
	EmptyPool:       "empty pool",
	BadPanelSize:    "bad panel size",
	BadShare:        "bad share",
	UnknownCategory: "unknown category",
	ValueNotInPool:  "value not in the pool",
	NoBand:          "in no band",
	TwoBands:        "in two bands",
}

var kindCodes = map[ErrorKind]string{
	NotText:         "not-text",
	UnknownFormat:   "unknown-format",
	MissingColumn:   "missing-column",
	DuplicateColumn: "duplicate-column",
	FieldCount:      "field-count",
	MissingName:     "missing-name",
	DuplicateQuota:  "duplicate-quota",
	BadBound:        "bad-bound",
	MinAboveMax:     "min-above-max",
	BadFlex:         "bad-flex",
	UnknownValue:    "unknown-value",
	EmptyID:         "empty-id",
	DuplicateID:     "duplicate-id",
	EmptyPool:       "empty-pool",
	BadPanelSize:    "bad-panel-size",
	BadShare:        "bad-share",
	UnknownCategory: "unknown-category",
	ValueNotInPool:  "value-not-in-pool",
	NoBand:          "no-band",
	TwoBands:        "two-bands",
}

// Code returns the kind's stable code, such as "bad-bound", which the JSON
// interface gives platforms.
func (k ErrorKind) Code() string {
	if s, ok := kindCodes[k]; ok {
		return s
	}
	return fmt.Sprintf("error-kind-%d", int(k))
}

// String names the kind in a few words.
func (k ErrorKind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("ErrorKind(%d)", int(k))
}

// InputError describes one problem in an input file, in words a person who
// prepared the file in a spreadsheet can act on.
type InputError struct {
	File   string    // the file as named by the caller
	Sheet  string    // the sheet of a workbook, "" for a text file
	Line   int       // physical line in the file (the header is line 1), or row in the sheet; 0 when the problem is not on one line
	Column string    // the column's name as written in the header; "" when none applies
	Value  string    // the offending value as written; "" when none applies
	Kind   ErrorKind // what kind of problem
	// Reason says what is wrong and, where possible, how to fix it: one
	// of the message.Quota…, Pool…, PanelSize… and Table… codes with its
	// numbers and names.
	Reason message.Reason
	// Suggestion is the name the problem's value or column is nearest to,
	// when there is one near enough to suggest ("did you mean"); "" when
	// none is.
	Suggestion string
	// More counts the errors of the same kind in the same column of the
	// same file found after this one and not kept (ErrorList.Add keeps
	// MaxSame of them).
	More int
}

// Error returns "file, line N, column \"C\": message", leaving out the
// parts that do not apply; in a workbook, "file, sheet \"S\", row N,
// column \"C\": message". The column's name is cut as table.Quote cuts
// values.
func (e *InputError) Error() string { return e.In(message.English) }

// In returns the error as Error does, in the language.
func (e *InputError) In(lang message.Lang) string { return e.AsReason().In(lang) }

// AsReason returns the error as a reason: where it is (the file, the line
// or the sheet and row, the column), its Reason and how many more lines
// have it (message.InputAt).
func (e *InputError) AsReason() message.Reason {
	var place, column message.Reason
	switch {
	case e.Sheet != "" && e.Line > 0:
		place = message.New(message.InputSheetRow, "sheet", table.Quote(e.Sheet), "line", e.Line)
	case e.Sheet != "":
		place = message.New(message.InputSheet, "sheet", table.Quote(e.Sheet))
	case e.Line > 0:
		place = message.New(message.InputLine, "line", e.Line)
	}
	if e.Column != "" {
		column = message.New(message.InputColumn, "column", table.Quote(e.Column))
	}
	file := message.New(message.Verbatim, "name", e.File)
	if e.File == PanelSizeFile {
		file = message.New(message.InputPanelSize)
	}
	return message.New(message.InputAt, "file", file, "place", place, "column", column, "reason", e.Reason, "more", e.Repeated())
}

// Repeated says how many more lines (rows of a sheet) have the same
// problem (More), or is the zero Reason when none do.
func (e *InputError) Repeated() message.Reason {
	switch {
	case e.More > 0 && e.Sheet != "":
		return message.New(message.InputMoreRows, "n", e.More)
	case e.More > 0:
		return message.New(message.InputMoreLines, "n", e.More)
	}
	return message.Reason{}
}

// Message returns what is wrong, in the language, without where.
func (e *InputError) Message(lang message.Lang) string { return e.Reason.In(lang) }

// PanelSizeFile is the File of an error of the panel size (BadPanelSize),
// which is in no file: said in the reader's language.
const PanelSizeFile = "panel size"

// MaxErrors is the number of errors collected from the inputs before the
// rest are only counted.
const MaxErrors = 50

// MaxSame is the number of errors of one kind in one column of one file
// that are kept; the rest are counted in the last one kept (its More).
const MaxSame = 5

// ErrorList holds all the errors found in the inputs, in file and line
// order. errors.As finds each *InputError in it.
type ErrorList struct {
	Errs    []*InputError
	Omitted int // errors found beyond MaxErrors and not kept
}

// Count returns the number of errors found: those kept, those counted in
// their More, and those omitted.
func (l *ErrorList) Count() int {
	n := len(l.Errs) + l.Omitted
	for _, e := range l.Errs {
		n += e.More
	}
	return n
}

// Error returns one error per line.
func (l *ErrorList) Error() string { return l.In(message.English) }

// In returns the errors as Error does, in the language.
func (l *ErrorList) In(lang message.Lang) string { return l.AsReason().In(lang) }

// AsReason returns the errors as a reason: the one error's, or each
// error's one a line (message.InputProblems), then how many were not kept.
func (l *ErrorList) AsReason() message.Reason {
	if len(l.Errs) == 1 && l.Omitted == 0 {
		return l.Errs[0].AsReason()
	}
	var problems []message.Reason
	for _, e := range l.Errs {
		problems = append(problems, e.AsReason())
	}
	if l.Omitted > 0 {
		problems = append(problems, message.New(message.InputMore, "n", l.Omitted))
	}
	return message.New(message.InputProblems, "problems", problems)
}

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l *ErrorList) Unwrap() []error {
	out := make([]error, len(l.Errs))
	for i, e := range l.Errs {
		out[i] = e
	}
	return out
}

// Add appends e; or, when MaxSame errors of its kind in its column of its
// file are kept, counts it in the More of the last of them; or counts it as
// omitted once MaxErrors errors are kept.
func (l *ErrorList) Add(e *InputError) {
	same, last := 0, -1
	for i, k := range l.Errs {
		if k.File == e.File && k.Sheet == e.Sheet && k.Kind == e.Kind && k.Column == e.Column {
			same, last = same+1, i
		}
	}
	switch {
	case same >= MaxSame:
		l.Errs[last].More++
	case len(l.Errs) >= MaxErrors:
		l.Omitted++
	default:
		l.Errs = append(l.Errs, e)
	}
}

// Err returns the list as an error, or nil when it is empty.
func (l *ErrorList) Err() error {
	if len(l.Errs) == 0 {
		return nil
	}
	return l
}
