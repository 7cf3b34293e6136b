package sortition_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/sortition"
)

// TestCompletionAgainstBruteForce checks, over many random withdrawals
// from panels of random lotteries, that the completion's panels are exactly
// the panels of the pool that keep the members who stay, leave out those
// who withdrew and meet the quotas, and that the lottery over them keeps
// the quotas.
func TestCompletionAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	ctx := context.Background()
	completed, impossible := 0, 0
	for i := 0; i < 300 && completed < 150; i++ {
		in := randomInstance(rng, 6+rng.IntN(5), 1+rng.IntN(3), i%3 == 0)
		p := in.load(t)
		household := householdNumbers(t, p, in.households)
		l, err := sortition.Maximin(ctx, p, in.k, sortition.Options{Households: in.households})
		if err != nil {
			continue
		}
		panel := l.Panels[rng.IntN(len(l.Panels))].Members
		for round := 0; round < 4; round++ {
			var drop []int
			for _, m := range panel {
				if rng.IntN(3) == 0 {
					drop = append(drop, m)
				}
			}
			if len(drop) == 0 {
				drop = []int{panel[rng.IntN(len(panel))]}
			}
			c, err := sortition.NewCompletion(p, panel, drop, household)
			// Every completion, by brute force over the whole pool.
			var want [][]int
			for _, P := range feasiblePanels(p, in.k, household) {
				keeps := true
				for _, m := range panel {
					if slices.Contains(P, m) == slices.Contains(drop, m) {
						keeps = false
					}
				}
				if keeps {
					want = append(want, P)
				}
			}
			if err != nil {
				var ie *sortition.InfeasibleError
				require.ErrorAs(t, err, &ie)
				require.Empty(t, want)
				impossible++
				continue
			}
			var got [][]int
			for _, P := range feasiblePanels(c.Pool, c.K, c.Households) {
				got = append(got, c.Complete(P))
			}
			require.ElementsMatch(t, want, got, "instance %d round %d: drop %v from %v", i, round, drop, panel)
			rl, err := sortition.Maximin(ctx, c.Pool, c.K, sortition.Options{Households: in.households})
			if len(want) == 0 {
				var ie *sortition.InfeasibleError
				require.True(t, errors.As(err, &ie), "%v", err)
				impossible++
				continue
			}
			require.NoError(t, err)
			for _, P := range rl.Panels {
				full := c.Complete(P.Members)
				require.Len(t, full, in.k)
				require.True(t, meets(p, full, household), "the completed panel %v meets the quotas", full)
				for _, d := range drop {
					require.NotContains(t, full, d)
				}
			}
			completed++
		}
	}
	t.Logf("%d withdrawals completed, %d with no completion", completed, impossible)
	assert.GreaterOrEqual(t, completed, 150)
	assert.Positive(t, impossible)
}

func TestNewCompletionErrors(t *testing.T) {
	p := conflictInstance(t, "households")
	_, err := sortition.NewCompletion(p, []int{0, 4}, []int{1}, nil)
	assert.ErrorContains(t, err, `"p2" is not on the panel`)
	_, err = sortition.NewCompletion(p, []int{0, 4}, nil, nil)
	assert.ErrorContains(t, err, "nobody withdrew")
	// A member who stays keeps their household out of the candidates.
	household := householdNumbers(t, p, []string{"address"})
	c, err := sortition.NewCompletion(p, []int{0, 4}, []int{4}, household)
	require.NoError(t, err)
	var ids []string
	for _, person := range c.Pool.People {
		ids = append(ids, person.ID)
	}
	assert.Equal(t, []string{"p3", "p4", "p6", "p7", "p8"}, ids, fmt.Sprint(c.Candidates))
	assert.Equal(t, []int{0}, c.Kept)
	assert.Equal(t, []int{4}, c.Dropped)
}
