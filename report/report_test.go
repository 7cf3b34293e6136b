package report_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/sortition"
)

// The small selection the tests report on: a panel of 2 from 5 people
// that needs one woman and one man, one young and one old person, and no
// non-binary person. The only man, c, is old, so every panel is c with a
// young woman (a or b): a and b have probability 1/2, c 1; d cannot be
// selected because the quota for nonbinary has max 0, and e (an old woman)
// because no panel that meets the quotas can include an old woman.
const (
	smallQuotas = "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\ngender,nonbinary,0,0\nage,young,1,1\nage,old,1,1\n"
	smallPool   = "id,name,gender,age\na,Ana,female,young\nb,Bea,female,young\nc,Cem,male,old\nd,Dee,nonbinary,young\ne,Eva,female,old\n"
	smallM      = 10
)

// when is the time of every step of the test records.
var when = time.Date(2026, 4, 24, 3, 6, 40, 0, time.UTC)

// record makes the audit record of a selection of k from the pool over
// the quotas with m uniform panels, drawn with seed unless it is "".
func record(t *testing.T, quotas, pool string, k, m int, seed string) *audit.Record {
	t.Helper()
	q, err := quota.Parse("quotas.csv", []byte(quotas))
	require.NoError(t, err)
	p, err := sortition.ParsePool("pool.csv", []byte(pool), q, sortition.PoolOptions{})
	require.NoError(t, err)
	l, err := sortition.Maximin(context.Background(), p, k, sortition.Options{})
	require.NoError(t, err)
	u, err := l.Uniform(m)
	require.NoError(t, err)
	digest := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return hex.EncodeToString(sum[:])
	}
	r, err := audit.NewRecord(audit.Selection{
		Tool:      audit.Tool{Name: "tirage", Version: "test"},
		PoolFile:  audit.File{Path: "pool.csv", SHA256: digest(pool)},
		QuotaFile: audit.File{Path: "quotas.csv", SHA256: digest(quotas)},
		Pool:      p, K: k, Settings: audit.Settings{IDColumn: "id", Gap: sortition.DefaultGap},
		Lottery: l, Uniform: u,
	})
	require.NoError(t, err)
	for _, step := range []string{audit.StepInputsRead, audit.StepLotteryComputed, audit.StepCommitted} {
		r.AddStep(step, when)
	}
	if seed != "" {
		_, err := r.DrawPanel(seed, when)
		require.NoError(t, err)
	}
	return r
}

func smallRecord(t *testing.T, seed string) *audit.Record {
	return record(t, smallQuotas, smallPool, 2, smallM, seed)
}

func TestNewSmall(t *testing.T) {
	r := smallRecord(t, "seed")
	rep, err := report.New(r, report.Options{})
	require.NoError(t, err)
	assert.Equal(t, report.English, rep.Lang)
	assert.Equal(t, 5, rep.People)
	assert.Equal(t, 2, rep.K)
	assert.Equal(t, []int{5, 5, 10, 0, 0}, rep.Tickets)
	assert.Equal(t, []bool{false, false, false, true, true}, rep.Excluded)

	s := rep.Stats
	assert.Equal(t, 3, s.Selectable)
	assert.Equal(t, 5, s.MinTickets)
	assert.Equal(t, 10, s.MaxTickets)
	// Over 5, 5, 10: the ordered pairs (a,c), (c,a), (b,c), (c,b) differ
	// by 5: 20 / (2·3·20).
	assert.InDelta(t, 1.0/6, s.Gini, 1e-15)
	// ∛(5·5·10)/10 = ∛250/10.
	assert.InDelta(t, 0.6299605249474366, s.GeometricMean, 1e-15)
	// Nearest ranks of 3 values: ⌈0.3⌉ = ⌈0.75⌉ = ⌈1.5⌉/… = 1, 1, 2, 3, 3.
	assert.Equal(t, [5]int{5, 5, 5, 10, 10}, s.Quantiles)

	selected := map[string]bool{}
	for _, id := range r.Draw.Selected {
		selected[id] = true
	}
	require.True(t, selected["c"])
	panelFemale := 0
	if selected["a"] || selected["b"] {
		panelFemale = 1
	}
	assert.Equal(t, []report.QuotaRow{
		{Category: "gender", Value: "female", Min: 1, Max: 1, Pool: 3, Panel: panelFemale, Tickets: 10},
		{Category: "gender", Value: "male", Min: 1, Max: 1, Pool: 1, Panel: 1, Tickets: 10},
		{Category: "gender", Value: "nonbinary", Min: 0, Max: 0, Pool: 1, Panel: 0, Tickets: 0},
		{Category: "age", Value: "young", Min: 1, Max: 1, Pool: 3, Panel: 1, Tickets: 10},
		{Category: "age", Value: "old", Min: 1, Max: 1, Pool: 2, Panel: 1, Tickets: 10},
	}, rep.Quotas)

	assert.Equal(t, []report.ZeroGroup{
		{Reason: report.MaxZero, Category: "gender", Value: "nonbinary", IDs: []string{"d"}},
		{Reason: report.Conflict, Values: []string{"female", "old"}, IDs: []string{"e"}},
	}, rep.Zero)
}

