package sortition_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// withQuotas returns the pool under other quotas (same categories and
// values).
func withQuotas(p *sortition.Pool, q *quota.Set) *sortition.Pool {
	out := *p
	out.Quotas = q
	return &out
}

// checkRelaxation checks a relaxation against its definition: the changes
// lower mins and raise maxes within the flex limits, add up to Seats, give
// Quotas, and let Panel meet them.
func checkRelaxation(t *testing.T, p *sortition.Pool, k int, household []int, r *sortition.Relaxation) {
	t.Helper()
	total := 0
	changed := map[[3]int]bool{}
	for _, c := range r.Changes {
		orig := p.Quotas.Categories[c.Category].Values[c.Value]
		relaxed := r.Quotas.Categories[c.Category].Values[c.Value]
		if c.Kind == sortition.MinBound {
			require.Equal(t, orig.Min, c.From)
			require.Less(t, c.To, c.From)
			require.GreaterOrEqual(t, c.To, orig.MinFlex)
			require.Equal(t, c.To, relaxed.Min)
		} else {
			require.Equal(t, orig.Max, c.From)
			require.Greater(t, c.To, c.From)
			require.LessOrEqual(t, c.To, orig.MaxFlex)
			require.Equal(t, c.To, relaxed.Max)
		}
		changed[[3]int{c.Category, c.Value, int(c.Kind)}] = true
		total += c.Seats()
	}
	require.Equal(t, total, r.Seats)
	for c, cat := range p.Quotas.Categories {
		for v, val := range cat.Values {
			relaxed := r.Quotas.Categories[c].Values[v]
			if !changed[[3]int{c, v, int(sortition.MinBound)}] {
				require.Equal(t, val.Min, relaxed.Min)
			}
			if !changed[[3]int{c, v, int(sortition.MaxBound)}] {
				require.Equal(t, val.Max, relaxed.Max)
			}
		}
	}
	require.Len(t, r.Panel, k)
	require.True(t, meets(withQuotas(p, r.Quotas), r.Panel, household), "the panel meets the relaxed quotas")
}

// bruteMinimalRelaxation finds, by trying every relaxation of 0, 1, 2 …
// seats up to limit (each bound within its flex), the smallest total under
// which some panel (enumerated) meets the quotas; -1 when none up to limit.
func bruteMinimalRelaxation(p *sortition.Pool, k int, household []int, limit int) int {
	type slot struct {
		c, v  int
		isMin bool
		room  int
	}
	var slots []slot
	for c, cat := range p.Quotas.Categories {
		for v, val := range cat.Values {
			if r := val.Min - val.MinFlex; r > 0 {
				slots = append(slots, slot{c, v, true, r})
			}
			if r := min(val.MaxFlex, k) - val.Max; r > 0 {
				slots = append(slots, slot{c, v, false, r})
			}
		}
	}
	amount := make([]int, len(slots))
	feasible := func() bool {
		q := p.Quotas.Clone()
		for j, s := range slots {
			val := &q.Categories[s.c].Values[s.v]
			if s.isMin {
				val.Min -= amount[j]
			} else {
				val.Max += amount[j]
			}
		}
		return len(feasiblePanels(withQuotas(p, q), k, household)) > 0
	}
	// spread tries every way of spreading d seats over slots j….
	var spread func(j, d int) bool
	spread = func(j, d int) bool {
		if j == len(slots) {
			return d == 0 && feasible()
		}
		for a := 0; a <= min(d, slots[j].room); a++ {
			amount[j] = a
			if spread(j+1, d-a) {
				amount[j] = 0
				return true
			}
		}
		amount[j] = 0
		return false
	}
	for d := 0; d <= limit; d++ {
		if spread(0, d) {
			return d
		}
	}
	return -1
}

