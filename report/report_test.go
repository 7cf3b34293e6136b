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
	"github.com/tirage/tirage/internal/testpool"
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
	p := testpool.Pool(t, quotas, pool)
	l, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, k), sortition.MaximinOptions{})
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
	// c, the only man, is needed for the quota of at least one man.
	assert.Equal(t, []report.CertainGroup{
		{Reason: report.AllNeeded, Category: "gender", Value: "male", Min: 1, IDs: []string{"c"}},
	}, rep.Certain)
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
			"This selection used the maximin lottery: it gives the people least likely to be chosen the highest chance possible",
			"Certain to be selected: 1 person (see “People certain to be selected”).",
			"People certain to be selected",
			"the only person with gender “male” in the pool is needed to meet its minimum of 1",
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
			"Cette sélection a utilisé la loterie maximin",
			"Assurées d'être tirées : 1 personne",
			"la seule personne ayant gender « male » dans le vivier est nécessaire pour atteindre son minimum de 1",
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

// handRecord is the record of a lottery written by hand over the pool
// a (female, young), b (female, old), c (male, old), d (male, young), with
// at most one of each gender and either age: the panels are given with
// their probabilities, and the uniform lottery's panels.
func handRecord(t *testing.T, algorithm string, panels []sortition.Panel, uniform [][]int) *audit.Record {
	t.Helper()
	quotas := "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\nage,young,0,2\nage,old,0,2\n"
	pool := "id,gender,age\na,female,young\nb,female,old\nc,male,old\nd,male,young\n"
	p := testpool.Pool(t, quotas, pool)
	marginals := make([]float64, 4)
	for _, panel := range panels {
		for _, i := range panel.Members {
			marginals[i] += panel.Probability
		}
	}
	tickets := make([]int, 4)
	for _, panel := range uniform {
		for _, i := range panel {
			tickets[i]++
		}
	}
	l := &sortition.Lottery{Algorithm: algorithm, K: 2, MinProbability: 0, Panels: panels, Marginals: marginals}
	u := &sortition.Uniform{M: len(uniform), Panels: uniform, Tickets: tickets}
	r, err := audit.NewRecord(audit.Selection{
		Tool: audit.Tool{Name: "tirage", Version: "test"}, Pool: p, K: 2,
		Settings: audit.Settings{IDColumn: "id", Gap: sortition.DefaultGap}, Lottery: l, Uniform: u,
	})
	require.NoError(t, err)
	return r
}

