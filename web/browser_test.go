package web

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/selection"
)

// The browser tests drive Debian's Chromium through both back ends: the
// native one of `tirage ui` (Handler) and the static build with the engine
// in WebAssembly (web/build.sh), served by a plain file server. The static
// build is the folder TIRAGE_WEB_STATIC names (.ci/run builds it once), or
// one built here.

// chromium returns the path of a Chromium or Chrome browser, or skips the
// test when there is none (CI installs it; see .ci/run).
func chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Skip("SKIPPED: no chromium on PATH, so the web app is not checked in a real browser; install it (Debian: apt-get install chromium) to run this test")
	return ""
}

var (
	staticOnce  sync.Once
	staticDir   string
	staticErr   error
	staticBuilt bool // staticDir was built here, and is removed at the end
)

func TestMain(m *testing.M) {
	code := m.Run()
	if staticBuilt {
		os.RemoveAll(staticDir)
	}
	os.Exit(code)
}

// staticBuild returns the folder of the static build.
func staticBuild(t testing.TB) string {
	t.Helper()
	staticOnce.Do(func() {
		if dir := os.Getenv("TIRAGE_WEB_STATIC"); dir != "" {
			staticDir = dir
			return
		}
		dir, err := os.MkdirTemp("", "tirage-web-static")
		if err != nil {
			staticErr = err
			return
		}
		staticDir, staticBuilt = dir, true
		out, err := exec.Command("bash", "build.sh", dir).CombinedOutput()
		if err != nil {
			staticErr = fmt.Errorf("web/build.sh: %v\n%s", err, out)
		}
	})
	require.NoError(t, staticErr)
	for _, f := range []string{"tirage.wasm", "wasm_exec.js", "index.html", "worker.js"} {
		require.FileExists(t, filepath.Join(staticDir, f))
	}
	return staticDir
}

// A backEnd serves the app at url.
type backEnd struct {
	name   string
	url    string
	mu     sync.Mutex
	served []string
}

// backEnds starts both back ends for the test.
func backEnds(t testing.TB) []*backEnd {
	native := &backEnd{name: "native"}
	nativeServer := httptest.NewServer(native.log(Handler(&API{Tool: audit.Tool{Name: "tirage", Version: "test"}}, Options{})))
	t.Cleanup(nativeServer.Close)
	native.url = nativeServer.URL
	wasm := &backEnd{name: "wasm"}
	staticServer := httptest.NewServer(wasm.log(http.FileServer(http.Dir(staticBuild(t)))))
	t.Cleanup(staticServer.Close)
	wasm.url = staticServer.URL
	return []*backEnd{native, wasm}
}

// log records the paths the handler serves.
func (b *backEnd) log(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.mu.Lock()
		b.served = append(b.served, r.URL.Path)
		b.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

// hasServed reports whether the back end served the path.
func (b *backEnd) hasServed(path string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Contains(b.served, path)
}

// page is a browser tab on the app, recording every request it makes.
type page struct {
	t        testing.TB
	ctx      context.Context
	base     string
	mu       sync.Mutex
	requests []string
}

// open starts a headless browser, in which no host name resolves (a page
// that fetched anything from elsewhere would fail), and opens path of base.
func open(t testing.TB, base, path string) *page {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 1000),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	p := &page{t: t, ctx: ctx, base: base}
	require.NoError(t, chromedp.Do(ctx)) // starts the browser
	go p.record(ctx)
	// The Web Worker of the WebAssembly build is a target of its own: its
	// requests are recorded once it is attached (the engine's own fetch
	// comes before; the server's log has it, see backEnds).
	attached := chromedp.Events(ctx, target.AttachedToTarget)
	go func() {
		for ev, err := range attached {
			if err != nil {
				return
			}
			if strings.Contains(ev.TargetInfo.Type, "worker") {
				worker, _ := chromedp.NewContext(ctx, chromedp.WithTargetID(ev.TargetInfo.TargetID))
				go p.record(worker)
			}
		}
	}()
	p.navigate(path)
	return p
}

