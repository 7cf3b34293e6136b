package sortition_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// systematicTickets is the interim rounding that Uniform replaced, kept as
// the baseline: the panel at each point (j + ½)/m of the lottery's
// cumulative distribution.
func systematicTickets(l *sortition.Lottery, m int) []int {
	tickets := make([]int, len(l.Marginals))
	for j := 0; j < m; j++ {
		for _, i := range l.Panels[l.Draw((float64(j)+0.5)/float64(m))].Members {
			tickets[i]++
		}
	}
	return tickets
}

// shiftTickets is max_i |tickets_i − m·π_i|.
func shiftTickets(l *sortition.Lottery, tickets []int, m int) float64 {
	worst := 0.0
	for i, t := range tickets {
		worst = math.Max(worst, math.Abs(float64(t)-float64(m)*l.Marginals[i]))
	}
	return worst
}

// composition describes a panel by its members' quota values, as a type-level
// panel does.
func composition(p *sortition.Pool, members []int) string {
	keys := make([]string, len(members))
	for j, i := range members {
		keys[j] = fmt.Sprint(p.People[i].Values)
	}
	sort.Strings(keys)
	return strings.Join(keys, ";")
}

// checkUniform checks a uniform lottery against the pool and the exact
// lottery it rounds, independently of how it was computed.
func checkUniform(t *testing.T, p *sortition.Pool, k int, household []int, l *sortition.Lottery, u *sortition.Uniform, m int) {
	t.Helper()
	require.Equal(t, m, u.M)
	require.Len(t, u.Panels, m)
	exact := map[string]bool{}
	for _, panel := range l.Panels {
		exact[composition(p, panel.Members)] = true
	}
	tickets := make([]int, len(p.People))
	for _, panel := range u.Panels {
		require.Len(t, panel, k)
		for j := 1; j < len(panel); j++ {
			require.Less(t, panel[j-1], panel[j], "members sorted and distinct")
		}
		require.True(t, meets(p, panel, household), "panel %v breaks a quota or the household rule", panel)
		require.True(t, exact[composition(p, panel)], "panel %v realises no panel of the exact lottery", panel)
		for _, i := range panel {
			tickets[i]++
		}
	}
	require.Equal(t, tickets, u.Tickets)
	sum := 0
	for _, x := range tickets {
		sum += x
	}
	require.Equal(t, m*k, sum)

	excluded := map[int]bool{}
	for _, e := range l.Excluded {
		excluded[e.Person] = true
		require.Zero(t, tickets[e.Person])
	}
	minimum := 1.0
	for i, x := range tickets {
		if !excluded[i] {
			minimum = math.Min(minimum, float64(x)/float64(m))
		}
	}
	assert.Equal(t, minimum, u.Minimum)
	assert.InDelta(t, shiftTickets(l, tickets, m)/float64(m), u.MaxShift, 1e-12)
	assert.Equal(t, l.MinProbability, u.ExactMinimum)

	// Interchangeable people (same quota values, no household tie) get
	// their type's seats evenly: their tickets differ by at most one.
	size := map[int]int{}
	for _, h := range household {
		size[h]++
	}
	lo, hi := map[string]int{}, map[string]int{}
	for i, person := range p.People {
		if household != nil && size[household[i]] > 1 {
			continue
		}
		key := fmt.Sprint(person.Values)
		if _, ok := lo[key]; !ok {
			lo[key], hi[key] = tickets[i], tickets[i]
		}
		lo[key], hi[key] = min(lo[key], tickets[i]), max(hi[key], tickets[i])
	}
	for key := range lo {
		require.LessOrEqual(t, hi[key]-lo[key], 1, "people with values %s", key)
	}
}

// The rounding promises no worst-case bound (see Lottery.Uniform); on these
// pools it keeps everyone within 2 tickets of m·π, and the tests check that
// the baseline, systematic sampling, does no better.
const shiftBound = 2.0

func TestUniformExamplePool(t *testing.T) {
	pool := exampleInstance(t)
	l, err := sortition.Maximin(context.Background(), testpool.Problem(t, pool, 30), sortition.MaximinOptions{})
	require.NoError(t, err)
	const m = 1000
	u, err := l.Uniform(m)
	require.NoError(t, err)
	checkUniform(t, pool, 30, nil, l, u, m)

	shift := shiftTickets(l, u.Tickets, m)
	t.Logf("example pool: shift %.3f tickets, systematic %.3f; minimum %.4f, exact %.4f", shift, shiftTickets(l, systematicTickets(l, m), m), u.Minimum, u.ExactMinimum)
	assert.LessOrEqual(t, shift, shiftBound)
	assert.LessOrEqual(t, shift, shiftTickets(l, systematicTickets(l, m), m))
	assert.GreaterOrEqual(t, u.Minimum, u.ExactMinimum-shiftBound/m)

	// Every panel of the exact lottery is used ⌊mλ⌋ or ⌈mλ⌉ times (this
	// pool has no households, so a composition is one type-level panel).
	want := map[string]float64{}
	for _, panel := range l.Panels {
		want[composition(pool, panel.Members)] += float64(m) * panel.Probability
	}
	got := map[string]int{}
	for _, panel := range u.Panels {
		got[composition(pool, panel)]++
	}
	for key, x := range want {
		assert.Less(t, math.Abs(float64(got[key])-x), 1+1e-9, "panel %s: %d copies for m·λ = %g", key, got[key], x)
	}

	again, err := l.Uniform(m)
	require.NoError(t, err)
	require.Equal(t, u, again, "deterministic")
}

