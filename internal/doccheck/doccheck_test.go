package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRepository checks the repository's own pages: their links, the
// French guides against the English ones, and the README's test command
// in .ci/run. (.ci/run also runs their commands.)
func TestRepository(t *testing.T) {
	pages, problems, err := Check(filepath.Join("..", ".."))
	require.NoError(t, err)
	assert.Empty(t, problems)
	for _, want := range []string{"README.md", "doc/partner-guide.md", "doc/guide-partenaire.md", "doc/auditor-guide.md", "doc/guide-auditeur.md"} {
		if assert.Contains(t, pages, want) {
			assert.NotEmpty(t, pages[want].Commands(), "%s has no command to run", want)
		}
	}
}

func TestAnchor(t *testing.T) {
	tests := map[string]string{
		"What `select` writes":                      "what-select-writes",
		"1. Prepare the pool":                       "1-prepare-the-pool",
		"Préparer le vivier, sans données":          "préparer-le-vivier-sans-données",
		"Targets as shares":                         "targets-as-shares",
		"Go or JSON: [json.md](doc/json.md) (beta)": "go-or-json-jsonmd-beta",
		"snake_case and -dashes-":                   "snake_case-and--dashes-",
	}
	for heading, want := range tests {
		assert.Equal(t, want, Anchor(heading), heading)
	}
}

func TestParsePage(t *testing.T) {
	text := "# Title\n\nSee [a](a.md#x) and `[not](code.md)` and ``[not `either`](c.md)``.\n" +
		"![shot](img/s.png)\n\n```sh\ntirage check\n# a comment, not a heading\n[not](a link)\n```\n\n" +
		"## Notes\n\n````text\n```sh\nnested\n```\n````\n\n## Notes\n[b](<b.md> \"title\")\n"
	p := ParsePage("p.md", text)
	var anchors []string
	for _, h := range p.Headings {
		anchors = append(anchors, h.Anchor)
	}
	assert.Equal(t, []string{"title", "notes", "notes-1"}, anchors)
	assert.Equal(t, []Link{{3, "a.md#x"}, {4, "img/s.png"}, {21, "b.md"}}, p.Links)
	require.Len(t, p.Blocks, 2)
	assert.Equal(t, Block{Line: 6, End: 10, Lang: "sh", Text: "tirage check\n# a comment, not a heading\n[not](a link)"}, p.Blocks[0])
	assert.Equal(t, "text", p.Blocks[1].Lang)
	assert.Equal(t, "```sh\nnested\n```", p.Blocks[1].Text)
	assert.Len(t, p.Commands(), 1)
}

func TestCheckLinks(t *testing.T) {
	root := t.TempDir()
	write(t, root, "README.md", "# Top\n[ok](doc/a.md#section-two) [self](#top) [dir](doc) [web](https://example.org/x#y)\n"+
		"[gone](doc/missing.md) [bad anchor](doc/a.md#nowhere) [bad self](#bottom) [out](../elsewhere.md)\n")
	write(t, root, "doc/a.md", "# A\n## Section two\n[back](../README.md#top) [spec](../audit/SPEC.md#draw)\n")
	write(t, root, "audit/SPEC.md", "# Spec\n## Draw\n")
	pages, problems, err := Check(root)
	require.NoError(t, err)
	assert.Len(t, pages, 3)
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	assert.Equal(t, []string{
		`README.md:3: the link "doc/missing.md" names doc/missing.md, which does not exist`,
		`README.md:3: the link "doc/a.md#nowhere" names the anchor #nowhere, which no heading of doc/a.md has`,
		`README.md:3: the link "#bottom" names the anchor #bottom, which no heading of README.md has`,
		`README.md:3: the link "../elsewhere.md" leaves the repository`,
		`doc/partner-guide.md:1: doc/partner-guide.md and doc/guide-partenaire.md must both exist`,
		`doc/auditor-guide.md:1: doc/auditor-guide.md and doc/guide-auditeur.md must both exist`,
	}, got)
}