// record records the requests of the target of ctx.
func (p *page) record(ctx context.Context) {
	for ev, err := range chromedp.Events(ctx, network.RequestWillBeSent) {
		if err != nil {
			return
		}
		p.mu.Lock()
		p.requests = append(p.requests, ev.Request.URL)
		p.mu.Unlock()
	}
}

// do runs the actions with a deadline.
func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 3*time.Minute)
	defer cancel()
	require.NoError(p.t, chromedp.Do(ctx, actions...))
}

// text returns the text of the element sel once visible.
func (p *page) text(sel string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 3*time.Minute)
	defer cancel()
	require.NoError(p.t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(sel))))
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	require.NoError(p.t, err)
	return s
}

// eval evaluates a JavaScript expression, awaiting a promise.
func eval[T any](p *page, expr string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	require.NoError(p.t, err)
	return v
}

// navigate opens path and waits for the app to have chosen its back end.
func (p *page) navigate(path string) {
	p.t.Helper()
	p.do(chromedp.Navigate(p.base+path), chromedp.WaitReady(chromedp.CSS("body[data-ready]")))
}

// upload sets the files of a file input.
func (p *page) upload(sel string, files ...string) {
	p.t.Helper()
	p.do(chromedp.SetUploadFiles(chromedp.CSS(sel), files))
}

// download clicks the link sel and returns the bytes it downloads.
func (p *page) download(sel string) []byte {
	p.t.Helper()
	dir := p.t.TempDir()
	ctx, cancel := context.WithTimeout(p.ctx, time.Minute)
	defer cancel()
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	yes := true
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes,
		})
		return err
	}), chromedp.Click(chromedp.CSS(sel)))
	for ev, err := range progress {
		require.NoError(p.t, err)
		if ev.State == browser.DownloadProgressStateCompleted {
			data, err := os.ReadFile(filepath.Join(dir, ev.GUID))
			require.NoError(p.t, err)
			return data
		}
		require.NotEqual(p.t, browser.DownloadProgressStateCanceled, ev.State, "the download was cancelled")
	}
	p.t.Fatal("no download")
	return nil
}

// onlyOwnOrigin asserts that every request the page made went to its own
// origin (blob: URLs of the origin are the downloads and the report).
func (p *page) onlyOwnOrigin() {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	require.NotEmpty(p.t, p.requests)
	for _, u := range p.requests {
		u = strings.TrimPrefix(u, "blob:")
		assert.True(p.t, strings.HasPrefix(u, p.base+"/") || u == p.base || strings.HasPrefix(u, "data:"), "a request to another origin: %s", u)
	}
}

// testdata returns the absolute path of a file of the repository's testdata.
func testdata(t testing.TB, parts ...string) string {
	p, err := filepath.Abs(filepath.Join(append([]string{"..", "testdata"}, parts...)...))
	require.NoError(t, err)
	return p
}

// chooseInputs chooses the pool and quota files and types k on the
// select page, which then checks them.
func (p *page) chooseInputs(pool, quotas string, k int) {
	p.t.Helper()
	p.upload("#pool", pool)
	p.upload("#quotas", quotas)
	p.do(chromedp.SendKeys(chromedp.CSS("#k"), fmt.Sprint(k)), chromedp.Blur(chromedp.CSS("#k")))
}

// selectOn fills the select page with the files, k and seed, runs it once
// the check is shown, and returns the result's text.
func (p *page) selectOn(pool, quotas string, k int, seed string) string {
	p.t.Helper()
	p.chooseInputs(pool, quotas, k)
	p.text("#check-verdict")
	p.do(chromedp.SendKeys(chromedp.CSS("#seed"), seed), chromedp.Click(chromedp.CSS("#run")))
	return p.text("#result")
}

