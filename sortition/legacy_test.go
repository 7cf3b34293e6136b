package sortition_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// legacyExact computes exactly, person by person, the selection
// probabilities of the legacy procedure (the rule documented on Legacy)
// conditioned on its success, and the probability that one attempt
// succeeds, by following every random choice.
func legacyExact(p *sortition.Pool, k int, household []int) ([]float64, float64) {
	n := len(p.People)
	cats := p.Quotas.Categories
	marginal := make([]float64, n)
	success := 0.0
	type state struct {
		avail    []bool
		selected []int
		sel, rem [][]int // per category and value
	}
	clone := func(s state) state {
		c := state{avail: append([]bool(nil), s.avail...), selected: append([]int(nil), s.selected...)}
		for ci := range s.sel {
			c.sel = append(c.sel, append([]int(nil), s.sel[ci]...))
			c.rem = append(c.rem, append([]int(nil), s.rem[ci]...))
		}
		return c
	}
	drop := func(s *state, i int) {
		s.avail[i] = false
		for ci, v := range p.People[i].Values {
			s.rem[ci][v]--
		}
	}
	dropValue := func(s *state, ci, v int) {
		for i := range s.avail {
			if s.avail[i] && p.People[i].Values[ci] == v {
				drop(s, i)
			}
		}
	}
	var rec func(s state, prob float64)
	rec = func(s state, prob float64) {
		if len(s.selected) == k {
			if meets(p, s.selected, household) {
				success += prob
				for _, i := range s.selected {
					marginal[i] += prob
				}
			}
			return
		}
		bc, bv, bestNeed, bestRem := -1, -1, 0, 1
		for ci, c := range cats {
			for v, val := range c.Values {
				need := val.Min - s.sel[ci][v]
				if need > 0 && s.rem[ci][v] < need {
					return // stuck
				}
				if s.rem[ci][v] == 0 || val.Max == 0 {
					continue
				}
				if bc < 0 || need*bestRem > bestNeed*s.rem[ci][v] {
					bc, bv, bestNeed, bestRem = ci, v, need, s.rem[ci][v]
				}
			}
		}
		if bc < 0 {
			return
		}
		for i := range s.avail {
			if !s.avail[i] || p.People[i].Values[bc] != bv {
				continue
			}
			next := clone(s)
			drop(&next, i)
			next.selected = append(next.selected, i)
			for ci, v := range p.People[i].Values {
				next.sel[ci][v]++
			}
			if household != nil {
				for j := range next.avail {
					if next.avail[j] && household[j] == household[i] {
						drop(&next, j)
					}
				}
			}
			for ci, v := range p.People[i].Values {
				if next.sel[ci][v] == cats[ci].Values[v].Max {
					dropValue(&next, ci, v)
				}
			}
			left := 0
			for _, a := range next.avail {
				if a {
					left++
				}
			}
			if len(next.selected) < k && left == 0 {
				continue // stuck
			}
			rec(next, prob/float64(bestRem))
		}
	}
	start := state{avail: make([]bool, n)}
	for _, c := range cats {
		start.sel = append(start.sel, make([]int, len(c.Values)))
		start.rem = append(start.rem, make([]int, len(c.Values)))
	}
	for i := range start.avail {
		start.avail[i] = true
		for ci, v := range p.People[i].Values {
			start.rem[ci][v]++
		}
	}
	for ci, c := range cats {
		for v, val := range c.Values {
			if val.Max == 0 {
				dropValue(&start, ci, v)
			}
		}
	}
	rec(start, 1)
	if success > 0 {
		for i := range marginal {
			marginal[i] /= success
		}
	}
	return marginal, success
}

// TestLegacyKnownAnswer: f and o have the largest ratio, 1/3; f comes first
// in the quota file, so the first member is a, b or c. a (young) leaves
// only g; b or c (old) leaves d, e and f. So a, b, c and g are selected
// with probability 1/3 and d, e, f with 2/9, below maximin's 1/4.
func TestLegacyKnownAnswer(t *testing.T) {
	in := instance{
		quotas: "feature,value,min,max\ngender,f,1,1\ngender,m,1,1\nage,young,1,1\nage,old,1,1\n",
		pool:   "id,gender,age\na,f,young\nb,f,old\nc,f,old\nd,m,young\ne,m,young\nf,m,young\ng,m,old\n",
		k:      2,
	}
	p := in.load(t)
	want := []float64{1.0 / 3, 1.0 / 3, 1.0 / 3, 2.0 / 9, 2.0 / 9, 2.0 / 9, 1.0 / 3}
	exact, success := legacyExact(p, in.k, nil)
	require.InDelta(t, 1, success, 1e-15)
	for i, w := range want {
		require.InDelta(t, w, exact[i], 1e-15, "exact, person %s", p.People[i].ID)
	}
	l, err := sortition.Legacy(context.Background(), testpool.Problem(t, p, in.k), sortition.LegacyOptions{Runs: 40000, Seed: 1})
	require.NoError(t, err)
	checkPanels(t, p, in.k, nil, l)
	assert.Equal(t, "legacy", l.Algorithm)
	assert.True(t, l.Estimated)
	assert.Equal(t, 40000, l.Stats.Runs)
	assert.Zero(t, l.Stats.Restarts)
	assert.Zero(t, l.UpperBound)
	assert.Nil(t, l.Weights)
	for i, w := range want {
		assert.InDelta(t, w, l.Marginals[i], 0.01, "person %s", p.People[i].ID)
	}
}

