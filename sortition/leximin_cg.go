package sortition

import (
	"context"
	"fmt"
	"math"

	"github.com/tirage/tirage/internal/lp"
	"github.com/tirage/tirage/internal/pricing"
)

// leximinByColumnGeneration computes the leximin lottery over panels by
// column generation, level by level, starting from the given panels. It
// is used when the relaxation's leximin point is not a combination of
// panels.
//
// At each level the master LP over the known panels is
//
//	maximise z  subject to  π_t(λ) ≥ z for the types not yet fixed,
//	                        π_t(λ) ≥ f_t for the types fixed at level f_t,
//	                        Σλ = 1, λ ≥ 0,
//
// with π_t(λ) = Σ_P λ_P c_Pt/s_t. With duals y ≥ 0 on the type rows (μ on
// the fixed ones) and θ on Σλ = 1, a panel improves the master when
// Σ_t y_t c_Pt/s_t > θ; the exact pricing search adds such panels until
// none exists. Then the level is z = θ − Σ μ_t f_t, certified by the
// weights y (Level.Weights) and the offset Σ μ_t f_t, and the types with a
// positive dual weight are fixed at it.
func (in *instance) leximinByColumnGeneration(ctx context.Context, panels [][]int) ([]Level, [][]int, []float64, error) {
	l, size, live := in.l, in.size, in.live
	level := make([]float64, len(live)) // per live type: its level, once fixed
	fixed := make([]bool, len(live))
	left := len(live)
	seen := map[string]bool{}
	var known [][]int
	for _, p := range panels {
		if key := fmt.Sprint(p); !seen[key] {
			seen[key] = true
			known = append(known, p)
		}
	}
	var levels []Level
	var lambda []float64
	w := make([]float64, len(size))
	for lv := 1; left > 0; lv++ {
		m := lp.NewModel()
		zc := m.AddCol(-1, 0, 1)
		for i := range live {
			if fixed[i] {
				m.AddRow(nil, nil, level[i], math.Inf(1))
			} else {
				m.AddRow([]int{zc}, []float64{-1}, 0, math.Inf(1))
			}
		}
		convexity := m.AddRow(nil, nil, 1, 1)
		addPanel := func(p []int) {
			var idx []int
			var val []float64
			for i, t := range live {
				if p[t] > 0 {
					idx = append(idx, i)
					val = append(val, float64(p[t])/size[t])
				}
			}
			idx = append(idx, convexity)
			val = append(val, 1)
			m.AddColCoefs(0, 0, math.Inf(1), idx, val)
		}
		for _, p := range known {
			addPanel(p)
		}
		var x, duals []float64
		var theta float64
		for it := 1; ; it++ {
			status, err := m.Solve(ctx)
			l.Stats.LPIterations += m.Iterations()
			if err != nil {
				return nil, nil, nil, fmt.Errorf("leximin level %d master LP: %w", lv, err)
			}
			if status != lp.Optimal {
				return nil, nil, nil, fmt.Errorf("leximin level %d master LP: status %v", lv, status)
			}
			x, duals = m.X(x), m.RowDuals(duals)
			theta = -duals[convexity]
			in.report("leximin column generation", it, x[zc], math.Inf(1), len(known))
			for t := range w {
				w[t] = 0
			}
			for i, t := range live {
				w[t] = math.Max(duals[i], 0) / size[t]
			}
			res, err := in.solver.Maximize(ctx, w, pricing.Options{StopAbove: true, Above: theta})
			if res != nil {
				l.Stats.PricingNodes += res.Nodes
				l.Stats.LPIterations += res.Iterations
			}
			if err != nil {
				return nil, nil, nil, fmt.Errorf("leximin level %d pricing: %w", lv, err)
			}
			if res.Counts == nil || res.Value <= theta+pricing.PruneTol || seen[fmt.Sprint(res.Counts)] {
				break // no panel improves the master: the level is proven
			}
			p := append([]int(nil), res.Counts...)
			seen[fmt.Sprint(p)] = true
			known = append(known, p)
			addPanel(p)
			l.Stats.Iterations++
		}
		z := x[zc]
		cert, fix, err := in.closeLevel(lv, z, duals[:len(live)], fixed, level)
		if err != nil {
			return nil, nil, nil, err
		}
		for _, i := range fix {
			fixed[i], level[i] = true, z
			left--
		}
		levels = append(levels, cert)
		in.report("leximin level", lv, z, math.Inf(1), len(known))
		lambda = x[1:]
	}
	return levels, known, lambda, nil
}
