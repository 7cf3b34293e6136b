package console

import (
	"embed"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// helpFiles holds each command's manual, help/NAME.txt, printed by
// 'tirage help NAME' and -h, and its French version, help/fr/NAME.txt.
//
//go:embed help/*.txt help/fr/*.txt
var helpFiles embed.FS

// Help returns the manual of the tirage command name, help/NAME.txt, with
// what the registry of objectives says in place of {{algorithms}} and
// {{algorithm-help}}, so that the help never drifts from it. It panics
// when there is none: a bug, caught by the tests.
func Help(name string) string {
	text, ok := manual(name, message.English)
	if !ok {
		panic("console: no help/" + name + ".txt")
	}
	return text
}

// manual returns the manual of the command name in the language:
// help/fr/NAME.txt in French, help/NAME.txt in English, with the
// registry's placeholders filled in; ok is false when there is none.
func manual(name string, lang message.Lang) (string, bool) {
	file := "help/" + name + ".txt"
	if lang == message.French {
		file = "help/fr/" + name + ".txt"
	}
	data, err := helpFiles.ReadFile(file)
	if err != nil {
		return "", false
	}
	return strings.NewReplacer(
		"{{algorithms}}", message.List(selection.Algorithms, lang),
		"{{algorithm-help}}", algorithmHelp(lang),
	).Replace(string(data)), true
}

// helpWidth is the width of the help texts' lines.
const helpWidth = 75

// algorithmHelp is select's paragraph on --algorithm, in the language,
// from the registry of objectives: what each does (in English: the
// registry's summaries are English), and which carry a certificate.
func algorithmHelp(lang message.Lang) string {
	if lang != message.English {
		var names, certified []string
		for _, o := range selection.Objectives() {
			names = append(names, o.Name)
			if o.Certified {
				certified = append(certified, o.Name)
			}
		}
		return wrap(text(lang, message.CLIAlgorithmHelp, "algorithms", names, "first", names[0], "certified", certified), helpWidth)
	}
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

// commandSummaries are the codes of the commands' summaries, by name.
var commandSummaries = map[string]message.Code{
	"batch": message.CLICommandBatch, "check": message.CLICommandCheck, "compare": message.CLICommandCompare,
	"draw": message.CLICommandDraw, "dropout-model": message.CLICommandDropout, "version": message.CLICommandVersion,
	"replace": message.CLICommandReplace, "select": message.CLICommandSelect, "ui": message.CLICommandUI,
	"verify": message.CLICommandVerify, "help": message.CLICommandHelp,
}

// synopses are the commands' usage lines, after "tirage ", by name.
var synopses = map[string]string{
	"check":         "check --pool FILE --quotas FILE --k N [--id-column NAME] [--households COLS] [--relax-out FILE]",
	"select":        "select --pool FILE --quotas FILE --k N [--id-column NAME] [--households COLS] [--algorithm " + strings.Join(selection.Algorithms, "|") + "] [--relax] [--panels M] [--seed TEXT | --seed-numbers NUMBERS | --commit-only] [--seed-source TEXT] [--alternates N [--dropout-column NAME | --dropout-model MODEL.json] [--scenarios S]] --out DIR [--force] [--lang en|fr] [--organisation NAME] [--contact TEXT] [--quiet]",
	"draw":          "draw DIR (--seed TEXT | --seed-numbers NUMBERS) [--alternates N [--dropout-column NAME | --dropout-model MODEL.json] [--scenarios S]] [--pool FILE] [--lang en|fr] [--organisation NAME] [--contact TEXT] [--quiet]",
	"replace":       "replace DIR --drop ID[,ID…] --out DIR2 [--from-alternates [--declined ID[,ID…]]] [--pool FILE] [--original DIR]… [--force] [--quiet]",
	"verify":        "verify DIR [--pool FILE] [--quotas FILE] [--original DIR]… [--quiet]",
	"batch":         "batch MANIFEST.csv --out DIR [--jobs N] [--force] [--quiet]",
	"compare":       "compare --pool FILE --quotas FILE --k N [--id-column NAME] [--households COLS] [--algorithms LIST] [--alternates N (--dropout-column NAME | --dropout-model MODEL.json) [--scenarios S] [--seed TEXT]] [--quiet]",
	"dropout-model": "dropout-model --history FILE [--history FILE…] (--features COLS | --quotas FILE) [--attended NAME] [--smoothing L] --out MODEL.json",
	"ui":            "ui [--addr HOST:PORT] [--no-browser] [--lang en|fr] [--allow-remote]",
	"version":       "version",
}

// CommandSummary returns the summary of the command name in the
// language, "" for a command the catalog does not name.
func CommandSummary(name string, lang message.Lang) string {
	code, ok := commandSummaries[name]
	if !ok {
		return ""
	}
	return text(lang, code)
}

// Usage prints, in the language, what tirage does, its commands (by
// name, with their summaries) and its exit codes.
func Usage(w io.Writer, lang message.Lang, commands []string) {
	say(w, lang, message.CLIUsage)
	for _, c := range append(commands, "help") {
		fmt.Fprintf(w, "\t%-9s %s\n", c, CommandSummary(c, lang))
	}
	fmt.Fprintf(w, "\n%s\n\n%s\n", text(lang, message.CLIUsageHelp), text(lang, message.CLIUsageExit))
}

// CommandHelp prints, in the language, the usage line of the command
// name, its manual (Help, or its French manual) and its flags, by name,
// each with its description (message.FlagCode) and its default.
func CommandHelp(w io.Writer, lang message.Lang, name string, fs *flag.FlagSet) {
	help, ok := manual(name, lang)
	if !ok {
		help = Help(name)
	}
	fmt.Fprintf(w, "%s\n\n%s\n", text(lang, message.CLIHelpUsage, "usage", synopses[name]), strings.TrimSpace(help))
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return
	}
	sort.Strings(names)
	fmt.Fprintf(w, "\n%s\n", text(lang, message.CLIHelpFlags))
	for _, n := range names {
		f := fs.Lookup(n)
		arg, usage := flag.UnquoteUsage(&flag.Flag{Usage: FlagUsage(name, n, lang), Value: f.Value})
		fmt.Fprintf(w, "  --%s", n)
		if arg != "" {
			fmt.Fprintf(w, " %s", arg)
		}
		fmt.Fprintf(w, "\n      %s", usage)
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			fmt.Fprint(w, text(lang, message.CLIHelpDefault, "value", f.DefValue))
		}
		fmt.Fprintln(w)
	}
}

// FlagUsage returns the description of the flag of the command name in
// the language (message.FlagCode), with its value's name between
// backquotes, as the flag package's usage strings; "" when the catalog
// has none (a bug, caught by the tests).
func FlagUsage(name, flagName string, lang message.Lang) string {
	code, ok := message.FlagCode(name, flagName)
	if !ok {
		return ""
	}
	return text(lang, code, "names", strings.Join(selection.Algorithms, ", "))
}

// Synopsis returns the usage line of the command name, after "tirage ".
func Synopsis(name string) string { return synopses[name] }
