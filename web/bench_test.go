package web

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// BenchmarkSelectInBrowser measures a selection in headless Chromium, from
// the click on Run to the result on the page, through each back end: the
// example (200 people, k = 30) and wti_large (2,000 people, k = 150, from
// ../shared/instances beside the repository; skipped when absent). s/load
// is the time the page takes to have its engine ready (the WebAssembly
// module's download and compilation; nothing for the native back end).
// cpu-s/select is the CPU time of the selection, in this process (the
// native back end) and in the browser's processes (the WebAssembly
// engine, and the page), on Linux: on a loaded machine, the measure that
// does not depend on the other work. engine-s/select is the time the
// WebAssembly engine's call takes in its worker; page-s/select the time
// the page measures from the click to the result shown (s/select adds
// the test's own round trips to the browser, which a loaded machine
// makes long).
//
//	go test -run '^$' -bench SelectInBrowser -benchtime 3x ./web
func BenchmarkSelectInBrowser(b *testing.B) {
	instances := []struct {
		name, pool, quotas string
		k                  int
	}{
		{"example", testdata(b, "example", "pool.csv"), testdata(b, "example", "quotas.csv"), 30},
		{"wti_large", filepath.Join("..", "..", "shared", "instances", "wti_large", "respondents.csv"), filepath.Join("..", "..", "shared", "instances", "wti_large", "categories.csv"), 150},
	}
	for _, be := range backEnds(b) {
		for _, in := range instances {
			b.Run(be.name+"/"+in.name, func(b *testing.B) {
				if _, err := os.Stat(in.pool); err != nil {
					b.Skipf("instance %s not available: %v", in.name, err)
				}
				pool, _ := filepath.Abs(in.pool)
				quotas, _ := filepath.Abs(in.quotas)
				p := open(b, be.url, "/")
				pid := chromedp.FromContext(p.ctx).Browser.Process().Pid
				var load, run, cpu, engine, page time.Duration
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					start := time.Now()
					p.navigate("/")
					p.do(chromedp.WaitReady(chromedp.CSS("body[data-engine=ready]")))
					load += time.Since(start)
					p.chooseInputs(pool, quotas, in.k)
					p.text("#check-verdict")
					p.do(chromedp.SendKeys(chromedp.CSS("#seed"), "example"))
					b.StartTimer()
					start, startCPU := time.Now(), cpuTime(pid)
					p.do(chromedp.Click(chromedp.CSS("#run")))
					p.text("#minimum")
					run += time.Since(start)
					cpu += cpuTime(pid) - startCPU
					page += time.Duration(eval[float64](p, `Number(document.body.dataset.selectMs)`) * float64(time.Millisecond))
					if be.name == "wasm" {
						engine += time.Duration(eval[float64](p, `Number(document.body.dataset.engineMs)`) * float64(time.Millisecond))
					}
				}
				b.ReportMetric(run.Seconds()/float64(b.N), "s/select")
				b.ReportMetric(load.Seconds()/float64(b.N), "s/load")
				b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/select")
				b.ReportMetric(page.Seconds()/float64(b.N), "page-s/select")
				if be.name == "wasm" {
					b.ReportMetric(engine.Seconds()/float64(b.N), "engine-s/select")
				}
			})
		}
	}
}