// report returns the text of the report shown on the page, once loaded.
func (p *page) report() string {
	p.t.Helper()
	return eval[string](p, `new Promise(function (resolve) {
  function ready() {
    var d = document.getElementById('report').contentDocument;
    if (d && d.readyState === 'complete' && d.title) { resolve(d.title + '\n' + d.body.innerText); } else { setTimeout(ready, 50); }
  }
  ready();
})`)
}

// unzipTo writes the files of a zip into a new folder.
func unzipTo(t *testing.T, data []byte) string {
	t.Helper()
	dir := t.TempDir()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	for _, f := range z.File {
		r, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(r)
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, f.Name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, f.Name), b, 0o644))
	}
	return dir
}

// verifyDir runs tirage verify's checks on a folder with the input files.
func verifyDir(t *testing.T, dir, pool, quotas string) []string {
	t.Helper()
	poolData, err := os.ReadFile(pool)
	require.NoError(t, err)
	quotaData, err := os.ReadFile(quotas)
	require.NoError(t, err)
	return failed(audit.Verify(context.Background(), audit.VerifyInput{Dir: os.DirFS(dir), Pool: poolData, PoolName: filepath.Base(pool), Quotas: quotaData, QuotasName: filepath.Base(quotas)}))
}

func TestSelectDownloadVerifyInBrowser(t *testing.T) {
	pool, quotas := testdata(t, "example", "pool.csv"), testdata(t, "example", "quotas.csv")
	for _, be := range backEnds(t) {
		t.Run(be.name, func(t *testing.T) {
			p := open(t, be.url, "/")
			assert.Equal(t, be.name, eval[string](p, `document.body.dataset.backend`))
			result := p.selectOn(pool, quotas, 30, "example")
			assert.Contains(t, result, "Minimum probability of selection: 12.3%")
			assert.Contains(t, result, "with the seed “example”")
			assert.Contains(t, p.text("#check"), "The quotas can be met")

			public := p.download("#download-public")
			dir := unzipTo(t, public)
			assert.FileExists(t, filepath.Join(dir, audit.RecordFile))
			assert.Empty(t, verifyDir(t, dir, pool, quotas), "tirage verify on the downloaded public zip")
			private := unzipTo(t, p.download("#download-private"))
			assert.FileExists(t, filepath.Join(private, "remaining.csv"))
			report := p.report()
			assert.Contains(t, report, "Fairness report")

			// The verify page, on the zip with the input files: every check OK.
			zipPath := filepath.Join(t.TempDir(), "public.zip")
			require.NoError(t, os.WriteFile(zipPath, public, 0o644))
			// Wait for the verify page's own #bundle before its readiness: the
			// select page's body is ready too until the new page replaces it.
			p.do(chromedp.Click(chromedp.CSS(`nav a[href^="verify.html"]`)),
				chromedp.WaitReady(chromedp.CSS("#bundle")), chromedp.WaitReady(chromedp.CSS("body[data-ready]")))
			p.upload("#bundle", zipPath)
			p.upload("#verify-pool", pool)
			p.upload("#verify-quotas", quotas)
			p.do(chromedp.Click(chromedp.CSS("#verify-run")))
			verified := p.text("#verify-result")
			assert.NotContains(t, verified, "FAILED")
			assert.Contains(t, verified, "Verified: all")
			assert.Contains(t, verified, "What these checks cannot prove")

			// One file tampered with, given as separate files: FAILED.
			panel := filepath.Join(dir, audit.PanelFile)
			data, err := os.ReadFile(panel)
			require.NoError(t, err)
			lines := strings.Split(string(data), "\n")
			lines[1] = "v999"
			require.NoError(t, os.WriteFile(panel, []byte(strings.Join(lines, "\n")), 0o644))
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			var files []string
			for _, e := range entries {
				files = append(files, filepath.Join(dir, e.Name()))
			}
			p.navigate("/verify.html")
			p.upload("#bundle", files...)
			p.do(chromedp.Click(chromedp.CSS("#verify-run")))
			tampered := p.text("#verify-result")
			assert.Contains(t, tampered, "FAILED")
			assert.Contains(t, tampered, "NOT VERIFIED")
			assert.NotEmpty(t, verifyDir(t, dir, pool, quotas), "tirage verify on the tampered folder")

			p.onlyOwnOrigin()
			if be.name == "wasm" {
				assert.True(t, be.hasServed("/tirage.wasm"), "the worker loads the engine from the page's origin")
			}
		})
	}
}

