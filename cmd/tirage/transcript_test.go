package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// The golden transcripts in testdata/transcripts pin what the CLI prints
// and writes. Each file is one scenario, in sections marked as txtar marks
// them ("-- name --" on a line of its own):
//
//	A sentence or two: what the scenario shows (before the first marker).
//	-- input pool.csv --              a file written into $WORK
//	-- stdin --                       what the next tirage run reads on stdin
//	-- $ tirage check --k 30 ... --   a run of the CLI, in-process
//	exit 1                            its exit code
//	new out/audit.json  364818 bytes  sha256 1a2b…   the files it wrote
//	new out/panel.csv  156 bytes, UTF-8 BOM: below
//	-- stdout --                      what it printed (omitted when empty)
//	-- stderr --
//	-- file out/panel.csv --          a small text file it wrote
//	-- $ replace out/audit.json 'old' 'new' --   a step that edits a file
//
// The steps run in order, in a fresh folder $WORK that is also the current
// folder; $DATA is the repository's testdata folder (both are expanded in
// the steps and in the inputs). The words of a step are separated by
// spaces; 'single quotes' keep a word as written, "double quotes" are read
// as a Go string. Besides "tirage", a step may be
// "show FILE" (the file in full, whatever its size, BOM left out),
// "replace FILE OLD NEW" (every OLD in FILE becomes NEW), "rm PATH",
// "mkdir PATH", "cp FROM TO", "mv FROM TO" and "env NAME=VALUE".
//
// Only the comment, the inputs and the steps are read: everything else is
// what the run gives, compared as a whole with the file. In the output,
// the paths of $WORK and $DATA, tirage's version, Go's version and the
// platform are written as those names, and times measured on this machine
// as <time>, so that the files are the same on every computer. The steps'
// times in the records are SOURCE_DATE_EPOCH's; the messages are English
// unless a step sets the language.
//
// go test ./cmd/tirage -run Transcript -update rewrites the files.
var updateTranscripts = flag.Bool("update", false, "rewrite the golden transcripts in testdata/transcripts")

const transcriptEpoch = "1777000000" // 2026-04-24T03:06:40Z

// shownFileSize is the largest written file a transcript shows in full.
const shownFileSize = 2048

func TestTranscripts(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "transcripts"))
	require.NoError(t, err)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	data, err := filepath.Abs(td())
	require.NoError(t, err)
	t.Setenv("SOURCE_DATE_EPOCH", transcriptEpoch)
	// English messages whatever the language of this computer.
	for _, name := range []string{"TIRAGE_LANG", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(name, "")
	}
	t.Setenv("LANG", "C.UTF-8")
	saved := progressAfter
	progressAfter = time.Hour // no progress lines, however slow the machine
	t.Cleanup(func() { progressAfter = saved })
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			text, err := os.ReadFile(file)
			require.NoError(t, err)
			script, err := parseTranscript(string(text))
			require.NoError(t, err, file)
			got := script.run(t, data)
			switch {
			case got == string(text):
			case *updateTranscripts:
				require.NoError(t, os.WriteFile(file, []byte(got), 0o644))
			default:
				t.Errorf("testdata/transcripts/%s differs from what tirage does now (- the file, + now); if the change is meant, run\n"+
					"\tgo test ./cmd/tirage -run Transcript -update\nand review the diff:\n%s", filepath.Base(file), lineDiff(string(text), got))
			}
		})
	}
}

// A transcript is a scenario: a comment and steps.
type transcript struct {
	comment string
	steps   []transcriptStep
}

// A transcriptStep is an input file, the next run's stdin, or a command.
type transcriptStep struct {
	kind string // "input", "stdin" or "$"
	arg  string // the input's name, or the command line
	body string // the input's or stdin's content
}

// markerLine matches a section marker.
var markerLine = regexp.MustCompile(`^-- (.+) --$`)

