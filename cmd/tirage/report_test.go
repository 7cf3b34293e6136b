package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSelectWritesReport(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch) // the same steps' times in both runs
	base := t.TempDir()
	en, fr := filepath.Join(base, "en"), filepath.Join(base, "fr")
	code, out, errOut := selectExample(t, en, "--seed", seedA)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "report.html, report.md")
	code, _, errOut = selectExample(t, fr, "--seed", seedA, "--lang", "fr")
	require.Equal(t, exitOK, code, errOut)

	page := string(readFile(t, filepath.Join(en, "report.html")))
	assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>\n<html lang=\"en\">"))
	assert.Contains(t, page, `<svg id="probability-plot"`)
	md := string(readFile(t, filepath.Join(en, "report.md")))
	assert.Contains(t, md, "# Fairness report")
	assert.Contains(t, md, "“"+seedA+"”")
	// The verify command names the inputs by their file names, never a
	// folder of this computer.
	assert.Contains(t, md, "tirage verify . --pool pool.csv --quotas quotas.csv")
	assert.NotContains(t, md, "../")
	// The public folder holds the same reports.
	assert.Equal(t, md, string(readFile(t, filepath.Join(en, "public", "report.md"))))
	assert.Equal(t, page, string(readFile(t, filepath.Join(en, "public", "report.html"))))

	frMD := string(readFile(t, filepath.Join(fr, "report.md")))
	assert.Contains(t, frMD, "# Rapport d'équité")
	assert.True(t, strings.HasPrefix(string(readFile(t, filepath.Join(fr, "report.html"))), "<!DOCTYPE html>\n<html lang=\"fr\">"))
	// Same selection, so the same files but the reports.
	for _, name := range []string{"panel.csv", "audit.json"} {
		assert.Equal(t, readFile(t, filepath.Join(en, name)), readFile(t, filepath.Join(fr, name)), name)
	}
}

func TestDrawReportLanguage(t *testing.T) {
	base := t.TempDir()
	keep, change := filepath.Join(base, "keep"), filepath.Join(base, "change")
	for _, dir := range []string{keep, change} {
		code, _, errOut := selectExample(t, dir, "--commit-only", "--lang", "fr")
		require.Equal(t, exitOK, code, errOut)
		md := string(readFile(t, filepath.Join(dir, "report.md")))
		assert.Contains(t, md, "Pas encore tiré")
		assert.Contains(t, md, "tirage draw . --seed \"…\" --pool ")
	}
	// Without --lang, draw keeps the language of the committed report.
	code, out, errOut := tirage("draw", keep, "--seed", seedA, "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "report.html, report.md")
	md := string(readFile(t, filepath.Join(keep, "report.md")))
	assert.Contains(t, md, "# Rapport d'équité")
	assert.Contains(t, md, "« "+seedA+" »")
	assert.NotContains(t, md, "Pas encore tiré")

	code, _, errOut = tirage("draw", change, "--seed", seedA, "--lang", "en", "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, string(readFile(t, filepath.Join(change, "report.md"))), "# Fairness report")

	// A bad --lang changes nothing.
	again := filepath.Join(base, "again")
	code, _, errOut = selectExample(t, again, "--commit-only")
	require.Equal(t, exitOK, code, errOut)
	before := readFile(t, filepath.Join(again, "audit.json"))
	code, _, errOut = tirage("draw", again, "--seed", seedA, "--lang", "xx", "--pool", td("example", "pool.csv"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--lang")
	assert.Equal(t, before, readFile(t, filepath.Join(again, "audit.json")))
	_, err := os.Stat(filepath.Join(again, "panel.csv"))
	assert.True(t, os.IsNotExist(err))
}
