// Package selection makes a whole selection in one call: from a pool and
// its quotas to the lottery of an objective (leximin by default), its uniform rounding, the committed
// audit record and the drawn panel (Run). It is what `tirage select` does
// between reading its files and writing its outputs, and what platforms
// embedding tirage call, directly or through the JSON interface of
// `tirage select --json` (HandleJSON).
//
// It owns the library's workflows and their errors with exit codes (Error,
// CodeOf); it names objectives only through the registry
// (sortition.Objectives: Algorithms, Algorithm, Certified). It must not
// print, exit, read flags or the environment: the command (cmd/tirage)
// does that and renders what selection returns.
package selection