func TestReportContent(t *testing.T) {
	r := smallRecord(t, "the seed")
	rep, err := report.New(r, report.Options{PoolPath: "../in/pool.csv", QuotasPath: "../in/my quotas.csv"})
	require.NoError(t, err)
	page, err := rep.HTML()
	require.NoError(t, err)
	md := string(rep.Markdown())
	for _, doc := range []string{html.UnescapeString(string(page)), md} {
		for _, want := range []string{
			"Fairness report",
			"Selection of a panel of 2 people from a pool of 5 volunteers",
			"at least 50.0% (about 1 in 2)",
			"it would be 40.0% (2 in 5)",
			"“the seed”",
			"number " + strconv.Itoa(r.Draw.Index) + " of 10",
			"Gini coefficient", "0.167",
			"Geometric mean", "63.0%",
			"over the 3 people who can be selected; the 2 who cannot",
			"the quota for gender “nonbinary” allows no panel member (its max is 0)",
			"no panel that meets all the quotas can include anyone with gender = female, age = old",
			"tirage verify . --pool ../in/pool.csv --quotas '../in/my quotas.csv'",
			"tirage verify .",
			r.Commitment,
			"2026-04-24 03:06:40 UTC",
			"33.3%", // the average probability of the women: (5 + 5 + 0) / (3·10)
		} {
			assert.True(t, strings.Contains(doc, want), "missing %q", want)
		}
		assert.NotContains(t, doc, "Not drawn yet")
	}
	assert.True(t, strings.Contains(string(page), `<svg id="probability-plot"`))
	assert.True(t, strings.HasPrefix(string(page), "<!DOCTYPE html>\n<html lang=\"en\">"))
	// Steps of the plot: 5 people, sorted 0 0 5 5 10 tickets of 10, on
	// an axis up to 100 %: three levels.
	steps := regexp.MustCompile(`<path id="probability-steps" class="steps" d="([^"]*)"`).FindStringSubmatch(string(page))
	require.NotNil(t, steps)
	assert.Equal(t, 3, strings.Count(steps[1], "H"), steps[1])
	assert.Equal(t, 2, strings.Count(steps[1], "V"), steps[1])
}

func TestReportFrench(t *testing.T) {
	r := smallRecord(t, "graine")
	rep, err := report.New(r, report.Options{Lang: report.French})
	require.NoError(t, err)
	page, err := rep.HTML()
	require.NoError(t, err)
	md := string(rep.Markdown())
	for _, doc := range []string{html.UnescapeString(string(page)), md} {
		for _, want := range []string{
			"Rapport d'équité",
			"Tirage au sort d'un panel de 2 personnes parmi 5 volontaires",
			"au moins 50,0\u202f% (environ 1 sur 2)",
			"Coefficient de Gini", "0,167",
			"le quota pour gender « nonbinary » n'admet aucun membre du panel",
			"« graine »",
		} {
			assert.True(t, strings.Contains(doc, want), "missing %q", want)
		}
		assert.NotContains(t, doc, "Fairness report")
	}
	assert.True(t, strings.HasPrefix(string(page), "<!DOCTYPE html>\n<html lang=\"fr\">"))
	lang, ok := report.LangOf(page)
	assert.True(t, ok)
	assert.Equal(t, report.French, lang)
}

func TestReportNotDrawn(t *testing.T) {
	r := smallRecord(t, "")
	for _, tt := range []struct {
		lang report.Lang
		want []string
	}{
		{report.English, []string{"has not been drawn yet", "Not drawn yet"}},
		{report.French, []string{"pas encore tiré", "Pas encore tiré"}},
	} {
		rep, err := report.New(r, report.Options{Lang: tt.lang, PoolPath: "../pool.csv"})
		require.NoError(t, err)
		page, err := rep.HTML()
		require.NoError(t, err)
		md := string(rep.Markdown())
		for _, w := range tt.want {
			assert.True(t, strings.Contains(html.UnescapeString(string(page)), w), "missing %q", w)
			assert.Contains(t, md, w)
		}
		assert.True(t, strings.Contains(html.UnescapeString(string(page)), `tirage draw . --seed "…" --pool ../pool.csv`))
		assert.Contains(t, md, "tirage draw . --seed \"…\" --pool ../pool.csv")
		for _, q := range rep.Quotas {
			assert.Equal(t, -1, q.Panel)
		}
	}
}