// parseTranscript reads a transcript, keeping its comment, inputs and
// steps.
func parseTranscript(text string) (*transcript, error) {
	s := &transcript{}
	reading := false // in an input or stdin section
	for i, line := range strings.SplitAfter(text, "\n") {
		m := markerLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
		switch {
		case m == nil && len(s.steps) == 0:
			s.comment += line
		case m == nil:
			if reading {
				s.steps[len(s.steps)-1].body += line
			}
		case strings.HasPrefix(m[1], "$ "):
			s.steps = append(s.steps, transcriptStep{kind: "$", arg: strings.TrimPrefix(m[1], "$ ")})
			reading = false
		case strings.HasPrefix(m[1], "input "):
			s.steps = append(s.steps, transcriptStep{kind: "input", arg: strings.TrimPrefix(m[1], "input ")})
			reading = true
		case m[1] == "stdin":
			s.steps = append(s.steps, transcriptStep{kind: "stdin"})
			reading = true
		case m[1] == "stdout" || m[1] == "stderr" || strings.HasPrefix(m[1], "file "):
			reading = false // results: made again by the run
		default:
			return nil, fmt.Errorf("line %d: unknown section %q", i+1, m[1])
		}
	}
	return s, nil
}

// run runs the steps in a new folder and returns the transcript of what
// they did.
func (s *transcript) run(t *testing.T, data string) string {
	work := t.TempDir()
	if resolved, err := filepath.EvalSymlinks(work); err == nil {
		work = resolved
	}
	t.Chdir(work)
	r := &transcriptRun{t: t, work: work, vars: map[string]string{"WORK": work, "DATA": data}, norm: newNormaliser(work, data)}
	r.out.WriteString(s.comment)
	for _, step := range s.steps {
		switch step.kind {
		case "input":
			fmt.Fprintf(&r.out, "-- input %s --\n%s", step.arg, step.body)
			path := filepath.Join(work, filepath.FromSlash(step.arg))
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
			require.NoError(t, os.WriteFile(path, []byte(expandVars(step.body, r.vars)), 0o644))
		case "stdin":
			fmt.Fprintf(&r.out, "-- stdin --\n%s", step.body)
			body := step.body
			r.stdin = &body
		case "$":
			fmt.Fprintf(&r.out, "-- $ %s --\n", step.arg)
			r.command(step.arg)
		}
	}
	return r.out.String()
}

// A transcriptRun is a transcript being run: its folder and what it has
// written so far.
type transcriptRun struct {
	t     *testing.T
	work  string
	vars  map[string]string // $WORK and $DATA
	norm  *normaliser
	out   strings.Builder
	stdin *string // what the next tirage run reads, if set
}

// command runs a step's command line.
func (r *transcriptRun) command(line string) {
	words, err := splitWords(line, r.vars)
	require.NoError(r.t, err, line)
	require.NotEmpty(r.t, words, line)
	switch words[0] {
	case "tirage":
		r.tirage(words[1:])
	case "show":
		require.Len(r.t, words, 2, "show takes one file")
		content, err := os.ReadFile(words[1])
		require.NoError(r.t, err, line)
		fmt.Fprintf(&r.out, "-- file %s --\n", filepath.ToSlash(words[1]))
		text := strings.TrimPrefix(r.norm.text(string(content)), "\ufeff")
		r.out.WriteString(text)
		if !strings.HasSuffix(text, "\n") {
			r.out.WriteString("\n[no newline at the end]\n")
		}
	default:
		require.NoError(r.t, builtin(r.t, words), line)
	}
}

// tirage runs the CLI with args and writes its exit code, the files it
// wrote, its output and the small files in full.
func (r *transcriptRun) tirage(args []string) {
	before := readTree(r.t, r.work)
	var stdout, stderr bytes.Buffer
	saved := stdin
	if r.stdin != nil {
		stdin = strings.NewReader(*r.stdin)
		r.stdin = nil
	}
	code := run(args, &stdout, &stderr)
	stdin = saved
	after := readTree(r.t, r.work)
	fmt.Fprintf(&r.out, "exit %d\n", code)
	shown := writtenFiles(&r.out, before, after, r.norm)
	section(&r.out, "stdout", r.norm.text(stdout.String()))
	section(&r.out, "stderr", r.norm.text(stderr.String()))
	for _, name := range shown {
		fmt.Fprintf(&r.out, "-- file %s --\n%s", name, r.norm.text(strings.TrimPrefix(after[name], "\ufeff")))
	}
}

// section writes a section when it has content, ending it with a newline
// (and saying so when the content had none).
func section(out *strings.Builder, name, content string) {
	if content == "" {
		return
	}
	fmt.Fprintf(out, "-- %s --\n%s", name, content)
	if !strings.HasSuffix(content, "\n") {
		out.WriteString("\n[no newline at the end]\n")
	}
}