func TestUniformRandomInstances(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	checked := 0
	better, total := 0.0, 0.0
	for i := 0; checked < 30 && i < 300; i++ {
		in := randomInstance(rng, 8+rng.IntN(30), 1+rng.IntN(4), i%3 == 0)
		p := in.load(t)
		household := in.household(t, p)
		l, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, in.k, in.households...), sortition.MaximinOptions{})
		if err != nil {
			continue
		}
		for _, m := range []int{1, 7, 1000} {
			u, err := l.Uniform(m)
			require.NoError(t, err, "instance %d, m = %d", i, m)
			checkUniform(t, p, in.k, household, l, u, m)
			shift := shiftTickets(l, u.Tickets, m)
			require.LessOrEqual(t, shift, shiftBound, "instance %d, m = %d", i, m)
			if m == 1000 {
				sys := shiftTickets(l, systematicTickets(l, m), m)
				require.LessOrEqual(t, shift, sys+1e-9, "instance %d: worse than systematic sampling", i)
				better += sys - shift
				total += sys
			}
		}
		checked++
	}
	require.Equal(t, 30, checked)
	// Over all instances the shift is at least a third below the baseline's.
	assert.Greater(t, better, total/3)
}

func TestUniformSmallM(t *testing.T) {
	pool := exampleInstance(t)
	l, err := sortition.Maximin(context.Background(), testpool.Problem(t, pool, 30), sortition.MaximinOptions{})
	require.NoError(t, err)
	for _, m := range []int{1, 2, 3, 10} {
		u, err := l.Uniform(m)
		require.NoError(t, err)
		checkUniform(t, pool, 30, nil, l, u, m)
		assert.LessOrEqual(t, shiftTickets(l, u.Tickets, m), shiftBound, "m = %d", m)
		if m == 1 {
			// One panel: tickets are 0 or 1 against m·π in [0, 1].
			assert.LessOrEqual(t, shiftTickets(l, u.Tickets, m), 1.0)
		}
	}
	for _, m := range []int{0, -1, sortition.MaxUniformPanels + 1} {
		_, err := l.Uniform(m)
		require.Error(t, err, "m = %d", m)
	}
}

func TestUniformHandBuiltLottery(t *testing.T) {
	// No type-level lottery behind it: rounded panel by panel.
	l := &sortition.Lottery{K: 2, Panels: []sortition.Panel{
		{Probability: 0.5, Members: []int{0, 1}},
		{Probability: 0.3, Members: []int{2, 3}},
		{Probability: 0.2, Members: []int{0, 2}},
	}, Marginals: []float64{0.7, 0.5, 0.5, 0.3}, MinProbability: 0.3}
	u, err := l.Uniform(10)
	require.NoError(t, err)
	want := [][]int{{0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1}, {2, 3}, {2, 3}, {2, 3}, {0, 2}, {0, 2}}
	assert.Equal(t, want, u.Panels)
	assert.Equal(t, []int{7, 5, 5, 3}, u.Tickets)
	assert.InDelta(t, 0, u.MaxShift, 1e-12)
	assert.InDelta(t, 0.3, u.Minimum, 1e-12)

	// m = 3: m·λ = 1.5, 0.9, 0.6; each panel is used ⌊m·λ⌋ or ⌈m·λ⌉ times.
	u, err = l.Uniform(3)
	require.NoError(t, err)
	require.Len(t, u.Panels, 3)
	count := map[string]int{}
	for _, p := range u.Panels {
		count[fmt.Sprint(p)]++
	}
	assert.Contains(t, []int{1, 2}, count["[0 1]"])
	assert.Contains(t, []int{0, 1}, count["[2 3]"])
	assert.Contains(t, []int{0, 1}, count["[0 2]"])
	require.Len(t, u.Tickets, 4)

	for name, bad := range map[string][]sortition.Panel{
		"no panels":         nil,
		"outside the pool":  {{Probability: 1, Members: []int{0, 4}}},
		"negative":          {{Probability: -1, Members: []int{0, 1}}, {Probability: 2, Members: []int{2, 3}}},
		"twice":             {{Probability: 1, Members: []int{1, 1}}},
		"zero probability":  {{Probability: 0, Members: []int{0, 1}}},
		"not a probability": {{Probability: math.NaN(), Members: []int{0, 1}}},
	} {
		l := &sortition.Lottery{K: 2, Panels: bad, Marginals: make([]float64, 4)}
		_, err := l.Uniform(10)
		assert.Error(t, err, name)
	}
}
