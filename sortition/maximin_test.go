package sortition_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// instance is a small selection problem written as CSV text.
type instance struct {
	quotas, pool string
	k            int
	households   []string
}

// household returns the household of every person of p, the pool loaded
// from in, or nil when in has no household columns.
func (in instance) household(t testing.TB, p *sortition.Pool) []int {
	if in.households == nil {
		return nil
	}
	household, err := p.Households(in.households)
	require.NoError(t, err)
	return household
}

func (in instance) load(t testing.TB) *sortition.Pool {
	t.Helper()
	return testpool.Pool(t, in.quotas, in.pool)
}

// randomInstance draws a pool of n people over cats categories with two or
// three values each, with bounds around the pool's shares.
func randomInstance(rng *rand.Rand, n, cats int, households bool) instance {
	var q, p strings.Builder
	q.WriteString("feature,value,min,max\n")
	vals := make([]int, cats)
	header := []string{"id"}
	for c := range vals {
		vals[c] = 2 + rng.IntN(2)
		header = append(header, fmt.Sprintf("c%d", c))
	}
	header = append(header, "home")
	p.WriteString(strings.Join(header, ",") + "\n")
	counts := make([][]int, cats)
	for c := range counts {
		counts[c] = make([]int, vals[c])
	}
	for i := 0; i < n; i++ {
		row := []string{fmt.Sprintf("p%d", i)}
		for c := range vals {
			v := rng.IntN(vals[c])
			counts[c][v]++
			row = append(row, fmt.Sprintf("v%d", v))
		}
		home := fmt.Sprintf("h%d", i)
		if households && i > 0 && rng.IntN(4) == 0 {
			home = fmt.Sprintf("h%d", i-1)
		}
		row = append(row, home)
		p.WriteString(strings.Join(row, ",") + "\n")
	}
	k := 2 + rng.IntN(n/2)
	for c := range vals {
		for v := 0; v < vals[c]; v++ {
			target := float64(k*counts[c][v]) / float64(n)
			lo := max(0, int(math.Floor(target))-rng.IntN(2))
			hi := int(math.Ceil(target)) + rng.IntN(2)
			fmt.Fprintf(&q, "c%d,v%d,%d,%d\n", c, v, lo, hi)
		}
	}
	in := instance{quotas: q.String(), pool: p.String(), k: k}
	if households {
		in.households = []string{"home"}
	}
	return in
}

// feasiblePanels enumerates every k-subset of the pool that meets the quotas
// and the household rule.
func feasiblePanels(p *sortition.Pool, k int, household []int) [][]int {
	var out [][]int
	n := len(p.People)
	cur := make([]int, 0, k)
	var rec func(start int)
	rec = func(start int) {
		if len(cur) == k {
			if meets(p, cur, household) {
				out = append(out, append([]int(nil), cur...))
			}
			return
		}
		for i := start; i <= n-(k-len(cur)); i++ {
			cur = append(cur, i)
			rec(i + 1)
			cur = cur[:len(cur)-1]
		}
	}
	rec(0)
	return out
}

// meets checks a panel against every quota and the household rule.
func meets(p *sortition.Pool, members []int, household []int) bool {
	for ci, c := range p.Quotas.Categories {
		count := make([]int, len(c.Values))
		for _, i := range members {
			count[p.People[i].Values[ci]]++
		}
		for vi, v := range c.Values {
			if count[vi] < v.Min || count[vi] > v.Max {
				return false
			}
		}
	}
	if household != nil {
		seen := map[int]bool{}
		for _, i := range members {
			if seen[household[i]] {
				return false
			}
			seen[household[i]] = true
		}
	}
	return true
}

// bruteMaximin solves the maximin LP over all feasible panels with gonum's
// simplex: maximise z subject to Σ_P λ_P [i ∈ P] ≥ z for every person who is
// on some panel, Σ λ = 1, λ ≥ 0 (the first level of bruteLevel).
func bruteMaximin(t *testing.T, panels [][]int, n int) float64 {
	return bruteLevel(t, panels, n, nil)
}

func checkLottery(t *testing.T, p *sortition.Pool, k int, household []int, l *sortition.Lottery) {
	t.Helper()
	checkPanels(t, p, k, household, l)
	require.LessOrEqual(t, l.MinProbability, l.UpperBound+1e-12)
	require.LessOrEqual(t, l.UpperBound-l.MinProbability, sortition.DefaultGap)
	wsum := 0.0
	for _, w := range l.Weights {
		require.GreaterOrEqual(t, w, 0.0)
		wsum += w
	}
	require.InDelta(t, 1, wsum, 1e-6)
}

