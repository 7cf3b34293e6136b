package report_test

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/report"
)

// TestReportDropoutAlternates: a record with alternates chosen for
// dropouts has a section with the four sets' figures, in English and in
// French; a record without has none.
func TestReportDropoutAlternates(t *testing.T) {
	r := smallRecord(t, "seed")
	plain, err := report.New(r, report.Options{})
	require.NoError(t, err)
	assert.NotContains(t, string(plain.Markdown()), "drop out")

	_, err = r.DrawDropoutAlternates(context.Background(), audit.DropoutInput{
		Rates: []float64{0.2, 0.2, 0.1, 0, 0.3}, Column: "dropout", N: 2, Scenarios: 100, EvaluationScenarios: 100})
	require.NoError(t, err)
	for lang, want := range map[report.Lang][]string{
		report.English: {"Alternates for the members who will drop out", "the column dropout of the pool", "| These alternates |", "Expected loss", "In calling order: " + strings.Join(r.Draw.Alternates, ", ")},
		report.French:  {"Suppléants pour les membres qui se désisteront", "la colonne dropout du vivier", "| Ces suppléants |", "Perte attendue", "Dans l'ordre d'appel : " + strings.Join(r.Draw.Alternates, ", ")},
	} {
		rep, err := report.New(r, report.Options{Lang: lang})
		require.NoError(t, err)
		md := string(rep.Markdown())
		page, err := rep.HTML()
		require.NoError(t, err)
		for _, w := range want {
			assert.Contains(t, md, w, lang)
		}
		assert.Contains(t, html.UnescapeString(string(page)), want[0], lang)
		assert.Contains(t, html.UnescapeString(string(page)), want[4], lang)
	}
}
