package main

import (
	"strings"

	"github.com/tirage/tirage/selection"
)

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
