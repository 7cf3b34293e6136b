package sortition_test

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// onSomePanel lists the people on at least one of the panels.
func onSomePanel(panels [][]int, n int) []int {
	on := make([]bool, n)
	for _, P := range panels {
		for _, i := range P {
			on[i] = true
		}
	}
	var people []int
	for i, ok := range on {
		if ok {
			people = append(people, i)
		}
	}
	return people
}

// nashGapBound is max over the panels of Σ_{i∈P} 1/π_i, minus the number of
// people on some panel: by concavity, no lottery has a Σ log π larger than
// that of π by more than this (Σ_i log π'_i − log π_i ≤ Σ_i π'_i/π_i − n).
func nashGapBound(panels [][]int, people []int, pi []float64) float64 {
	worst := math.Inf(-1)
	for _, P := range panels {
		g := 0.0
		for _, i := range P {
			g += 1 / pi[i]
		}
		worst = math.Max(worst, g)
	}
	return worst - float64(len(people))
}

// logWelfare is Σ log π_i over the people.
func logWelfare(people []int, pi []float64) float64 {
	v := 0.0
	for _, i := range people {
		v += math.Log(pi[i])
	}
	return v
}

// bruteNash maximises Σ log π_i over the lotteries on the given panels by
// Cover's multiplicative updates (λ_P ← λ_P · Σ_{i∈P} 1/π_i / n, which keeps
// Σλ = 1 and increases the objective), until its own gap bound is below
// tol or after maxIter updates. It returns the value and the gap bound.
func bruteNash(panels [][]int, people []int, n int, tol float64, maxIter int) (float64, float64) {
	lambda := make([]float64, len(panels))
	for p := range lambda {
		lambda[p] = 1 / float64(len(panels))
	}
	pi := make([]float64, n)
	nn := float64(len(people))
	var gap float64
	for it := 0; ; it++ {
		clear(pi)
		for p, P := range panels {
			for _, i := range P {
				pi[i] += lambda[p]
			}
		}
		gap = nashGapBound(panels, people, pi)
		if gap <= tol || it == maxIter {
			break
		}
		for p, P := range panels {
			g := 0.0
			for _, i := range P {
				g += 1 / pi[i]
			}
			lambda[p] *= g / nn
		}
	}
	return logWelfare(people, pi), gap
}

// TestNashAgainstBruteForce checks Nash on random tiny pools against all
// their feasible panels: the people on no panel, and only they, are
// excluded; no panel has Σ_{i∈P} 1/π_i above the number of selectable
// people by more than 1e-9 of it (the optimality condition over all
// lotteries, which bounds the gap of Σ log π); and Cover's multiplicative
// updates over all panels reach the same Σ log π. Pools whose relaxed
// optimum is not a lottery (found by column generation) are among them.
func TestNashAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 3))
	checked, byColumns := 0, 0
	// Until 30 pools are checked, including 8 whose relaxed optimum does
	// not decompose and column generation finds the lottery.
	for i := 0; (checked < 30 || byColumns < 8) && i < 2000; i++ {
		in := randomInstance(rng, 6+rng.IntN(4), 1+rng.IntN(3), i%4 == 0)
		p := in.load(t)
		var household []int
		if in.households != nil {
			var err error
			household, err = p.Households(in.households)
			require.NoError(t, err)
		}
		panels := feasiblePanels(p, in.k, household)
		if len(panels) == 0 {
			continue
		}
		columns := false
		l, err := sortition.Nash(context.Background(), testpool.Problem(t, p, in.k, in.households...), sortition.Options{Progress: func(pr sortition.Progress) { columns = columns || pr.Phase == "nash column generation" }})
		require.NoError(t, err, "instance %d", i)
		checkPanels(t, p, in.k, household, l)
		require.Equal(t, "nash", l.Algorithm)
		people := onSomePanel(panels, len(p.People))
		require.Len(t, l.Excluded, len(p.People)-len(people), "instance %d", i)
		for _, e := range l.Excluded {
			require.Zero(t, l.Marginals[e.Person])
		}
		nn := float64(len(people))
		gap := nashGapBound(panels, people, l.Marginals)
		require.LessOrEqual(t, gap, 1e-9*nn, "instance %d: a panel has Σ 1/π above n", i)
		value := logWelfare(people, l.Marginals)
		brute, bruteGap := bruteNash(panels, people, len(p.People), 1e-7*nn, 200000)
		require.LessOrEqual(t, bruteGap, 1e-7*nn, "instance %d: the brute force did not converge", i)
		require.InDelta(t, brute, value, 1e-7*nn, "instance %d", i)
		require.GreaterOrEqual(t, value, brute-1e-9*nn, "instance %d: the brute force does better", i)
		checked++
		if columns {
			byColumns++
		}
	}
	t.Logf("checked %d, by column generation %d", checked, byColumns)
	require.GreaterOrEqual(t, checked, 30)
	require.GreaterOrEqual(t, byColumns, 8)
}

// twoKinds is a pool of 8 whose panels of 2 are of two kinds: {fy, mo}
// (one of 1 and one of 3 people) or {fo, my} (one of 2 and one of 2).
var twoKinds = instance{
	quotas: "feature,value,min,max\ngender,f,1,1\ngender,m,1,1\nage,young,1,1\nage,old,1,1\n",
	pool: "id,gender,age\nfy,f,young\nmo1,m,old\nmo2,m,old\nmo3,m,old\n" +
		"fo1,f,old\nfo2,f,old\nmy1,m,young\nmy2,m,young\n",
	k: 2,
}

