package console

import (
	"embed"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tirage/tirage/selection"
)

// helpFiles holds each command's manual, help/NAME.txt, printed by
// 'tirage help NAME' and -h.
//
//go:embed help/*.txt
var helpFiles embed.FS

// Help returns the manual of the tirage command name, help/NAME.txt, with
// what the registry of objectives says in place of {{algorithms}} and
// {{algorithm-help}}, so that the help never drifts from it. It panics
// when there is none: a bug, caught by the tests.
func Help(name string) string {
	data, err := helpFiles.ReadFile("help/" + name + ".txt")
	if err != nil {
		panic(err)
	}
	return strings.NewReplacer(
		"{{algorithms}}", selection.JoinAnd(selection.Algorithms),
		"{{algorithm-help}}", algorithmHelp(),
	).Replace(string(data))
}

// helpWidth is the width of the help texts' lines.
const helpWidth = 75

// algorithmHelp is select's paragraph on --algorithm, from the registry of
// objectives: what each does, and which carry a certificate.
func algorithmHelp() string {
	var does, certified []string
	for i, o := range selection.Objectives() {
		name := o.Name
		if i == 0 {
			name += " (the default)"
		}
		does = append(does, name+" "+o.Summary)
		if o.Certified {
			certified = append(certified, o.Name)
		}
	}
	return wrap("--algorithm chooses the objective: "+strings.Join(does, "; ")+
		". The report names who is certain to be selected and why. Only "+strings.Join(certified, " and ")+
		" come with an optimality certificate.", helpWidth)
}

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	line := 0
	for _, word := range strings.Fields(text) {
		n := len([]rune(word))
		switch {
		case line == 0:
		case line+1+n > width:
			b.WriteByte('\n')
			line = 0
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += n
	}
	return b.String()
}

// Command is a command of tirage as the usage lists it.
type Command struct {
	Name, Summary string
}

// Usage prints what tirage does, its commands and its exit codes.
func Usage(w io.Writer, commands []Command) {
	fmt.Fprint(w, "tirage draws citizens' panels by fair, auditable sortition.\n\nUsage:\n\n\ttirage <command> [flags]\n\nThe commands are:\n\n")
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-9s %s\n", c.Name, c.Summary)
	}
	fmt.Fprint(w, "\t"+fmt.Sprintf("%-9s %s", "help", "show help for a command")+"\n\nRun 'tirage help <command>' for more about a command.\n\nExit codes: 0 success; 1 a selection problem (such as quotas that cannot be met)\nor a failed verification; 2 a usage or input error; 3 an internal error (a bug\nin tirage); 4 the output could not be written (a full disk, no permission, or\nanother run writing the same folder).\n")
}

// CommandHelp prints a command's usage line (after "tirage "), its manual
// and its flags, by name, with their defaults.
func CommandHelp(w io.Writer, usage, help string, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: tirage %s\n\n%s\n", usage, strings.TrimSpace(help))
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return
	}
	sort.Strings(names)
	fmt.Fprint(w, "\nFlags:\n")
	for _, n := range names {
		f := fs.Lookup(n)
		arg, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  --%s", n)
		if arg != "" {
			fmt.Fprintf(w, " %s", arg)
		}
		fmt.Fprintf(w, "\n      %s", usage)
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	}
}
