package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/report"
)

// The organisation and contact of the example's report.
const (
	exampleOrganisation = "Assemblée citoyenne <du> climat & co"
	exampleContact      = "Marie Dupont, 01 23 45 67 89, tirage-contact@example.org"
)

// chromium returns the path of a Chromium or Chrome browser, or skips the
// test when there is none: the one check this package allows to skip.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Skip("SKIPPED: no chromium on PATH, so report.html is not checked in a real browser; install it (Debian: apt-get install chromium) to run this test")
	return ""
}

// headless runs the browser without a window, a sandbox or a network, on
// the file with the extra flags, and returns what it prints on stdout.
func headless(t *testing.T, browser, file string, flags ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
		"--hide-scrollbars", "--user-data-dir=" + t.TempDir(),
		// No name resolves: a report that fetched anything would show it.
		"--host-resolver-rules=MAP * ~NOTFOUND",
	}, flags...)
	args = append(args, "file://"+file)
	cmd := exec.CommandContext(ctx, browser, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "chromium failed: %s", stderr.String())
	return stdout.Bytes()
}

// exampleReport returns the HTML report of the bundled example, k = 30.
func exampleReport(t *testing.T, lang report.Lang) []byte {
	t.Helper()
	pool, err := os.ReadFile(filepath.Join("..", "testdata", "example", "pool.csv"))
	require.NoError(t, err)
	quotas, err := os.ReadFile(filepath.Join("..", "testdata", "example", "quotas.csv"))
	require.NoError(t, err)
	r := record(t, string(quotas), string(pool), 30, 1000, "example")
	rep, err := report.New(r, report.Options{Lang: lang, PoolPath: "pool.csv", QuotasPath: "quotas.csv", Organisation: exampleOrganisation, Contact: exampleContact})
	require.NoError(t, err)
	page, err := rep.HTML()
	require.NoError(t, err)
	return page
}

// measure is appended to a copy of the report: it measures, in the
// browser, what was laid out, and writes it into the document as JSON.
const measure = `<script>
(function () {
  var plot = document.getElementById('probability-plot');
  var steps = document.getElementById('probability-steps');
  var box = plot ? plot.getBoundingClientRect() : {width: 0, height: 0};
  var out = {
    plotWidth: box.width, plotHeight: box.height,
    stepsLength: steps ? steps.getTotalLength() : 0,
    stepsBoxWidth: steps ? steps.getBBox().width : 0,
    quotaRows: document.querySelectorAll('#quota-table tr').length,
    charts: document.querySelectorAll('svg.shares').length,
    chartValues: document.querySelectorAll('svg.shares g.value').length,
    chartBars: document.querySelectorAll('svg.shares rect.pool, svg.shares rect.quota, svg.shares rect.panel').length,
    chartMinWidth: Math.min.apply(null, Array.prototype.map.call(document.querySelectorAll('svg.shares'), function (s) { return s.getBoundingClientRect().width; })),
    chartLabelHeight: (function () { var l = document.querySelector('svg.shares .bar-label'); return l ? l.getBoundingClientRect().height : 0; })(),
    whys: document.querySelectorAll('.chart .why li').length,
    panelIDs: ((document.getElementById('panel-ids') || {}).textContent || '').split(', ').length,
    organisation: (document.getElementById('organisation') || {}).textContent || '',
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    sections: document.querySelectorAll('section h2').length,
    title: document.title,
    verify: (document.getElementById('verify-command') || {}).textContent || ''
  };
  var pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
`

