package lp

import (
	"context"
	"math/rand/v2"
	"testing"
)

// BenchmarkPricing solves a random pricing-shaped LP (about 30 rows × 2000
// columns) cold, then re-solves it after changing all costs.
func BenchmarkPricing(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	d := randPricing(rng, 2000, 100, 6, 5)
	b.ReportAllocs()
	iters := 0
	for b.Loop() {
		md := d.newModel()
		if st, err := md.Solve(context.Background()); err != nil || st != Optimal {
			b.Fatal(st, err)
		}
		iters += md.Iterations()
		for j := 0; j < d.n; j++ {
			md.SetCost(j, -rng.Float64())
		}
		if st, err := md.Solve(context.Background()); err != nil || st != Optimal {
			b.Fatal(st, err)
		}
		iters += md.Iterations()
	}
	b.ReportMetric(float64(iters)/float64(b.N), "iters/op")
	b.ReportMetric(float64(d.newModel().NumRows()), "rows")
}

func benchMaster(b *testing.B, panels, people int) {
	rng := rand.New(rand.NewPCG(2, 2))
	d := randMaster(rng, panels, people, people/10)
	iters := 0
	for b.Loop() {
		md := d.newModel()
		for p := range d.panels {
			d.addPanel(md, p)
			if st, err := md.Solve(context.Background()); err != nil || st != Optimal {
				b.Fatal(st, err)
			}
			iters += md.Iterations()
		}
		if c := md.Check(); c.PrimalInfeasibility > 1e-9 || c.DualInfeasibility > 1e-9 || c.DualityGap > 1e-9 {
			b.Fatalf("bad certificate %+v", c)
		}
	}
	b.ReportMetric(float64(iters)/float64(b.N), "iters/op")
}

// BenchmarkMaster300x1000 builds a maximin master LP with 300 random panels
// over 1000 people incrementally, re-solving after every added row.
func BenchmarkMaster300x1000(b *testing.B) { benchMaster(b, 300, 1000) }

// BenchmarkMaster500x1500 is BenchmarkMaster300x1000 with 500 panels over
// 1500 people.
func BenchmarkMaster500x1500(b *testing.B) { benchMaster(b, 500, 1500) }

// BenchmarkMasterCold300x1000 solves the 300×1000 master LP in one go.
func BenchmarkMasterCold300x1000(b *testing.B) {
	rng := rand.New(rand.NewPCG(2, 2))
	d := randMaster(rng, 300, 1000, 100)
	iters := 0
	for b.Loop() {
		md := d.newModel()
		for p := range d.panels {
			d.addPanel(md, p)
		}
		if st, err := md.Solve(context.Background()); err != nil || st != Optimal {
			b.Fatal(st, err)
		}
		iters += md.Iterations()
	}
	b.ReportMetric(float64(iters)/float64(b.N), "iters/op")
}