func TestFrenchRunInBrowser(t *testing.T) {
	pool, quotas := testdata(t, "example", "pool.csv"), testdata(t, "example", "quotas.csv")
	for _, be := range backEnds(t) {
		t.Run(be.name, func(t *testing.T) {
			p := open(t, be.url, "/?lang=fr")
			assert.Equal(t, "fr", eval[string](p, `document.documentElement.lang`))
			assert.Equal(t, "Tirer un panel au sort", p.text("h1"))
			assert.Equal(t, "Liste des volontaires (CSV ou Excel)", p.text(`label[for="pool"]`))
			result := p.selectOn(pool, quotas, 30, "exemple")
			assert.Contains(t, result, "Probabilité minimale d’être tiré : 12,3\u202f%")
			assert.Contains(t, p.text("#check"), "Les quotas peuvent être respectés")
			report := p.report()
			assert.Contains(t, report, "Rapport d'équité")
			p.onlyOwnOrigin()
		})
	}
}

func TestInfeasibleQuotasInBrowser(t *testing.T) {
	pool, quotas := testdata(t, "conflicts", "min_above_pool", "pool.csv"), testdata(t, "conflicts", "min_above_pool", "quotas.csv")
	for _, be := range backEnds(t) {
		t.Run(be.name, func(t *testing.T) {
			p := open(t, be.url, "/")
			p.chooseInputs(pool, quotas, 10)
			assert.Contains(t, p.text("#check-verdict"), "The quotas cannot be met")
			assert.Contains(t, p.text("#conflicts"), `at least 8 people with literacy "non-literate" are required, but the pool has only 6`)
			assert.Contains(t, p.text("#relaxation"), `lower the min of literacy "non-literate" from 8 to 6`)
			p.do(chromedp.Click(chromedp.CSS("#apply-relaxation")), chromedp.WaitNotPresent(chromedp.CSS("#apply-relaxation")))
			assert.Contains(t, p.text("#check-verdict"), "With the relaxation applied, the quotas can be met")
			p.do(chromedp.SendKeys(chromedp.CSS("#seed"), "example"), chromedp.Click(chromedp.CSS("#run")))
			result := p.text("#result")
			assert.Contains(t, result, `lower the min of literacy "non-literate" from 8 to 6`)
			dir := unzipTo(t, p.download("#download-public"))
			assert.Empty(t, verifyDir(t, dir, pool, quotas), "the relaxed selection verifies with the quota file as given")
			p.onlyOwnOrigin()
		})
	}
}

