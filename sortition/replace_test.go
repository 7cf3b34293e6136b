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

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// TestCompletionAgainstBruteForce checks, over many random withdrawals
// from panels of random lotteries, that the completion's panels are exactly
// the panels of the pool that keep the members who stay, leave out those
// who withdrew and meet the quotas, and that the lottery over them keeps
// the quotas.
func TestCompletionAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	completed, impossible := 0, 0
	for i := 0; i < 300 && completed < 150; i++ {
		in, p, household, panel := randomDrawnPanel(t, rng, 6+rng.IntN(5), i%3 == 0)
		if panel == nil {
			continue
		}
		for round := 0; round < 4; round++ {
			drop := randomDrop(rng, panel)
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
			rl := checkCompletion(t, in, c, err, want, fmt.Sprintf("instance %d round %d: drop %v from %v", i, round, drop, panel))
			if rl == nil {
				impossible++
				continue
			}
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

// randomDrawnPanel returns a random instance of n people (randomInstance),
// its pool and household numbers, and a panel of its maximin lottery;
// panel is nil when no panel meets the quotas.
func randomDrawnPanel(t *testing.T, rng *rand.Rand, n int, households bool) (instance, *sortition.Pool, []int, []int) {
	t.Helper()
	in := randomInstance(rng, n, 1+rng.IntN(3), households)
	p := in.load(t)
	household := householdNumbers(t, p, in.households)
	l, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, in.k, in.households...), sortition.MaximinOptions{})
	if err != nil {
		return in, p, household, nil
	}
	return in, p, household, l.Panels[rng.IntN(len(l.Panels))].Members
}

// randomDrop returns the members of the panel who withdraw: each with
// chance 1/3, at least one, in the panel's order.
func randomDrop(rng *rand.Rand, panel []int) []int {
	var drop []int
	for _, m := range panel {
		if rng.IntN(3) == 0 {
			drop = append(drop, m)
		}
	}
	if len(drop) == 0 {
		drop = []int{panel[rng.IntN(len(panel))]}
	}
	return drop
}

// checkCompletion checks the completion c, posed with the error err,
// against want, the panels of the pool that complete it by brute force:
// posing it fails with an *InfeasibleError only when want is empty, its
// panels completed are exactly want, and its maximin lottery fails with an
// *InfeasibleError exactly when want is empty. It returns that lottery, or
// nil when there is no completion.
func checkCompletion(t *testing.T, in instance, c *sortition.Completion, err error, want [][]int, what string) *sortition.Lottery {
	t.Helper()
	var ie *sortition.InfeasibleError
	if err != nil {
		require.ErrorAs(t, err, &ie)
		require.Empty(t, want, what)
		return nil
	}
	var got [][]int
	for _, P := range feasiblePanels(c.Pool, c.K, c.Households) {
		got = append(got, c.Complete(P))
	}
	require.ElementsMatch(t, want, got, what)
	rl, err := sortition.Maximin(context.Background(), testpool.Problem(t, c.Pool, c.K, in.households...), sortition.MaximinOptions{})
	if len(want) == 0 {
		require.True(t, errors.As(err, &ie), "%v", err)
		return nil
	}
	require.NoError(t, err)
	return rl
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

// TestCompletionChainAgainstBruteForce checks chains of replacements: at
// each step, members of the current panel (the first draw's members who
// stayed and earlier replacements alike) withdraw, and the next
// completion's panels must be exactly the panels of the pool that keep the
// members who stay, whose other members were never on a panel of the chain
// (so never withdrew) and share no household with anyone who stayed at any
// step, and that meet the quotas; the replacements are drawn from its
// maximin lottery.
func TestCompletionChainAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 3))
	steps, impossible, deep := 0, 0, 0
	for i := 0; i < 400 && steps < 160; i++ {
		in, p, household, panel := randomDrawnPanel(t, rng, 8+rng.IntN(5), i%3 == 0)
		if panel == nil {
			continue
		}
		everOn := map[int]bool{}    // on a panel of the chain at some step
		keptHomes := map[int]bool{} // households of members who stayed at some step
		var c *sortition.Completion // the completion of the previous step
		var replacements []int      // its replacements, indices into c.Pool.People
		for level := 1; level <= 4; level++ {
			for _, m := range panel {
				everOn[m] = true
			}
			drop := randomDrop(rng, panel)
			var kept []int
			for _, m := range panel {
				if !slices.Contains(drop, m) {
					kept = append(kept, m)
					if household != nil {
						keptHomes[household[m]] = true
					}
				}
			}
			var next *sortition.Completion
			var err error
			if c == nil {
				next, err = sortition.NewCompletion(p, panel, drop, household)
			} else {
				next, err = c.Next(replacements, drop)
			}
			// Every completion, by brute force over the whole pool.
			var want [][]int
			for _, P := range feasiblePanels(p, in.k, household) {
				keeps := true
				for _, m := range P {
					switch {
					case slices.Contains(kept, m):
					case everOn[m], household != nil && keptHomes[household[m]]:
						keeps = false
					}
				}
				for _, m := range kept {
					keeps = keeps && slices.Contains(P, m)
				}
				if keeps {
					want = append(want, P)
				}
			}
			rl := checkCompletion(t, in, next, err, want, fmt.Sprintf("instance %d level %d: drop %v from %v", i, level, drop, panel))
			if rl == nil {
				impossible++
				break
			}
			replacements = rl.Panels[rng.IntN(len(rl.Panels))].Members
			full := next.Complete(replacements)
			require.Len(t, full, in.k)
			require.True(t, meets(p, full, household), "the completed panel %v meets the quotas", full)
			for _, j := range replacements {
				require.False(t, everOn[next.Candidates[j]], "level %d draws %s, who was on a panel of the chain", level, p.People[next.Candidates[j]].ID)
			}
			steps++
			if level >= 3 {
				deep++
			}
			c, panel = next, full
		}
	}
	t.Logf("%d steps of chains completed (%d at level 3 or deeper), %d with no completion", steps, deep, impossible)
	assert.GreaterOrEqual(t, steps, 160)
	assert.GreaterOrEqual(t, deep, 20)
	assert.Positive(t, impossible)
}

func TestCompletionNextErrors(t *testing.T) {
	p := conflictInstance(t, "households")
	c, err := sortition.NewCompletion(p, []int{0, 4}, []int{4}, nil)
	require.NoError(t, err)
	_, err = c.Next(nil, []int{0})
	assert.ErrorContains(t, err, "0 replacements for 1 withdrawals")
	_, err = c.Next([]int{len(c.Candidates)}, []int{0})
	assert.ErrorContains(t, err, "out of the candidates")
	// The member who withdrew first is not a candidate again.
	next, err := c.Next([]int{0}, []int{0})
	require.NoError(t, err)
	for _, i := range next.Candidates {
		assert.NotEqual(t, 4, i)
		assert.NotEqual(t, c.Candidates[0], i)
	}
	assert.Equal(t, []int{0}, next.Dropped)
}