// writtenFiles lists the files a run made, changed or removed, and returns
// those to show in full.
func writtenFiles(out *strings.Builder, before, after map[string]string, norm *normaliser) []string {
	var names []string
	for name := range after {
		names = append(names, name)
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var shown []string
	for _, name := range names {
		old, had := before[name]
		now, has := after[name]
		switch {
		case !has:
			fmt.Fprintf(out, "removed %s\n", name)
			continue
		case had && old == now:
			continue
		}
		verb := "new"
		if had {
			verb = "changed"
		}
		content := norm.text(now)
		bom := ""
		if strings.HasPrefix(content, "\ufeff") {
			bom = ", UTF-8 BOM"
			content = strings.TrimPrefix(content, "\ufeff")
		}
		if showable(content) {
			fmt.Fprintf(out, "%s %s  %d bytes%s: below\n", verb, name, len(now), bom)
			shown = append(shown, name)
			continue
		}
		sum := sha256.Sum256([]byte(content))
		fmt.Fprintf(out, "%s %s  %d bytes%s  sha256 %s\n", verb, name, len(now), bom, hex.EncodeToString(sum[:8]))
	}
	return shown
}

// showable reports whether a file can be shown in full: small text ending
// in a newline, without a line that reads as a marker.
func showable(content string) bool {
	if len(content) > shownFileSize || !utf8.ValidString(content) || !strings.HasSuffix(content, "\n") ||
		strings.ContainsAny(content, "\r\x00") {
		return false
	}
	for _, line := range strings.Split(content, "\n") {
		if markerLine.MatchString(line) {
			return false
		}
	}
	return true
}

// builtin runs a step other than tirage.
func builtin(t *testing.T, words []string) error {
	args := words[1:]
	want := map[string]int{"replace": 3, "rm": 1, "mkdir": 1, "cp": 2, "mv": 2, "env": 1}
	n, ok := want[words[0]]
	if !ok {
		return fmt.Errorf("unknown step %q", words[0])
	}
	if len(args) != n {
		return fmt.Errorf("%s takes %d arguments, not %d", words[0], n, len(args))
	}
	switch words[0] {
	case "replace":
		data, err := os.ReadFile(args[0])
		if err != nil {
			return err
		}
		if !strings.Contains(string(data), args[1]) {
			return fmt.Errorf("%s does not hold %q", args[0], args[1])
		}
		return os.WriteFile(args[0], []byte(strings.ReplaceAll(string(data), args[1], args[2])), 0o644)
	case "rm":
		return os.RemoveAll(args[0])
	case "mkdir":
		return os.MkdirAll(args[0], 0o755)
	case "cp":
		data, err := os.ReadFile(args[0])
		if err != nil {
			return err
		}
		return os.WriteFile(args[1], data, 0o644)
	case "mv":
		return os.Rename(args[0], args[1])
	case "env":
		name, value, ok := strings.Cut(args[0], "=")
		if !ok {
			return fmt.Errorf("env takes NAME=VALUE, not %q", args[0])
		}
		t.Setenv(name, value)
	}
	return nil
}

// splitWords splits a step's line into words: separated by spaces, 'as
// written' or "a Go string" when quoted, with $NAME replaced by vars[NAME]
// outside single quotes.
func splitWords(line string, vars map[string]string) ([]string, error) {
	var words []string
	expand := func(s string) string { return expandVars(s, vars) }
	for rest := strings.TrimLeft(line, " "); rest != ""; rest = strings.TrimLeft(rest, " ") {
		switch rest[0] {
		case '\'':
			end := strings.IndexByte(rest[1:], '\'')
			if end < 0 {
				return nil, fmt.Errorf("unterminated ' in %q", line)
			}
			words = append(words, rest[1:1+end])
			rest = rest[2+end:]
		case '"':
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return nil, fmt.Errorf("bad \" string in %q: %v", line, err)
			}
			w, _ := strconv.Unquote(q)
			words = append(words, expand(w))
			rest = rest[len(q):]
		default:
			end := strings.IndexByte(rest, ' ')
			if end < 0 {
				end = len(rest)
			}
			words = append(words, expand(rest[:end]))
			rest = rest[end:]
		}
	}
	return words, nil
}

// expandVars replaces $NAME in s by vars[NAME], leaving other $ as they
// are.
func expandVars(s string, vars map[string]string) string {
	return os.Expand(s, func(name string) string {
		if v, ok := vars[name]; ok {
			return v
		}
		return "$" + name
	})
}