func TestKeyboardOnlyAndNarrowInBrowser(t *testing.T) {
	pool, quotas := testdata(t, "example", "pool.csv"), testdata(t, "example", "quotas.csv")
	for _, be := range backEnds(t) {
		t.Run(be.name, func(t *testing.T) {
			p := open(t, be.url, "/")
			p.do(chromedp.EmulateViewport(400, 900))
			// Files come from the system's dialog: set them, then use only
			// the keyboard from the top of the page.
			p.upload("#pool", pool)
			p.upload("#quotas", quotas)
			eval[bool](p, `document.activeElement.blur(), true`)
			var visited []string
			for i := 0; i < 60; i++ {
				p.do(chromedp.KeyEvent(kb.Tab))
				id := eval[string](p, `document.activeElement.id || document.activeElement.tagName`)
				visited = append(visited, id)
				switch id {
				case "k":
					p.do(chromedp.KeyEvent("30"))
				case "seed":
					p.do(chromedp.KeyEvent("example"))
				}
				if id == "run" {
					break
				}
			}
			require.Equal(t, "run", visited[len(visited)-1], "Tab never reached the run button: %v", visited)
			for _, id := range []string{"pool", "quotas", "k", "algorithm", "seed-source", "seed"} {
				assert.Contains(t, visited, id)
			}
			p.do(chromedp.KeyEvent(kb.Enter))
			assert.Contains(t, p.text("#result"), "Minimum probability of selection: 12.3%")
			assert.Equal(t, "result", eval[string](p, `document.activeElement.id`), "the result takes the focus")
			for i := 0; i < 10 && eval[string](p, `document.activeElement.id`) != "download-public"; i++ {
				p.do(chromedp.KeyEvent(kb.Tab))
			}
			assert.Equal(t, "download-public", eval[string](p, `document.activeElement.id`))

			// Readable at 400 px: nothing wider than the window, every
			// control labelled.
			assert.Equal(t, 400, eval[int](p, `window.innerWidth`))
			assert.LessOrEqual(t, eval[int](p, `document.documentElement.scrollWidth`), 400)
			unlabelled := eval[[]string](p, `Array.from(document.querySelectorAll('input, select')).filter(e => !(e.labels && e.labels.length)).map(e => e.id)`)
			assert.Empty(t, unlabelled)
			narrowest := eval[float64](p, `Math.min(...Array.from(document.querySelectorAll('label, input, select, button, p')).filter(e => e.offsetParent).map(e => parseFloat(getComputedStyle(e).fontSize)))`)
			assert.GreaterOrEqual(t, narrowest, 14.0)
			p.onlyOwnOrigin()
		})
	}
}

func TestCommitThenDrawInBrowser(t *testing.T) {
	pool, quotas := testdata(t, "example", "pool.csv"), testdata(t, "example", "quotas.csv")
	for _, be := range backEnds(t) {
		t.Run(be.name, func(t *testing.T) {
			p := open(t, be.url, "/")
			p.chooseInputs(pool, quotas, 30)
			p.text("#check-verdict")
			p.do(chromedp.SetValue(chromedp.CSS("#seed-source"), "commit"))
			eval[bool](p, `document.getElementById('seed-source').dispatchEvent(new Event('change'))`)
			p.do(chromedp.SendKeys(chromedp.CSS("#seed-announcement"), "the seed announced on 1 May"),
				chromedp.Click(chromedp.CSS("#run")))
			assert.Contains(t, p.text("#result"), "Not drawn yet")
			committed := filepath.Join(t.TempDir(), "committed.zip")
			require.NoError(t, os.WriteFile(committed, p.download("#download-private"), 0o644))

			p.navigate("/draw.html")
			p.upload("#draw-bundle", committed)
			p.upload("#draw-pool", pool)
			p.do(chromedp.SendKeys(chromedp.CSS("#draw-seed"), "example"), chromedp.Click(chromedp.CSS("#draw-run")))
			assert.Contains(t, p.text("#result"), "with the seed “example”")
			dir := unzipTo(t, p.download("#download-public"))
			assert.Empty(t, verifyDir(t, dir, pool, quotas))
			p.onlyOwnOrigin()
		})
	}
}

// The compare page, on the native back end only: legacy's 10,000 runs
// take minutes in WebAssembly on a loaded machine.
func TestCompareInBrowser(t *testing.T) {
	pool, quotas := testdata(t, "example", "pool.csv"), testdata(t, "example", "quotas.csv")
	p := open(t, backEnds(t)[0].url, "/compare.html")
	p.upload("#compare-pool", pool)
	p.upload("#compare-quotas", quotas)
	p.do(chromedp.SendKeys(chromedp.CSS("#compare-k"), "30"), chromedp.Click(chromedp.CSS("#compare-run")))
	table := p.text("#compare-table")
	for _, name := range []string{"leximin", "maximin", "nash", "goldilocks", "legacy"} {
		assert.Contains(t, table, name)
	}
	assert.Equal(t, 5, eval[int](p, `document.querySelectorAll('#compare-table tbody tr').length`))
	p.onlyOwnOrigin()
}

