package report

import (
	"fmt"
	"html"
	"strings"
)

// Why returns the sentence that explains, for a quota value, whether its
// members have higher or lower chances of selection than k/n: its share
// of the pool against the share of the panel its quota requires (min/k)
// or allows (max/k), with their average probability.
func (r *Report) Why(q QuotaRow) string {
	t := r.t()
	n, k := int64(r.People), int64(r.K)
	if q.Pool == 0 {
		return fmt.Sprintf(t.WhyNone, q.Category, q.Value)
	}
	pool := r.percent(float64(q.Pool) / float64(r.People))
	average := r.percent(float64(q.Tickets) / (float64(q.Pool) * float64(r.M)))
	equal := r.percent(r.equalChance())
	minShare := r.percent(float64(q.Min) / float64(r.K))
	maxShare := r.percent(float64(min(q.Max, r.K)) / float64(r.K))
	// Shares compared in whole numbers: Pool/n against Min/k and Max/k.
	switch {
	case int64(q.Pool)*k < int64(q.Min)*n:
		return fmt.Sprintf(t.WhyMore, q.Category, q.Value, pool, minShare, average, equal)
	case int64(q.Pool)*k > int64(q.Max)*n:
		return fmt.Sprintf(t.WhyLess, q.Category, q.Value, pool, maxShare, average, equal)
	}
	return fmt.Sprintf(t.WhyWithin, q.Category, q.Value, pool, minShare, maxShare, average, equal)
}

// The shares chart's geometry, in pixels: 0 to 100 % over chartScale
// pixels after chartLeft; each value has a row of chartRow pixels under a
// scale chartTop pixels high.
const (
	chartWidth = 460
	chartLeft  = 10
	chartScale = 260
	chartTop   = 26
	chartRow   = 76
	// chartName is the most characters of a value's name the chart
	// writes (its title has the whole name).
	chartName = 48
)

// SharesChart returns the SVG chart of a quota category: for each of its
// values, its share of the pool (a grey bar), the share of the panel its
// quota allows (a blue band from min/k to max/k) and its share of the
// drawn panel (a dark bar, when drawn), each labelled with its
// percentages. The svg element has the class "shares".
func (r *Report) SharesChart(category string) string {
	t := r.t()
	var rows []QuotaRow
	for _, q := range r.Quotas {
		if q.Category == category {
			rows = append(rows, q)
		}
	}
	height := chartTop + chartRow*len(rows)
	scale := int64(chartScale) * 10
	at := func(num, den int) int64 { return int64(chartLeft)*10 + scale*int64(min(num, den))/int64(den) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="shares" viewBox="0 0 %d %d" width="%d" height="%d" role="img" xmlns="http://www.w3.org/2000/svg">`, chartWidth, height, chartWidth, height)
	fmt.Fprintf(&b, "\n<title>%s</title>\n", html.EscapeString(fmt.Sprintf(t.ChartTitle, category)))
	// The scale: 0, 25, 50, 75 and 100 % of the panel or the pool.
	for p := 0; p <= 100; p += 25 {
		x := at(p, 100)
		fmt.Fprintf(&b, `<line class="grid" x1="%s" y1="%s" x2="%s" y2="%d.0"/>`, tenths(x), tenths(int64(chartTop)*10-40), tenths(x), height)
		anchor := "middle"
		if p == 0 {
			anchor = "start"
		}
		fmt.Fprintf(&b, `<text class="tick" x="%s" y="14.0" text-anchor="%s">%s</text>`+"\n", tenths(x), anchor, html.EscapeString(r.percent(float64(p)/100)))
	}
	for i, q := range rows {
		y := int64(chartTop+chartRow*i) * 10
		name := q.Value
		if runes := []rune(name); len(runes) > chartName {
			name = string(runes[:chartName-1]) + "…"
		}
		fmt.Fprintf(&b, `<g class="value"><title>%s</title>`, html.EscapeString(q.Category+" = "+q.Value))
		fmt.Fprintf(&b, `<text class="name" x="%s" y="%s">%s</text>`+"\n", tenths(int64(chartLeft)*10), tenths(y+160), html.EscapeString(name))
		bar := func(class string, y, from, to int64, label string) {
			if to-from < 20 {
				from, to = (from+to)/2-10, (from+to)/2+10
			}
			fmt.Fprintf(&b, `<rect class="%s" x="%s" y="%s" width="%s" height="14.0"/>`, class, tenths(from), tenths(y), tenths(to-from))
			fmt.Fprintf(&b, `<text class="bar-label" x="%s" y="%s">%s</text>`+"\n", tenths(to+60), tenths(y+115), html.EscapeString(label))
		}
		start := int64(chartLeft) * 10
		poolEnd := at(q.Pool, r.People)
		if poolEnd-start < 20 {
			poolEnd = start + 20
		}
		bar("pool", y+220, start, poolEnd, t.ChartPool+" "+r.percent(float64(q.Pool)/float64(r.People)))
		quota := r.percent(float64(q.Min)/float64(r.K)) + "–" + r.percent(float64(min(q.Max, r.K))/float64(r.K))
		if q.Min == min(q.Max, r.K) {
			quota = r.percent(float64(q.Min) / float64(r.K))
		}
		bar("quota", y+400, at(q.Min, r.K), at(q.Max, r.K), t.ChartQuota+" "+quota)
		if q.Panel >= 0 {
			panelEnd := at(q.Panel, r.K)
			if panelEnd-start < 20 {
				panelEnd = start + 20
			}
			bar("panel", y+580, start, panelEnd, t.ChartPanel+" "+r.percent(float64(q.Panel)/float64(r.K)))
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>")
	return b.String()
}
