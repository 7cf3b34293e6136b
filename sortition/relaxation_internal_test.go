package sortition

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/lp"
	"github.com/tirage/tirage/internal/pricing"
)

// TestRelaxationMatchesDirectLP checks solveRelaxation (bounds for
// x_t ≥ z·s_t, rows x_t ≤ s_t added lazily) against the LP written out
// directly, with one row per type, on random problems: same value, a point
// that meets every constraint, and dual weights whose bound is the value.
func TestRelaxationMatchesDirectLP(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 4))
	ctx := context.Background()
	solved := 0
	for i := 0; i < 300; i++ {
		p := randomPricingProblem(rng, i%4 == 0)
		live := make([]int, len(p.Size))
		for ty := range live {
			live[ty] = ty
		}
		want, ok := directRelaxation(t, p)
		r, err := solveRelaxation(ctx, p, live)
		if !ok {
			require.Error(t, err, "problem %d", i)
			continue
		}
		if err != nil {
			// No dual weight: z is capped at 1 by the sizes alone.
			require.InDelta(t, 1, want, 1e-9, "problem %d: %v", i, err)
			continue
		}
		solved++
		require.InDelta(t, want, r.z, 1e-9, "problem %d", i)
		sum := 0.0
		for ty, x := range r.x {
			require.GreaterOrEqual(t, x, r.z*float64(p.Size[ty])-1e-9, "problem %d type %d", i, ty)
			require.LessOrEqual(t, x, float64(p.Size[ty]), "problem %d type %d", i, ty)
			sum += x
		}
		require.InDelta(t, float64(p.K), sum, 1e-9, "problem %d", i)
		s, err := pricing.New(p)
		require.NoError(t, err)
		w := make([]float64, len(p.Size))
		for ty := range w {
			w[ty] = r.y[ty] / float64(p.Size[ty])
		}
		bound, _, err := s.RelaxationBound(ctx, w)
		require.NoError(t, err)
		require.InDelta(t, r.z, bound, 1e-9, "problem %d: the weights do not certify the value", i)
	}
	require.Greater(t, solved, 150)
}

// directRelaxation solves max z subject to x_t ≥ z·s_t with one row per
// type; ok is false when the LP is infeasible.
func directRelaxation(t *testing.T, p *pricing.Problem) (float64, bool) {
	m := p.Relaxation()
	z := m.AddCol(-1, 0, math.Inf(1))
	for ty, s := range p.Size {
		m.AddRow([]int{ty, z}, []float64{1, -float64(s)}, 0, math.Inf(1))
	}
	status, err := m.Solve(context.Background())
	require.NoError(t, err)
	if status != lp.Optimal {
		return 0, false
	}
	return -m.Objective(), true
}