// TestCertainReasons: the report says why someone is on every panel —
// a quota that needs everyone with a value, the quotas together (in words
// that depend on the objective), or the rounding to M panels — and which
// objective the lottery has, in English and French.
func TestCertainReasons(t *testing.T) {
	// sections returns the Markdown report, and the HTML one after it with
	// its tags turned into the Markdown's bold and list marks, so that a
	// sentence is found in both or in neither.
	sections := func(r *audit.Record, lang report.Lang) string {
		rep, err := report.New(r, report.Options{Lang: lang})
		require.NoError(t, err)
		page, err := rep.HTML()
		require.NoError(t, err)
		md := string(rep.Markdown())
		h := strings.NewReplacer("<li><strong>", "- **", "</strong>", "**", ".<br><span class=\"ids\">", ". ").Replace(html.UnescapeString(string(page)))
		certain := regexp.MustCompile(`(?s)<section id="certain">.*?</section>`).FindString(h)
		require.NotEmpty(t, certain)
		for _, line := range strings.Split(certain, "\n") {
			if strings.HasPrefix(line, "- **") {
				assert.Contains(t, md, strings.TrimSuffix(line, "</span></li>"))
			}
		}
		return md
	}

	// Three people from the north, all needed for its minimum of 3.
	quotas := "feature,value,min,max\nregion,north,3,3\nregion,south,1,1\n"
	pool := "id,region\nn1,north\ns1,south\nn2,north\ns2,south\nn3,north\ns3,south\ns4,south\n"
	r := record(t, quotas, pool, 4, 8, "seed")
	rep, err := report.New(r, report.Options{})
	require.NoError(t, err)
	assert.Equal(t, []report.CertainGroup{{Reason: report.AllNeeded, Category: "region", Value: "north", Min: 3, IDs: []string{"n1", "n2", "n3"}}}, rep.Certain)
	md := sections(r, report.English)
	assert.Contains(t, md, "- **3 people**: all 3 people with region “north” in the pool are needed to meet its minimum of 3. n1, n2, n3")
	assert.Contains(t, md, "Certain to be selected: 3 people")
	assert.Contains(t, sections(r, report.French), "- **3 personnes** : les 3 personnes ayant region « north » dans le vivier sont toutes nécessaires pour atteindre son minimum de 3. n1, n2, n3")

	// c on both panels though no quota needs him: the quotas together,
	// as the objective puts it.
	panels := []sortition.Panel{{Probability: 0.5, Members: []int{0, 2}}, {Probability: 0.5, Members: []int{1, 2}}}
	uniform := [][]int{{0, 2}, {1, 2}}
	for _, tt := range []struct{ algorithm, en, fr string }{
		{"leximin",
			"no quota forces it on its own; it comes from the quotas together: the leximin lottery found no way to give them less without lowering the chances of people less likely to be chosen",
			"aucun quota ne l'impose à lui seul ; cela vient des quotas ensemble"},
		{"maximin",
			"no quota forces it on its own: this lottery gives it, where the leximin lottery (tirage's default) gives a certain seat only when the quotas require it to keep the lower chances as high",
			"aucun quota ne l'impose à lui seul : cette loterie le donne"},
	} {
		r := handRecord(t, tt.algorithm, panels, uniform)
		rep, err := report.New(r, report.Options{})
		require.NoError(t, err)
		assert.Equal(t, []report.CertainGroup{{Reason: report.Together, IDs: []string{"c"}}}, rep.Certain)
		assert.Contains(t, sections(r, report.English), "- **1 person**: "+tt.en+". c")
		assert.Contains(t, sections(r, report.French), "- **1 personne** : "+tt.fr)
	}

	// c has 0.9 in the exact lottery, and both of the 2 panels drawn
	// from.
	panels = []sortition.Panel{{Probability: 0.9, Members: []int{0, 2}}, {Probability: 0.1, Members: []int{1, 3}}}
	r = handRecord(t, "leximin", panels, [][]int{{0, 2}, {0, 2}})
	rep, err = report.New(r, report.Options{})
	require.NoError(t, err)
	assert.Equal(t, []report.CertainGroup{{Reason: report.RoundedUp, IDs: []string{"a", "c"}}}, rep.Certain)
	assert.Contains(t, sections(r, report.English), "- **2 people**: the exact lottery gives them slightly less than 1; rounding it to the 2 panels drawn from put them on all of them. a, c")
	assert.Contains(t, sections(r, report.French), "son arrondi aux 2 panels du tirage les a placées dans tous")

	// Which objective, and why.
	for _, tt := range []struct{ algorithm, en, fr string }{
		{"leximin", "tirage used the leximin lottery: it first gives the people least likely to be chosen the highest chance possible, with the same proof as the maximin lottery, then does the same for the next least likely, and so on, so that nobody gets a certain seat unless the quotas require it to keep the lower chances as high.",
			"tirage a utilisé la loterie leximin"},
		{"maximin", "This selection used the maximin lottery", "Cette sélection a utilisé la loterie maximin"},
		{"nash", "This selection used the Nash lottery", "Cette sélection a utilisé la loterie de Nash"},
		{"someday", "This selection used the someday lottery.", "Cette sélection a utilisé la loterie someday."},
	} {
		r := handRecord(t, tt.algorithm, panels, [][]int{{0, 2}, {1, 3}})
		assert.Contains(t, sections(r, report.English), tt.en)
		assert.Contains(t, sections(r, report.French), tt.fr)
	}
}
