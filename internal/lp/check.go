package lp

import "math"

// Certificate is an independent check of a solution, recomputed from the
// original model data in plain float64 arithmetic (compensated sums).
type Certificate struct {
	// PrimalInfeasibility is the largest violation of a column bound or a
	// row bound by x and A x.
	PrimalInfeasibility float64
	// DualInfeasibility is the largest reduced cost (d = c − Aᵀy for columns,
	// y for rows) whose sign is not allowed by the bounds: a positive
	// multiplier needs a finite lower bound, a negative one a finite upper
	// bound.
	DualInfeasibility float64
	// Complementarity is the largest |multiplier × distance to the bound it
	// is attached to|; zero at an exact optimum.
	Complementarity float64
	// PrimalObjective is c·x.
	PrimalObjective float64
	// DualObjective is Σ_i y_i·b_i + Σ_j d_j·β_j, where b_i (β_j) is the
	// row (column) bound selected by the sign of y_i (d_j); where that bound
	// is infinite the current activity is used instead (and the violation is
	// reported by DualInfeasibility).
	DualObjective float64
	// DualityGap is |PrimalObjective − DualObjective|.
	DualityGap float64
}

// Check recomputes the certificate of the current solution (X and RowDuals)
// from the original data. It is meaningful after Solve returned Optimal.
func (m *Model) Check() Certificate {
	var c Certificate
	n, nr := len(m.cost), len(m.rowLo)
	x := m.X(nil)
	y := m.RowDuals(nil)
	// primal
	act := make([]ksum, nr)
	var pobj ksum
	for j := 0; j < n; j++ {
		xj := x[j]
		c.PrimalInfeasibility = math.Max(c.PrimalInfeasibility, viol(xj, m.colLo[j], m.colUp[j]))
		pobj.add(m.cost[j] * xj)
		for t, i := range m.colIdx[j] {
			act[i].add(m.colVal[j][t] * xj)
		}
	}
	ax := make([]float64, nr)
	for i := range act {
		ax[i] = act[i].value()
		c.PrimalInfeasibility = math.Max(c.PrimalInfeasibility, viol(ax[i], m.rowLo[i], m.rowUp[i]))
	}
	c.PrimalObjective = pobj.value()
	// dual
	var dobj ksum
	mult := func(mu, val, lo, up float64) {
		b := val
		switch {
		case mu > 0:
			if math.IsInf(lo, -1) {
				c.DualInfeasibility = math.Max(c.DualInfeasibility, mu)
			} else {
				b = lo
			}
		case mu < 0:
			if math.IsInf(up, 1) {
				c.DualInfeasibility = math.Max(c.DualInfeasibility, -mu)
			} else {
				b = up
			}
		}
		dobj.add(mu * b)
		c.Complementarity = math.Max(c.Complementarity, math.Abs(mu*(val-b)))
	}
	for i := 0; i < nr; i++ {
		mult(y[i], ax[i], m.rowLo[i], m.rowUp[i])
	}
	for j := 0; j < n; j++ {
		var s ksum
		s.add(m.cost[j])
		for t, i := range m.colIdx[j] {
			s.add(-m.colVal[j][t] * y[i])
		}
		mult(s.value(), x[j], m.colLo[j], m.colUp[j])
	}
	c.DualObjective = dobj.value()
	c.DualityGap = math.Abs(c.PrimalObjective - c.DualObjective)
	return c
}

func viol(v, lo, up float64) float64 {
	if v < lo {
		return lo - v
	}
	if v > up {
		return v - up
	}
	return 0
}
