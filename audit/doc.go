// Package audit makes a selection checkable by anyone from its published
// files, trusting no one. Its formats and procedures are specified in
// SPEC.md, in this directory, precisely enough to be reimplemented in any
// language.
//
// A selection is decided by three things: the inputs (the pool and the
// quotas), the lottery computed from them, and a seed. The record
// (Record, written as audit.json) holds the digests of the inputs and
// their canonical parsed form (the quota table; everyone's id, quota values
// and an opaque household number, and nothing else about them), the exact
// lottery with the weights that certify its optimality, and the uniform
// lottery over M panels that the draw picks from.
//
// The draw happens in two steps. NewRecord commits to the lottery: the
// Commitment is a SHA-256 digest of everything above, computable before
// any seed exists, so it can be published first. Record.DrawPanel then
// derives an index in [0, M) from the commitment and the seed (DrawIndex:
// SHA-256 and integer rejection sampling, no floating point) and records
// the panel with that index (Record.DrawSeed records, with the seed, its
// kind: SeedText, SeedNumbers, SeedGenerated or SeedDerived). The seed is
// text announced in advance, such as a public beacon value, its source
// recorded in Settings.SeedSource and committed; SeedFromNumbers gives the
// canonical form of a list of public random numbers in the style of RFC
// 3797, and NewSeed a fresh random seed, which is not public.
//
// Nothing that decides fairness is read from the record: the certified
// gap (CertifiedGap) and the faithfulness of the uniform lottery to the
// exact one (MinUniformPanels, MaxShiftTickets, and a ticket for everyone
// with a chance) are constants of the format. FaithfulUniform rounds a
// lottery to a uniform lottery that meets them, raising the number of
// panels when needed.
//
// Verify re-checks a selection from its files: the record's canonical
// form, its tables and their digests, every panel against the quotas, the
// optimality certificate (an exact search for the heaviest panel under the
// published weights), the commitment, the draw, and the CSV files beside
// the record, and the input files when given. Each Check carries what it
// found (Reason) and what it checks (Title) as message reasons, which the
// programs render in their reader's language. CannotProve says what no
// check can: that the commitment was published before the seed existed,
// that the seed came from its announced source, and that the pool is the
// real list of volunteers.
//
// Stream is a deterministic random stream defined from SHA-256 alone,
// which DrawIndex is built on.
//
// It owns the record's format (SPEC.md), the commitment, the draw and
// verification. It must not decide fairness from anything the record
// claims (verification recomputes it, with sortition's exact searches and
// the registry of objectives, sortition.Objectives, for which checks
// apply), and it never prints, exits or reads global state.
//
// The alternates of a draw are a ranked list (Record.DrawAlternates,
// SPEC.md 7.1) or, from every person's dropout rate, the set chosen for
// the dropouts to come (Record.DrawDropoutAlternates, SPEC.md 7.2, with
// package dropout), whose claimed loss and figures Verify recomputes from
// scenarios it regenerates. NewAlternatesReplacement records the
// replacement of withdrawn members from the alternates (SPEC.md 9.2.1).
package audit
