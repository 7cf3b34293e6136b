package dropout

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"
)

// benchChoose chooses n alternates for a panel of k from the instance with
// 1,000 scenarios at a 15 % dropout rate for everyone, 30 % for the values
// named young, rural or non-literate.
func benchChoose(b *testing.B, name string, k, own, n int) {
	pool, bounds := loadInstance(b, name, k, own)
	r := rand.New(rand.NewPCG(7, 8))
	panel := somePanel(b, bounds, pool, r)
	rates := make([]float64, len(pool.People))
	for i, p := range pool.People {
		rates[i] = 0.15
		for c, v := range p.Values {
			switch pool.Quotas.Categories[c].Values[v].Name {
			case "16-24", "rural", "non-literate":
				rates[i] = 0.3
			}
		}
	}
	ctx := context.Background()
	for b.Loop() {
		start, cpu := time.Now(), cpuTime()
		sample, err := NewSample(ctx, "bench", DefaultScenarios, rates, 2)
		if err != nil {
			b.Fatal(err)
		}
		ch, err := Choose(ctx, &Problem{Bounds: bounds, Pool: pool, Panel: panel, N: n, Sample: sample}, Options{Workers: 2})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(ch.AverageLoss(), "loss")
		b.ReportMetric(ch.Gap(), "gap")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s")
		b.Logf("%s k=%d N=%d: average loss %.4f, lower bound %.4f; %d steps solved, %d nodes; %v wall, %v CPU",
			name, k, n, ch.AverageLoss(), float64(ch.LowerBound)/float64(ch.Scenarios), ch.Solves, ch.Nodes, time.Since(start), cpuTime()-cpu)
	}
}

// BenchmarkChooseK60 is the first speed target: N = 10 for k = 60 from 400
// (half_400's pool, its quotas scaled from 200 to 60).
func BenchmarkChooseK60(b *testing.B) { benchChoose(b, "half_400", 60, 200, 10) }

// BenchmarkChooseK150 is the second: N = 20 for k = 150 from 2,000
// (bal_2000).
func BenchmarkChooseK150(b *testing.B) { benchChoose(b, "bal_2000", 150, 150, 20) }
