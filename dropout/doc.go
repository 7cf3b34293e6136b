// Package dropout chooses alternates for the panel members who will drop
// out between the draw and the first session, and replaces them on the day.
//
// It follows the approach of Assos, Baharav, Flanigan & Procaccia,
// "Alternates, Assemble! Selecting Optimal Alternates for Citizens'
// Assemblies" (EC 2025, arXiv 2506.15716), with tirage's own definitions,
// written in audit/SPEC.md (section 7.2) so that a second implementation can
// reproduce every number:
//
//   - Dropout rates: a probability per person, read from a column of the
//     pool (RatesFromColumn) or given by a Model, the multiplicative model
//     P(stay) = β₀ · Π_f β_{f,value} fitted by maximum likelihood on the
//     panels of past assemblies (Fit).
//   - The loss of a final panel F (the members who stayed plus the
//     replacements): Σ over quota values v of max(0, min_v − c_v, c_v −
//     max_v) + (k − |F|), where c_v counts F's members with value v
//     (Bounds.Loss).
//   - The replacement step (Replace): given who dropped out and the
//     alternates still available, in their recorded order, choose at most
//     as many alternates as dropouts so that the loss is least; among the
//     sets with the least loss, the one that calls the earliest alternates
//     (see Replace). It is solved exactly by a depth-first branch and bound
//     whose bound relaxes the categories into independent ones.
//   - Scenarios (NewSample): each pool member drops out independently with
//     their rate; scenario j is drawn from the audit stream (audit.Stream, internal/stream)
//     of the seed text "<seed>/<j>", one Float64 per person in pool order.
//   - Choosing the alternates (Choose): the set A of N people outside the
//     panel minimising the average loss over the scenarios, the replacement
//     step applied in each; found by a greedy construction and swap search
//     seeded with the callers' sets (so the result is never worse in-sample
//     than any of them), with a proven lower bound on every set's average
//     loss (LowerBound); the gap is reported, and is zero when the set is
//     proven optimal. CheckClaim recomputes a claimed loss and bound.
//   - The figures (Evaluate): on a fresh sample of scenarios, the expected
//     loss and how often the final panel meets every quota, for any set of
//     alternates (none, scaled-quota alternates, the ranked list, the
//     chosen set).
//
// The package never prints and never reads the clock: results depend only on
// the inputs and the seeds.
package dropout