// TestNashKnownAnswer: panels are either {fy, mo} (one of 1 and one of 3
// people) or {fo, my} (one of 2 and one of 2). With p the probability of
// the first kind, Σ log π = 4 log p + 4 log(1−p) + const, maximal at
// p = 1/2: π = 1/2, 1/6, 1/4, 1/4. (Maximin gives p = 3/5 instead.)
func TestNashKnownAnswer(t *testing.T) {
	in := twoKinds
	p := in.load(t)
	l, err := sortition.Nash(context.Background(), testpool.Problem(t, p, in.k), sortition.Options{})
	require.NoError(t, err)
	checkPanels(t, p, in.k, nil, l)
	want := []float64{0.5, 1.0 / 6, 1.0 / 6, 1.0 / 6, 0.25, 0.25, 0.25, 0.25}
	for i, w := range want {
		assert.InDelta(t, w, l.Marginals[i], 1e-9, "person %s", p.People[i].ID)
	}
	assert.InDelta(t, 1.0/6, l.MinProbability, 1e-9)
	assert.Zero(t, l.UpperBound, "no certificate")
	assert.Nil(t, l.Weights)

	m, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, in.k), sortition.MaximinOptions{})
	require.NoError(t, err)
	assert.InDelta(t, 0.2, m.MinProbability, 1e-9)
}

// TestNashForcedAndHouseholds: with one woman per panel and two of the three
// women in one household, c is on every panel; a and b share the rest, and
// so do the two men: the only lottery's probabilities, whatever the
// objective.
func TestNashForcedAndHouseholds(t *testing.T) {
	in := instance{
		quotas: "feature,value,min,max\ngender,f,2,2\ngender,m,1,1\n",
		pool:   "id,gender,address\na,f,1 Rue A\nb,f,1 Rue A\nc,f,2 Rue B\nd,m,3 Rue C\ne,m,4 Rue D\n",
		k:      3,
	}
	p := in.load(t)
	l, err := sortition.Nash(context.Background(), testpool.Problem(t, p, in.k, "address"), sortition.Options{})
	require.NoError(t, err)
	h, err := p.Households([]string{"address"})
	require.NoError(t, err)
	checkPanels(t, p, in.k, h, l)
	for i, w := range []float64{0.5, 0.5, 1, 0.5, 0.5} {
		assert.InDelta(t, w, l.Marginals[i], 1e-9, "person %d", i)
	}
}

// TestNashSymmetricAndExcluded: exactly proportional quotas give everyone
// k/n; people whose value no panel may take are excluded and the others
// share the panel equally.
func TestNashSymmetricAndExcluded(t *testing.T) {
	var pool strings.Builder
	pool.WriteString("id,gender,area\n")
	for i := 0; i < 12; i++ {
		pool.WriteString(strings.Join([]string{"p" + string(rune('a'+i)), []string{"f", "m"}[i%2], []string{"urban", "rural", "town"}[i%3]}, ",") + "\n")
	}
	in := instance{quotas: "feature,value,min,max\ngender,f,3,3\ngender,m,3,3\narea,urban,2,2\narea,rural,2,2\narea,town,2,2\n", pool: pool.String(), k: 6}
	p := in.load(t)
	l, err := sortition.Nash(context.Background(), testpool.Problem(t, p, in.k), sortition.Options{})
	require.NoError(t, err)
	checkPanels(t, p, in.k, nil, l)
	for i, m := range l.Marginals {
		assert.InDelta(t, 0.5, m, 1e-9, "person %d", i)
	}

	ex := instance{
		quotas: "feature,value,min,max\nage,young,2,2\nage,old,0,0\n",
		pool:   "id,age\na,young\nb,young\nc,young\nd,old\n",
		k:      2,
	}
	p = ex.load(t)
	l, err = sortition.Nash(context.Background(), testpool.Problem(t, p, ex.k), sortition.Options{})
	require.NoError(t, err)
	require.Len(t, l.Excluded, 1)
	assert.Equal(t, 3, l.Excluded[0].Person)
	for i, w := range []float64{2.0 / 3, 2.0 / 3, 2.0 / 3, 0} {
		assert.InDelta(t, w, l.Marginals[i], 1e-9, "person %d", i)
	}
}

// TestNashDeterministic: two runs give identical lotteries, and a cancelled
// context stops the computation.
func TestNashDeterministic(t *testing.T) {
	p := exampleInstance(t)
	a, err := sortition.Nash(context.Background(), testpool.Problem(t, p, 30), sortition.Options{})
	require.NoError(t, err)
	b, err := sortition.Nash(context.Background(), testpool.Problem(t, p, 30), sortition.Options{})
	require.NoError(t, err)
	a.Stats.Elapsed, b.Stats.Elapsed = 0, 0
	require.Equal(t, a, b)
	checkPanels(t, p, 30, nil, a)

	ctx, cancel := context.WithCancel(context.Background())
	_, err = sortition.Nash(ctx, testpool.Problem(t, p, 30), sortition.Options{Progress: func(pr sortition.Progress) {
		if pr.Phase == "interior point" {
			cancel()
		}
	}})
	require.ErrorIs(t, err, context.Canceled)
}
