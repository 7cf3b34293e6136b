package report

import (
	"fmt"
	"html"
	"slices"
	"strings"
)

// Coordinates are computed in whole tenths of a pixel with integer
// arithmetic, so that the SVG is the same on every machine.

// tenths writes a length in tenths of a pixel as a decimal number.
func tenths(v int64) string {
	if v < 0 {
		return "-" + tenths(-v)
	}
	return fmt.Sprintf("%d.%d", v/10, v%10)
}

// The probability plot's geometry, in pixels.
const (
	plotWidth  = 720
	plotHeight = 340
	plotLeft   = 70
	plotRight  = 20
	plotTop    = 20
	plotBottom = 50
)

// plotScale returns the top of the plot's probability axis and the step
// between its ticks, both in thousandths: the smallest of a few round steps
// that covers top (thousandths) in at most six ticks.
func plotScale(top int64) (axisTop, step int64) {
	for _, step = range []int64{5, 10, 20, 50, 100, 200} {
		if n := (top + step - 1) / step; n <= 6 {
			return max(n, 1) * step, step
		}
	}
	return 1000, 200
}

// ProbabilityPlot returns the SVG plot of everyone's probability of
// selection, sorted from the lowest to the highest, one step per person,
// with the probability everyone would have if all were equal (k/n) as a
// dashed line. The svg element has the id "probability-plot".
func (r *Report) ProbabilityPlot() string {
	t := r.t()
	sorted := slices.Sorted(slices.Values(r.Tickets))
	n, m := int64(len(sorted)), int64(r.M)
	w, h := int64(plotWidth-plotLeft-plotRight)*10, int64(plotHeight-plotTop-plotBottom)*10
	left, top := int64(plotLeft)*10, int64(plotTop)*10
	// The highest of the largest probability and k/n, in thousandths
	// rounded up.
	highest := (int64(sorted[n-1])*1000 + m - 1) / m
	equal := (int64(r.K)*1000 + int64(r.People) - 1) / int64(r.People)
	axisTop, step := plotScale(max(highest, equal, 1))
	// y of a probability num/den, in tenths.
	y := func(num, den int64) int64 { return top + h - h*num*1000/(den*axisTop) }
	x := func(i int64) int64 { return left + w*i/n }

	var b strings.Builder
	title := html.EscapeString(t.PlotTitle)
	fmt.Fprintf(&b, `<svg id="probability-plot" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="plot-title" xmlns="http://www.w3.org/2000/svg">`, plotWidth, plotHeight, plotWidth, plotHeight)
	fmt.Fprintf(&b, "\n<title id=\"plot-title\">%s</title>\n", title)
	// Horizontal grid lines and their labels.
	for v := int64(0); v <= axisTop; v += step {
		yy := y(v, 1000)
		fmt.Fprintf(&b, `<line class="grid" x1="%s" y1="%s" x2="%s" y2="%s"/>`, tenths(left), tenths(yy), tenths(left+w), tenths(yy))
		fmt.Fprintf(&b, `<text class="tick" x="%s" y="%s" text-anchor="end">%s</text>`+"\n", tenths(left-60), tenths(yy+40), html.EscapeString(r.percent(float64(v)/1000)))
	}
	// The area under the steps, then the steps.
	var path strings.Builder
	fmt.Fprintf(&path, "M%s %s", tenths(x(0)), tenths(y(int64(sorted[0]), m)))
	for i := int64(0); i < n; {
		j := i
		for j < n && sorted[j] == sorted[i] {
			j++
		}
		if i > 0 {
			fmt.Fprintf(&path, "V%s", tenths(y(int64(sorted[i]), m)))
		}
		fmt.Fprintf(&path, "H%s", tenths(x(j)))
		i = j
	}
	steps := path.String()
	fmt.Fprintf(&b, `<path class="area" d="%sV%sH%sZ"/>`+"\n", steps, tenths(top+h), tenths(left))
	fmt.Fprintf(&b, `<path id="probability-steps" class="steps" d="%s"/>`+"\n", steps)
	// Equal chances.
	ye := y(int64(r.K), int64(r.People))
	fmt.Fprintf(&b, `<line class="equal" x1="%s" y1="%s" x2="%s" y2="%s"/>`, tenths(left), tenths(ye), tenths(left+w), tenths(ye))
	fmt.Fprintf(&b, `<text class="equal-label" x="%s" y="%s">%s</text>`+"\n", tenths(left+50), tenths(ye-50), html.EscapeString(fmt.Sprintf(t.PlotEqual, r.percent(r.equalChance()))))
	// Axes.
	fmt.Fprintf(&b, `<line class="axis" x1="%s" y1="%s" x2="%s" y2="%s"/>`, tenths(left), tenths(top), tenths(left), tenths(top+h))
	fmt.Fprintf(&b, `<line class="axis" x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", tenths(left), tenths(top+h), tenths(left+w), tenths(top+h))
	fmt.Fprintf(&b, `<text class="tick" x="%s" y="%s" text-anchor="middle">1</text>`, tenths(x(0)+20), tenths(top+h+160))
	fmt.Fprintf(&b, `<text class="tick" x="%s" y="%s" text-anchor="end">%s</text>`+"\n", tenths(left+w), tenths(top+h+160), html.EscapeString(r.num(int(n))))
	fmt.Fprintf(&b, `<text class="label" x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", tenths(left+w/2), tenths(top+h+400), html.EscapeString(t.PlotAxisX))
	fmt.Fprintf(&b, `<text class="label" transform="rotate(-90)" x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", tenths(-(top + h/2)), tenths(140), html.EscapeString(t.PlotAxisY))
	b.WriteString("</svg>")
	return b.String()
}
