// Package selection holds every workflow of tirage as a library call: it
// takes inputs as values (files as names and bytes) and returns results
// and the files of a selection folder, so that the command, the JSON
// interface, batch runs and a web app make the same calls. ReadInputs
// reads a pool and its quotas; Check checks them; CompareInputs compares
// the objectives; Prepare and SelectFrom make a selection, from the
// lottery of an objective (leximin by default) to its uniform rounding,
// the committed audit record and the drawn panel (Run does it for a pool
// already read); Draw draws a committed lottery; Replace completes a panel
// after withdrawals; Verify re-checks a selection; ParseManifest and
// RunBatch run a batch; FolderFiles makes the files of a selection folder;
// HandleJSON is `tirage select --json`. Alternates chosen for the
// dropouts to come (audit/SPEC.md 7.2) are a DropoutRequest of SelectFrom,
// DrawContext and CompareAlternates, which DropoutOptions.Request makes
// from the settings of the flags, a JSON request or a batch manifest,
// checked once; ReplaceFromAlternates calls them on
// the day; FitDropoutModel fits the dropout model on past panels. The
// package reads no file: where
// it needs folders (a replacement's predecessors), the caller gives them
// as fs.FS values. It writes only where asked, and safely: OpenFolder and
// WriteFolder write a selection folder whole or not at all (a lock beside
// it, a staging folder renamed in place, recovery after a kill; a
// *WriteError when the disk refuses), WriteFile a file atomically.
//
// It owns the library's workflows and their errors with exit codes (Error,
// CodeOf); it names objectives only through the registry
// (sortition.Objectives: Algorithms, Algorithm, Certified). It must not
// print, exit, read flags or the environment: the command (cmd/tirage)
// does that, and package console renders what selection returns.
package selection