// checkPanels checks a lottery of any objective: its panels meet the quotas
// and have k distinct members, probabilities add up to 1, the marginals to k.
func checkPanels(t *testing.T, p *sortition.Pool, k int, household []int, l *sortition.Lottery) {
	t.Helper()
	total := 0.0
	for _, panel := range l.Panels {
		require.Greater(t, panel.Probability, 0.0)
		require.Len(t, panel.Members, k)
		for j := 1; j < len(panel.Members); j++ {
			require.Less(t, panel.Members[j-1], panel.Members[j], "members sorted and distinct")
		}
		require.True(t, meets(p, panel.Members, household), "panel %v breaks a quota", panel.Members)
		total += panel.Probability
	}
	require.InDelta(t, 1, total, 1e-12)
	sum := 0.0
	for _, m := range l.Marginals {
		sum += m
	}
	require.InDelta(t, float64(k), sum, 1e-9)
}

func TestMaximinAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	checked := 0
	paths := map[string]int{} // how the lottery was found
	// Until 40 instances are checked, including 5 where the relaxation's
	// optimum does not decompose and column generation finds the lottery.
	for i := 0; (checked < 40 || paths["column generation"] < 5) && i < 4000; i++ {
		in := randomInstance(rng, 6+rng.IntN(5), 1+rng.IntN(3), i%4 == 0)
		p := in.load(t)
		household := in.household(t, p)
		panels := feasiblePanels(p, in.k, household)
		l, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, in.k, in.households...), sortition.MaximinOptions{})
		if len(panels) == 0 {
			var ie *sortition.InfeasibleError
			require.ErrorAs(t, err, &ie, "instance %d", i)
			continue
		}
		require.NoError(t, err, "instance %d", i)
		want := bruteMaximin(t, panels, len(p.People))
		require.InDelta(t, want, l.MinProbability, 1e-9, "instance %d: %+v", i, in)
		checkLottery(t, p, in.k, household, l)
		if l.Stats.Iterations == 0 {
			paths["decomposition"]++
		} else {
			paths["column generation"]++
		}
		// People on no feasible panel are excluded, and only they.
		onSome := make([]bool, len(p.People))
		for _, P := range panels {
			for _, i := range P {
				onSome[i] = true
			}
		}
		excluded := map[int]bool{}
		for _, e := range l.Excluded {
			excluded[e.Person] = true
			assert.False(t, e.Reason.IsZero())
			assert.Zero(t, l.Marginals[e.Person])
		}
		for i := range onSome {
			require.Equal(t, !onSome[i], excluded[i], "person %d", i)
		}
		checked++
	}
	require.GreaterOrEqual(t, checked, 40)
	t.Logf("lotteries found by: %v", paths)
	// Both ways of finding the lottery are checked against brute force.
	assert.Positive(t, paths["decomposition"])
	assert.Positive(t, paths["column generation"])
}

func TestMaximinSymmetricPool(t *testing.T) {
	// 12 people, two categories crossed evenly; quotas exactly proportional:
	// by symmetry everyone gets k/n.
	var pool strings.Builder
	pool.WriteString("id,gender,area\n")
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&pool, "p%d,%s,%s\n", i, []string{"f", "m"}[i%2], []string{"urban", "rural", "town"}[i%3])
	}
	in := instance{quotas: "feature,value,min,max\ngender,f,3,3\ngender,m,3,3\narea,urban,2,2\narea,rural,2,2\narea,town,2,2\n", pool: pool.String(), k: 6}
	p := in.load(t)
	l, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, in.k), sortition.MaximinOptions{})
	require.NoError(t, err)
	checkLottery(t, p, in.k, nil, l)
	for i, m := range l.Marginals {
		assert.InDelta(t, 0.5, m, 1e-12, "person %d", i)
	}
	assert.InDelta(t, 0.5, l.MinProbability, 1e-12)
}

func TestMaximinInfeasible(t *testing.T) {
	in := instance{
		quotas: "feature,value,min,max\ngender,f,2,2\ngender,m,0,0\nage,young,2,2\nage,old,0,0\n",
		pool:   "id,gender,age\na,f,old\nb,f,old\nc,m,young\nd,m,young\n",
		k:      2,
	}
	_, err := sortition.Maximin(context.Background(), testpool.Problem(t, in.load(t), in.k), sortition.MaximinOptions{})
	var ie *sortition.InfeasibleError
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, ie.Error(), "no panel of 2 people meets all the quotas")
}

