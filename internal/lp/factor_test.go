package lp

import (
	"math/rand/v2"
	"testing"
)

// TestFactorResidual checks B(B⁻¹a) = a and (B⁻ᵀc)ᵀB = cᵀ after every
// refactorisation, appended row and dual pivot of an incremental master LP.
func TestFactorResidual(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	d := randMaster(rng, 120, 400, 40)
	md := d.newModel()
	worst := [2]float64{}
	testHook = func(m *Model, where string) {
		e1, e2 := factorResidual(m)
		worst[0], worst[1] = max(worst[0], e1), max(worst[1], e2)
		if e1 > 1e-7 || e2 > 1e-7 {
			t.Fatalf("%s: residuals %g %g after %d updates (kernel %d)", where, e1, e2, len(m.fac.ops), m.fac.k)
		}
	}
	defer func() { testHook = nil }()
	for p := range d.panels {
		d.addPanel(md, p)
		if st := solveOK(t, md); st != Optimal {
			t.Fatal(p, st)
		}
	}
	checkCert(t, md, 1e-9)
	t.Logf("worst residuals %g %g", worst[0], worst[1])
}

// factorResidual returns the residuals of ftran and btran on a random vector.
func factorResidual(m *Model) (float64, float64) {
	rng := rand.New(rand.NewPCG(5, 5))
	nr := m.m
	a := make([]float64, nr)
	for i := range a {
		a[i] = rng.NormFloat64()
	}
	v := append([]float64(nil), a...)
	m.fac.ftran(m, v)
	bv := make([]float64, nr)
	for p, h := range m.hd {
		if h >= m.n {
			bv[h-m.n] -= v[p]
		} else {
			for t, i := range m.colIdx[h] {
				bv[i] += m.colVal[h][t] * v[p]
			}
		}
	}
	e1 := 0.0
	for i := range a {
		e1 = max(e1, abs(bv[i]-a[i]))
	}
	w := append([]float64(nil), a...)
	m.fac.btran(m, w)
	e2 := 0.0
	for p, h := range m.hd {
		e2 = max(e2, abs(m.colDot(h, w)-a[p]))
	}
	return e1, e2
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
