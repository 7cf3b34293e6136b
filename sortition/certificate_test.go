package sortition_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

func TestMaxPanelWeightAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	checked := 0
	for i := 0; checked < 40 && i < 400; i++ {
		in := randomInstance(rng, 6+rng.IntN(5), 1+rng.IntN(3), i%3 == 0)
		p := in.load(t)
		household := in.household(t, p)
		// Weights that differ within a type, some equal, some zero.
		w := make([]float64, len(p.People))
		for j := range w {
			w[j] = float64(rng.IntN(4)) / 8
		}
		panels := feasiblePanels(p, in.k, household)
		got, err := sortition.MaxPanelWeight(context.Background(), testpool.Numbered(t, p, in.k, household), w)
		if len(panels) == 0 {
			var ie *sortition.InfeasibleError
			require.ErrorAs(t, err, &ie, "instance %d", i)
			continue
		}
		require.NoError(t, err, "instance %d", i)
		best := 0.0
		for _, P := range panels {
			s := 0.0
			for _, j := range P {
				s += w[j]
			}
			best = max(best, s)
		}
		require.InDelta(t, best, got, 1e-9, "instance %d", i)
		checked++
	}
	require.GreaterOrEqual(t, checked, 40)
}

func TestMaxPanelWeightCertifiesMaximin(t *testing.T) {
	pool := exampleInstance(t)
	l, err := sortition.Maximin(context.Background(), testpool.Problem(t, pool, 30), sortition.MaximinOptions{})
	require.NoError(t, err)
	got, err := sortition.MaxPanelWeight(context.Background(), testpool.Numbered(t, pool, 30, nil), l.Weights)
	require.NoError(t, err)
	assert.LessOrEqual(t, got, l.UpperBound+1e-9)
	// Every panel of the lottery weighs at most that much.
	for _, panel := range l.Panels {
		s := 0.0
		for _, i := range panel.Members {
			s += l.Weights[i]
		}
		assert.LessOrEqual(t, s, got+1e-12)
	}
}

func TestMaxPanelWeightBadInput(t *testing.T) {
	pool := exampleInstance(t)
	n := len(pool.People)
	ctx := context.Background()
	// A panel size or household numbers the pool cannot have are refused by
	// NewProblem (TestNewProblemChecks).
	_, err := sortition.MaxPanelWeight(ctx, testpool.Numbered(t, pool, 30, nil), make([]float64, n-1))
	assert.Error(t, err)
	nan := make([]float64, n)
	nan[3] = math.NaN()
	_, err = sortition.MaxPanelWeight(ctx, testpool.Numbered(t, pool, 30, nil), nan)
	assert.Error(t, err)
	_, err = sortition.MaxPanelWeight(ctx, testpool.Numbered(t, pool, 60, nil), make([]float64, n))
	var ie *sortition.InfeasibleError
	assert.ErrorAs(t, err, &ie)
}