func TestReportDeterministic(t *testing.T) {
	// Two records of the same selection, made apart, and a record read
	// back from its JSON give the same bytes.
	a, b := smallRecord(t, "s"), smallRecord(t, "s")
	data, err := a.MarshalIndent()
	require.NoError(t, err)
	c, err := audit.ParseRecord(data)
	require.NoError(t, err)
	var htmls, mds []string
	for _, r := range []*audit.Record{a, b, c} {
		rep, err := report.New(r, report.Options{Lang: report.French, PoolPath: "p.csv"})
		require.NoError(t, err)
		page, err := rep.HTML()
		require.NoError(t, err)
		htmls = append(htmls, html.UnescapeString(string(page)))
		mds = append(mds, string(rep.Markdown()))
	}
	assert.Equal(t, htmls[0], htmls[1])
	assert.Equal(t, htmls[0], htmls[2])
	assert.Equal(t, mds[0], mds[1])
	assert.Equal(t, mds[0], mds[2])
}

func TestReportSelfContained(t *testing.T) {
	rep, err := report.New(smallRecord(t, "s"), report.Options{})
	require.NoError(t, err)
	page, err := rep.HTML()
	require.NoError(t, err)
	doc := strings.ToLower(string(page))
	for _, banned := range []string{"<script", "<link", "<img", "<iframe", "<object", "src=", "url(", "@import", "href="} {
		assert.NotContains(t, doc, banned)
	}
	// The only URL is the SVG namespace, which is a name, not a fetch.
	urls := regexp.MustCompile(`https?://[^"'\s<]*`).FindAllString(doc, -1)
	for _, u := range urls {
		assert.Equal(t, "http://www.w3.org/2000/svg", u)
	}
}

func TestReportEscapesText(t *testing.T) {
	quotas := "feature,value,min,max\ngroup,<b>x</b>,1,1\ngroup,y|z,1,1\n"
	pool := "id,group\n<script>alert(1)</script>,<b>x</b>\n*star*,y|z\nq3,y|z\n"
	r := record(t, quotas, pool, 2, 10, "`seed` <i>")
	rep, err := report.New(r, report.Options{})
	require.NoError(t, err)
	page, err := rep.HTML()
	require.NoError(t, err)
	assert.NotContains(t, string(page), "<script>")
	assert.NotContains(t, string(page), "<b>x</b>")
	assert.NotContains(t, string(page), "<i>")
	assert.Contains(t, string(page), "&lt;b&gt;x&lt;/b&gt;")
	md := string(rep.Markdown())
	assert.Contains(t, md, `y\|z`)
	assert.Contains(t, md, `\<b\>x\</b\>`)
	assert.NotContains(t, md, "| y|z |")
}

func TestReportRejectsBadInput(t *testing.T) {
	r := smallRecord(t, "s")
	_, err := report.New(r, report.Options{Lang: "de"})
	assert.ErrorContains(t, err, "use en (English) or fr (French)")

	bad := *r
	bad.Lottery.Panels = append([]audit.UniformPanel{{Members: []string{"nobody", "c"}}}, r.Lottery.Panels[1:]...)
	_, err = report.New(&bad, report.Options{})
	assert.ErrorContains(t, err, `"nobody"`)

	bad = *r
	bad.People.Rows = nil
	_, err = report.New(&bad, report.Options{})
	assert.Error(t, err)
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]report.Lang{"en": report.English, " FR ": report.French, "fr": report.French} {
		got, err := report.ParseLang(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "english", "de"} {
		_, err := report.ParseLang(in)
		assert.Error(t, err, in)
	}
	_, ok := report.LangOf([]byte("<html>"))
	assert.False(t, ok)
}

func TestReportRounded(t *testing.T) {
	// With one panel, one of the two women is on it and the other has no
	// ticket, though a panel that meets the quotas could include her.
	r := record(t, "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n", "id,gender\na,female\nb,female\nc,male\n", 2, 1, "s")
	rep, err := report.New(r, report.Options{})
	require.NoError(t, err)
	require.Len(t, rep.Zero, 1)
	assert.Equal(t, report.Rounded, rep.Zero[0].Reason)
	require.Len(t, rep.Zero[0].IDs, 1)
	assert.Equal(t, 3, rep.Stats.Selectable)
	assert.Equal(t, 0.0, rep.Stats.GeometricMean) // a zero probability
	md := string(rep.Markdown())
	assert.Contains(t, md, "Everyone in the pool can be on a panel that meets the quotas, but some have none of the 1 panels drawn from")
	assert.Contains(t, md, "on none of the 1 panels drawn from (more panels would give them a chance)")
	assert.Contains(t, md, "These figures are over all 3 people")
}
