package report_test

import (
	"html"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/report"
)

// The selection the sentences are tested on: a panel of 4 from 10 people
// (4/10 = 40 % each if all were equal). The two young people are 20 % of
// the pool but the quota needs 2 of 4 seats (50 %), so both are on every
// panel (100 %); the eight old people are 80 % of the pool but may have at
// most 2 seats (50 %), so they share them (2/8 = 25 % on average). Women
// and men are 50 % of the pool each, inside their quota of 1 to 3 seats
// (25 % to 75 %).
const (
	whyQuotas = "feature,value,min,max\nage,young,2,2\nage,old,0,2\ngender,female,1,3\ngender,male,1,3\n"
	whyPool   = "id,age,gender\n1,young,female\n2,young,male\n3,old,female\n4,old,male\n5,old,female\n6,old,male\n7,old,female\n8,old,male\n9,old,female\n10,old,male\n"
)

func TestWhySentences(t *testing.T) {
	r := record(t, whyQuotas, whyPool, 4, 10, "seed")
	for _, tt := range []struct {
		lang                       report.Lang
		more, less, within, nobody string
	}{
		{report.English,
			"People with age = young are 20.0% of the pool but the quotas require at least 50.0% of the panel, so each has a higher chance of selection (100.0% on average, against 40.0% if everyone had the same chance).",
			"People with age = old are 80.0% of the pool but the quotas allow at most 50.0% of the panel, so each has a lower chance of selection (25.0% on average, against 40.0% if everyone had the same chance).",
			"People with gender = female are 50.0% of the pool, within the 25.0% to 75.0% of the panel the quotas allow, so this quota neither raises nor lowers their chances; the quotas of the other categories may (",
			"Nobody in the pool has gender = other.",
		},
		{report.French,
			"Les personnes avec age = young forment 20,0\u202f% du vivier, mais les quotas exigent au moins 50,0\u202f% du panel : chacune a donc plus de chances d'être tirée (100,0\u202f% en moyenne, contre 40,0\u202f% si tous avaient la même chance).",
			"Les personnes avec age = old forment 80,0\u202f% du vivier, mais les quotas permettent au plus 50,0\u202f% du panel : chacune a donc moins de chances d'être tirée (25,0\u202f% en moyenne, contre 40,0\u202f% si tous avaient la même chance).",
			"Les personnes avec gender = female forment 50,0\u202f% du vivier, entre les 25,0\u202f% et 75,0\u202f% du panel que permettent les quotas : ce quota n'augmente ni ne diminue leurs chances ; ceux des autres catégories le peuvent (",
			"Personne dans le vivier n'a gender = other.",
		},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			rep, err := report.New(r, report.Options{Lang: tt.lang})
			require.NoError(t, err)
			assert.Equal(t, tt.more, rep.Why(rep.Quotas[0]))
			assert.Equal(t, tt.less, rep.Why(rep.Quotas[1]))
			assert.True(t, strings.HasPrefix(rep.Why(rep.Quotas[2]), tt.within), rep.Why(rep.Quotas[2]))
			assert.Equal(t, tt.nobody, rep.Why(report.QuotaRow{Category: "gender", Value: "other", Max: 1}))
			// Every value's sentence is in both reports, under its
			// category's chart in the HTML.
			page, err := rep.HTML()
			require.NoError(t, err)
			doc, md := html.UnescapeString(string(page)), string(rep.Markdown())
			for _, q := range rep.Quotas {
				assert.Contains(t, doc, rep.Why(q))
				assert.Contains(t, md, rep.Why(q))
			}
			assert.Equal(t, 2, strings.Count(string(page), `<svg class="shares"`))
			assert.Equal(t, 4, strings.Count(string(page), `<g class="value">`))
		})
	}
}

func TestSharesChart(t *testing.T) {
	// A bar per share, labelled with its percentage: the young are 20 %
	// of the pool (52 of the 260 px scale), their quota is 50 % exactly
	// and the panel has both of them.
	r := record(t, whyQuotas, whyPool, 4, 10, "seed")
	rep, err := report.New(r, report.Options{})
	require.NoError(t, err)
	svg := rep.SharesChart("age")
	assert.Contains(t, svg, `<rect class="pool" x="10.0" y="48.0" width="52.0" height="14.0"/>`)
	assert.Contains(t, svg, "in the pool 20.0%")
	assert.Contains(t, svg, "quota range 50.0%<")
	assert.Contains(t, svg, "quota range 0.0%–50.0%")
	assert.Contains(t, svg, "on the panel 50.0%")
	assert.Equal(t, 2, strings.Count(svg, `<rect class="panel"`))
	assert.NotContains(t, svg, "<script")

	// Not drawn: no panel bars.
	undrawn, err := report.New(record(t, whyQuotas, whyPool, 4, 10, ""), report.Options{})
	require.NoError(t, err)
	assert.NotContains(t, undrawn.SharesChart("age"), `class="panel"`)
}

