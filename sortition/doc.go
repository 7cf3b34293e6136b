// Package sortition holds the pool of volunteers and the algorithms that
// select a panel from it: the lotteries over quota-satisfying panels, their
// rounding, and the draw.
//
// # What it owns
//
//   - The pool (Pool, ReadPool, ParsePool), its households (Pool.Households)
//     and the problem every algorithm solves: a pool, a panel size checked
//     against it and the household rule (Problem, NewProblem).
//   - The objectives (Objectives): each a value with its name, whether its
//     lotteries carry an optimality certificate, and what it does, in
//     English for help texts and in every report language. Maximin,
//     Leximin, Nash, Goldilocks and Legacy compute them, each with its own
//     options (MaximinOptions, …) around the shared Options. The engine
//     they share (engine.go: types of interchangeable people, coverage,
//     the decomposition of a relaxed point into panels, the expansion into
//     concrete panels) and its tolerances are internal.
//   - What a lottery is (Lottery, Level, Panel) and its rounding to a
//     uniform lottery over M panels (Lottery.Uniform).
//   - Exact answers about the quotas: whether a panel exists and which
//     bounds conflict (CheckFeasibility), the smallest relaxation
//     (MinimalRelaxation), the heaviest panel under given weights, which
//     checks certificates (MaxPanelWeight), and the completion of a panel
//     after withdrawals (NewCompletion, FirstFittingAlternate).
//
// # What it must not do
//
// It does not print, exit, read the clock for results, or read global
// state: long computations take a context.Context and report progress
// through Options.Progress. It knows nothing of the audit record, the draw
// from a seed, files other than the pool, or the report: those are audit,
// report and selection, which import it, never the other way round. Its
// results are deterministic: the same problem and options give the same
// lottery on every platform (see the arithmetic note in engine.go).
package sortition
