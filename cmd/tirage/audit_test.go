package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
)

const epoch = "1777000000" // 2026-04-24T03:06:40Z

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

// TestCommitOnlyThenDraw: committing, then drawing, gives byte for byte
// the files of drawing at once. (What select, draw and verify print is in
// testdata/transcripts/commit-draw.txt.)
func TestCommitOnlyThenDraw(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	base := t.TempDir()
	direct, committed := filepath.Join(base, "direct"), filepath.Join(base, "committed")
	code, _, errOut := selectExample(t, direct, "--seed", seedA)
	require.Equal(t, exitOK, code, errOut)

	code, _, errOut = selectExample(t, committed, "--commit-only")
	require.Equal(t, exitOK, code, errOut)
	r, raw := readRecord(t, committed)
	assert.Nil(t, r.Draw)
	assert.Contains(t, raw, `"draw": null`)
	assert.Len(t, r.Steps, 3)

	code, _, errOut = tirage("draw", committed, "--seed", seedA, "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	after, _ := readRecord(t, committed)
	assert.Equal(t, r.Commitment, after.Commitment)
	for _, name := range drawnFiles {
		assert.Equal(t, string(readFile(t, filepath.Join(direct, name))), string(readFile(t, filepath.Join(committed, name))), name)
	}
}

func TestDrawSeedNumbers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, _, errOut := selectExample(t, dir, "--commit-only", "--panels", "2000")
	require.Equal(t, exitOK, code, errOut)
	code, _, errOut = tirage("draw", "--seed-numbers", "17 20 22 35 38 48 36 / 90193202", dir, "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	r, _ := readRecord(t, dir)
	assert.Equal(t, 2000, r.Lottery.M)
	assert.Equal(t, audit.SeedNumbers, r.Draw.SeedKind)
	assert.Equal(t, "17.20.22.35.36.38.48./90193202./", r.Draw.Seed)
	assert.Equal(t, drawIndex(t, r, r.Draw.Seed), r.Draw.Index)
}

// selected writes a drawn selection of the example into a new directory.
func selected(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	code, _, errOut := selectExample(t, dir, "--seed", seedA, "--panels", "200")
	require.Equal(t, exitOK, code, errOut)
	return dir
}

// replaceIn replaces the first old by new in a file, which must hold old.
func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	data := string(readFile(t, path))
	require.Contains(t, data, old, path)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(data, old, new, 1)), 0o644))
}

var failedCheck = regexp.MustCompile(`(?m)^FAILED  ([^:]+):`)

func TestVerifyDetectsTampering(t *testing.T) {
	pool, quotas := td("example", "pool.csv"), td("example", "quotas.csv")
	tests := []struct {
		name   string
		tamper func(t *testing.T, dir string) []string // extra verify arguments
		want   string                                  // a check that must fail
	}{
		{"a ticket", func(t *testing.T, dir string) []string {
			path := filepath.Join(dir, "probabilities.csv")
			lines := strings.SplitAfter(string(readFile(t, path)), "\n")
			lines[1] = strings.TrimSuffix(lines[1], "\n") + "0\n" // the tickets column, times 10
			require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644))
			return nil
		}, "probabilities.csv"},
		{"a ticket in the receipts", func(t *testing.T, dir string) []string {
			r, _ := readRecord(t, dir)
			replaceIn(t, filepath.Join(dir, "receipts.csv"), "\n"+r.People.Rows[1][0]+",", "\n"+r.People.Rows[1][0]+",9")
			return nil
		}, "receipts.csv"},
		{"a member of a panel", func(t *testing.T, dir string) []string {
			r, _ := readRecord(t, dir)
			other := r.People.Rows[len(r.People.Rows)-1][0]
			m := r.Lottery.Panels[0].Members
			replaceIn(t, filepath.Join(dir, "audit.json"), `"members": ["`+strings.Join(m, `", "`), `"members": ["`+other+`", "`+strings.Join(m[1:], `", "`))
			return nil
		}, "commitment"},
		{"the seed", func(t *testing.T, dir string) []string {
			replaceIn(t, filepath.Join(dir, "audit.json"), `"seed": "tirage"`, `"seed": "tirage2"`)
			return nil
		}, "draw"},
		{"the index", func(t *testing.T, dir string) []string {
			replaceIn(t, filepath.Join(dir, "audit.json"), `"index": `, `"index": 1`)
			return nil
		}, "draw"},
		{"a probability", func(t *testing.T, dir string) []string {
			replaceIn(t, filepath.Join(dir, "audit.json"), `"distribution": [
      {
        "probability": 0.`, `"distribution": [
      {
        "probability": 0.9`)
			return nil
		}, "exact lottery"},
		{"the pool file", func(t *testing.T, dir string) []string {
			changed := filepath.Join(t.TempDir(), "pool.csv")
			data := readFile(t, pool)
			data[len(data)-2] ^= 1
			require.NoError(t, os.WriteFile(changed, data, 0o644))
			return []string{"--pool", changed, "--quotas", quotas}
		}, "pool file"},
		{"the JSON truncated", func(t *testing.T, dir string) []string {
			path := filepath.Join(dir, "audit.json")
			data := readFile(t, path)
			require.NoError(t, os.WriteFile(path, data[:len(data)/2], 0o644))
			return nil
		}, "record"},
		{"the record missing", func(t *testing.T, dir string) []string {
			require.NoError(t, os.Remove(filepath.Join(dir, "audit.json")))
			return nil
		}, "record"},
		{"panel.csv", func(t *testing.T, dir string) []string {
			path := filepath.Join(dir, "panel.csv")
			lines := strings.SplitAfter(string(readFile(t, path)), "\n")
			require.NoError(t, os.WriteFile(path, []byte(strings.Join(append(lines[:1], lines[2:]...), "")), 0o644))
			return nil
		}, "panel.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := selected(t)
			code, out, _ := tirage("verify", dir, "--pool", pool, "--quotas", quotas)
			require.Equal(t, exitOK, code, out)
			extra := tt.tamper(t, dir)
			args := append([]string{"verify", dir}, extra...)
			code, out, errOut := tirage(args...)
			assert.Equal(t, exitSelection, code, out+errOut)
			assert.Contains(t, out, "NOT VERIFIED")
			var failed []string
			for _, m := range failedCheck.FindAllStringSubmatch(out, -1) {
				failed = append(failed, m[1])
			}
			found := false
			for _, f := range failed {
				found = found || strings.HasPrefix(f, tt.want)
			}
			assert.True(t, found, "want %q among the failed checks %q\n%s", tt.want, failed, out)
		})
	}
}

