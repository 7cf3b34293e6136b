package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

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

// fail prints err, in plain sentences, and returns its exit code
// (exitCode). ctx, when not nil, is the computation's: once it is done,
// a selection error is an interruption.
func (e *env) fail(ctx context.Context, err error) int {
	code := exitCode(err)
	var fe *selection.InputFileError
	var qe *selection.QuotasError
	reason, infeasible := selection.Infeasible(err)
	switch {
	case errors.As(err, &fe):
		reportInputError(e, fe.What, fe)
	case errors.As(err, &qe):
		printQuotasError(e, qe)
	case infeasible:
		e.errorf("the quotas cannot be met: %s.\nRelax some quotas: 'tirage check' names the bounds that conflict and the smallest relaxation.", reason)
	case code == exitSelection && ctx != nil && ctx.Err() != nil:
		e.errorf("interrupted; no panel was drawn and no file was written")
	case code == exitInternal:
		e.errorf("internal error: %v\nThis is a bug in tirage; please report it with the command you ran.", err)
	default:
		e.errorf("%s", selection.Message(err))
	}
	return code
}

// reportInputError prints err, which came from reading the named input, as
// plain sentences.
func reportInputError(e *env, what string, err error) {
	var fe *selection.InputFileError
	var pathErr *fs.PathError
	if errors.As(err, &fe) {
		if lines, n, omitted, ok := fe.Problems(); ok {
			verb := "has"
			if strings.HasSuffix(what, "files") {
				verb = "have"
			}
			if n == 1 {
				e.errorf("the %s %s a problem:", what, verb)
			} else {
				e.errorf("the %s %s %d problems:", what, verb, n)
			}
			for _, l := range lines {
				fmt.Fprintf(e.stderr, "  %s\n", l)
			}
			if omitted > 0 {
				fmt.Fprintf(e.stderr, "  … and %d more\n", omitted)
			}
			return
		}
	}
	switch {
	case errors.As(err, &pathErr):
		e.errorf("cannot read the %s %s: %v", what, pathErr.Path, pathErr.Err)
	default:
		e.errorf("cannot read the %s: %v", what, err)
	}
}
