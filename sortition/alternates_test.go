package sortition_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// TestFirstFittingAlternate checks the rule against its definition, by
// brute force with meets: the chosen alternate, swapped in, meets the
// quotas and the household rule, and every better-ranked one does not.
func TestFirstFittingAlternate(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 3))
	ctx := context.Background()
	found, none := 0, 0
	for i := 0; i < 200 && (found < 100 || none < 10); i++ {
		in := randomInstance(rng, 6+rng.IntN(6), 1+rng.IntN(3), i%2 == 0)
		p := in.load(t)
		household := householdNumbers(t, p, in.households)
		l, err := sortition.Maximin(ctx, testpool.Problem(t, p, in.k, in.households...), sortition.MaximinOptions{})
		if err != nil {
			continue
		}
		panel := l.Panels[rng.IntN(len(l.Panels))].Members
		var alternates []int
		for _, j := range rng.Perm(len(p.People)) {
			if !slices.Contains(panel, j) && rng.IntN(4) > 0 {
				alternates = append(alternates, j)
			}
		}
		withdrawn := panel[rng.IntN(len(panel))]
		got, ok, err := sortition.FirstFittingAlternate(p, panel, withdrawn, alternates, household)
		require.NoError(t, err)
		swapped := func(a int) []int {
			out := []int{a}
			for _, m := range panel {
				if m != withdrawn {
					out = append(out, m)
				}
			}
			return out
		}
		first := -1
		for r, a := range alternates {
			if meets(p, swapped(a), household) {
				first = r
				break
			}
		}
		if first < 0 {
			assert.False(t, ok, "no alternate fits, yet %d was chosen", got)
			none++
			continue
		}
		require.True(t, ok, "alternate %d fits", alternates[first])
		assert.Equal(t, alternates[first], got)
		found++
	}
	assert.GreaterOrEqual(t, found, 100)
	assert.GreaterOrEqual(t, none, 10)
}

func TestFirstFittingAlternateRefuses(t *testing.T) {
	in := instance{quotas: "feature,value,min,max\ng,f,1,1\ng,m,1,1\n", pool: "id,g,home\na,f,1\nb,m,2\nc,f,2\nd,f,3\ne,m,4\n", k: 2, households: []string{"home"}}
	p := in.load(t)
	household := householdNumbers(t, p, in.households)
	_, _, err := sortition.FirstFittingAlternate(p, []int{0, 1}, 2, []int{3}, household)
	assert.Error(t, err, "c is not on the panel")
	_, _, err = sortition.FirstFittingAlternate(p, []int{0, 1}, 0, []int{9}, household)
	assert.Error(t, err, "no person 9")
	// a withdraws: c shares b's household, e is a man; d fits.
	got, ok, err := sortition.FirstFittingAlternate(p, []int{0, 1}, 0, []int{2, 4, 3}, household)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, 3, got)
	// Without the household rule, c fits first.
	got, ok, err = sortition.FirstFittingAlternate(p, []int{0, 1}, 0, []int{2, 4, 3}, nil)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, 2, got)
	_, ok, err = sortition.FirstFittingAlternate(p, []int{0, 1}, 0, []int{4, 1}, household)
	require.NoError(t, err)
	assert.False(t, ok, "a man cannot replace a woman; b is on the panel")
}