func TestCheckTranslation(t *testing.T) {
	en := ParsePage("en.md", "# Guide\n## 1. Pool\n```sh\ntirage check\n```\n## 2. Draw\n```sh\ntirage draw\n```\n```text\nshown\n```\n")
	same := ParsePage("fr.md", "# Guide\n## 1. Vivier\n```sh\ntirage check\n```\n## 2. Tirage\n```sh\ntirage draw\n```\n```text\naffiché\n```\n")
	assert.Empty(t, CheckTranslation(en, same))

	missing := ParsePage("fr.md", "# Guide\n## 1. Vivier\n```sh\ntirage check\n```\n")
	assert.Equal(t, []Problem{
		{"fr.md", 2, "the sections differ from en.md's from heading 3 on (3 headings there, 2 here)"},
		{"fr.md", 3, `command block 2 differs from en.md's (line 7 there: "tirage draw")`},
	}, CheckTranslation(en, missing))

	changed := ParsePage("fr.md", "# Guide\n### 1. Vivier\n```sh\ntirage check --k 3\n```\n## 2. Tirage\n```sh\ntirage draw\n```\n")
	assert.Equal(t, []Problem{
		{"fr.md", 2, "the sections differ from en.md's from heading 2 on (3 headings there, 3 here)"},
		{"fr.md", 3, `command block 1 differs from en.md's (line 3 there: "tirage check")`},
	}, CheckTranslation(en, changed))
}

func TestScript(t *testing.T) {
	s, run := Script(Block{Text: "go run ./cmd/tirage select --k 3 && (go run ./cmd/tirage verify out)"})
	assert.True(t, run)
	assert.Equal(t, "tirage select --k 3 && (tirage verify out)", s)
	_, run = Script(Block{Text: "go test ./...\n"})
	assert.False(t, run)
}

func TestCheckCI(t *testing.T) {
	root := t.TempDir()
	readme := ParsePage("README.md", "```sh\ngo test ./...\n```\n")
	write(t, root, ".ci/run", "go vet ./...\necho go test ./...\n")
	assert.Equal(t, []Problem{{"README.md", 1, `.ci/run does not run the README's test command, "go test ./...", on a line of its own`}}, CheckCI(root, readme))
	write(t, root, ".ci/run", "go vet ./...\n  go test ./...\n")
	assert.Empty(t, CheckCI(root, readme))
}

// TestRun runs blocks in order in a copy of testdata, with a stand-in
// for tirage, and stops at the first that fails.
func TestRun(t *testing.T) {
	r := fakeRunner(t, "testdata/example/pool.csv", "echo \"tirage $*\" >>calls.txt")

	good := ParsePage("g.md", "```sh\ngo run ./cmd/tirage check --pool testdata/example/pool.csv\n```\n```sh\ntest -f calls.txt && tirage select\n```\n"+
		"```sh\npython3 -c 'print(1)'\n```\n```text\nexit 1\n```\n```sh\ngo test ./...\n```\n```sh\ngrep -c tirage calls.txt | grep -q 2\n```\n")
	res := r.Run(context.Background(), good)
	assert.Empty(t, res.Problems)
	assert.Empty(t, res.Mismatches)
	assert.Equal(t, 3, res.Ran)
	assert.Equal(t, []string{"g.md:7 (python3 is not installed)"}, res.Skipped)

	bad := ParsePage("b.md", "```sh\ntirage check\n```\n```sh\nfalse | true\necho after\n```\n```sh\necho never\n```\n")
	res = r.Run(context.Background(), bad)
	assert.Equal(t, 1, res.Ran)
	require.Len(t, res.Problems, 1)
	assert.Equal(t, 4, res.Problems[0].Line)
	assert.True(t, strings.HasPrefix(res.Problems[0].What, "the block failed (exit status 1):\nfalse | true\necho after\n"), res.Problems[0].What)
}

func TestMainExitCodes(t *testing.T) {
	root := t.TempDir()
	write(t, root, "README.md", "[x](missing.md)\n")
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, run([]string{"-root", root}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "README.md:1: the link \"missing.md\" names missing.md, which does not exist\n")
	assert.Equal(t, 2, run([]string{"extra"}, &stdout, &stderr))
	assert.Equal(t, 2, run([]string{"-update"}, &stdout, &stderr), "-update without a binary to run")
}

// fakeRunner is a Runner in a new repository that holds the file
// testdata (relative to its root), with a stand-in for tirage that runs
// the shell line script. It skips the test when bash is not installed.
func fakeRunner(t *testing.T, testdata, script string) Runner {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	root := t.TempDir()
	write(t, root, testdata, "x\n")
	bin := write(t, root, "fake-tirage", "#!/bin/sh\n"+script+"\n")
	require.NoError(t, os.Chmod(bin, 0o755))
	return Runner{Root: root, Tirage: bin}
}

