// Package report writes the fairness report of a selection, report.html
// and report.md, for people who are not specialists: the quotas against
// the pool and the panel, everyone's probability of selection (with a plot
// in the HTML), how equal those probabilities are, who cannot be selected
// and why, who is certain to be selected and why, which objective the
// lottery has and why, the seed and the drawn panel, and the commands that
// verify it all. The report is made from the audit record alone (audit.Record), in
// English or French.
//
// Output is deterministic: the same record and options give the same
// bytes on every machine. Dates are those of the record's steps, never the
// clock's, and all numbers are computed without platform-dependent
// floating point (see Gini and GeometricMean). The HTML is self-contained:
// inline CSS and SVG, no script, no font, image or style sheet to fetch.
//
// It owns the report's sentences in every language (English and French)
// and their layout. It must not compute or check anything a verifier
// relies on: every number comes from the audit record, and what an
// objective does is read from the registry (sortition.Objectives). It
// never prints, exits or reads the clock.
package report
