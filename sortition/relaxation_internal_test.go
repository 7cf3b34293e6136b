package sortition

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/lp"
	"github.com/tirage/tirage/internal/pricing"
	"github.com/tirage/tirage/quota"
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

// TestCloseLevelAtOneIgnoresNoise closes a level at 1 whose multipliers are
// rounding noise: everyone left is fixed with equal weights (not the noise
// scaled up to weights of 1e18), and the same noise below 1 is an error.
func TestCloseLevelAtOneIgnoresNoise(t *testing.T) {
	q, err := quota.ReadFile(filepath.Join("..", "testdata", "example", "quotas.csv"))
	require.NoError(t, err)
	pool, err := ReadPool(filepath.Join("..", "testdata", "example", "pool.csv"), q, PoolOptions{})
	require.NoError(t, err)
	p, err := pool.Problem(30, nil)
	require.NoError(t, err)
	in, err := newInstance(context.Background(), p, Options{}, "leximin")
	require.NoError(t, err)
	n := len(in.live)
	noise := make([]float64, n)
	for i := range noise {
		noise[i] = 1e-18 * float64(i%3)
	}
	cert, fix, err := in.closeLevel(7, 1, noise, make([]bool, n), make([]float64, n))
	require.NoError(t, err)
	require.Len(t, fix, n)
	sum := 0.0
	for _, w := range cert.Weights {
		require.LessOrEqual(t, w, 1.0)
		sum += w
	}
	require.InDelta(t, 1, sum, 1e-12)
	require.Zero(t, cert.Offset)
	_, _, err = in.closeLevel(7, 0.5, noise, make([]bool, n), make([]float64, n))
	require.Error(t, err)
}