func TestByline(t *testing.T) {
	r := smallRecord(t, "seed")
	org, contact := `Ville de "Saint-Ouen" <& co>`, "Léa Martin — lea@example.org, 01 23 45 67 89"
	for _, lang := range report.Langs {
		rep, err := report.New(r, report.Options{Lang: lang, Organisation: org, Contact: contact})
		require.NoError(t, err)
		page, err := rep.HTML()
		require.NoError(t, err)
		assert.NotContains(t, string(page), "<& co>", "the organisation is escaped")
		doc := html.UnescapeString(string(page))
		assert.Contains(t, doc, `<p class="organisation" id="organisation">Ville de "Saint-Ouen" <& co></p>`)
		assert.Contains(t, doc, map[report.Lang]string{report.English: "Contact: ", report.French: "Contact : "}[lang]+contact)
		md := string(rep.Markdown())
		assert.True(t, strings.HasPrefix(md, `**Ville de "Saint-Ouen" \<& co\>**`), md[:80])
		assert.Contains(t, md, contact)
		// A later draw or replacement reads them back from report.html.
		gotOrg, gotContact := report.BylineOf(page)
		assert.Equal(t, org, gotOrg)
		assert.Equal(t, contact, gotContact)
	}

	// Without them, the report has neither, and BylineOf finds none.
	rep, err := report.New(r, report.Options{})
	require.NoError(t, err)
	page, err := rep.HTML()
	require.NoError(t, err)
	assert.NotContains(t, string(page), `id="organisation"`)
	assert.NotContains(t, string(page), `tirage-organisation`)
	assert.NotContains(t, string(page), `id="contact"`)
	gotOrg, gotContact := report.BylineOf(page)
	assert.Empty(t, gotOrg+gotContact)

	// Bounded, on one line.
	for _, bad := range []struct{ org, contact, want string }{
		{strings.Repeat("é", report.MaxOrganisation+1), "", "the organisation has 201 characters; the report prints at most 200"},
		{"", strings.Repeat("x", report.MaxContact+1), "the contact has 301 characters; the report prints at most 300"},
		{"Ville\nde Paris", "", "the organisation holds a control character"},
		{"", "a\x00b", "the contact holds a control character"},
		{"\xff", "", "the organisation is not UTF-8 text"},
	} {
		err := report.CheckByline(bad.org, bad.contact)
		require.Error(t, err)
		assert.Contains(t, err.Error(), bad.want)
		_, err = report.New(r, report.Options{Organisation: bad.org, Contact: bad.contact})
		assert.Error(t, err)
	}
	assert.NoError(t, report.CheckByline(strings.Repeat("é", report.MaxOrganisation), strings.Repeat("x", report.MaxContact)))
}

func TestPanelIDs(t *testing.T) {
	// The drawn panel's ids, in both reports; none before the draw.
	r := smallRecord(t, "seed")
	for _, lang := range report.Langs {
		rep, err := report.New(r, report.Options{Lang: lang})
		require.NoError(t, err)
		page, err := rep.HTML()
		require.NoError(t, err)
		ids := strings.Join(r.Draw.Selected, ", ")
		assert.Contains(t, string(page), `<p class="ids" id="panel-ids">`+ids+`</p>`)
		assert.Contains(t, html.UnescapeString(string(page)), map[report.Lang]string{report.English: "The 2 people drawn, by the public id", report.French: "Les 2 personnes tirées, par l'identifiant public"}[lang])
		assert.Contains(t, string(rep.Markdown()), "\n"+ids+"\n")
	}
	rep, err := report.New(smallRecord(t, ""), report.Options{})
	require.NoError(t, err)
	page, err := rep.HTML()
	require.NoError(t, err)
	assert.NotContains(t, string(page), "panel-ids")
}
