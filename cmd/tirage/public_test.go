package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/quota"
)

// assertVerifies runs tirage verify with args and asserts that it passes.
func assertVerifies(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := tirage(append([]string{"verify", "--quiet"}, args...)...)
	assert.Equal(t, exitOK, code, "verify %v:\n%s%s", args, out, errOut)
	assert.NotContains(t, out, "FAILED")
	return out
}

// privateValues returns the values of the pool file's columns other than
// the id and the quota columns (names, e-mail addresses, addresses…),
// each once.
func privateValues(t *testing.T, poolFile, quotaFile, idColumn string) []string {
	t.Helper()
	q, err := quota.Parse(quotaFile, readFile(t, quotaFile))
	require.NoError(t, err)
	tab, err := table.Parse(readFile(t, poolFile))
	require.NoError(t, err)
	keep := map[string]bool{table.Key(idColumn): true}
	for _, c := range q.Categories {
		keep[table.Key(c.Name)] = true
	}
	seen := map[string]bool{}
	var values []string
	for c, h := range tab.Header {
		if keep[table.Key(h)] {
			continue
		}
		for _, r := range tab.Records {
			if v := strings.TrimSpace(r.Fields[c]); v != "" && !seen[v] {
				seen[v] = true
				values = append(values, v)
			}
		}
	}
	return values
}

// assertNoPrivateValues asserts that no file under dir holds any of the
// values as a word of its own (a postcode's digits may occur inside a
// probability: a number only counts when no digit, letter or point
// touches it).
func assertNoPrivateValues(t *testing.T, dir string, values []string) {
	t.Helper()
	if len(values) == 0 {
		return // the pool has no column besides the ids and quotas
	}
	var files []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	}))
	require.NotEmpty(t, files)
	for _, f := range files {
		data := readFile(t, f)
		for _, v := range values {
			if at := wordIndex(data, v); at >= 0 {
				assert.Fail(t, "personal data in a public file", "%s holds %q at byte %d", f, v, at)
			}
		}
	}
}

// wordIndex returns where v occurs in data with no letter, digit or point
// just before or after it, or -1.
func wordIndex(data []byte, v string) int {
	isWord := func(r rune) bool { return r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r) }
	for from := 0; ; {
		i := bytes.Index(data[from:], []byte(v))
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRune(data[:i])
		after, _ := utf8.DecodeRune(data[i+len(v):])
		if (i == 0 || !isWord(before)) && (i+len(v) == len(data) || !isWord(after)) {
			return i
		}
		from = i + 1
	}
}

func TestPublicBundles(t *testing.T) {
	// The public folder of each kind of selection verifies alone (an
	// auditor without the pool) and with the input files, and holds no
	// value of a pool column other than the ids and the quota values.
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	base := t.TempDir()
	pool, quotas := td("example", "pool.csv"), td("example", "quotas.csv")
	cpool, cquotas := td("conflicts", "min_above_pool", "pool.csv"), td("conflicts", "min_above_pool", "quotas.csv")
	kinds := []struct {
		name          string
		args          []string
		pool, quotas  string
		wantPublicCSV []string
	}{
		{"maximin", []string{"--k", "30"}, pool, quotas, []string{"panel.csv"}},
		{"leximin", []string{"--k", "30", "--algorithm", "leximin"}, pool, quotas, []string{"panel.csv"}},
		{"households", []string{"--k", "30", "--households", "address1,postcode"}, pool, quotas, []string{"panel.csv"}},
		{"relaxation", []string{"--k", "10", "--relax"}, cpool, cquotas, []string{"panel.csv"}},
		{"alternates", []string{"--k", "30", "--alternates", "5"}, pool, quotas, []string{"panel.csv", "alternates.csv"}},
		{"committed", []string{"--k", "30", "--commit-only"}, pool, quotas, nil},
	}
	scanned := map[string][]string{}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			dir := filepath.Join(base, k.name)
			args := append([]string{"select", "--pool", k.pool, "--quotas", k.quotas, "--out", dir, "--quiet"}, k.args...)
			if !slices.Contains(k.args, "--commit-only") {
				args = append(args, "--seed", seedA)
			}
			code, _, errOut := tirage(args...)
			require.Equal(t, exitOK, code, errOut)
			public := filepath.Join(dir, "public")
			for _, name := range k.wantPublicCSV {
				header, rows := readCSV(t, filepath.Join(public, name))
				assert.Equal(t, map[bool][]string{false: {"id"}, true: {"rank", "id"}}[name == "alternates.csv"], header, name)
				assert.NotEmpty(t, rows, name)
			}
			assert.NoFileExists(t, filepath.Join(public, "remaining.csv"))
			assert.Equal(t, readFile(t, filepath.Join(dir, "audit.json")), readFile(t, filepath.Join(public, "audit.json")))
			assertVerifies(t, public)
			assertVerifies(t, public, "--pool", k.pool, "--quotas", k.quotas)
			if _, ok := scanned[k.pool]; !ok {
				scanned[k.pool] = privateValues(t, k.pool, k.quotas, "id")
			}
			assertNoPrivateValues(t, public, scanned[k.pool])
		})
	}

	t.Run("replacement", func(t *testing.T) {
		orig := filepath.Join(base, "alternates")
		_, rows := readCSV(t, filepath.Join(orig, "public", "panel.csv"))
		out := filepath.Join(base, "replaced")
		code, _, errOut := tirage("replace", orig, "--drop", rows[0][0]+","+rows[1][0], "--out", out, "--pool", pool, "--quiet")
		require.Equal(t, exitOK, code, errOut)
		header, completed := readCSV(t, filepath.Join(out, "public", "completed.csv"))
		assert.Equal(t, []string{"id"}, header)
		assert.Len(t, completed, 30)
		// The original is found beside it: its public folder beside this
		// public folder's selection folder.
		assertVerifies(t, filepath.Join(out, "public"))
		assertVerifies(t, filepath.Join(out, "public"), "--pool", pool, "--quotas", quotas)
		assertVerifies(t, out, "--pool", pool, "--quotas", quotas)
		assertNoPrivateValues(t, filepath.Join(out, "public"), scanned[pool])
	})

	// The scan does find personal data where it is: in the private files.
	t.Run("scan finds names", func(t *testing.T) {
		values := scanned[pool]
		private := readFile(t, filepath.Join(base, "maximin", "panel.csv"))
		found := 0
		for _, v := range values {
			if wordIndex(private, v) >= 0 {
				found++
			}
		}
		assert.GreaterOrEqual(t, found, 30*4, "the private panel.csv holds names, e-mail addresses and addresses of 30 people")
		assert.Contains(t, values, "brid.goncalves@example.org")
		assert.Contains(t, values, "Gonçalves")
		assert.Contains(t, values, "136 Chestnut Drive")
	})
}

