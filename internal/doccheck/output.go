package main

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
)

// The outputs the pages show are checked against the commands' real
// outputs. The convention:
//
//   - A ```text block separated from a ```sh block by blank lines only is
//     that block's output (stdout and stderr, as a terminal shows them).
//     Any other ```text block is shown as it is, unchecked.
//   - In an output, a line that is only "…" stands for any number of
//     lines (none included), and a line that ends with "…" for any line
//     that begins with the text before it.
//   - Both sides are normalised first (Normalise): trailing spaces and
//     leading and trailing blank lines go, the folder the commands run in
//     is written ".", the binary's version ("tirage v1.2.0") is written
//     "tirage VERSION", and a duration ("1.25 s", "310 ms") "N s".
//
// The commands run with SOURCE_DATE_EPOCH set (sourceDateEpoch), so the
// times they record, and the SHA-256 of the reports that print them, are
// the same on every run.
const ellipsis = "…"

// sourceDateEpoch is the time the commands run at, as tirage reads it
// (the convention of reproducible builds).
const sourceDateEpoch = "1777000000"

// duration is a time an output reports: a number of seconds or
// milliseconds, which varies from run to run.
var duration = regexp.MustCompile(`\b[0-9]+(?:[.,][0-9]+)?\s?(?:ms|µs|s)\b`)

// Normalise is an output as the comparison sees it: without trailing
// spaces, leading and trailing blank lines, dir (the folder the commands
// ran in) written ".", "tirage "+version written "tirage VERSION", and
// every duration written "N s" (dir and version: "" for none).
func Normalise(out, dir, version string) []string {
	out = strings.ReplaceAll(out, "\r\n", "\n")
	if dir != "" {
		out = strings.ReplaceAll(out, dir+"/", "")
		out = strings.ReplaceAll(out, dir, ".")
	}
	if version != "" {
		out = strings.ReplaceAll(out, "tirage "+version, "tirage VERSION")
	}
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		lines = append(lines, duration.ReplaceAllString(strings.TrimRight(l, " \t"), "N s"))
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// Matches reports whether the output got matches the one shown, both
// normalised, "…" lines and line ends matching as the convention says.
func Matches(shown, got []string) bool {
	if len(shown) == 0 {
		return len(got) == 0
	}
	if shown[0] == ellipsis {
		for i := 0; i <= len(got); i++ {
			if Matches(shown[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && lineMatches(shown[0], got[0]) && Matches(shown[1:], got[1:])
}

func lineMatches(shown, got string) bool {
	if prefix, ok := strings.CutSuffix(shown, ellipsis); ok {
		return strings.HasPrefix(got, prefix)
	}
	return shown == got
}

// Rewritten is the output to show in place of shown, to match got: shown
// itself when it matches; else got, with shown's elisions kept. Each line
// of shown is looked for in got, in order: found, it stays (a line that
// ended with "…" keeps its elision); not found, it is taken as changed
// into the next line of got when it did not follow a "…" and that line is
// not the next line shown, and it goes otherwise. The lines of got between
// two lines kept are elided ("…") where shown elided lines between them,
// and shown where it did not.
func Rewritten(shown, got []string) []string {
	if Matches(shown, got) {
		return shown
	}
	var out []string
	pos, elide := 0, false
	gap := func(to int) { // got[pos:to], shown or elided
		if elide && to > pos {
			out = append(out, ellipsis)
		} else if !elide {
			out = append(out, got[pos:to]...)
		}
	}
	for i, s := range shown {
		if s == ellipsis {
			elide = true
			continue
		}
		j := pos
		for j < len(got) && !lineMatches(s, got[j]) {
			j++
		}
		if j == len(got) { // changed, or no longer printed
			if next := slices.IndexFunc(shown[i+1:], func(s string) bool { return s != ellipsis }); !elide && pos < len(got) &&
				(next < 0 || !lineMatches(shown[i+1+next], got[pos])) {
				out = append(out, got[pos])
				pos++
			}
			continue
		}
		gap(j)
		if strings.HasSuffix(s, ellipsis) {
			out = append(out, s)
		} else {
			out = append(out, got[j])
		}
		pos, elide = j+1, false
	}
	gap(len(got))
	return out
}

// A Mismatch is a command block whose output is not the one its page
// shows.
type Mismatch struct {
	Path    string
	Command Block
	Got     []string // the real output, normalised
}

// Problem says where the outputs differ, and how to update the page.
func (m Mismatch) Problem() Problem {
	shown := Normalise(m.Command.Output.Text, "", "")
	i := 0
	for i < min(len(shown), len(m.Got)) && lineMatches(shown[i], m.Got[i]) {
		i++
	}
	line := func(l []string) string {
		if i < len(l) {
			return fmt.Sprintf("%q", l[i])
		}
		return "(the end)"
	}
	return Problem{m.Path, m.Command.Output.Line + 1 + i, fmt.Sprintf(
		"the output shown is not the output of the command block of line %d: line %d of the output shows %s, the command printed %s "+
			"(go run ./internal/doccheck -tirage BINARY -update rewrites the outputs)",
		m.Command.Line, i+1, line(shown), line(m.Got))}
}

// Rewrite replaces, in the page at path, the outputs of the mismatches
// (all of that page) with the real ones (Rewritten).
func Rewrite(path string, mismatches []Mismatch) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(string(data), "\n")
	slices.SortFunc(mismatches, func(a, b Mismatch) int { return b.Command.Line - a.Command.Line }) // from the end
	for _, m := range mismatches {
		o := m.Command.Output
		if o.End > len(lines) || o.End <= o.Line {
			return fmt.Errorf("%s: the output block of line %d has moved", path, o.Line)
		}
		text := Rewritten(Normalise(o.Text, "", ""), m.Got)
		lines = slices.Concat(lines[:o.Line], text, lines[o.End-1:])
	}
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
}
