package console

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/tirage/tirage/selection"
)

// Errorf prints a message of the tirage command on w, on a line that
// names it: "tirage COMMAND: message".
func Errorf(w io.Writer, command, format string, a ...any) {
	fmt.Fprintf(w, "tirage %s: %s\n", command, fmt.Sprintf(format, a...))
}

// Error prints err, met by the command, in plain sentences: an input
// file's problems, quotas that cannot be met (with the conflicts and the
// relaxation), an interruption (interrupted: the computation's context
// was done), a bug, or the error's message.
func Error(w io.Writer, command string, err error, interrupted bool) {
	var fe *selection.InputFileError
	var qe *selection.QuotasError
	var se *selection.Error
	reason, infeasible := selection.Infeasible(err)
	code := 0
	if errors.As(err, &se) {
		code = se.Code
	}
	switch {
	case errors.As(err, &fe):
		InputError(w, command, fe.What, fe)
	case errors.As(err, &qe):
		QuotasError(w, command, qe)
	case infeasible:
		Errorf(w, command, "the quotas cannot be met: %s.\nRelax some quotas: 'tirage check' names the bounds that conflict and the smallest relaxation.", reason)
	case code == selection.CodeSelection && interrupted:
		Errorf(w, command, "interrupted; no panel was drawn and no file was written")
	case code == selection.CodeInternal:
		Errorf(w, command, "internal error: %v\nThis is a bug in tirage; please report it with the command you ran.", err)
	default:
		Errorf(w, command, "%s", selection.Message(err))
	}
}

// InputError prints err, which came from reading the named input (such
// as "pool file"), as plain sentences: the problems found in it, or why
// it cannot be read.
func InputError(w io.Writer, command, what string, err error) {
	var fe *selection.InputFileError
	var pathErr *fs.PathError
	if errors.As(err, &fe) {
		if lines, n, omitted, ok := fe.Problems(); ok {
			verb := "has"
			if strings.HasSuffix(what, "files") {
				verb = "have"
			}
			if n == 1 {
				Errorf(w, command, "the %s %s a problem:", what, verb)
			} else {
				Errorf(w, command, "the %s %s %d problems:", what, verb, n)
			}
			for _, l := range lines {
				fmt.Fprintf(w, "  %s\n", l)
			}
			if omitted > 0 {
				fmt.Fprintf(w, "  … and %d more\n", omitted)
			}
			return
		}
	}
	switch {
	case errors.As(err, &pathErr):
		Errorf(w, command, "cannot read the %s %s: %v", what, pathErr.Path, pathErr.Err)
	default:
		Errorf(w, command, "cannot read the %s: %v", what, err)
	}
}
