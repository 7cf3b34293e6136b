// Command doccheck checks the README and the pages of doc/ as a reader
// would use them.
//
// Usage (from the repository root):
//
//	go run ./internal/doccheck [-tirage BINARY [-update]]
//
// It checks that every relative link of the Markdown pages (the README,
// doc/, audit/ and the READMEs of testdata/) names a file that exists and,
// with an anchor, a heading of that page (anchors as GitHub makes them);
// that each French guide has the sections (headings, at the same levels,
// in the same order) and the commands of its English original; and that
// .ci/run calls the README's test command.
//
// With -tirage, it also runs every ```sh block of the README and of doc/,
// page by page and in order, with bash -euo pipefail, in a fresh copy of
// testdata/ with BINARY on the PATH as tirage ("go run ./cmd/tirage" is
// read as tirage), and fails on the first block of a page that exits
// with a non-zero code. Blocks shown but not run are ```text. Blocks that
// call python3 are skipped, saying so, when it is not installed; the
// README's test command, go test ./..., is left to CI. The commands of a
// French guide run with TIRAGE_LANG=fr, the others with TIRAGE_LANG=en,
// and all with SOURCE_DATE_EPOCH set.
//
// It then checks the outputs the pages show: a ```text block that follows
// a ```sh block, with only blank lines between them, must be that block's
// output, up to a small normalisation (see output.go: the folder the
// commands run in, durations, trailing spaces; "…" elides lines, or the
// end of a line). With -update, it rewrites those that differ in place,
// keeping their elisions, instead of failing: review the diff.
//
// It exits 0 when everything holds, 1 when something does not (each
// problem on a line, with its file and line), 2 on a usage error.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("doccheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "the repository's root")
	tirage := fs.String("tirage", "", "the tirage binary with which to run the command blocks (none: the commands are not run)")
	update := fs.Bool("update", false, "rewrite the outputs shown that differ from the commands' (with -tirage)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || (*update && *tirage == "") {
		fmt.Fprintln(stderr, "usage: doccheck [-root DIR] [-tirage BINARY [-update]]")
		return 2
	}
	pages, problems, err := Check(*root)
	if err != nil {
		fmt.Fprintln(stderr, "doccheck:", err)
		return 2
	}
	fmt.Fprintf(stdout, "links and translations: %d pages\n", len(pages))
	if *tirage != "" {
		_, python := exec.LookPath("python3")
		r := Runner{Root: *root, Tirage: *tirage, Python: python == nil, Version: version(*tirage)}
		for _, path := range RunnablePages(sortedKeys(pages)) {
			res := r.Run(context.Background(), pages[path])
			if res.Ran > 0 || len(res.Problems) > 0 {
				fmt.Fprintf(stdout, "%s: %d command blocks ran\n", path, res.Ran)
			}
			for _, s := range res.Skipped {
				fmt.Fprintln(stdout, "skipped:", s)
			}
			problems = append(problems, res.Problems...)
			switch {
			case len(res.Mismatches) == 0:
			case *update:
				if err := Rewrite(filepath.Join(*root, path), res.Mismatches); err != nil {
					problems = append(problems, Problem{path, 1, err.Error()})
					continue
				}
				fmt.Fprintf(stdout, "%s: %d outputs rewritten\n", path, len(res.Mismatches))
			default:
				for _, m := range res.Mismatches {
					problems = append(problems, m.Problem())
				}
			}
		}
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, p)
	}
	if len(problems) > 0 {
		return 1
	}
	fmt.Fprintln(stdout, "doccheck: all good")
	return 0
}

// version is the version of the tirage binary, the second word of what
// "tirage version" prints ("" when it prints nothing of the kind).
func version(tirage string) string {
	out, err := exec.Command(tirage, "version").Output()
	if f := strings.Fields(string(out)); err == nil && len(f) >= 2 && f[0] == "tirage" {
		return f[1]
	}
	return ""
}

// Check reads the pages under root and checks their links, the
// translations and the README's test command.
func Check(root string) (map[string]*Page, []Problem, error) {
	paths, err := Pages(root)
	if err != nil {
		return nil, nil, err
	}
	pages := map[string]*Page{}
	for _, path := range paths {
		p, err := ReadPage(filepath.Join(root, path))
		if err != nil {
			return nil, nil, err
		}
		p.Path = path
		pages[path] = p
	}
	listed := sortedKeys(pages)
	problems := CheckLinks(root, pages)
	for _, pair := range Translations {
		en, fr := pages[pair[0]], pages[pair[1]]
		if en == nil || fr == nil {
			problems = append(problems, Problem{pair[0], 1, fmt.Sprintf("%s and %s must both exist", pair[0], pair[1])})
			continue
		}
		problems = append(problems, CheckTranslation(en, fr)...)
	}
	if readme := pages["README.md"]; readme != nil {
		problems = append(problems, CheckCI(root, readme)...)
	}
	for path := range pages { // pages that links read, outside the list
		if !slices.Contains(listed, path) {
			delete(pages, path)
		}
	}
	return pages, problems, nil
}