func TestMinimalRelaxationKnownConflicts(t *testing.T) {
	tests := []struct {
		dir        string
		k          int
		households []string
		seats      int
		changes    []string // when the smallest relaxation is unique
	}{
		{"min_above_pool", 10, nil, 2, []string{`lower the min of literacy "non-literate" from 8 to 6`}},
		{"mins_above_k", 10, nil, 1, nil},
		{"min_max_cross", 10, nil, 1, nil},
		{"three_way", 2, nil, 2, nil},
		{"households", 4, []string{"address"}, 1, []string{`lower the min of gender "female" from 3 to 2`}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/k=%d", tt.dir, tt.k), func(t *testing.T) {
			p := conflictInstance(t, tt.dir)
			household := householdNumbers(t, p, tt.households)
			r, err := sortition.MinimalRelaxation(context.Background(), testpool.Problem(t, p, tt.k, tt.households...))
			require.NoError(t, err)
			assert.Equal(t, tt.seats, r.Seats)
			checkRelaxation(t, p, tt.k, household, r)
			assert.Equal(t, tt.seats, bruteMinimalRelaxation(p, tt.k, household, tt.seats))
			if tt.changes != nil {
				var got []string
				for _, c := range r.Changes {
					got = append(got, c.Describe(p.Quotas).String())
				}
				assert.Equal(t, tt.changes, got)
			}
		})
	}
	// Too few households: no relaxation helps.
	p := conflictInstance(t, "households")
	_, err := sortition.MinimalRelaxation(context.Background(), testpool.Problem(t, p, 6, "address"))
	var ie *sortition.InfeasibleError
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, ie.Reason.String(), "no relaxation of the quotas helps: the pool's 8 people live in only 5 households")
}

// randomFlexInstance is randomBoundsInstance with min_flex and max_flex
// columns, some cells blank.
func randomFlexInstance(rng *rand.Rand) instance {
	in := randomBoundsInstance(rng)
	lines := strings.Split(strings.TrimSpace(in.quotas), "\n")
	var q strings.Builder
	q.WriteString("feature,value,min,max,min_flex,max_flex\n")
	for _, line := range lines[1:] {
		f := strings.Split(line, ",")
		var lo, hi int
		fmt.Sscan(f[2], &lo)
		fmt.Sscan(f[3], &hi)
		minFlex, maxFlex := "", ""
		if rng.IntN(2) == 0 {
			minFlex = fmt.Sprint(max(0, lo-rng.IntN(3)))
		}
		if rng.IntN(2) == 0 {
			maxFlex = fmt.Sprint(hi + rng.IntN(3))
		}
		fmt.Fprintf(&q, "%s,%s,%s\n", line, minFlex, maxFlex)
	}
	in.quotas = q.String()
	return in
}

func TestMinimalRelaxationAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 4))
	relaxed, feasible, impossible := 0, 0, 0
	for i := 0; i < 300; i++ {
		in := randomFlexInstance(rng)
		p := in.load(t)
		household := householdNumbers(t, p, in.households)
		r, err := sortition.MinimalRelaxation(context.Background(), testpool.Problem(t, p, in.k, in.households...))
		const limit = 4
		if err != nil {
			var ie *sortition.InfeasibleError
			require.ErrorAs(t, err, &ie, "instance %d", i)
			require.Equal(t, -1, bruteMinimalRelaxation(p, in.k, household, limit), "instance %d: %+v", i, in)
			// Not even relaxing every bound as far as its flex allows helps.
			q := p.Quotas.Clone()
			for c := range q.Categories {
				for v := range q.Categories[c].Values {
					val := &q.Categories[c].Values[v]
					val.Min, val.Max = val.MinFlex, min(val.MaxFlex, in.k)
				}
			}
			require.Empty(t, feasiblePanels(withQuotas(p, q), in.k, household), "instance %d", i)
			impossible++
			continue
		}
		checkRelaxation(t, p, in.k, household, r)
		if r.Seats == 0 {
			require.Empty(t, r.Changes)
			require.NotEmpty(t, feasiblePanels(p, in.k, household))
			feasible++
			continue
		}
		if r.Seats > limit {
			continue
		}
		require.Equal(t, r.Seats, bruteMinimalRelaxation(p, in.k, household, r.Seats), "instance %d: %+v", i, in)
		relaxed++
	}
	t.Logf("relaxed %d (minimal by brute force), feasible %d, impossible within flex %d", relaxed, feasible, impossible)
	assert.Greater(t, relaxed, 50)
	assert.Greater(t, feasible, 20)
	assert.Positive(t, impossible)
}
