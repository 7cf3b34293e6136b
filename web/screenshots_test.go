package web

import (
	"bytes"
	"context"
	"flag"
	"image"
	"image/color"
	"image/png"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
)

// The screenshots of the partner's guide (doc/partner-guide.md and
// doc/guide-partenaire.md) are made by TestGuideScreenshots, which walks
// the guide's steps in the web app, in English and in French:
//
//	go test ./web -run GuideScreenshots -update
//
// rewrites doc/img/en/*.png and doc/img/fr/*.png. Without -update it
// still drives every step and asserts what the guides say of it; and
// TestGuidesShowShots checks that the images the guides show are exactly
// the ones it makes, so that no guide shows a missing or stale shot.
// Pixels are not compared: fonts differ between machines. With Debian's chromium-l10n installed,
// the browser's own words (the file inputs' buttons) are French in the
// French shots.
var updateShots = flag.Bool("update", false, "rewrite the guides' screenshots in doc/img")

// shotWidth is the width of the browser's window for the screenshots.
const shotWidth = 1000

// shotsDir is where the screenshots go, relative to this package.
var shotsDir = filepath.Join("..", "doc", "img")

// guideShots names the screenshots, in the order walkGuide takes them;
// each is made in every language of shotLangs, as doc/img/LANG/NAME.png.
var guideShots = []string{"files", "check", "seed", "commit", "conflict", "draw", "drawn", "verify", "cannot-prove"}

// shotLangs are the languages of the screenshots, and the guide that
// shows each language's.
var shotLangs = map[string]string{"en": "doc/partner-guide.md", "fr": "doc/guide-partenaire.md"}

// The partner's example, as the guide uses it, with the seed's announced
// source and the numbers drawn on the day.
const (
	guideAnnouncement = "EuroMillions du vendredi 24 avril 2026 : les cinq numéros, puis les deux étoiles"
	guideNumbers      = "7 19 23 38 44 / 3 11"
)

// guideNow is the time of every step of the guide's records.
func guideNow() time.Time { return time.Unix(1777000000, 0).UTC() }

func TestGuideScreenshots(t *testing.T) {
	for _, lang := range slices.Sorted(maps.Keys(shotLangs)) {
		t.Run(lang, func(t *testing.T) {
			// The native back end only: the static build shows the same
			// pages (the other browser tests drive both), and is slower.
			// The records' times are fixed, so that the shots show no clock
			// (the reports' SHA-256 on the Verify page).
			server := httptest.NewServer(Handler(&API{Tool: audit.Tool{Name: "tirage", Version: "guide"}, Now: guideNow}, Options{}))
			t.Cleanup(server.Close)
			// The browser's own words (the file inputs' buttons) in the
			// language too: Chromium on Linux reads LANGUAGE.
			t.Setenv("LANGUAGE", lang)
			s := &shooter{t: t, lang: lang, p: open(t, server.URL, "/?lang="+lang)}
			s.p.do(chromedp.EmulateViewport(shotWidth, 900))
			s.walkGuide()
			assert.Equal(t, guideShots, s.taken, "the steps made these screenshots")
			s.p.onlyOwnOrigin()
		})
	}
}

