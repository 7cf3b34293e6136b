package main

import (
	"context"
	"errors"
	"io"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/selection"
)

// exitCode returns the exit code of err: exitWrite for output that could
// not be written, the code of an error of the library
// (selection.CodeOf), else exitUsage: the command's own errors are about
// its flags and files.
func exitCode(err error) int {
	var we *selection.WriteError
	var se *selection.Error
	switch {
	case errors.As(err, &we):
		return exitWrite
	case errors.As(err, &se):
		return se.Code
	}
	return exitUsage
}

// fail prints err, in plain sentences (console.Error), and returns its
// exit code (exitCode). ctx, when not nil, is the computation's: once it
// is done, a selection error is an interruption.
func (e *env) fail(ctx context.Context, err error) int {
	console.Error(e.stderr, e.lang, e.name, err, ctx != nil && ctx.Err() != nil)
	return exitCode(err)
}

// newProgress returns the progress printer of a command on w
// (console.NewProgress), in the console's language, nil when quiet.
func (e *env) newProgress(w io.Writer, quiet bool) *console.Progress {
	return console.NewProgress(w, e.lang, quiet, progressAfter)
}

// progressAfter is how long a computation runs before its progress is
// shown; the transcript tests raise it so that a slow machine prints the
// same as a fast one.
var progressAfter = console.ProgressAfter
