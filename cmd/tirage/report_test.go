package main

import (
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
	code, _, errOut := selectExample(t, en, "--seed", seedA)
	require.Equal(t, exitOK, code, errOut)
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

	// (The French report is in testdata/transcripts/report-fr.txt.)
	assert.True(t, strings.HasPrefix(string(readFile(t, filepath.Join(fr, "report.html"))), "<!DOCTYPE html>\n<html lang=\"fr\">"))
	// Same selection, so the same files but the reports.
	for _, name := range []string{"panel.csv", "audit.json"} {
		assert.Equal(t, readFile(t, filepath.Join(en, name)), readFile(t, filepath.Join(fr, name)), name)
	}
}

func TestDrawReportLanguage(t *testing.T) {
	base := t.TempDir()
	change := filepath.Join(base, "change")
	code, _, errOut := selectExample(t, change, "--commit-only", "--lang", "fr")
	require.Equal(t, exitOK, code, errOut)
	md := string(readFile(t, filepath.Join(change, "report.md")))
	assert.Contains(t, md, "Pas encore tiré")
	assert.Contains(t, md, "tirage draw . --seed \"…\" --pool ")
	// Without --lang, draw keeps the language of the committed report
	// (testdata/transcripts/report-fr.txt); --lang changes it.
	code, _, errOut = tirage("draw", change, "--seed", seedA, "--lang", "en", "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, string(readFile(t, filepath.Join(change, "report.md"))), "# Fairness report")
}