func TestFileProblemsInBrowser(t *testing.T) {
	quotas := filepath.Join(t.TempDir(), "quotas.csv")
	require.NoError(t, os.WriteFile(quotas, []byte("feature,value,min,max\ngender,female,14,seventeen\n"), 0o644))
	for _, be := range backEnds(t) {
		t.Run(be.name, func(t *testing.T) {
			p := open(t, be.url, "/")
			p.chooseInputs(testdata(t, "example", "pool.csv"), quotas, 30)
			problems := p.text("#problems")
			assert.Contains(t, problems, "quotas.csv, line 2")
			assert.Contains(t, p.text("#status"), "problem")

			// Fixed, the check shows again.
			p.upload("#quotas", testdata(t, "example", "quotas.csv"))
			assert.Contains(t, p.text("#check-verdict"), "The quotas can be met")
		})
	}
}

// verifySelection runs tirage verify's checks (selection.Verify) on a
// folder, with the input files named as on the command line
// (FILE.xlsx:SHEET for a sheet of a workbook).
func verifySelection(t *testing.T, dir, pool, quotas string) []string {
	t.Helper()
	in := selection.VerifyInput{Dir: selection.Dir{Name: dir, FS: os.DirFS(dir)}}
	for _, f := range []struct {
		name string
		to   **selection.File
	}{{pool, &in.Pool}, {quotas, &in.Quotas}} {
		data, err := os.ReadFile(selection.InputFile(f.name))
		require.NoError(t, err)
		*f.to = &selection.File{Name: filepath.Base(f.name), Content: data}
	}
	return failed(selection.Verify(context.Background(), in).Checks)
}

// The partner's workbook (doc/partner-guide.md): the pool and the quotas
// are two sheets of one .xlsx, named on the page as on the command line
// (partenaire.xlsx:Volontaires), with the id column and the households.
func TestSelectFromAWorkbookInBrowser(t *testing.T) {
	workbook := testdata(t, "partner-fr", "partenaire.xlsx")
	for _, be := range backEnds(t) {
		t.Run(be.name, func(t *testing.T) {
			p := open(t, be.url, "/?lang=fr")
			p.upload("#pool", workbook)
			p.upload("#quotas", workbook)
			p.do(chromedp.SendKeys(chromedp.CSS("#pool-sheet"), "Volontaires"),
				chromedp.SendKeys(chromedp.CSS("#quotas-sheet"), "Quotas"),
				chromedp.SendKeys(chromedp.CSS("#id-column"), "id"),
				chromedp.SendKeys(chromedp.CSS("#households"), "Adresse,Code postal"),
				chromedp.SendKeys(chromedp.CSS("#k"), "30"), chromedp.Blur(chromedp.CSS("#k")))
			assert.Contains(t, p.text("#check-verdict"), "Les quotas peuvent être respectés")
			check := p.text("#check")
			assert.Contains(t, check, "400 personnes dans la liste")
			assert.Contains(t, check, "385 foyers")
			p.do(chromedp.SendKeys(chromedp.CSS("#seed"), "exemple"), chromedp.Click(chromedp.CSS("#run")))
			assert.Contains(t, p.text("#result"), "Probabilité minimale d’être tiré")
			dir := unzipTo(t, p.download("#download-public"))
			assert.Empty(t, verifySelection(t, dir, workbook+":Volontaires", workbook+":Quotas"), "tirage verify --pool partenaire.xlsx:Volontaires --quotas partenaire.xlsx:Quotas")
			record, err := os.ReadFile(filepath.Join(dir, audit.RecordFile))
			require.NoError(t, err)
			assert.Contains(t, string(record), `"partenaire.xlsx:Volontaires"`)
			assert.Contains(t, string(record), `"V001"`)
			for _, name := range []string{"Lefèvre", "beatrice.lefevre0@exemple.fr"} {
				assert.NotContains(t, string(record), name)
			}
			p.onlyOwnOrigin()
		})
	}
}

