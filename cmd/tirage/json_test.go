package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

// withStdin runs the CLI with stdin reading text.
func withStdin(t *testing.T, text string, args ...string) (int, string, string) {
	t.Helper()
	saved := stdin
	stdin = strings.NewReader(text)
	defer func() { stdin = saved }()
	return tirage(args...)
}

const jsonRequest = `{"pool": [
  {"id": "a", "name": "Ana", "gender": "female"},
  {"id": "b", "name": "Bea", "gender": "female"},
  {"id": "c", "name": "Cem", "gender": "male"}],
 "quotas": [{"feature": "gender", "value": "female", "min": 1, "max": 1}, {"feature": "gender", "value": "male", "min": 1, "max": 1}],
 "k": 2, "seed": "s", "options": {"panels": 10}}`

func TestSelectJSON(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	dir := t.TempDir()
	t.Chdir(dir)
	code, out, errOut := withStdin(t, jsonRequest, "select", "--json")
	require.Equal(t, exitOK, code, errOut)
	assert.Empty(t, errOut)
	var resp struct{ Audit json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(out), &resp))
	r, err := audit.ParseRecord(resp.Audit)
	require.NoError(t, err)
	assert.Equal(t, "tirage", r.Tool.Name)
	for _, s := range r.Steps {
		assert.Equal(t, "2026-04-24T03:06:40Z", s.Time)
	}
	// No file is written.
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)

	// Byte for byte the same again, and with --quiet.
	code, again, _ := withStdin(t, jsonRequest, "select", "--quiet", "--json")
	require.Equal(t, exitOK, code)
	assert.Equal(t, out, again)
}

func TestSelectJSONFreshSeed(t *testing.T) {
	code, out, errOut := withStdin(t, strings.Replace(jsonRequest, `"seed": "s", `, "", 1), "select", "--json")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, errOut, "notice: the request has no seed; using the fresh random seed")
	assert.Contains(t, out, `"draw":{"seed":"`)
}

func TestJSONFilesAreSelectFiles(t *testing.T) {
	// The files of a JSON response are the files select writes: the same
	// record gives the same bytes both ways, reports included.
	dir := filepath.Join(t.TempDir(), "out")
	code, _, errOut := selectExample(t, dir, "--seed", seedA)
	require.Equal(t, exitOK, code, errOut)
	r, err := audit.ParseRecord(readFile(t, filepath.Join(dir, audit.RecordFile)))
	require.NoError(t, err)
	q, err := r.QuotaSet()
	require.NoError(t, err)
	pool, err := sortition.ParsePool("pool.csv", readFile(t, td("example", "pool.csv")), q, sortition.PoolOptions{IDColumn: r.Settings.IDColumn})
	require.NoError(t, err)
	files, err := selection.Files(r, pool, report.English)
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
		assert.Equal(t, string(readFile(t, filepath.Join(dir, f.Name))), string(f.Content), f.Name)
	}
	assert.ElementsMatch(t, drawnFiles, names)
}