func TestParseFlags(t *testing.T) {
	for _, tt := range []struct {
		args       []string
		positional []string
		seed       string
	}{
		{[]string{"dir", "--seed", "x"}, []string{"dir"}, "x"},
		{[]string{"--seed", "x", "dir"}, []string{"dir"}, "x"},
		{[]string{"a", "--seed=x", "b"}, []string{"a", "b"}, "x"},
		{[]string{"--", "--seed", "x"}, []string{"--seed", "x"}, ""},
		{[]string{"a", "--", "-b"}, []string{"a", "-b"}, ""},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		seed := fs.String("seed", "", "")
		got, err := parseFlags(fs, tt.args)
		require.NoError(t, err, tt.args)
		assert.Equal(t, tt.positional, got, tt.args)
		assert.Equal(t, tt.seed, *seed, tt.args)
	}
}

// TestSeedSource: the seed's source is recorded and committed; the draw
// records the kind of seed; the report says what the kind means. (What
// select, draw and verify print is in testdata/transcripts/commit-draw.txt.)
func TestSeedSource(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	source := "EuroMillions draw of 24 April 2026, the five numbers in ascending order"
	code, _, errOut := selectExample(t, dir, "--commit-only", "--seed-source", source, "--panels", "10")
	require.Equal(t, exitOK, code, errOut)
	committed, _ := readRecord(t, dir)
	assert.Equal(t, source, committed.Settings.SeedSource)
	assert.Equal(t, 1000, committed.Lottery.M)

	code, _, errOut = tirage("draw", dir, "--seed-numbers", "5 9 17 32 44", "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	drawn, _ := readRecord(t, dir)
	assert.Equal(t, committed.Commitment, drawn.Commitment)
	assert.Equal(t, audit.SeedNumbers, drawn.Draw.SeedKind)
	report := string(readFile(t, filepath.Join(dir, "report.md")))
	assert.Contains(t, report, source)
	assert.Contains(t, report, "public numbers, RFC 3797")
	assert.NotContains(t, report, "with the public seed")

	// A generated seed has no source to announce, and is never called
	// public.
	gen := filepath.Join(t.TempDir(), "gen")
	code, out, errOut := selectExample(t, gen, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "Not a public seed")
	for _, name := range []string{"report.md", "report.html"} {
		text := string(readFile(t, filepath.Join(gen, name)))
		assert.NotContains(t, text, "with the public seed", name)
		assert.Contains(t, text, "It is not a public seed", name)
	}
	r, _ := readRecord(t, gen)
	assert.Equal(t, audit.SeedGenerated, r.Draw.SeedKind)
}