// TestGuidesShowShots checks that the images the guides show are exactly
// the screenshots TestGuideScreenshots makes (LANG/NAME.png, in doc/img),
// each shown by the guide of its language with alt text, and that doc/img
// holds no other file.
func TestGuidesShowShots(t *testing.T) {
	var made []string
	for lang := range shotLangs {
		for _, name := range guideShots {
			made = append(made, lang+"/"+name+".png")
		}
	}
	slices.Sort(made)
	shown := map[string]bool{}
	pages, err := filepath.Glob(filepath.Join("..", "doc", "*.md"))
	require.NoError(t, err)
	for _, path := range pages {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		guide := "doc/" + filepath.Base(path)
		for _, m := range imageLink.FindAllStringSubmatch(string(data), -1) {
			shot := strings.TrimPrefix(m[2], "img/")
			shown[shot] = true
			assert.NotEmpty(t, strings.TrimSpace(m[1]), "%s shows %s without alt text", guide, m[2])
			lang, _, _ := strings.Cut(shot, "/")
			assert.Equal(t, shotLangs[lang], guide, "%s shows %s, a screenshot of another language's guide", guide, m[2])
		}
	}
	assert.Equal(t, made, slices.Sorted(maps.Keys(shown)), "the screenshots made (left) and those the guides show (right)")
	var files []string
	require.NoError(t, filepath.WalkDir(shotsDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, err := filepath.Rel(shotsDir, path)
			files = append(files, filepath.ToSlash(rel))
			return err
		}
		return err
	}))
	assert.Equal(t, made, files, "the files of doc/img (right) are the screenshots made (left): run go test ./web -run GuideScreenshots -update")
}

// A shooter walks the guide's steps on a page and takes the screenshots.
type shooter struct {
	t     *testing.T
	lang  string
	p     *page
	taken []string
}

