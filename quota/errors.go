package quota

import (
	"fmt"
	"strings"
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
	Line   int       // physical line in the file (the header is line 1); 0 when the problem is not on one line
	Column string    // the column's name as written in the header; "" when none applies
	Value  string    // the offending value as written; "" when none applies
	Kind   ErrorKind // what kind of problem
	Msg    string    // what is wrong and, where possible, how to fix it
}

// Error returns "file, line N, column \"C\": message", leaving out the
// parts that do not apply.
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d", e.Line)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %q", e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// MaxErrors is the number of errors collected from one file before the rest
// are only counted.
const MaxErrors = 50

// ErrorList holds all the errors found in the inputs, in file and line
// order. errors.As finds each *InputError in it.
type ErrorList struct {
	Errs    []*InputError
	Omitted int // errors found beyond MaxErrors and not kept
}

// Error returns one error per line.
func (l *ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l.Errs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	if l.Omitted > 0 {
		fmt.Fprintf(&b, "\n… and %d more errors", l.Omitted)
	}
	return b.String()
}

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l *ErrorList) Unwrap() []error {
	out := make([]error, len(l.Errs))
	for i, e := range l.Errs {
		out[i] = e
	}
	return out
}

// Add appends e, or counts it once MaxErrors errors are kept.
func (l *ErrorList) Add(e *InputError) {
	if len(l.Errs) >= MaxErrors {
		l.Omitted++
		return
	}
	l.Errs = append(l.Errs, e)
}

// Err returns the list as an error, or nil when it is empty.
func (l *ErrorList) Err() error {
	if len(l.Errs) == 0 {
		return nil
	}
	return l
}
