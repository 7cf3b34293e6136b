// Command tirage draws citizens' panels by fair, auditable sortition.
//
// 'tirage help' lists its commands and exit codes, and 'tirage help
// COMMAND' prints a command's manual; doc/cli.md is the reference. This
// package holds the flags, the files they name and the exit codes: the
// work is package selection's, the words package console's.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/tirage/tirage/message"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/selection"
)

// Exit codes: those of the library's errors (selection.CodeOf), and
// exitWrite.
const (
	exitOK        = 0
	exitSelection = selection.CodeSelection
	exitUsage     = selection.CodeInput
	exitInternal  = selection.CodeInternal
	// exitWrite: the output could not be written (a full disk, no
	// permission, or another run writing the same folder).
	exitWrite = 4
)

// command is one tirage subcommand; package console holds its words
// (its summary, usage line, manual and flags' descriptions).
type command struct {
	name string
	// arg describes the one argument the command takes, such as "the
	// manifest file" (message.CLIArgManifest); "" for none. run checks
	// the arguments unless ownArgs.
	arg     message.Code
	ownArgs bool
	// flags declares the command's flags on fs and returns the function
	// that runs it once they are parsed.
	flags func(fs *flag.FlagSet, env *env) func(args []string) int
}

// env is what a command may use: its output streams and the environment.
type env struct {
	stdout, stderr io.Writer
	name           string              // the command name, for messages
	getenv         func(string) string // os.Getenv
	lang           message.Lang        // the language of the messages
	// selected, if not nil, is given the selection select made (batch
	// keeps its record for the summary).
	selected func(*selection.Selected)
}

// usageError prints err, about the command's flags or files, in the
// console's language, and returns exitUsage.
func (e *env) usageError(err error) int {
	console.Errorf(e.stderr, e.name, "%s", e.say(err))
	return exitUsage
}

// noArgs reports whether args is empty, printing the first argument when
// it is not.
func (e *env) noArgs(args []string) bool {
	if len(args) > 0 {
		console.Fail(e.stderr, e.lang, e.name, message.CLIUnexpectedArg, "arg", selection.Quote(args[0]), "command", e.name)
	}
	return len(args) == 0
}

// oneArg reports whether args is one argument, what (such as "the
// manifest file"), printing what is wrong when it is not.
func (e *env) oneArg(args []string, what message.Code) bool {
	if len(args) != 1 {
		e.tell(message.CLIOneArg, "what", message.New(what), "command", e.name)
	}
	return len(args) == 1
}

var commands []*command

func init() {
	commands = []*command{checkCommand, selectCommand, drawCommand, replaceCommand, verifyCommand, batchCommand, compareCommand, dropoutModelCommand, uiCommand, versionCommand}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit code. It never
// panics: a bug is reported as an internal error.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "tirage: internal error: %v\nThis is a bug in tirage; please report it with the command you ran.\n", r)
			code = exitInternal
		}
	}()
	if len(args) == 0 {
		printUsage(stderr, console.LangOf(os.Getenv))
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		return runHelp(args[1:], stdout, stderr)
	}
	cmd := findCommand(name)
	if cmd == nil {
		fmt.Fprintf(stderr, "tirage: %s\n", message.New(message.CLIUnknownCommand, "name", selection.Quote(name)).In(console.LangOf(os.Getenv)))
		return exitUsage
	}
	e := &env{stdout: stdout, stderr: stderr, name: cmd.name, getenv: os.Getenv, lang: console.LangOf(os.Getenv)}
	fs, runCmd := cmd.flagSet(e)
	positional, err := parseFlags(fs, args[1:])
	if later := console.LangLater(args[1:]); err != nil && later != "" && !given(fs)["lang"] {
		_ = fs.Set("lang", later) // checked by langOf
	}
	lang, langCode, ok := langOf(fs, e.lang)
	if !ok {
		console.Fail(stderr, e.lang, e.name, message.CLIBadLang, "lang", selection.Quote(langCode))
		return exitUsage
	}
	e.lang = lang
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			console.CommandHelp(stdout, e.lang, cmd.name, fs)
			return exitOK
		}
		console.FlagError(stderr, e.lang, cmd.name, fs, err)
		return exitUsage
	}
	if !cmd.ownArgs && ((cmd.arg == "" && !e.noArgs(positional)) || (cmd.arg != "" && !e.oneArg(positional, cmd.arg))) {
		return exitUsage
	}
	return runCmd(positional)
}

// flagSet returns the command's flags, with --lang, the language of the
// messages, on every command (select, draw and ui declare it themselves,
// for the report or the pages too), and the function that runs it once
// they are parsed.
func (c *command) flagSet(e *env) (*flag.FlagSet, func([]string) int) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runCmd := c.flags(fs, e)
	if fs.Lookup("lang") == nil {
		fs.String("lang", "", "")
	}
	return fs, runCmd
}

// parseFlags parses args, allowing flags after positional arguments (as in
// 'tirage draw DIR --seed TEXT'), and returns the positional arguments.
// Everything after "--" is positional.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// clock returns the time to record for each step (selection.Clock): the
// current time, or the one SOURCE_DATE_EPOCH fixes.
func (e *env) clock() (func() time.Time, error) {
	return selection.Clock(e.getenv("SOURCE_DATE_EPOCH"))
}

func findCommand(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// printUsage prints tirage's usage and its commands in the language.
func printUsage(w io.Writer, lang message.Lang) {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	console.Usage(w, lang, names)
}

func runHelp(args []string, stdout, stderr io.Writer) int {
	lang := console.LangOf(os.Getenv)
	if len(args) == 0 {
		printUsage(stdout, lang)
		return exitOK
	}
	cmd := findCommand(args[0])
	if cmd == nil {
		console.Fail(stderr, lang, "help", message.CLIHelpUnknown, "name", selection.Quote(args[0]))
		return exitUsage
	}
	fs, _ := cmd.flagSet(&env{stdout: stdout, stderr: stderr, name: cmd.name, getenv: os.Getenv, lang: lang})
	console.CommandHelp(stdout, lang, cmd.name, fs)
	return exitOK
}

// stampedVersion is the version a release build stamps with
// -ldflags "-X main.stampedVersion=..." (scripts/dist.sh does); empty in
// other builds.
var stampedVersion string

// version is the tirage version of this build (selection.VersionOf).
func version() string {
	info, _ := debug.ReadBuildInfo()
	return selection.VersionOf(stampedVersion, info)
}

var versionCommand = &command{
	name:    "version",
	ownArgs: true,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		return func(args []string) int {
			if len(args) > 0 {
				return e.usage(message.CLINoArgs)
			}
			fmt.Fprintf(e.stdout, "tirage %s (%s, %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return exitOK
		}
	},
}