// TestLegacyAgainstExact compares the estimated probabilities of Legacy on
// random tiny pools with the exact ones of the procedure, computed person
// by person over every random choice, including pools where the procedure
// gets stuck and restarts (so that the estimate is conditioned on
// success): within 0.015 after 20000 runs (about four standard errors at
// worst), and the share of stuck attempts within 0.02 of the exact one.
func TestLegacyAgainstExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 2))
	checked, stuck := 0, 0
	for i := 0; (checked < 12 || stuck < 4) && i < 2000; i++ {
		in := randomInstance(rng, 6+rng.IntN(3), 1+rng.IntN(3), i%4 == 0)
		if i%2 == 1 {
			in = skewedQuotas(rng, in)
		}
		p := in.load(t)
		var household []int
		if in.households != nil {
			var err error
			household, err = p.Households(in.households)
			require.NoError(t, err)
		}
		exact, success := legacyExact(p, in.k, household)
		if success < 0.2 {
			continue // a feasible pool where the procedure nearly always fails: too slow to estimate
		}
		const runs = 20000
		l, err := sortition.Legacy(context.Background(), testpool.Problem(t, p, in.k, in.households...), sortition.LegacyOptions{Runs: runs, Seed: uint64(i)})
		var ie *sortition.InfeasibleError
		if errors.As(err, &ie) {
			continue
		}
		require.NoError(t, err, "instance %d", i)
		checkPanels(t, p, in.k, household, l)
		for j, e := range exact {
			require.InDelta(t, e, l.Marginals[j], 0.015, "instance %d person %d", i, j)
		}
		attempts := float64(l.Stats.Runs + l.Stats.Restarts)
		require.InDelta(t, 1-success, float64(l.Stats.Restarts)/attempts, 0.02, "instance %d", i)
		if success < 1-1e-12 {
			stuck++
		}
		checked++
	}
	t.Logf("checked %d, with stuck attempts %d", checked, stuck)
	require.GreaterOrEqual(t, checked, 12)
	require.GreaterOrEqual(t, stuck, 4)
}

// TestLegacyDeterministic: the same seed gives the same lottery, another
// seed another estimate; a procedure that can never succeed fails.
func TestLegacyDeterministic(t *testing.T) {
	p := exampleInstance(t)
	opt := sortition.LegacyOptions{Runs: 300, Seed: 42}
	a, err := sortition.Legacy(context.Background(), testpool.Problem(t, p, 30), opt)
	require.NoError(t, err)
	b, err := sortition.Legacy(context.Background(), testpool.Problem(t, p, 30), opt)
	require.NoError(t, err)
	a.Stats.Elapsed, b.Stats.Elapsed = 0, 0
	require.Equal(t, a, b)
	checkPanels(t, p, 30, nil, a)
	opt.Seed = 43
	c, err := sortition.Legacy(context.Background(), testpool.Problem(t, p, 30), opt)
	require.NoError(t, err)
	assert.NotEqual(t, a.Marginals, c.Marginals)

	_, err = sortition.Legacy(context.Background(), testpool.Problem(t, p, 30), sortition.LegacyOptions{Runs: -1})
	require.Error(t, err)
}

// TestLegacyAlwaysStuck: {p0, p1, p4} and {p0, p2, p4} meet the quotas and
// the household rule, but the rule first takes one of p1, p2, p3 (c0=v0 has
// the only positive ratio, 1/3), and then p3 either way (ratio ties at 0, the
// first value wins), which leaves no one: the procedure can never succeed,
// and Legacy says so.
func TestLegacyAlwaysStuck(t *testing.T) {
	in := instance{
		quotas:     "feature,value,min,max\nc0,v0,1,2\nc0,v1,0,3\nc1,v0,0,3\nc1,v1,0,2\nc1,v2,0,1\n",
		pool:       "id,c0,c1,home\np0,v1,v2,h0\np1,v0,v1,h1\np2,v0,v1,h1\np3,v0,v2,h3\np4,v1,v1,h3\n",
		k:          3,
		households: []string{"home"},
	}
	p := in.load(t)
	household, err := p.Households(in.households)
	require.NoError(t, err)
	require.Len(t, feasiblePanels(p, in.k, household), 2)
	_, success := legacyExact(p, in.k, household)
	require.Zero(t, success)
	_, err = sortition.Legacy(context.Background(), testpool.Problem(t, p, in.k, in.households...), sortition.LegacyOptions{Runs: 10})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "got stuck")
	_, err = sortition.Maximin(context.Background(), testpool.Problem(t, p, in.k, in.households...), sortition.MaximinOptions{})
	require.NoError(t, err)
}