func TestReportInBrowser(t *testing.T) {
	browser := chromium(t)
	for _, lang := range report.Langs {
		t.Run(string(lang), func(t *testing.T) {
			page := exampleReport(t, lang)
			dir := t.TempDir()
			measured := filepath.Join(dir, "measured.html")
			require.NoError(t, os.WriteFile(measured, bytes.Replace(page, []byte("</body>"), []byte(measure+"</body>"), 1), 0o644))

			got := measureIn(t, browser, measured)
			// The plot is laid out at a readable size, with its steps
			// across the whole axis (630 px in the plot's units).
			assert.Greater(t, got.PlotWidth, 400.0)
			assert.Greater(t, got.PlotHeight, 150.0)
			assert.Greater(t, got.StepsLength, 630.0)
			assert.InDelta(t, 630, got.StepsBoxWidth, 1)
			// The example has 21 quota values in 6 categories: a header
			// and 21 rows, a chart per category with three bars (pool,
			// quota, panel) and a sentence per value, drawn wide enough
			// to read (13 px labels at 720 px), and 30 panel ids.
			assert.Equal(t, 22, got.QuotaRows)
			assert.Equal(t, 6, got.Charts)
			assert.Equal(t, 21, got.ChartValues)
			assert.Equal(t, 63, got.ChartBars)
			assert.Equal(t, 21, got.Whys)
			assert.Greater(t, got.ChartMinWidth, 500.0)
			assert.Greater(t, got.ChartLabelHeight, 11.0)
			assert.Equal(t, 30, got.PanelIDs)
			assert.Equal(t, exampleOrganisation, got.Organisation)
			assert.LessOrEqual(t, got.ScrollWidth, got.Viewport)

			// On a phone, 400 px wide: nothing overflows the page (the
			// tables scroll in their own box), and the charts fill the
			// width with labels still 10 px high or more.
			onPhone := filepath.Join(dir, "phone.html")
			require.NoError(t, os.WriteFile(onPhone, phoneFrame(page), 0o644))
			phone := measureIn(t, browser, onPhone)
			assert.Equal(t, 400, phone.Viewport)
			assert.LessOrEqual(t, phone.ScrollWidth, 400)
			assert.Greater(t, phone.ChartMinWidth, 340.0)
			assert.Greater(t, phone.ChartLabelHeight, 9.5)
			assert.Equal(t, 9, got.Sections) // with "People certain to be selected" and "What to publish"
			assert.Contains(t, got.Title, map[report.Lang]string{report.English: "Fairness report", report.French: "Rapport d'équité"}[lang])
			assert.Equal(t, "tirage verify . --pool pool.csv --quotas quotas.csv", got.Verify)

			// The unmodified report, as a screenshot (once: it takes
			// a few seconds): the plot's line colour (#2b6cb0) is painted.
			if lang != report.English {
				return
			}
			file := filepath.Join(dir, report.HTMLFile)
			require.NoError(t, os.WriteFile(file, page, 0o644))
			shot := filepath.Join(dir, "shot.png")
			headless(t, browser, file, "--window-size=1200,1600", "--screenshot="+shot)
			f, err := os.Open(shot)
			require.NoError(t, err)
			defer f.Close()
			img, err := png.Decode(f)
			require.NoError(t, err)
			line, other := 0, 0
			b := img.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					r, g, bl, _ := img.At(x, y).RGBA()
					r, g, bl = r>>8, g>>8, bl>>8
					switch {
					case near(r, 0x2b) && near(g, 0x6c) && near(bl, 0xb0):
						line++
					case r < 0xf0 || g < 0xf0 || bl < 0xf0:
						other++
					}
				}
			}
			assert.Greater(t, line, 500, "the plot's line is not painted")
			assert.Greater(t, other, 10000, "the page looks blank")
		})
	}
}

// measured is what the measure script finds in the browser.
type measured struct {
	PlotWidth, PlotHeight, StepsLength, StepsBoxWidth float64
	QuotaRows, Charts, ChartValues, ChartBars, Whys   int
	ChartMinWidth, ChartLabelHeight                   float64
	PanelIDs, Sections, Viewport, ScrollWidth         int
	Title, Verify, Organisation                       string
}

// measureIn opens the measuring copy of a report in the browser, with the
// extra flags, and returns what the measure script found.
func measureIn(t *testing.T, browser, file string, flags ...string) measured {
	t.Helper()
	dom := headless(t, browser, file, append(flags, "--dump-dom")...)
	m := regexp.MustCompile(`<pre id="measured">([^<]*)</pre>`).FindSubmatch(dom)
	require.NotNil(t, m, "the browser did not run the measurement; DOM:\n%s", dom)
	var got measured
	text := strings.NewReplacer("&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(string(m[1]))
	require.NoError(t, json.Unmarshal([]byte(text), &got), string(m[1]))
	return got
}

// phoneFrame returns a page that shows the measuring copy of a report in
// a frame 400 px wide, as a phone would (headless chromium's window is at
// least 500 px wide), and copies what the measure script found out of it.
func phoneFrame(page []byte) []byte {
	inner := bytes.Replace(page, []byte("</body>"), []byte(measure+"</body>"), 1)
	return []byte(`<!DOCTYPE html>
<html><body style="margin:0">
<iframe id="phone" style="width:400px;height:900px;border:0" srcdoc="` + html.EscapeString(string(inner)) + `"></iframe>
<script>
window.addEventListener('load', function () {
  var found = document.getElementById('phone').contentDocument.getElementById('measured');
  var pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = found ? found.textContent : '';
  document.body.appendChild(pre);
});
</script>
</body></html>
`)
}

// near reports whether two colour components differ by at most 8.
func near(a, b uint32) bool {
	return a+8 >= b && b+8 >= a
}
