package console

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// Errorf prints a message of the tirage command on w, on a line that
// names it: "tirage COMMAND: message".
func Errorf(w io.Writer, command, format string, a ...any) {
	fmt.Fprintf(w, "tirage %s: %s\n", command, fmt.Sprintf(format, a...))
}

// Error prints err, met by the command, in plain sentences in the
// language: an input file's problems, quotas that cannot be met (with the
// conflicts and the relaxation), an interruption (interrupted: the
// computation's context was done), a bug, or the error's message.
func Error(w io.Writer, lang message.Lang, command string, err error, interrupted bool) {
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
		InputError(w, lang, command, fe.What, fe)
	case errors.As(err, &qe):
		QuotasError(w, lang, command, qe)
	case infeasible:
		Fail(w, lang, command, message.CLIUnmet, "why", reason)
	case code == selection.CodeSelection && interrupted:
		Fail(w, lang, command, message.CLIInterrupted)
	case code == selection.CodeInternal:
		Fail(w, lang, command, message.CLIInternal, "err", err.Error())
	default:
		Errorf(w, command, "%s", selection.Message(err, lang))
	}
}

// inputNames are the codes of the names of the inputs InputError is
// given, such as "pool file".
var inputNames = map[string]message.Code{
	"pool file":     message.CLIPoolFile,
	"quota file":    message.CLIQuotaFile,
	"input files":   message.CLIInputFiles,
	"history file":  message.CLIHistoryFile,
	"dropout model": message.CLIDropoutModel,
}

// inputName returns the input named what (such as "pool file") with its
// article, as a reason: "the pool file"; an input of another name, in
// English.
func inputName(what string) any {
	if code, ok := inputNames[what]; ok {
		return message.New(code)
	}
	return "the " + what
}

// InputError prints err, which came from reading the named input (such
// as "pool file"), as plain sentences in the language: the problems found
// in it, or why it cannot be read.
func InputError(w io.Writer, lang message.Lang, command, what string, err error) {
	var fe *selection.InputFileError
	var pathErr *fs.PathError
	name := inputName(what)
	if errors.As(err, &fe) {
		if lines, n, omitted, ok := fe.Problems(lang); ok {
			files := strings.HasSuffix(what, "files")
			switch {
			case n == 1 && files:
				Fail(w, lang, command, message.CLIFilesProblem, "what", name)
			case n == 1:
				Fail(w, lang, command, message.CLIFileProblem, "what", name)
			case files:
				Fail(w, lang, command, message.CLIFilesProblems, "what", name, "n", n)
			default:
				Fail(w, lang, command, message.CLIFileProblems, "what", name, "n", n)
			}
			for _, l := range lines {
				fmt.Fprintf(w, "  %s\n", l)
			}
			if omitted > 0 {
				fmt.Fprintf(w, "  %s\n", text(lang, message.CLIAndMore, "n", omitted))
			}
			return
		}
	}
	switch {
	case errors.As(err, &pathErr):
		Fail(w, lang, command, message.CLICannotRead, "what", name, "path", pathErr.Path, "err", pathErr.Err.Error())
	default:
		Fail(w, lang, command, message.CLICannotReadAny, "what", name, "err", message.In(err, lang))
	}
}

// The flag package's errors FlagError rewrites.
var (
	invalidValue = regexp.MustCompile(`^invalid value ".*" for flag -([A-Za-z0-9-]+): `)
	undefined    = regexp.MustCompile(`^flag provided but not defined: (.*)$`)
	needsArg     = regexp.MustCompile(`^flag needs an argument: (.*)$`)
)

// FlagError prints err, the flag package's error for the command's flags,
// in the language, with where to find help: 'invalid value "0" for flag
// -k: …' is written "--k: …", as the flag's own message already quotes the
// value.
func FlagError(w io.Writer, lang message.Lang, command string, err error) {
	msg := err.Error()
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		Fail(w, lang, command, message.CLIFlagInvalid, "flag", "--"+m[1], "err", msg[len(m[0]):], "command", command)
		return
	}
	if m := undefined.FindStringSubmatch(msg); m != nil {
		Fail(w, lang, command, message.CLIFlagUndefined, "flag", m[1], "command", command)
		return
	}
	if m := needsArg.FindStringSubmatch(msg); m != nil {
		Fail(w, lang, command, message.CLIFlagNeedsArg, "flag", m[1], "command", command)
		return
	}
	Fail(w, lang, command, message.CLIFlagError, "err", msg, "command", command)
}