// A replacement (tirage replace, twice) is verified on the verify page
// with the selections it replaces: their three zips chosen together, in
// any order; without its predecessors it fails.
func TestVerifyAReplacementChainInBrowser(t *testing.T) {
	public, _, pool := replacementChain(t)
	dir := t.TempDir()
	var zips []string
	for i, f := range public {
		name := filepath.Join(dir, fmt.Sprintf("%d-%s", i, f.Name))
		require.NoError(t, os.WriteFile(name, f.Data, 0o644))
		zips = append(zips, name)
	}
	poolPath := filepath.Join(dir, pool.Name)
	require.NoError(t, os.WriteFile(poolPath, pool.Data, 0o644))
	folders := t.TempDir()
	for i, name := range []string{"lille", "lille-2", "lille-3"} {
		require.NoError(t, os.Rename(unzipTo(t, public[i].Data), filepath.Join(folders, name)))
	}
	for _, be := range backEnds(t) {
		t.Run(be.name, func(t *testing.T) {
			p := open(t, be.url, "/verify.html")
			p.upload("#bundle", zips[2], zips[0], zips[1])
			p.upload("#verify-pool", poolPath)
			p.do(chromedp.Click(chromedp.CSS("#verify-run")))
			verified := p.text("#verify-result")
			assert.NotContains(t, verified, "FAILED")
			assert.Contains(t, verified, "Verified: all")
			assert.Contains(t, p.text("#chain"), "verified with the 2 selections it replaces")

			// A folder holding the three selections' folders.
			p.navigate("/verify.html?lang=fr")
			p.upload("#bundle-folder", folders)
			p.do(chromedp.Click(chromedp.CSS("#verify-run")))
			assert.Contains(t, p.text("#verify-result"), "Vérifié")
			assert.Contains(t, p.text("#chain"), "vérifié avec 2 tirages")

			// The last replacement alone: its chain cannot be checked.
			p.navigate("/verify.html")
			p.upload("#bundle", zips[2])
			p.do(chromedp.Click(chromedp.CSS("#verify-run")))
			assert.Contains(t, p.text("#verify-result"), "FAILED")
			p.onlyOwnOrigin()
		})
	}
}

// On a French page, the engine's reasons are in French: the conflict and
// the relaxation of the check (native back end: the page sends its
// language to both alike).
func TestFrenchReasonsInBrowser(t *testing.T) {
	pool, quotas := testdata(t, "conflicts", "min_above_pool", "pool.csv"), testdata(t, "conflicts", "min_above_pool", "quotas.csv")
	p := open(t, backEnds(t)[0].url, "/?lang=fr")
	p.chooseInputs(pool, quotas, 10)
	assert.Contains(t, p.text("#check-verdict"), "Les quotas ne peuvent pas être respectés")
	conflicts, relaxation := p.text("#conflicts"), p.text("#relaxation")
	assert.NotContains(t, conflicts, "are required")
	assert.Contains(t, conflicts, "non-literate")
	assert.Contains(t, conflicts, "personnes")
	assert.NotContains(t, relaxation, "lower the min")
	assert.Contains(t, relaxation, "de 8 à 6")
}

// Ids that look like personal data are said at once, with what to do,
// as select warns of them (native back end).
func TestPersonalIDsInBrowser(t *testing.T) {
	p := open(t, backEnds(t)[0].url, "/")
	p.do(chromedp.SendKeys(chromedp.CSS("#id-column"), "email"))
	p.chooseInputs(testdata(t, "example", "pool.csv"), testdata(t, "example", "quotas.csv"), 30)
	warning := p.text("#id-warning")
	assert.Contains(t, warning, "look like e-mail addresses")
	assert.Contains(t, warning, "The ids are published")
}
