package console

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"syscall"

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
		Fail(w, lang, command, message.CLICannotRead, "what", name, "path", pathErr.Path, "err", systemText(pathErr.Err, lang))
	default:
		Fail(w, lang, command, message.CLICannotReadAny, "what", name, "err", ErrorText(err, lang))
	}
}

// The flag package's errors FlagError rewrites.
var (
	invalidValue = regexp.MustCompile(`^invalid value ".*" for flag -([A-Za-z0-9-]+): `)
	undefined    = regexp.MustCompile(`^flag provided but not defined: (.*)$`)
	needsArg     = regexp.MustCompile(`^flag needs an argument: (.*)$`)
)

// FlagError prints err, the flag package's error for the command's flags
// fs, in the language, with where to find help: 'invalid value "0" for
// flag -k: …' is written "--k: …", as the flag's own message already
// quotes the value; a flag whose value has an Err method (the error of its
// last value) has that error rendered in the language.
func FlagError(w io.Writer, lang message.Lang, command string, fs *flag.FlagSet, err error) {
	msg := err.Error()
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		why := msg[len(m[0]):]
		if f := fs.Lookup(m[1]); f != nil {
			if v, ok := f.Value.(interface{ Err() error }); ok && v.Err() != nil {
				why = ErrorText(v.Err(), lang)
			}
		}
		Fail(w, lang, command, message.CLIFlagInvalid, "flag", "--"+m[1], "err", why, "command", command)
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

// ErrorText returns err's message in the language: its reason's words
// (message.In); in French, a file that cannot be opened or read names
// the file and says why in French. English keeps the system's own words.
func ErrorText(err error, lang message.Lang) string {
	var pe *fs.PathError
	if lang != message.English && errors.As(err, &pe) && err.Error() == pe.Error() {
		return text(lang, message.CLIPathError, "path", pe.Path, "err", systemText(pe.Err, lang))
	}
	return message.In(err, lang)
}

// systemText returns the operating system's error err in the language:
// the common ones (no such file, permission denied, a folder) in French,
// others in the system's words.
func systemText(err error, lang message.Lang) string {
	if lang == message.English {
		return err.Error()
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return text(lang, message.CLINoSuchFile)
	case errors.Is(err, fs.ErrPermission):
		return text(lang, message.CLIPermissionDenied)
	case errors.Is(err, syscall.EISDIR):
		return text(lang, message.CLIIsADirectory)
	}
	return err.Error()
}