func TestMaximinHouseholds(t *testing.T) {
	// Two of the three women share a household: with one woman per panel
	// required and at most one per household, the lone woman is on half…
	in := instance{
		quotas: "feature,value,min,max\ngender,f,2,2\ngender,m,1,1\n",
		pool:   "id,gender,address\na,f,1 Rue A\nb,f, 1 rue a \nc,f,2 Rue B\nd,m,3 Rue C\ne,m,4 Rue D\n",
		k:      3,
	}
	p := in.load(t)
	l, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, in.k, "Address"), sortition.MaximinOptions{})
	require.NoError(t, err)
	h, err := p.Households([]string{"address"})
	require.NoError(t, err)
	assert.Equal(t, h[0], h[1])
	checkLottery(t, p, in.k, h, l)
	// c is on every panel (a and b can't both be); a and b share the rest.
	assert.InDelta(t, 1, l.Marginals[2], 1e-9)
	assert.InDelta(t, 0.5, l.Marginals[0], 1e-9)
	assert.InDelta(t, 0.5, l.MinProbability, 1e-9)

	_, err = p.Problem(in.k, []string{"street"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"street"`)
}

func TestMaximinExcluded(t *testing.T) {
	// Old people can't be on a panel: the quota allows none.
	in := instance{
		quotas: "feature,value,min,max\nage,young,2,2\nage,old,0,0\n",
		pool:   "id,age\na,young\nb,young\nc,young\nd,old\n",
		k:      2,
	}
	p := in.load(t)
	l, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, in.k), sortition.MaximinOptions{})
	require.NoError(t, err)
	require.Len(t, l.Excluded, 1)
	assert.Equal(t, 3, l.Excluded[0].Person)
	assert.Contains(t, l.Excluded[0].Reason.String(), "age=old")
	assert.InDelta(t, 2.0/3, l.MinProbability, 1e-12)
	checkLottery(t, p, in.k, nil, l)
}

func TestMaximinDeterministic(t *testing.T) {
	p := exampleInstance(t)
	a, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, 30), sortition.MaximinOptions{})
	require.NoError(t, err)
	b, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, 30), sortition.MaximinOptions{})
	require.NoError(t, err)
	a.Stats.Elapsed, b.Stats.Elapsed = 0, 0
	require.Equal(t, a, b)
	checkLottery(t, p, 30, nil, a)

	// Interchangeable people (same values, no households) get the same
	// probability.
	byValues := map[string][]int{}
	for i, person := range p.People {
		key := fmt.Sprint(person.Values)
		byValues[key] = append(byValues[key], i)
	}
	for _, group := range byValues {
		for _, i := range group[1:] {
			require.InDelta(t, a.Marginals[group[0]], a.Marginals[i], 1e-12)
		}
	}
}

func TestMaximinCancelAndProgress(t *testing.T) {
	p := exampleInstance(t)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := sortition.Maximin(ctx, testpool.Problem(t, p, 30), sortition.MaximinOptions{Options: sortition.Options{Progress: func(pr sortition.Progress) {
		calls++
		assert.LessOrEqual(t, pr.Lower, pr.Upper)
		if calls == 3 {
			cancel()
		}
	}}})
	require.True(t, errors.Is(err, context.Canceled), "%v", err)
	assert.Equal(t, 3, calls)
}

func exampleInstance(t testing.TB) *sortition.Pool {
	q, err := quota.ReadFile(testdata("example", "quotas.csv"))
	require.NoError(t, err)
	p, err := sortition.ReadPool(testdata("example", "pool.csv"), q, sortition.PoolOptions{})
	require.NoError(t, err)
	return p
}

// TestMaximinDecompositionProgress: the decomposition reports the share of
// the lottery found, rising to 1.
func TestMaximinDecompositionProgress(t *testing.T) {
	p := exampleInstance(t)
	var done []float64
	_, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, 30), sortition.MaximinOptions{Options: sortition.Options{Progress: func(pr sortition.Progress) {
		if pr.Phase == "decomposition" {
			done = append(done, pr.Done)
		}
	}}})
	require.NoError(t, err)
	require.NotEmpty(t, done)
	for i := 1; i < len(done); i++ {
		require.GreaterOrEqual(t, done[i], done[i-1])
	}
	require.InDelta(t, 1, done[len(done)-1], 1e-9)
}
