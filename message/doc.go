// Package message holds tirage's messages as data and renders them in
// English and French.
//
// A Reason is a message as data: a Code, stable across versions, that says
// what kind of thing it reports, and its arguments, the numbers, names and
// nested reasons it is made of. The packages that find a thing (sortition,
// quota, audit, selection) make the Reason; the programs that show it (the
// command, the report, the JSON interface) render it, with In, in the
// language of their reader. No sentence is built anywhere else.
//
// Every code has its English and its French template in one catalog
// (catalog.go), so that adding a kind of reason means adding both; a test
// checks that every code has both, that they differ and carry the same
// placeholders, and that each shows the numbers it is given. The codes of
// verification (verify.go) cover every check audit.Verify makes, passed or
// failed, and the checks' titles; ReasonOf makes a reason of an error.
//
// Numbers are written the same way in both languages on purpose when they
// are given as numbers: an int argument as its digits (no thousands
// separator: a line, a count or a seat as a file or the record has it),
// and a float64 argument in Go's shortest form that reads back to the same
// value (Exact: strconv.FormatFloat with 'g' and -1, 0.12307692307088058,
// 1e-06), with a point, in French too; audit passes its exact values
// through Exact. These are the exact values an auditor
// compares with audit.json, which writes them so; a comma or a rounding
// would hide the digit that differs. A number meant for reading, such as
// a percentage or a count with separators, is written by the caller in the
// reader's language (Percent, Decimal, Int) and given as a string.
//
// A reason whose argument is another library's own English words (a JSON
// decoder's or a file system's error) gives them under the code
// ErrorText, whose French rendering says they are English. An error that
// knows its reason (an *Error, or a Reasoner such as an input file's
// error) is rendered from it by In and ReasonOf.
//
// This package imports no other package of tirage, so that every package
// can make reasons.
package message
