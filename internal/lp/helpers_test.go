package lp

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// denseLP is a test problem in the model's form with a dense matrix.
type denseLP struct {
	c            []float64
	a            [][]float64
	colLo, colUp []float64
	rowLo, rowUp []float64
}

func (p *denseLP) n() int { return len(p.c) }
func (p *denseLP) m() int { return len(p.a) }

func (p *denseLP) clone() *denseLP {
	q := &denseLP{
		c:     append([]float64(nil), p.c...),
		colLo: append([]float64(nil), p.colLo...),
		colUp: append([]float64(nil), p.colUp...),
		rowLo: append([]float64(nil), p.rowLo...),
		rowUp: append([]float64(nil), p.rowUp...),
	}
	for _, r := range p.a {
		q.a = append(q.a, append([]float64(nil), r...))
	}
	return q
}

func (p *denseLP) build() *Model {
	md := NewModel()
	for j := range p.c {
		md.AddCol(p.c[j], p.colLo[j], p.colUp[j])
	}
	for i := range p.a {
		md.addDenseRow(p.a[i], p.rowLo[i], p.rowUp[i])
	}
	return md
}

func (m *Model) addDenseRow(row []float64, lo, up float64) int {
	var idx []int
	var val []float64
	for j, v := range row {
		if v != 0 {
			idx = append(idx, j)
			val = append(val, v)
		}
	}
	return m.AddRow(idx, val, lo, up)
}

// bruteForce enumerates all basic solutions of the problem with every
// infinite bound replaced by ±box. It returns whether a feasible point exists
// and the best objective.
func bruteForce(p *denseLP, box float64) (bool, float64) {
	n, m := p.n(), p.m()
	N := n + m
	lo := make([]float64, N)
	up := make([]float64, N)
	for j := 0; j < n; j++ {
		lo[j], up[j] = p.colLo[j], p.colUp[j]
	}
	for i := 0; i < m; i++ {
		lo[n+i], up[n+i] = p.rowLo[i], p.rowUp[i]
	}
	for v := range lo {
		lo[v] = math.Max(lo[v], -box)
		up[v] = math.Min(up[v], box)
	}
	col := func(v, i int) float64 {
		if v < n {
			return p.a[i][v]
		}
		if v-n == i {
			return -1
		}
		return 0
	}
	best := math.Inf(1)
	found := false
	basic := make([]int, 0, m)
	var rec func(start int)
	eval := func() {
		isB := make([]bool, N)
		for _, v := range basic {
			isB[v] = true
		}
		var nb []int
		for v := 0; v < N; v++ {
			if !isB[v] {
				nb = append(nb, v)
			}
		}
		B := mat.NewDense(max(m, 1), max(m, 1), nil)
		if m > 0 {
			for i := 0; i < m; i++ {
				for p2, v := range basic {
					B.Set(i, p2, col(v, i))
				}
			}
			if mat.Det(B) == 0 || mat.Cond(B, 1) > 1e12 {
				return
			}
		}
		x := make([]float64, N)
		for mask := 0; mask < 1<<len(nb); mask++ {
			for k, v := range nb {
				if mask>>k&1 == 1 {
					x[v] = up[v]
				} else {
					x[v] = lo[v]
				}
			}
			if m > 0 {
				rhs := mat.NewVecDense(m, nil)
				for i := 0; i < m; i++ {
					s := 0.0
					for _, v := range nb {
						s -= col(v, i) * x[v]
					}
					rhs.SetVec(i, s)
				}
				var xb mat.VecDense
				if err := xb.SolveVec(B, rhs); err != nil {
					continue
				}
				for p2, v := range basic {
					x[v] = xb.AtVec(p2)
				}
			}
			ok := true
			for v := 0; v < N; v++ {
				if x[v] < lo[v]-1e-9 || x[v] > up[v]+1e-9 {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			obj := 0.0
			for j := 0; j < n; j++ {
				obj += p.c[j] * x[j]
			}
			found = true
			best = math.Min(best, obj)
		}
	}
	rec = func(start int) {
		if len(basic) == m {
			eval()
			return
		}
		for v := start; v < N; v++ {
			basic = append(basic, v)
			rec(v + 1)
			basic = basic[:len(basic)-1]
		}
	}
	rec(0)
	return found, best
}

// randTiny returns a tiny LP with small integer data, often degenerate, with
// all kinds of bounds.
func randTiny(rng *rand.Rand) *denseLP {
	n := 1 + rng.IntN(4)
	m := 1 + rng.IntN(3)
	p := &denseLP{}
	for j := 0; j < n; j++ {
		p.c = append(p.c, float64(rng.IntN(7)-3))
		lo, up := randBounds(rng)
		p.colLo = append(p.colLo, lo)
		p.colUp = append(p.colUp, up)
	}
	for i := 0; i < m; i++ {
		row := make([]float64, n)
		for j := range row {
			if rng.IntN(3) > 0 {
				row[j] = float64(rng.IntN(5) - 2)
			}
		}
		p.a = append(p.a, row)
		lo, up := randBounds(rng)
		p.rowLo = append(p.rowLo, lo)
		p.rowUp = append(p.rowUp, up)
	}
	return p
}

func randBounds(rng *rand.Rand) (float64, float64) {
	l := float64(rng.IntN(7) - 3)
	switch rng.IntN(6) {
	case 0:
		return l, l + float64(rng.IntN(4))
	case 1:
		return l, math.Inf(1)
	case 2:
		return math.Inf(-1), l
	case 3:
		return math.Inf(-1), math.Inf(1)
	case 4:
		return l, l
	default:
		return 0, float64(1 + rng.IntN(3))
	}
}

func solveOK(t *testing.T, md *Model) Status {
	t.Helper()
	st, err := md.Solve(context.Background())
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	return st
}

func checkCert(t *testing.T, md *Model, tol float64) {
	t.Helper()
	c := md.Check()
	if c.PrimalInfeasibility > tol || c.DualInfeasibility > tol || c.DualityGap > tol*(1+math.Abs(c.PrimalObjective)) {
		t.Fatalf("bad certificate: %+v", c)
	}
}

// maximin builds a maximin master LP over random 0/1 panels: variables y_t ≥
// 0 (people) and ŷ free; Σ y = 1; for each panel Σ_{t∈P} y_t − ŷ ≤ 0;
// minimise ŷ.
type masterData struct {
	people int
	panels [][]int
}

func randMaster(rng *rand.Rand, panels, people, k int) *masterData {
	md := &masterData{people: people}
	for p := 0; p < panels; p++ {
		perm := rng.Perm(people)[:k]
		md.panels = append(md.panels, perm)
	}
	return md
}

func (d *masterData) newModel() *Model {
	md := NewModel()
	idx := make([]int, d.people)
	val := make([]float64, d.people)
	for t := 0; t < d.people; t++ {
		md.AddCol(0, 0, math.Inf(1))
		idx[t], val[t] = t, 1
	}
	yhat := md.AddCol(1, math.Inf(-1), math.Inf(1))
	_ = yhat
	md.AddRow(idx, val, 1, 1)
	return md
}

func (d *masterData) addPanel(md *Model, p int) {
	pan := d.panels[p]
	idx := make([]int, 0, len(pan)+1)
	val := make([]float64, 0, len(pan)+1)
	for _, t := range pan {
		idx = append(idx, t)
		val = append(val, 1)
	}
	idx = append(idx, d.people)
	val = append(val, -1)
	md.AddRow(idx, val, math.Inf(-1), 0)
}
