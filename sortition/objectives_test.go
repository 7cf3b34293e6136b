package sortition_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// TestObjectivesOnRandomPools runs Nash, Goldilocks and Legacy on random
// pools of 6 to 45 people (proportional and skewed quotas, tied types,
// households): each either reports that no panel meets the quotas, or
// returns a lottery over panels that meet them; Nash and Goldilocks
// always do when a panel exists, by column generation when the relaxed
// optimum is not a lottery.
func TestObjectivesOnRandomPools(t *testing.T) {
	rng := rand.New(rand.NewPCG(77, 5))
	feasible := 0
	for i := 0; i < 450; i++ {
		var in instance
		switch i % 3 {
		case 0:
			in = randomInstance(rng, 6+rng.IntN(40), 1+rng.IntN(4), i%2 == 0)
		case 1:
			in = skewedQuotas(rng, randomInstance(rng, 6+rng.IntN(40), 1+rng.IntN(4), i%2 == 0))
		case 2:
			in = coupledInstance(rng)
		}
		p := in.load(t)
		var household []int
		if in.households != nil {
			var err error
			household, err = p.Households(in.households)
			require.NoError(t, err)
		}
		ok := false
		gamma := []float64{0.3, 1, 3}[i%3]
		objectives := []func(context.Context, *sortition.Problem) (*sortition.Lottery, error){
			func(ctx context.Context, p *sortition.Problem) (*sortition.Lottery, error) {
				return sortition.Nash(ctx, p, sortition.Options{})
			},
			func(ctx context.Context, p *sortition.Problem) (*sortition.Lottery, error) {
				return sortition.Goldilocks(ctx, p, sortition.GoldilocksOptions{Gamma: gamma})
			},
			func(ctx context.Context, p *sortition.Problem) (*sortition.Lottery, error) {
				return sortition.Legacy(ctx, p, sortition.LegacyOptions{Runs: 100})
			},
		}
		problem := testpool.Problem(t, p, in.k, in.households...)
		for _, objective := range objectives {
			l, err := objective(context.Background(), problem)
			var ie *sortition.InfeasibleError
			if errors.As(err, &ie) {
				continue
			}
			if err != nil && l == nil && ok {
				// Legacy may get stuck for good where panels exist.
				require.Contains(t, err.Error(), "legacy: the procedure got stuck", "instance %d", i)
				continue
			}
			require.NoError(t, err, "instance %d", i)
			checkPanels(t, p, in.k, household, l)
			ok = true
		}
		if ok {
			feasible++
		}
	}
	t.Logf("%d pools with panels", feasible)
	require.Greater(t, feasible, 300)
}

// TestRegistryMatchesLotteries checks every objective of the registry
// against the lotteries it computes: they carry its name, a certificate
// exactly when it says so, levels and estimates likewise; and that names
// are parsed trimmed, in any case, with "" for the default.
func TestRegistryMatchesLotteries(t *testing.T) {
	pool := exampleInstance(t)
	problem := testpool.Problem(t, pool, 30)
	objectives := sortition.Objectives()
	require.Equal(t, sortition.DefaultObjective, objectives[0].Name)
	require.Equal(t, len(objectives), len(sortition.ObjectiveNames()))
	for i, o := range objectives {
		require.Equal(t, o.Name, sortition.ObjectiveNames()[i])
		require.NotEmpty(t, o.Summary, o.Name)
		l, err := o.Lottery(context.Background(), problem, sortition.Options{})
		require.NoError(t, err, o.Name)
		assert.Equal(t, o.Name, l.Algorithm)
		assert.Equal(t, o.Certified, l.Weights != nil, "%s: weights", o.Name)
		assert.Equal(t, o.Certified, l.UpperBound > 0, "%s: upper bound", o.Name)
		assert.Equal(t, o.Levels, l.Levels != nil, "%s: levels", o.Name)
		assert.Equal(t, o.Estimated, l.Estimated, "%s: estimated", o.Name)
		named, ok := sortition.ObjectiveNamed(o.Name)
		require.True(t, ok)
		assert.Equal(t, o.Name, named.Name)
		parsed, err := sortition.ParseObjective(" " + strings.ToUpper(o.Name) + "\t")
		require.NoError(t, err)
		assert.Equal(t, o.Name, parsed.Name)
	}
	def, err := sortition.ParseObjective("")
	require.NoError(t, err)
	assert.Equal(t, sortition.DefaultObjective, def.Name)
	_, ok := sortition.ObjectiveNamed("Maximin")
	assert.False(t, ok, "a record's name is matched exactly")
	_, err = sortition.Objective{Name: "magic"}.Lottery(context.Background(), problem, sortition.Options{})
	assert.Error(t, err, "an objective not from the registry computes nothing")
	_, err = sortition.ParseObjective("magic")
	assert.EqualError(t, err, `the algorithm must be leximin, maximin, nash, goldilocks or legacy, not "magic"`)
}
