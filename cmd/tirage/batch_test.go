package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/selection"
)

// assertSameTree asserts that two folders hold the same files, byte for
// byte, naming the files that differ (not dumping them).
func assertSameTree(t *testing.T, want, got map[string]string) {
	t.Helper()
	for name, content := range want {
		other, ok := got[name]
		if !assert.True(t, ok, "%s is missing", name) {
			continue
		}
		assert.True(t, content == other, "%s differs", name)
	}
	for name := range got {
		_, ok := want[name]
		assert.True(t, ok, "%s is extra", name)
	}
}

// readTree returns every file under dir by its path relative to dir.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	}))
	return files
}

func TestBatchExample(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	base := t.TempDir()
	out := filepath.Join(base, "out")
	code, _, errOut := tirage("batch", td("batch", "manifest.csv"), "--out", out)
	require.Equal(t, exitOK, code, errOut)
	_, rows := readCSV(t, filepath.Join(out, selection.SummaryFile))
	require.Len(t, rows, 5)
	older, _ := readRecord(t, filepath.Join(out, "older-format"))
	assert.Equal(t, 2000, older.Lottery.M)
	assert.Equal(t, "maximin", older.Lottery.Algorithm) // as its row asks
	north, _ := readRecord(t, filepath.Join(out, "north"))
	assert.Equal(t, "leximin", north.Lottery.Algorithm) // the default
	assert.Equal(t, fmt.Sprintf("%d of 2000", drawIndex(t, older, "older 2026-04-24")), rows[3][8])
	r, _ := readRecord(t, filepath.Join(out, "households"))
	assert.Equal(t, []string{"address1", "postcode"}, r.Settings.Households)
	assert.Contains(t, string(readFile(t, filepath.Join(out, "sud", "report.md"))), "# Rapport d'équité")
	assert.Contains(t, string(readFile(t, filepath.Join(out, "committed", "report.md"))), "Pas encore tiré")
	committedRecord, _ := readRecord(t, filepath.Join(out, "committed"))
	assert.Equal(t, "EuroMillions draw of 24 April 2026, the five numbers in ascending order", committedRecord.Settings.SeedSource)

	// A partner's folder is exactly what select writes with its settings.
	// (At the same depth, so that the report names the inputs alike.)
	direct := filepath.Join(base, "direct", "north")
	code, _, errOut = tirage("select", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30",
		"--seed", "north 2026-04-24", "--out", direct)
	require.Equal(t, exitOK, code, errOut)
	assertSameTree(t, readTree(t, direct), readTree(t, filepath.Join(out, "north")))

	// And it verifies.
	code, verified, _ := tirage("verify", filepath.Join(out, "older-format"), "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas_category_name.csv"))
	assert.Equal(t, exitOK, code, verified)
}

func TestBatchDeterministic(t *testing.T) {
	// The same files whether the partners run one at a time or all at
	// once.
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	base := t.TempDir()
	out := filepath.Join(base, "out")
	code, first, errOut := tirage("batch", td("batch", "manifest.csv"), "--out", out, "--jobs", "1")
	require.Equal(t, exitOK, code, errOut)
	one := readTree(t, out)
	require.NoError(t, os.RemoveAll(out))
	code, second, errOut := tirage("batch", td("batch", "manifest.csv"), "--out", out, "--jobs", "5", "--quiet")
	require.Equal(t, exitOK, code, errOut)
	assertSameTree(t, one, readTree(t, out))
	assert.Equal(t, first, second)
	assert.Len(t, one, 1+4*(7+6)+5+5) // the summary, four drawn folders, one committed, each with its public folder
}

// TestBatchPartnerNamesAtOnce checks that every bad partner name of a
// manifest is reported at once, before anything runs, with the rule as
// the help and doc/cli.md state it.
func TestBatchPartnerNamesAtOnce(t *testing.T) {
	dir := t.TempDir()
	lines := []string{"partner,pool,quotas,k", "good,p,q,3", "summary.csv,p,q,3", "CON,p,q,3", "also good,p,q,3", "Good,p,q,3", ".hidden,p,q,3"}
	manifest := filepath.Join(dir, "manifest.csv")
	require.NoError(t, os.WriteFile(manifest, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	out := filepath.Join(dir, "out")
	code, stdout, errOut := tirage("batch", manifest, "--out", out)
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, stdout)
	assert.NoDirExists(t, out)
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	assert.Contains(t, words(errOut), "A partner name names its folder, on every system: "+selection.PartnerNameRule+".")
	assert.Contains(t, words(console.Help("batch")), "A partner name names its folder, on every system: "+selection.PartnerNameRule+".")
	reference, err := os.ReadFile(filepath.Join("..", "..", "doc", "cli.md"))
	require.NoError(t, err)
	assert.Contains(t, words(string(reference)), "A partner name names its folder, on every system: "+selection.PartnerNameRule+".")

	// Many bad names: the first few, then a count.
	lines = []string{"partner,pool,quotas,k"}
	for i := range 500 {
		lines = append(lines, fmt.Sprintf("bad name %d,p,q,3", i))
	}
	require.NoError(t, os.WriteFile(manifest, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	code, _, errOut = tirage("batch", manifest, "--out", out)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "500 partner names cannot be used:")
	assert.Contains(t, errOut, "line 11: the partner name \"bad name 9\"")
	assert.NotContains(t, errOut, "bad name 10\"")
	assert.Contains(t, errOut, "  … and 490 more\n")
}

// TestBatchEveryOption checks that the manifest's alternates, relax,
// dropout_column and scenarios columns are select's --alternates, --relax,
// --dropout-column and --scenarios.
func TestBatchEveryOption(t *testing.T) {
	dir := t.TempDir()
	abs := func(parts ...string) string {
		p, err := filepath.Abs(td(parts...))
		require.NoError(t, err)
		return p
	}
	manifest := filepath.Join(dir, "manifest.csv")
	require.NoError(t, os.WriteFile(manifest, []byte("partner,pool,quotas,k,seed,alternates,relax,dropout_column,scenarios\n"+
		"alt,"+abs("example", "pool.csv")+","+abs("example", "quotas.csv")+",30,s,2,,,\n"+
		"relaxed,"+abs("conflicts", "min_above_pool", "pool.csv")+","+abs("conflicts", "min_above_pool", "quotas.csv")+",10,s,,yes,,\n"+
		"strict,"+abs("conflicts", "min_above_pool", "pool.csv")+","+abs("conflicts", "min_above_pool", "quotas.csv")+",10,s,,no,,\n"+
		"dropout,"+abs("dropout", "pool.csv")+","+abs("example", "quotas.csv")+",30,s,3,,dropout,50\n"), 0o644))
	out := filepath.Join(dir, "out")
	code, stdout, errOut := tirage("batch", manifest, "--out", out, "--quiet")
	assert.Equal(t, exitSelection, code, errOut)
	assert.Contains(t, stdout, "3 of 4 partners selected; 1 failed:")
	record := string(readFile(t, filepath.Join(out, "dropout", selection.RecordFile)))
	assert.Contains(t, record, `"column": "dropout"`)
	assert.Contains(t, record, `"scenarios": 50`)
	assert.Contains(t, stdout, "strict (manifest line 4):\n  the quotas cannot be met: no panel of 10 people meets them all (exact search).")
	assert.FileExists(t, filepath.Join(out, "alt", selection.AlternatesFile))
	assert.Contains(t, string(readFile(t, filepath.Join(out, "relaxed", selection.RecordFile))), `"relaxation"`)
}
