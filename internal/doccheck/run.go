package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// blockTimeout bounds one command block: the guides' commands take
// seconds on the bundled examples.
const blockTimeout = 5 * time.Minute

// outputShown bounds how much of a failing block's output is shown.
const outputShown = 4000

// testCommand is the README's test command, which the checks do not run
// (CI runs it in its own step) but require .ci/run to call.
const testCommand = "go test ./..."

// goRun is how the README runs tirage from a clone; the checks run the
// binary built from the same source in its place.
var goRun = regexp.MustCompile(`(^|[\s;&|(])go run \./cmd/tirage\b`)

// A Runner runs the command blocks of pages in a copy of testdata/, with
// the binary Tirage on the PATH as tirage.
type Runner struct {
	Root   string // the repository
	Tirage string // the tirage binary
	Python bool   // whether python3 is there: blocks that use it are skipped without it
	// Version is the binary's version, as tirage version prints it, which
	// the outputs compared do not depend on ("" for none).
	Version string
}

// Script is the text of the block as it is run, and whether it is run at
// all: the test command is not (CheckCI checks that CI runs it).
func Script(b Block) (string, bool) {
	if strings.TrimSpace(b.Text) == testCommand {
		return "", false
	}
	return goRun.ReplaceAllString(b.Text, "${1}tirage"), true
}

// A Result is what running a page's command blocks found.
type Result struct {
	Ran        int        // the blocks run
	Skipped    []string   // the blocks not run, each with its page, line and reason
	Problems   []Problem  // the block that failed, if one did
	Mismatches []Mismatch // the blocks whose output is not the one shown
}

// Run runs the page's command blocks in order, in a fresh copy of
// testdata/ (so that a block may use the folders an earlier one wrote),
// stopping at the first that exits with a non-zero code, and compares
// the output of each block that has one shown with its real output. The
// commands run in the page's language (TIRAGE_LANG: fr for a French
// translation, else en) and at a fixed time (SOURCE_DATE_EPOCH).
func (r Runner) Run(ctx context.Context, p *Page) (res Result) {
	blocks := p.Commands()
	if len(blocks) == 0 {
		return res
	}
	dir, err := os.MkdirTemp("", "doccheck-")
	if err != nil {
		res.Problems = []Problem{{p.Path, 1, err.Error()}}
		return res
	}
	defer os.RemoveAll(dir)
	if err := r.setUp(dir); err != nil {
		res.Problems = []Problem{{p.Path, 1, err.Error()}}
		return res
	}
	env := []string{"TIRAGE_LANG=" + Lang(p.Path), "SOURCE_DATE_EPOCH=" + sourceDateEpoch}
	for _, b := range blocks {
		script, run := Script(b)
		if !run {
			continue
		}
		if !r.Python && strings.Contains(script, "python3") {
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s:%d (python3 is not installed)", p.Path, b.Line))
			continue
		}
		out, what := r.runBlock(ctx, dir, script, env)
		if what != "" {
			res.Problems = []Problem{{p.Path, b.Line, what}}
			return res
		}
		res.Ran++
		if b.Output != nil {
			if got := Normalise(out, dir, r.Version); !Matches(Normalise(b.Output.Text, "", ""), got) {
				res.Mismatches = append(res.Mismatches, Mismatch{p.Path, b, got})
			}
		}
	}
	return res
}

// Lang is the language of the page at path: fr for the French translation
// of a guide, else en.
func Lang(path string) string {
	for _, pair := range Translations {
		if path == pair[1] {
			return "fr"
		}
	}
	return "en"
}

// setUp copies testdata/ into dir and puts tirage in dir/.bin.
func (r Runner) setUp(dir string) error {
	if err := copyTree(filepath.Join(r.Root, "testdata"), filepath.Join(dir, "testdata")); err != nil {
		return err
	}
	bin := filepath.Join(dir, ".bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		return err
	}
	tirage, err := filepath.Abs(r.Tirage)
	if err != nil {
		return err
	}
	return os.Symlink(tirage, filepath.Join(bin, "tirage"))
}

// runBlock runs the script in dir with the environment's variables
// added to the process's, and returns its output, and what went wrong
// when it failed ("" when it did not).
func (r Runner) runBlock(ctx context.Context, dir, script string, env []string) (out string, failed string) {
	ctx, cancel := context.WithTimeout(ctx, blockTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-euo", "pipefail", "-c", script)
	cmd.Dir = dir
	// A command that leaves a child holding the output (a server) must not
	// hang the check: once the block is done or killed, its pipes close.
	cmd.WaitDelay = 10 * time.Second
	cmd.Env = append(os.Environ(), "PATH="+filepath.Join(dir, ".bin")+string(os.PathListSeparator)+os.Getenv("PATH"))
	cmd.Env = append(cmd.Env, env...)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	if err == nil {
		return buf.String(), ""
	}
	shown := buf.String()
	if len(shown) > outputShown {
		shown = "…" + shown[len(shown)-outputShown:]
	}
	return buf.String(), fmt.Sprintf("the block failed (%v):\n%s\n--- its output:\n%s", err, script, shown)
}

// CheckCI checks that .ci/run calls the README's test command when the
// README gives it.
func CheckCI(root string, readme *Page) []Problem {
	for _, b := range readme.Commands() {
		if _, run := Script(b); run {
			continue
		}
		ci, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
		if err != nil {
			return []Problem{{readme.Path, b.Line, err.Error()}}
		}
		for _, line := range strings.Split(string(ci), "\n") {
			if strings.TrimSpace(line) == testCommand {
				return nil
			}
		}
		return []Problem{{readme.Path, b.Line, fmt.Sprintf(".ci/run does not run the README's test command, %q, on a line of its own", testCommand)}}
	}
	return nil
}

// copyTree copies the regular files and folders under src into dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
}