func TestNoLocalPaths(t *testing.T) {
	// With absolute paths everywhere, no folder of this computer appears in
	// a record or a report: the record keeps file names and digests.
	base := t.TempDir()
	data := filepath.Join(base, "inputs", "of", "someone")
	require.NoError(t, os.MkdirAll(data, 0o755))
	pool, quotas := filepath.Join(data, "pool.csv"), filepath.Join(data, "quotas.csv")
	require.NoError(t, os.WriteFile(pool, readFile(t, td("example", "pool.csv")), 0o644))
	require.NoError(t, os.WriteFile(quotas, readFile(t, td("example", "quotas.csv")), 0o644))
	wd, err := os.Getwd()
	require.NoError(t, err)
	sel, committed, replaced := filepath.Join(base, "out", "sel"), filepath.Join(base, "out", "committed"), filepath.Join(base, "out", "replaced")
	code, _, errOut := tirage("select", "--pool", pool, "--quotas", quotas, "--k", "30", "--seed", seedA, "--out", sel, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	code, _, errOut = tirage("select", "--pool", pool, "--quotas", quotas, "--k", "30", "--commit-only", "--out", committed, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	_, rows := readCSV(t, filepath.Join(sel, "public", "panel.csv"))
	code, _, errOut = tirage("replace", sel, "--drop", rows[0][0], "--out", replaced, "--pool", pool, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	for _, dir := range []string{sel, committed, replaced} {
		for _, name := range []string{"audit.json", "report.html", "report.md", "public/audit.json", "public/report.html", "public/report.md"} {
			content := string(readFile(t, filepath.Join(dir, name)))
			for _, local := range []string{base, data, wd, filepath.Dir(base), os.TempDir() + string(filepath.Separator), "../"} {
				assert.NotContains(t, content, local, "%s of %s", name, filepath.Base(dir))
			}
		}
	}
	r, _ := readRecord(t, replaced)
	assert.Equal(t, "pool.csv", r.Inputs.Pool.Path)
	assert.Equal(t, "quotas.csv", r.Inputs.Quotas.Path)
	assert.Equal(t, "sel", r.Replaces.Directory)
}

func TestVerifyReportsBelongToRecord(t *testing.T) {
	// A report is tied to its record by the record's SHA-256: a report of
	// the same lottery before its draw fails. (A report of another
	// selection: testdata/transcripts/verify.txt.)
	base := t.TempDir()
	a, committed := filepath.Join(base, "a"), filepath.Join(base, "committed")
	for dir, extra := range map[string][]string{a: {"--seed", seedA}, committed: {"--commit-only"}} {
		code, _, errOut := selectExample(t, dir, append(extra, "--quiet")...)
		require.Equal(t, exitOK, code, errOut)
	}
	before := readFile(t, filepath.Join(committed, "report.md"))
	code, _, errOut := tirage("draw", committed, "--seed", seedA, "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	r, _ := readRecord(t, a)
	digest, err := r.Digest()
	require.NoError(t, err)
	assert.Contains(t, string(readFile(t, filepath.Join(a, "report.html"))), digest)

	require.NoError(t, os.WriteFile(filepath.Join(committed, "report.md"), before, 0o644))
	code, out, _ := tirage("verify", committed)
	assert.Equal(t, exitSelection, code)
	assert.Regexp(t, `(?m)^FAILED  report.md: was not made from this record`, out)
}
