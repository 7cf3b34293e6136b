package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReplace(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	pool, quotas := td("example", "pool.csv"), td("example", "quotas.csv")
	base := t.TempDir()
	orig := filepath.Join(base, "orig")
	code, _, errOut := selectExample(t, orig, "--seed", seedA, "--households", "address1,postcode")
	require.Equal(t, exitOK, code, errOut)
	r, _ := readRecord(t, orig)
	drop := []string{r.Draw.Selected[0], r.Draw.Selected[5], r.Draw.Selected[6]}

	out := filepath.Join(base, "replaced")
	code, stdout, errOut := tirage("replace", orig, "--drop", strings.Join(drop, ","), "--out", out, "--quiet", "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "Withdrew: "+strings.Join(drop, ", "))
	assert.Contains(t, stdout, "derived from the original commitment, seed and withdrawals")

	// The new panel keeps the members who stay, leaves out those who
	// withdrew, has 30 people and meets the quotas.
	rr, _ := readRecord(t, out)
	require.NotNil(t, rr.Replaces)
	assert.Equal(t, r.Commitment, rr.Replaces.Commitment)
	assert.Equal(t, 3, rr.K)
	header, rows := readCSV(t, filepath.Join(out, "completed.csv"))
	require.Len(t, rows, 30)
	var ids []string
	for _, row := range rows {
		ids = append(ids, row[0])
	}
	for _, id := range r.Draw.Selected {
		assert.Equal(t, !slices.Contains(drop, id), slices.Contains(ids, id), id)
	}
	for _, id := range rr.Draw.Selected {
		assert.Contains(t, ids, id)
	}
	assertQuotasMet(t, quotas, header, rows)

	code, vout, _ := tirage("verify", out, "--pool", pool, "--quotas", quotas)
	assert.Equal(t, exitOK, code, vout)
	assert.Contains(t, vout, "OK      original commitment: ")
	assert.Contains(t, vout, "OK      replacement: the 27 members who stay and the 3 replacements")
	assert.Contains(t, vout, "OK      completed.csv: holds the pool file's rows of the 30 members")

	// The same withdrawals give the same bytes.
	again := filepath.Join(base, "again")
	code, _, errOut = tirage("replace", orig, "--drop", strings.Join([]string{drop[2], drop[0], drop[1]}, ","), "--out", again, "--quiet", "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	for _, name := range []string{"audit.json", "completed.csv", "panel.csv"} {
		assert.Equal(t, string(readFile(t, filepath.Join(out, name))), string(readFile(t, filepath.Join(again, name))), name)
	}

	// Verified against another draw of the same lottery (same commitment),
	// the chain breaks.
	other := filepath.Join(base, "other")
	code, _, errOut = selectExample(t, other, "--seed", seedB, "--households", "address1,postcode")
	require.Equal(t, exitOK, code, errOut)
	code, vout, _ = tirage("verify", out, "--original", other)
	assert.Equal(t, exitSelection, code)
	assert.Contains(t, vout, "FAILED  replacement: the panel it completes is not the original record's drawn panel")

	// A changed completed.csv fails.
	path := filepath.Join(out, "completed.csv")
	lines := strings.SplitAfter(string(readFile(t, path)), "\n")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(append(lines[:1], lines[2:]...), "")), 0o644))
	code, vout, _ = tirage("verify", out)
	assert.Equal(t, exitSelection, code)
	assert.Contains(t, vout, "FAILED  completed.csv: has 29 people, not 30")

	// Usage errors.
	code, _, errOut = tirage("replace", orig, "--drop", "nobody", "--out", filepath.Join(base, "x"), "--pool", td("example", "pool.csv"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `"nobody" is not a member of the panel`)
	code, _, errOut = tirage("replace", orig, "--out", filepath.Join(base, "x"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "missing --drop")
	committed := filepath.Join(base, "committed")
	code, _, errOut = selectExample(t, committed, "--commit-only")
	require.Equal(t, exitOK, code, errOut)
	code, _, errOut = tirage("replace", committed, "--drop", drop[0], "--out", filepath.Join(base, "x"), "--pool", td("example", "pool.csv"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "has not been drawn yet")
}

func TestReplaceImpossible(t *testing.T) {
	dir := t.TempDir()
	pool, quotas := filepath.Join(dir, "pool.csv"), filepath.Join(dir, "quotas.csv")
	require.NoError(t, os.WriteFile(quotas, []byte("feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n"), 0o644))
	require.NoError(t, os.WriteFile(pool, []byte("id,gender\nf1,female\nm1,male\nm2,male\n"), 0o644))
	orig := filepath.Join(dir, "orig")
	code, _, errOut := tirage("select", "--pool", pool, "--quotas", quotas, "--k", "2", "--seed", seedA, "--out", orig, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	code, _, errOut = tirage("replace", orig, "--drop", "f1", "--out", filepath.Join(dir, "r"))
	assert.Equal(t, exitSelection, code)
	assert.Contains(t, errOut, "no replacements let the panel meet the quotas again")
	assert.Contains(t, errOut, `At least 1 person with gender "female" is required, but the pool has only 0.`)
	assert.NoFileExists(t, filepath.Join(dir, "r", "audit.json"))
}
