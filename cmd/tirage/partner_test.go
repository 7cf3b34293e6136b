package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// The French partner's pool (testdata/partner-fr, made by its generate.go)
// in its three forms: Excel's "CSV UTF-8", Excel's Windows-1252 CSV, and a
// workbook holding the pool and the quotas as two sheets.
var partnerForms = []struct{ name, pool, quotas string }{
	{"csv utf-8", td("partner-fr", "pool.csv"), td("partner-fr", "quotas.csv")},
	{"csv windows-1252", td("partner-fr", "pool-cp1252.csv"), td("partner-fr", "quotas.csv")},
	{"xlsx", td("partner-fr", "partenaire.xlsx") + ":Volontaires", td("partner-fr", "partenaire.xlsx") + ":quotas"},
}

func TestFrenchPartnerPoolReadsTheSameInEveryForm(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1777000000")
	var first *struct{ quotas, people, lottery string }
	for _, f := range partnerForms {
		t.Run(f.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			code, _, errOut := tirage("select", "--pool", f.pool, "--quotas", f.quotas, "--k", "30", "--households", "Adresse,Code postal", "--seed", "exemple", "--out", dir, "--quiet")
			require.Equal(t, exitOK, code, errOut)
			r, _ := readRecord(t, dir)
			for _, row := range r.People.Rows {
				require.NotRegexp(t, `^\d+$`, row[2], "the record keeps the age band, never the age")
			}
			got := &struct{ quotas, people, lottery string }{fmt.Sprint(r.Quotas), fmt.Sprint(r.People), fmt.Sprint(r.Lottery)}
			if first == nil {
				first = got
			} else {
				assert.Equal(t, *first, *got, "the same quota table, people and lottery as from pool.csv")
			}
			panel, err := os.ReadFile(filepath.Join(dir, "panel.csv"))
			require.NoError(t, err)
			assert.True(t, bytes.HasPrefix(panel, []byte("\ufeffid;Nom;Prénom;")), "semicolons and a BOM for Excel")

			code, out, errOut := tirage("verify", dir, "--pool", f.pool, "--quotas", f.quotas)
			assert.Equal(t, exitOK, code, out+errOut)
		})
	}
}

// workbookWith returns the path of a copy of the partner's workbook with
// the cells given set (sheet → cell → value).
func workbookWith(t *testing.T, cells map[string]map[string]any) string {
	t.Helper()
	f, err := excelize.OpenFile(td("partner-fr", "partenaire.xlsx"))
	require.NoError(t, err)
	defer f.Close()
	for sheet, cs := range cells {
		for cell, v := range cs {
			require.NoError(t, f.SetCellValue(sheet, cell, v))
		}
	}
	path := filepath.Join(t.TempDir(), "partenaire.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

// TestPartnerErrorsAtTheirCause: errors in a workbook name its sheet, row
// and column. (The errors of the partner's CSV files are pinned in
// testdata/transcripts/check-french.txt; these need a workbook the test
// edits.)
func TestPartnerErrorsAtTheirCause(t *testing.T) {
	pool := td("partner-fr", "pool.csv")
	tests := []struct {
		name          string
		pool, quotas  string
		header, error string
	}{
		{"an age in no band, in a workbook", workbookWith(t, map[string]map[string]any{"Volontaires": {"I5": 12}}) + ":Volontaires", td("partner-fr", "partenaire.xlsx") + ":Quotas",
			"the pool file has a problem:",
			`partenaire.xlsx, sheet "Volontaires", row 5, column "Tranche d'âge": 12 is in none of the bands of Tranche d’âge in the quotas ("16-29 ans": 16 to 29, "30 à 44 ans": 30 to 44, "45 à 59 ans": 45 to 59, "60 à 74 ans": 60 to 74, "75 ans et plus": 75 or more); add a band for it, or take this person out of the pool`},
		{"a bad bound in a workbook", pool, workbookWith(t, map[string]map[string]any{"Quotas": {"C4": "quatre"}}) + ":Quotas",
			"the quota file has a problem:",
			`partenaire.xlsx, sheet "Quotas", row 4, column "min": min must be a whole number, 0 or more, not "quatre"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := tirage("check", "--pool", tt.pool, "--quotas", tt.quotas, "--k", "30")
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errOut, "tirage check: "+tt.header+"\n")
			assert.Contains(t, errOut, tt.error)
		})
	}
}

// The whole error output of a command stays under 100 KB whatever the
// input: here a quota value of 1 MB and a pool of 3,000 bad rows.
func TestErrorOutputIsBounded(t *testing.T) {
	dir := t.TempDir()
	huge := strings.Repeat("Supérieur", 120_000)
	var q strings.Builder
	q.WriteString("catégorie;valeur;min;max\n" + huge + ";" + huge + ";0;1\nGenre;Femme;0;30\nGenre;" + huge + ";0;30\n")
	var p strings.Builder
	p.WriteString("id;Genre;" + huge + "\n")
	for i := range 5000 {
		fmt.Fprintf(&p, "%s;Homme %d %s;x%d\n", strings.Repeat("1", i%3), i, strings.Repeat("é", i), i)
	}
	quotas, pool := filepath.Join(dir, "quotas.csv"), filepath.Join(dir, "pool.csv")
	require.NoError(t, os.WriteFile(quotas, []byte(q.String()), 0o644))
	require.NoError(t, os.WriteFile(pool, []byte(p.String()), 0o644))
	for _, args := range [][]string{
		{"check", "--pool", pool, "--quotas", quotas, "--k", "3"},
		{"select", "--pool", pool, "--quotas", quotas, "--k", "3", "--seed", "s", "--out", filepath.Join(dir, "out")},
		{"check", "--pool", pool, "--quotas", quotas, "--k", strings.Repeat("9", 1<<20)},
	} {
		code, out, errOut := tirage(args...)
		assert.Equal(t, exitUsage, code)
		assert.Less(t, len(out)+len(errOut), 100_000, "%d bytes of output", len(out)+len(errOut))
	}
}

func TestPartnerRelaxOutIsExcelSafe(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(td("partner-fr", "quotas.csv"))
	require.NoError(t, err)
	// At least 10 people with no diploma: more than the other mins allow.
	quotas := filepath.Join(dir, "quotas.csv")
	require.NoError(t, os.WriteFile(quotas, bytes.Replace(data, []byte("Aucun diplôme;3;7"), []byte("Aucun diplôme;16;20"), 1), 0o644))
	out := filepath.Join(dir, "relaxed.csv")
	code, stdout, errOut := tirage("check", "--pool", td("partner-fr", "pool.csv"), "--quotas", quotas, "--k", "30", "--relax-out", out)
	require.Equal(t, exitSelection, code, stdout+errOut)
	written, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(written, []byte("\ufeffcatégorie;valeur;min;max\nGenre;Femme;14;16\n")), "a BOM, the pool's semicolons, the file's French headers: %q", written[:min(80, len(written))])
	code, _, errOut = tirage("check", "--pool", td("partner-fr", "pool.csv"), "--quotas", out, "--k", "30")
	assert.Equal(t, exitOK, code, errOut)
}
