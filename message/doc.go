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
// This package imports no other package of tirage, so that every package
// can make reasons.
package message
