package report_test

import (
	"bytes"
	"context"
	"encoding/json"
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
	rep, err := report.New(r, report.Options{Lang: lang, PoolPath: "pool.csv", QuotasPath: "quotas.csv"})
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
    bars: document.querySelectorAll('#quota-table svg.bar').length,
    barsDrawn: Array.prototype.filter.call(document.querySelectorAll('#quota-table svg.bar'), function (s) { return s.getBoundingClientRect().width > 100; }).length,
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

			dom := headless(t, browser, measured, "--dump-dom")
			m := regexp.MustCompile(`<pre id="measured">([^<]*)</pre>`).FindSubmatch(dom)
			require.NotNil(t, m, "the browser did not run the measurement; DOM:\n%s", dom)
			var got struct {
				PlotWidth, PlotHeight, StepsLength, StepsBoxWidth float64
				QuotaRows, Bars, BarsDrawn, Sections              int
				Title, Verify                                     string
			}
			require.NoError(t, json.Unmarshal([]byte(strings.ReplaceAll(string(m[1]), "&quot;", `"`)), &got), string(m[1]))

			// The plot is laid out at a readable size, with its steps
			// across the whole axis (630 px in the plot's units).
			assert.Greater(t, got.PlotWidth, 400.0)
			assert.Greater(t, got.PlotHeight, 150.0)
			assert.Greater(t, got.StepsLength, 630.0)
			assert.InDelta(t, 630, got.StepsBoxWidth, 1)
			// The example has 21 quota values: a header and 21 rows, each
			// with its bar.
			assert.Equal(t, 22, got.QuotaRows)
			assert.Equal(t, 21, got.Bars)
			assert.Equal(t, 21, got.BarsDrawn)
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

// near reports whether two colour components differ by at most 8.
func near(a, b uint32) bool {
	return a+8 >= b && b+8 >= a
}
