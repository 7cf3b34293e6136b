package lp

import (
	"context"
	"math"
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

// BenchmarkMasterTypes shapes the master LP like tirage's maximin master
// over types: 2400 type columns y_t ≥ 0 and a free ŷ, the row Σy = 1, and
// panel rows Σ_t c_t/s_t·y_t − ŷ ≤ 0 with 150–200 types per panel (type
// sizes s_t in 1..6, counts c_t ≤ s_t). Rows are added one at a time and
// the model is re-solved after each (dual simplex from the previous basis).
func BenchmarkMasterTypes(b *testing.B) {
	const types, panels = 2400, 400
	rng := rand.New(rand.NewPCG(3, 3))
	size := make([]float64, types)
	for t := range size {
		size[t] = float64(1 + rng.IntN(6))
	}
	type row struct {
		idx []int
		val []float64
	}
	rows := make([]row, panels)
	for p := range rows {
		nz := 150 + rng.IntN(51)
		for _, t := range rng.Perm(types)[:nz] {
			c := 1 + rng.IntN(int(size[t]))
			rows[p].idx = append(rows[p].idx, t)
			rows[p].val = append(rows[p].val, float64(c)/size[t])
		}
		rows[p].idx = append(rows[p].idx, types)
		rows[p].val = append(rows[p].val, -1)
	}
	iters := 0
	for b.Loop() {
		md := NewModel()
		idx := make([]int, types)
		ones := make([]float64, types)
		for t := range idx {
			md.AddCol(0, 0, math.Inf(1))
			idx[t], ones[t] = t, 1
		}
		md.AddCol(1, math.Inf(-1), math.Inf(1))
		md.AddRow(idx, ones, 1, 1)
		for _, r := range rows {
			md.AddRow(r.idx, r.val, math.Inf(-1), 0)
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