// A normaliser writes what differs between computers by its name.
type normaliser struct {
	replacer *strings.Replacer
}

// measured is a time measured on this machine at the end of a line, or
// the heading of a column of them (compare's time column, whose width
// depends on the times).
var measured = regexp.MustCompile(`(?m) +(?:[0-9][0-9.]*(?:ns|µs|ms|s|m[0-9.]*s|h[0-9.m]*s)|time)$`)

func newNormaliser(work, data string) *normaliser {
	v := version()
	pairs := []string{work, "$WORK", data, "$DATA",
		"tirage " + v, "tirage $VERSION", `"version": "` + v + `"`, `"version": "$VERSION"`, `"version":"` + v + `"`, `"version":"$VERSION"`}
	pairs = append(pairs, runtime.Version(), "$GOVERSION", runtime.GOOS+"/"+runtime.GOARCH, "$PLATFORM")
	return &normaliser{replacer: strings.NewReplacer(pairs...)}
}

func (n *normaliser) text(s string) string {
	return measured.ReplaceAllStringFunc(n.replacer.Replace(s), func(m string) string {
		if strings.HasSuffix(m, " time") {
			return " time"
		}
		return " <time>"
	})
}

// lineDiff returns the lines that differ between a and b, as a unified
// diff with three lines of context.
func lineDiff(a, b string) string {
	lines := func(s string) []string {
		l := strings.SplitAfter(s, "\n")
		if l[len(l)-1] == "" {
			l = l[:len(l)-1]
		}
		return l
	}
	x, y := lines(a), lines(b)
	// The longest common subsequence, by dynamic programming from the end.
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type edit struct {
		op   byte // ' ', '-' or '+'
		line string
	}
	var edits []edit
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			edits = append(edits, edit{' ', x[i]})
			i++
			j++
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			edits = append(edits, edit{'-', x[i]})
			i++
		default:
			edits = append(edits, edit{'+', y[j]})
			j++
		}
	}
	const context = 3
	var b2 strings.Builder
	last := -1 // the last edit written
	for k, e := range edits {
		if e.op == ' ' {
			continue
		}
		from := max(k-context, last+1)
		if from > last+1 || last < 0 {
			// A new hunk, headed by the step it is in.
			b2.WriteString("@@")
			for m := k - 1; m >= 0; m-- {
				if line := strings.TrimSuffix(edits[m].line, "\n"); strings.HasPrefix(line, "-- $ ") {
					b2.WriteString(" " + line)
					break
				}
			}
			b2.WriteString("\n")
		}
		to := min(k+context, len(edits)-1)
		for m := from; m <= to; m++ {
			if m <= last {
				continue
			}
			line := edits[m].line
			if !strings.HasSuffix(line, "\n") {
				line += "\n"
			}
			b2.WriteString(string(edits[m].op) + line)
			last = m
		}
	}
	return b2.String()
}

func TestTranscriptParts(t *testing.T) {
	words, err := splitWords(`tirage check --pool $DATA/p.csv --households 'A, $B' --seed "\xff x" $HOME`, map[string]string{"DATA": "/d"})
	require.NoError(t, err)
	require.Equal(t, []string{"tirage", "check", "--pool", "/d/p.csv", "--households", "A, $B", "--seed", "\xff x", "$HOME"}, words)
	_, err = splitWords(`replace f 'unterminated`, nil)
	require.Error(t, err)

	s, err := parseTranscript("What it shows.\n-- input a.csv --\nx,y\n-- $ tirage version --\nexit 0\n-- stdout --\nignored\n-- stdin --\n{}\n")
	require.NoError(t, err)
	require.Equal(t, "What it shows.\n", s.comment)
	require.Equal(t, []transcriptStep{{"input", "a.csv", "x,y\n"}, {"$", "tirage version", ""}, {"stdin", "", "{}\n"}}, s.steps)
	_, err = parseTranscript("-- output --\n")
	require.Error(t, err)

	n := newNormaliser("/tmp/w", "/src/testdata")
	require.Equal(t, "$WORK/out $DATA/p.csv\n  a  12% <time>\n  objective time\n", n.text("/tmp/w/out /src/testdata/p.csv\n  a  12%    57ms\n  objective   time\n"))

	require.Equal(t, "@@ -- $ tirage a --\n -- $ tirage a --\n-exit 0\n+exit 1\n", lineDiff("-- $ tirage a --\nexit 0\n", "-- $ tirage a --\nexit 1\n"))
}
