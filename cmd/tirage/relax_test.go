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
	// The relaxed quotas are used and recorded. (What select and verify
	// print, with and without --relax, is in
	// testdata/transcripts/select-relax.txt.)
	dir := filepath.Join(t.TempDir(), "out")
	code, _, errOut := tirage(args(dir, "--relax")...)
	require.Equal(t, exitOK, code, errOut)
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

	// The same run gives the same bytes.
	again := filepath.Join(t.TempDir(), "again")
	code, _, errOut = tirage(args(again, "--relax")...)
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, string(readFile(t, filepath.Join(dir, "audit.json"))), string(readFile(t, filepath.Join(again, "audit.json"))))

	// Quotas that can be met are not relaxed, even with --relax.
	plain := filepath.Join(t.TempDir(), "plain")
	code, _, errOut = selectExample(t, plain, "--relax", "--seed", seedA)
	require.Equal(t, exitOK, code, errOut)
	_, raw = readRecord(t, plain)
	assert.False(t, strings.Contains(raw, "relaxation"))
}

func TestShares(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	pool, quotas := td("example", "pool.csv"), td("shares", "quotas.csv")
	// (check's table of the derived bounds, for k = 30 and 40, is in
	// testdata/transcripts/check-shares.txt.)
	// A selection records the derived bounds, and verify derives them again
	// from the quota file.
	dir := filepath.Join(t.TempDir(), "out")
	code, _, errOut := tirage("select", "--pool", pool, "--quotas", quotas, "--k", "30", "--seed", seedA, "--out", dir, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	r, _ := readRecord(t, dir)
	assert.Equal(t, []int{14, 13, 0}, r.Quotas[0].Min)
	assert.Equal(t, []int{16, 15, 2}, r.Quotas[0].Max)
	code, out, _ := tirage("verify", dir, "--pool", pool, "--quotas", quotas)
	assert.Equal(t, exitOK, code, out)
}
