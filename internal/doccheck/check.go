package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A Problem is one thing wrong in a page, at a line.
type Problem struct {
	Path string
	Line int
	What string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.What) }

// Translations pairs each guide with its French translation, which must
// have the same sections and the same commands.
var Translations = [][2]string{
	{"doc/partner-guide.md", "doc/guide-partenaire.md"},
	{"doc/auditor-guide.md", "doc/guide-auditeur.md"},
}

// Pages lists the Markdown files whose links are checked, relative to
// root: the README, doc/, audit/ and the READMEs of testdata/.
func Pages(root string) ([]string, error) {
	var out []string
	for _, pattern := range []string{"README.md", "doc/*.md", "audit/*.md", "testdata/*/README.md"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			return nil, err
		}
		for _, path := range m {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return nil, err
			}
			out = append(out, filepath.ToSlash(rel))
		}
	}
	return out, nil
}

// RunnablePages lists the pages whose commands are run: the README and
// doc/.
func RunnablePages(pages []string) []string {
	return slices.DeleteFunc(slices.Clone(pages), func(p string) bool {
		return p != "README.md" && !strings.HasPrefix(p, "doc/")
	})
}

// CheckLinks checks that every relative link of the pages (paths
// relative to root) names a file or folder that exists and, for an
// anchor, a heading of that page.
func CheckLinks(root string, pages map[string]*Page) []Problem {
	var out []Problem
	for _, path := range sortedKeys(pages) {
		p := pages[path]
		for _, l := range p.Links {
			if what := checkLink(root, p, l.Target, pages); what != "" {
				out = append(out, Problem{p.Path, l.Line, what})
			}
		}
	}
	return out
}

func checkLink(root string, from *Page, target string, pages map[string]*Page) string {
	if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
		return ""
	}
	file, anchor, _ := strings.Cut(target, "#")
	to := from
	if file != "" {
		rel := filepath.ToSlash(filepath.Join(filepath.Dir(from.Path), file))
		if strings.HasPrefix(rel, "../") || filepath.IsAbs(file) {
			return fmt.Sprintf("the link %q leaves the repository", target)
		}
		if _, err := os.Stat(filepath.Join(root, rel)); err != nil {
			return fmt.Sprintf("the link %q names %s, which does not exist", target, rel)
		}
		if anchor == "" {
			return ""
		}
		if to = pages[rel]; to == nil {
			page, err := ReadPage(filepath.Join(root, rel))
			if err != nil {
				return fmt.Sprintf("the link %q: %v", target, err)
			}
			page.Path = rel
			to, pages[rel] = page, page
		}
	}
	if !to.HasAnchor(anchor) {
		return fmt.Sprintf("the link %q names the anchor #%s, which no heading of %s has", target, anchor, to.Path)
	}
	return ""
}

// CheckTranslation checks that the translation has the sections of the
// original (as many headings, at the same levels, in the same order) and
// the same commands (its ```sh blocks, the same text in the same order).
func CheckTranslation(original, translation *Page) []Problem {
	var out []Problem
	levels := func(p *Page) []int {
		var l []int
		for _, h := range p.Headings {
			l = append(l, h.Level)
		}
		return l
	}
	if a, b := levels(original), levels(translation); !slices.Equal(a, b) {
		i := firstDifference(len(a), len(b), func(i int) bool { return a[i] == b[i] })
		out = append(out, Problem{translation.Path, lineOf(translation.Headings, i, func(h Heading) int { return h.Line }),
			fmt.Sprintf("the sections differ from %s's from heading %d on (%d headings there, %d here)", original.Path, i+1, len(a), len(b))})
	}
	a, b := original.Commands(), translation.Commands()
	if i := firstDifference(len(a), len(b), func(i int) bool { return a[i].Text == b[i].Text }); i < max(len(a), len(b)) {
		what := fmt.Sprintf("command block %d differs from %s's", i+1, original.Path)
		if i < len(a) {
			what += fmt.Sprintf(" (line %d there: %q)", a[i].Line, firstLine(a[i].Text))
		}
		out = append(out, Problem{translation.Path, lineOf(b, i, func(b Block) int { return b.Line }), what})
	}
	return out
}

// firstDifference is the first index below min(m, n) where same is
// false, else min(m, n), or max(m, n) when m == n and all are the same.
func firstDifference(m, n int, same func(int) bool) int {
	for i := range min(m, n) {
		if !same(i) {
			return i
		}
	}
	if m == n {
		return m
	}
	return min(m, n)
}

func lineOf[T any](s []T, i int, line func(T) int) int {
	if i < len(s) {
		return line(s[i])
	}
	if len(s) > 0 {
		return line(s[len(s)-1])
	}
	return 1
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return first
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