func write(t *testing.T, root, name, text string) string {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

func TestOutputBlocks(t *testing.T) {
	p := ParsePage("p.md", "```sh\ntirage check\n```\n\n```text\nshown\n```\n```sh\ntirage a\n```\nprose\n```text\nnot its output\n```\n"+
		"```sh\ntirage b\n```\n```text\nfirst\n```\n```text\nsecond\n```\n")
	cmds := p.Commands()
	require.Len(t, cmds, 3)
	require.NotNil(t, cmds[0].Output)
	assert.Equal(t, Block{Line: 5, End: 7, Lang: "text", Text: "shown"}, *cmds[0].Output)
	assert.Nil(t, cmds[1].Output, "prose between: not its output")
	require.NotNil(t, cmds[2].Output)
	assert.Equal(t, "first", cmds[2].Output.Text, "only the first block after it")
}

func TestNormalise(t *testing.T) {
	out := "\n\r\nWritten:  /tmp/doccheck-1/lille: audit.json  \r\nin /tmp/doccheck-1\ntirage v1.2 (go1.26), done in 1.25 s, 310 ms, 2 seats\n\n"
	assert.Equal(t, []string{"Written:  lille: audit.json", "in .", "tirage VERSION (go1.26), done in N s, N s, 2 seats"},
		Normalise(out, "/tmp/doccheck-1", "v1.2"))
	assert.Empty(t, Normalise("\n \n", "", ""))
}

func TestMatches(t *testing.T) {
	got := []string{"a", "b", "c", "d"}
	tests := map[string]bool{
		"a b c d": true, "a b c": false, "a b c d e": false, "a x c d": false,
		"a … d": true, "… d": true, "a …": true, "…": true, "a … b … d": true, "a … c … c": false,
		"a b… c d": true, "a x… c d": false, "… a b c d": true, "a b c d …": true,
	}
	for shown, want := range tests {
		assert.Equal(t, want, Matches(strings.Fields(shown), got), shown)
	}
	assert.True(t, Matches(nil, nil))
	assert.False(t, Matches(nil, got))
	assert.True(t, Matches([]string{"x: …"}, []string{"x: 8eff2b59…"}), "a line that ends with … matches by its beginning")
}

func TestRewritten(t *testing.T) {
	got := strings.Fields("notice a b1 c d e f")
	tests := map[string]string{
		"a b1 c d e f":  "notice a b1 c d e f", // nothing elided: got whole
		"a b1 … f":      "notice a b1 … f",     // a new line before, the elision kept
		"a b2 … e":      "notice a b1 … e f",   // a changed line, and a new last line
		"a b… … f":      "notice a b… … f",     // a line's end elided stays elided
		"a … gone … f":  "notice a … f",        // a line no longer printed goes
		"notice a … x":  "notice a …",
		"notice a b1 …": "notice a b1 …",
	}
	for shown, want := range tests {
		assert.Equal(t, strings.Fields(want), Rewritten(strings.Fields(shown), got), shown)
	}
	same := strings.Fields("notice … f")
	assert.Equal(t, same, Rewritten(same, got), "a match stays as it is")
}

// TestOutputsCheckedAndRewritten runs a page whose outputs are shown, one
// right, one wrong, one of a French guide, and rewrites the wrong one.
func TestOutputsCheckedAndRewritten(t *testing.T) {
	r := fakeRunner(t, "testdata/x.txt", "echo \"tirage $* in $TIRAGE_LANG at $SOURCE_DATE_EPOCH, $(pwd)/x.txt\"")
	root := r.Root
	text := "# Page\n\n```sh\ntirage a\n```\n\n```text\ntirage a in en at 1777000000, x.txt\n```\n\n" +
		"```sh\ntirage b\necho second line\n```\n```text\nwrong\n…\n```\nAfter.\n"
	path := write(t, root, "doc/page.md", text)
	res := r.Run(context.Background(), ParsePage("doc/page.md", text))
	assert.Empty(t, res.Problems)
	require.Len(t, res.Mismatches, 1)
	m := res.Mismatches[0]
	assert.Equal(t, 11, m.Command.Line)
	assert.Equal(t, []string{"tirage b in en at 1777000000, x.txt", "second line"}, m.Got)
	assert.Equal(t, Problem{"doc/page.md", 16, `the output shown is not the output of the command block of line 11: line 1 of the output shows "wrong", ` +
		`the command printed "tirage b in en at 1777000000, x.txt" (go run ./internal/doccheck -tirage BINARY -update rewrites the outputs)`}, m.Problem())

	require.NoError(t, Rewrite(path, res.Mismatches))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, strings.Replace(text, "wrong\n…\n", "tirage b in en at 1777000000, x.txt\n…\n", 1), string(data))
	res = r.Run(context.Background(), ParsePage("doc/page.md", string(data)))
	assert.Empty(t, res.Mismatches, "rewritten, it matches")

	fr := ParsePage(Translations[0][1], "```sh\ntirage c\n```\n```text\ntirage c in fr at 1777000000, x.txt\n```\n")
	res = r.Run(context.Background(), fr)
	assert.Empty(t, res.Mismatches, "a French guide's commands run with TIRAGE_LANG=fr")
}