// walkGuide does the partner's steps: the files and their check, quotas
// that conflict, the seed's source, the commitment, the draw on the day,
// and the verification of the published files.
func (s *shooter) walkGuide() {
	t, p := s.t, s.p
	pool, quotas := testdata(t, "partner-fr", "pool.csv"), testdata(t, "partner-fr", "quotas.csv")

	// Steps 2 to 4: the files, then their check.
	p.do(chromedp.SendKeys(chromedp.CSS("#households"), "Adresse,Code postal"))
	p.chooseInputs(pool, quotas, 30)
	p.text("#check-verdict")
	check := p.text("#check")
	assert.Contains(t, check, "400")
	assert.Contains(t, check, "385", "the households")
	assert.Equal(t, 16, eval[int](p, `document.querySelectorAll('#check-table tbody tr').length`), "a row per value of the quotas")
	assert.True(t, eval[bool](p, `document.getElementById('check-verdict').classList.contains('good')`), "the quotas can be met: %s", check)
	s.shoot("files", `[document.getElementById('pool').closest('fieldset')]`)
	s.shoot("check", `[document.getElementById('check')]`)

	// Step 6: the seed's source announced, then the commitment.
	p.do(chromedp.SetValue(chromedp.CSS("#seed-source"), "commit"))
	eval[bool](p, `document.getElementById('seed-source').dispatchEvent(new Event('change'))`)
	p.do(chromedp.SendKeys(chromedp.CSS("#seed-announcement"), guideAnnouncement),
		chromedp.SendKeys(chromedp.CSS("#organisation"), "Assemblée citoyenne de Lille"),
		chromedp.SendKeys(chromedp.CSS("#contact"), "tirage@exemple.fr"))
	s.shoot("seed", `[document.getElementById('seed-source').closest('fieldset'), document.getElementById('run')]`)
	p.do(chromedp.Click(chromedp.CSS("#run")))
	result := p.text("#result")
	assert.Regexp(t, `[0-9a-f]{64}`, result, "the commitment")
	assert.False(t, eval[bool](p, `!!document.getElementById('drawn')`), "not drawn: %s", result)
	s.shoot("commit", `[document.getElementById('result-title'), document.querySelector('#result .downloads + .note')]`)
	committed := filepath.Join(t.TempDir(), "lille.zip")
	require.NoError(t, os.WriteFile(committed, p.download("#download-private"), 0o644))
	public := unzipTo(t, p.download("#download-public"))
	assert.NoFileExists(t, filepath.Join(public, "panel.csv"), "nothing drawn yet")
	assert.Empty(t, verifyDir(t, public, pool, quotas), "the committed public files verify")

	// Step 4 again: quotas that cannot be met, and the relaxation.
	p.navigate("/?lang=" + s.lang)
	p.chooseInputs(testdata(t, "conflicts", "min_above_pool", "pool.csv"), testdata(t, "conflicts", "min_above_pool", "quotas.csv"), 10)
	p.text("#check-verdict")
	assert.True(t, eval[bool](p, `document.getElementById('check-verdict').classList.contains('bad')`), "the quotas cannot be met")
	assert.Contains(t, p.text("#conflicts"), "non-literate")
	assert.Contains(t, p.text("#relaxation"), "non-literate")
	s.shoot("conflict", `[document.getElementById('check')]`)
	p.do(chromedp.Click(chromedp.CSS("#apply-relaxation")), chromedp.WaitNotPresent(chromedp.CSS("#apply-relaxation")))
	assert.True(t, eval[bool](p, `document.getElementById('check-verdict').classList.contains('good')`), "relaxed, the quotas can be met")

	// Step 8: the draw, with the announced numbers and 5 alternates.
	p.navigate("/draw.html?lang=" + s.lang)
	p.upload("#draw-bundle", committed)
	p.upload("#draw-pool", pool)
	p.do(chromedp.SetValue(chromedp.CSS("#draw-seed-source"), "numbers"))
	eval[bool](p, `document.getElementById('draw-seed-source').dispatchEvent(new Event('change'))`)
	p.do(chromedp.SendKeys(chromedp.CSS("#draw-seed"), guideNumbers),
		chromedp.SetValue(chromedp.CSS("#draw-alternates"), "5"))
	s.shoot("draw", `[document.getElementById('draw-form')]`)
	p.do(chromedp.Click(chromedp.CSS("#draw-run")))
	drawn := p.text("#drawn")
	assert.Contains(t, drawn, "7.19.23.38.44./3.11./", "the numbers as RFC 3797 reads them")
	s.shoot("drawn", `[document.getElementById('result-title'), document.querySelector('#result .downloads + .note')]`)
	zip := p.download("#download-public")
	public = unzipTo(t, zip)
	for _, f := range []string{"panel.csv", "alternates.csv", "receipts.csv", "audit.json", "report.html"} {
		assert.FileExists(t, filepath.Join(public, f))
	}
	assert.Empty(t, verifyDir(t, public, pool, quotas), "the drawn public files verify")
	publicZip := filepath.Join(t.TempDir(), "lille-public.zip")
	require.NoError(t, os.WriteFile(publicZip, zip, 0o644))

	// Step 9: the verify page, with the public zip and the two files.
	p.navigate("/verify.html?lang=" + s.lang)
	p.upload("#bundle", publicZip)
	p.upload("#verify-pool", pool)
	p.upload("#verify-quotas", quotas)
	p.do(chromedp.Click(chromedp.CSS("#verify-run")))
	p.text("#verify-result")
	assert.True(t, eval[bool](p, `document.getElementById('verdict').classList.contains('good')`), "verified: %s", p.text("#verdict"))
	assert.Zero(t, eval[int](p, `document.querySelectorAll('#verify-result .check-failed').length`), "no check failed")
	assert.Positive(t, eval[int](p, `document.querySelectorAll('#cannot-prove + ul li').length`), "what the checks cannot prove")
	s.shoot("verify", `[document.getElementById('verdict'), document.querySelector('#verify-result ul.checks')]`)
	s.shoot("cannot-prove", `[document.getElementById('cannot-prove'), document.querySelector('#cannot-prove + ul')]`)
}

