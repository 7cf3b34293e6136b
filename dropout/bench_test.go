package dropout

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"
)

// benchChoose chooses n alternates for a panel of k from the instance with
// 1,000 scenarios at a 5 % dropout rate for everyone, 15 % for the values
// named 16-24, rural or non-literate (one such value is enough), then
// compares it on a fresh sample with no alternates, scaled-quota
// alternates and the ranked list (of 30 panels).
func benchChoose(b *testing.B, name string, k, own, n int) {
	pool, bounds := loadInstance(b, name, k, own)
	r := rand.New(rand.NewPCG(7, 8))
	panel := somePanel(b, bounds, pool, r)
	rates := make([]float64, len(pool.People))
	for i, p := range pool.People {
		rates[i] = 0.05
		for c, v := range p.Values {
			switch pool.Quotas.Categories[c].Values[v].Name {
			case "16-24", "rural", "non-literate":
				rates[i] = 0.15
			}
		}
	}
	ctx := context.Background()
	ranked := rankedList(b, bounds, pool, panel, 30, n, r)
	for b.Loop() {
		start, cpu := time.Now(), cpuTime()
		sample, err := NewSample(ctx, "bench", DefaultScenarios, rates, 2)
		if err != nil {
			b.Fatal(err)
		}
		scaled, err := ScaledQuotaAlternates(ctx, bounds, pool, panel, n, "bench/scaled")
		if err != nil {
			b.Fatal(err)
		}
		starts := [][]int{scaled, ranked}
		ch, err := Choose(ctx, &Problem{Bounds: bounds, Pool: pool, Panel: panel, N: n, Sample: sample, Starts: starts}, Options{Workers: 2})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(ch.AverageLoss(), "loss")
		b.ReportMetric(ch.Gap(), "gap")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s")
		b.Logf("%s k=%d N=%d: average loss %.4f, lower bound %.4f; %d steps solved, %d nodes; %v wall, %v CPU",
			name, k, n, ch.AverageLoss(), float64(ch.LowerBound)/float64(ch.Scenarios), ch.Solves, ch.Nodes, time.Since(start), cpuTime()-cpu)
		b.StopTimer()
		fresh, err := NewSample(ctx, "bench/evaluate", DefaultScenarios, rates, 2)
		if err != nil {
			b.Fatal(err)
		}
		for j, set := range [][]int{nil, scaled, ranked, ch.Alternates} {
			in, err := Evaluate(ctx, bounds, pool, panel, set, sample, 2)
			if err != nil {
				b.Fatal(err)
			}
			f, err := Evaluate(ctx, bounds, pool, panel, set, fresh, 2)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("%-7s in-sample loss %.3f; fresh sample: expected loss %.3f, meets every quota %.1f %%, full %.1f %%, loss 0 %.1f %%",
				[]string{"none", "scaled", "ranked", "chosen"}[j], in.ExpectedLoss(), f.ExpectedLoss(),
				100*f.MeetRate(), 100*float64(f.Full)/float64(f.Scenarios), 100*float64(f.Perfect)/float64(f.Scenarios))
		}
		b.StartTimer()
	}
}

// BenchmarkChooseK60 is the first speed target: N = 10 for k = 60 from 400
// (half_400's pool, its quotas scaled from 200 to 60).
func BenchmarkChooseK60(b *testing.B) { benchChoose(b, "half_400", 60, 200, 10) }

// BenchmarkChooseK150 is the second: N = 20 for k = 150 from 2,000
// (bal_2000).
func BenchmarkChooseK150(b *testing.B) { benchChoose(b, "bal_2000", 150, 150, 20) }

// BenchmarkEvaluateK150 applies the exact replacement step in 1,000
// scenarios of bal_2000 (k = 150) with 20 scaled-quota alternates: the
// work of checking a claim or giving one set's figures.
func BenchmarkEvaluateK150(b *testing.B) {
	pool, bounds := loadInstance(b, "bal_2000", 150, 150)
	panel := somePanel(b, bounds, pool, rand.New(rand.NewPCG(7, 8)))
	rates := make([]float64, len(pool.People))
	for i := range rates {
		rates[i] = 0.08
	}
	ctx := context.Background()
	sample, err := NewSample(ctx, "bench", DefaultScenarios, rates, 2)
	if err != nil {
		b.Fatal(err)
	}
	scaled, err := ScaledQuotaAlternates(ctx, bounds, pool, panel, 20, "bench/scaled")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		cpu := cpuTime()
		f, err := Evaluate(ctx, bounds, pool, panel, scaled, sample, 2)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s")
		b.ReportMetric(f.ExpectedLoss(), "loss")
	}
}
