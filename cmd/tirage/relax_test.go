package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSelectRelax(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	pool, quotas := td("conflicts", "min_above_pool", "pool.csv"), td("conflicts", "min_above_pool", "quotas.csv")
	args := func(dir string, extra ...string) []string {
		return append([]string{"select", "--pool", pool, "--quotas", quotas, "--k", "10", "--seed", seedA, "--out", dir, "--quiet"}, extra...)
	}
	// Without --relax nothing is selected, and the way out is shown.
	dir := filepath.Join(t.TempDir(), "out")
	code, out, errOut := tirage(args(dir)...)
	assert.Equal(t, exitSelection, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, `At least 8 people with literacy "non-literate" are required, but the pool has only 6.`)
	assert.Contains(t, errOut, `The smallest relaxation that would let a panel meet them is 2 seats:`+"\n"+`  - lower the min of literacy "non-literate" from 8 to 6`)
	assert.NoFileExists(t, filepath.Join(dir, "audit.json"))

	// With --relax the relaxed quotas are used and recorded.
	code, out, errOut = tirage(args(dir, "--relax")...)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "The quotas cannot be met as given; they are relaxed by 2 seats, the fewest possible (recorded in audit.json):\n"+
		`  - lower the min of literacy "non-literate" from 8 to 6`)
	r, raw := readRecord(t, dir)
	require.Len(t, r.Relaxation, 1)
	assert.Equal(t, 6, r.Relaxation[0].To)
	assert.Contains(t, raw, `"relaxation": [`)
	header, rows := readCSV(t, filepath.Join(dir, "panel.csv"))
	require.Len(t, rows, 10)
	nonLiterate := 0
	for _, row := range rows {
		if row[2] == "non-literate" {
			nonLiterate++
		}
	}
	assert.Equal(t, "literacy", header[2])
	assert.GreaterOrEqual(t, nonLiterate, 6, "the panel meets the relaxed min")

	code, out, _ = tirage("verify", dir, "--pool", pool, "--quotas", quotas)
	assert.Equal(t, exitOK, code, out)
	assert.Contains(t, out, "OK      relaxation: the quota table is the quota file's with 1 bounds relaxed by 2 seats in all")
	assert.Contains(t, out, "OK      relaxation is the smallest: ")

	// The same run gives the same bytes.
	again := filepath.Join(t.TempDir(), "again")
	code, _, errOut = tirage(args(again, "--relax")...)
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, string(readFile(t, filepath.Join(dir, "audit.json"))), string(readFile(t, filepath.Join(again, "audit.json"))))

	// Quotas that can be met are not relaxed, even with --relax.
	plain := filepath.Join(t.TempDir(), "plain")
	code, out, errOut = selectExample(t, plain, "--relax", "--seed", seedA)
	require.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, out, "relaxed")
	_, raw = readRecord(t, plain)
	assert.False(t, strings.Contains(raw, "relaxation"))
}

func TestShares(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	pool, quotas := td("example", "pool.csv"), td("shares", "quotas.csv")
	code, out, errOut := tirage("check", "--pool", pool, "--quotas", quotas, "--k", "30")
	require.Equal(t, exitOK, code, errOut)
	assert.Regexp(t, `gender +female +110 +55\.0% +50\.5% ± 1 +14 +16\n`, out)
	assert.Regexp(t, `literacy +literate +179 +89\.5% +80% +24 +24\n`, out)
	assert.Regexp(t, `education +none +12 +6\.0% +3 +6\n`, out)
	assert.Contains(t, out, "derived for a panel of 30 by largest remainders")

	// The bounds depend on k.
	code, out, _ = tirage("check", "--pool", pool, "--quotas", quotas, "--k", "40")
	require.Equal(t, exitSelection, code)
	assert.Regexp(t, `literacy +literate +179 +89\.5% +80% +32 +32\n`, out)

	// A selection records the derived bounds, and verify derives them again
	// from the quota file.
	dir := filepath.Join(t.TempDir(), "out")
	code, _, errOut = tirage("select", "--pool", pool, "--quotas", quotas, "--k", "30", "--seed", seedA, "--out", dir, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	r, _ := readRecord(t, dir)
	assert.Equal(t, []int{14, 13, 0}, r.Quotas[0].Min)
	assert.Equal(t, []int{16, 15, 2}, r.Quotas[0].Max)
	code, out, _ = tirage("verify", dir, "--pool", pool, "--quotas", quotas)
	assert.Equal(t, exitOK, code, out)
	assert.NotContains(t, out, "FAILED")
}