// shoot takes the screenshot name of the region that holds the elements
// the JavaScript expression lists (an array), with a margin, and writes it
// under doc/img/LANG with -update.
func (s *shooter) shoot(name, elements string) {
	s.t.Helper()
	s.taken = append(s.taken, name)
	// The region in the page's coordinates: the union of the elements'
	// boxes, widened by a margin and kept within the page's width.
	r := eval[[]float64](s.p, `(function () {
  var els = `+elements+`, x0 = Infinity, y0 = Infinity, x1 = 0, y1 = 0, m = 8;
  els.forEach(function (e) {
    var b = e.getBoundingClientRect();
    x0 = Math.min(x0, b.left); y0 = Math.min(y0, b.top); x1 = Math.max(x1, b.right); y1 = Math.max(y1, b.bottom);
  });
  x0 = Math.max(0, x0 - m); y0 = Math.max(0, y0 - m + window.scrollY);
  x1 = Math.min(document.documentElement.clientWidth, x1 + m); y1 = y1 + m + window.scrollY;
  return [Math.round(x0), Math.round(y0), Math.round(x1 - x0), Math.round(y1 - y0)];
})()`)
	require.Len(s.t, r, 4)
	require.True(s.t, r[2] > 0 && r[3] > 0, "the screenshot %s has an empty region %v", name, r)
	// Nothing moving in the shot: no caret, no focus ring.
	eval[bool](s.p, `document.activeElement && document.activeElement.blur(), true`)
	ctx, cancel := context.WithTimeout(s.p.ctx, time.Minute)
	defer cancel()
	yes := true
	shot, err := chromedp.Call(ctx, cdppage.CaptureScreenshot, cdppage.CaptureScreenshotParams{
		Format:                cdppage.CaptureScreenshotFormatPng,
		CaptureBeyondViewport: &yes,
		FromSurface:           &yes,
		Clip:                  &cdppage.Viewport{X: r[0], Y: r[1], Width: r[2], Height: r[3], Scale: 1},
	})
	require.NoError(s.t, err)
	img, err := png.Decode(bytes.NewReader(shot.Data))
	require.NoError(s.t, err, "the screenshot %s", name)
	require.LessOrEqual(s.t, img.Bounds().Dx(), shotWidth)
	if !*updateShots {
		return
	}
	data, err := smallPNG(img)
	require.NoError(s.t, err)
	path := filepath.Join(shotsDir, s.lang, name+".png")
	require.NoError(s.t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(s.t, os.WriteFile(path, data, 0o644))
}

// smallPNG encodes the screenshot with a palette of its most frequent
// colours (a screenshot of text has few), at the best compression.
func smallPNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, paletted(img, 256)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// imageLink is a Markdown image whose target is under img/.
var imageLink = regexp.MustCompile(`!\[([^\]]*)\]\(\s*<?(img/[^)\s>]+)>?`)

// paletted is img with at most n colours: its n most frequent, every
// pixel taking the nearest of them. Screenshots of text have a few
// colours and their anti-aliasing; the text stays sharp.
func paletted(img image.Image, n int) *image.Paletted {
	b := img.Bounds()
	count := map[[3]uint8]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			count[rgbAt(img, x, y)]++
		}
	}
	colours := make([][3]uint8, 0, len(count))
	for c := range count {
		colours = append(colours, c)
	}
	slices.SortFunc(colours, func(a, b [3]uint8) int {
		if d := count[b] - count[a]; d != 0 {
			return d
		}
		return slices.Compare(a[:], b[:])
	})
	colours = colours[:min(n, len(colours))]
	pal := make(color.Palette, len(colours))
	for i, c := range colours {
		pal[i] = color.RGBA{c[0], c[1], c[2], 255}
	}
	out := image.NewPaletted(b, pal)
	nearest := map[[3]uint8]uint8{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := rgbAt(img, x, y)
			i, ok := nearest[c]
			if !ok {
				i = closest(colours, c)
				nearest[c] = i
			}
			out.SetColorIndex(x, y, i)
		}
	}
	return out
}

func rgbAt(img image.Image, x, y int) [3]uint8 {
	r, g, b, _ := img.At(x, y).RGBA()
	return [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

func closest(colours [][3]uint8, c [3]uint8) uint8 {
	best, bestD := 0, -1
	for i, p := range colours {
		d := 0
		for k := range 3 {
			e := int(p[k]) - int(c[k])
			d += e * e
		}
		if bestD < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	return uint8(best)
}
