package sortition_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// sharedInstance loads a benchmark instance from ../shared/instances (beside
// the repository), or skips the benchmark when it is not there.
func sharedInstance(b *testing.B, name string) (*sortition.Pool, int) {
	dir := filepath.Join("..", "..", "shared", "instances", name)
	meta, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		b.Skipf("instance %s not available: %v", name, err)
	}
	var m struct{ K int }
	if err := json.Unmarshal(meta, &m); err != nil {
		b.Fatal(err)
	}
	q, err := quota.ReadFile(filepath.Join(dir, "categories.csv"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := sortition.ReadPool(filepath.Join(dir, "respondents.csv"), q, sortition.PoolOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return p, m.K
}

// sharedInstances are the shared instances every objective is benchmarked
// on; hardInstances are the pools that resemble the population (every
// quota binds), benchmarked for maximin and leximin.
var (
	sharedInstances = []string{"example_small_20", "example_large_200", "wti_small", "wti_medium", "wti_large", "wti_xl"}
	hardInstances   = []string{"half_400", "bal_1500", "bal_2000", "bal_5000"}
)

// BenchmarkMaximin runs the maximin lottery on every shared instance and
// reports the CPU time (user and system, all threads: on a shared machine
// it measures the work better than ns/op), iterations, decomposition steps
// (rounded and exact), panels, the gap and the peak heap.
func BenchmarkMaximin(b *testing.B) {
	benchmarkLottery(b, "maximin", append(sharedInstances, hardInstances...))
}

// BenchmarkLeximin does the same for the leximin lottery, with its number
// of levels and largest probability.
func BenchmarkLeximin(b *testing.B) {
	benchmarkLottery(b, "leximin", append(sharedInstances, hardInstances...))
}

// benchmarkLottery runs the named objective, with its default parameters,
// on the instances.
func benchmarkLottery(b *testing.B, objective string, instances []string) {
	o, ok := sortition.ObjectiveNamed(objective)
	if !ok {
		b.Fatalf("no objective %q", objective)
	}
	for _, name := range instances {
		b.Run(name, func(b *testing.B) {
			p, k := sharedInstance(b, name)
			problem := testpool.Problem(b, p, k)
			var l *sortition.Lottery
			var peak uint64
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				runtime.GC()
				var err error
				start := processCPU()
				l, err = o.Lottery(context.Background(), problem, sortition.Options{})
				cpu += processCPU() - start
				if err != nil {
					b.Fatal(err)
				}
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapSys)
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(l.MinProbability, "optimum")
			if l.Weights != nil {
				b.ReportMetric(l.UpperBound-l.MinProbability, "gap")
			}
			b.ReportMetric(float64(l.Stats.Iterations), "iterations")
			b.ReportMetric(float64(l.Stats.DecompositionSteps), "decomposition-steps")
			b.ReportMetric(float64(l.Stats.RoundedSteps), "rounded-steps")
			b.ReportMetric(float64(l.Stats.DecompositionSteps-l.Stats.RoundedSteps), "exact-steps")
			b.ReportMetric(float64(l.Stats.TypePanels), "type-panels")
			b.ReportMetric(float64(len(l.Panels)), "panels")
			b.ReportMetric(float64(peak)/(1<<20), "heap-MB")
			b.ReportMetric(slices.Max(l.Marginals), "max-probability")
			if l.Estimated {
				b.ReportMetric(float64(l.Stats.Restarts), "restarts")
			}
			if l.Levels != nil {
				b.ReportMetric(float64(len(l.Levels)), "levels")
			}
		})
	}
}

// BenchmarkUniform rounds the maximin lottery of the shared instances up to
// wti_large (wti_xl's lottery takes about 20 minutes) to m = 1000 panels and
// reports the largest shift in tickets, the exact and uniform minimum
// probabilities and, for comparison, the shift of systematic sampling.
func BenchmarkUniform(b *testing.B) {
	const m = sortition.DefaultUniformPanels
	for _, name := range []string{"example_small_20", "example_large_200", "wti_small", "wti_medium", "wti_large"} {
		b.Run(name, func(b *testing.B) {
			p, k := sharedInstance(b, name)
			l, err := sortition.Maximin(context.Background(), testpool.Problem(b, p, k), sortition.MaximinOptions{})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var u *sortition.Uniform
			for i := 0; i < b.N; i++ {
				if u, err = l.Uniform(m); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(shiftTickets(l, u.Tickets, m), "shift-tickets")
			b.ReportMetric(shiftTickets(l, systematicTickets(l, m), m), "systematic-shift")
			b.ReportMetric(u.ExactMinimum, "exact-min")
			b.ReportMetric(u.Minimum, "uniform-min")
		})
	}
}

// BenchmarkNash runs the Nash welfare lottery on every shared instance.
func BenchmarkNash(b *testing.B) { benchmarkLottery(b, "nash", sharedInstances) }

// BenchmarkGoldilocks runs the Goldilocks lottery (γ = 1) on every shared
// instance.
func BenchmarkGoldilocks(b *testing.B) { benchmarkLottery(b, "goldilocks", sharedInstances) }

// BenchmarkLegacy estimates the legacy procedure's lottery on every shared
// instance from DefaultLegacyRuns runs (seed 0).
func BenchmarkLegacy(b *testing.B) { benchmarkLottery(b, "legacy", sharedInstances) }
