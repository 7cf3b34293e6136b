package sortition_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// conflictInstance reads a pool and quotas of testdata/conflicts.
func conflictInstance(t *testing.T, dir string) *sortition.Pool {
	t.Helper()
	base := filepath.Join("..", "testdata", "conflicts", dir)
	q, err := quota.ReadFile(filepath.Join(base, "quotas.csv"))
	require.NoError(t, err)
	p, err := sortition.ReadPool(filepath.Join(base, "pool.csv"), q, sortition.PoolOptions{})
	require.NoError(t, err)
	return p
}

// withOnly returns the pool under the given bounds alone: every other min
// is 0 and every other max k.
func withOnly(p *sortition.Pool, k int, bounds []sortition.Bound) *sortition.Pool {
	q := p.Quotas.Clone()
	for c := range q.Categories {
		for v := range q.Categories[c].Values {
			q.Categories[c].Values[v].Min, q.Categories[c].Values[v].Max = 0, k
		}
	}
	for _, b := range bounds {
		val := &q.Categories[b.Category].Values[b.Value]
		if b.Kind == sortition.MinBound {
			val.Min = b.Limit
		} else {
			val.Max = b.Limit
		}
	}
	out := *p
	out.Quotas = q
	return &out
}

// householdNumbers returns the pool's household numbers, nil without columns.
func householdNumbers(t *testing.T, p *sortition.Pool, columns []string) []int {
	t.Helper()
	if len(columns) == 0 {
		return nil
	}
	h, err := p.Households(columns)
	require.NoError(t, err)
	return h
}

// requireIrreducible checks by enumerating every panel that no panel meets
// the conflict's bounds together, and that without any one of them some
// panel meets the others.
func requireIrreducible(t *testing.T, p *sortition.Pool, k int, household []int, c sortition.Conflict) {
	t.Helper()
	require.Empty(t, feasiblePanels(withOnly(p, k, c.Bounds), k, household), "the conflict's bounds %v can all be met", c.Bounds)
	for j := range c.Bounds {
		rest := append(append([]sortition.Bound(nil), c.Bounds[:j]...), c.Bounds[j+1:]...)
		require.NotEmpty(t, feasiblePanels(withOnly(p, k, rest), k, household), "without %v the conflict %v is still infeasible", c.Bounds[j], c.Bounds)
	}
}

func boundNames(p *sortition.Pool, bounds []sortition.Bound) []string {
	var out []string
	for _, b := range bounds {
		c := p.Quotas.Categories[b.Category]
		out = append(out, fmt.Sprintf("%s %s %s %d", b.Kind, c.Name, c.Values[b.Value].Name, b.Limit))
	}
	return out
}

func TestCheckFeasibilityKnownConflicts(t *testing.T) {
	tests := []struct {
		dir        string
		k          int
		households []string
		bounds     []string // the known conflict; nil: check its shape below
		reason     string
	}{
		{"min_above_pool", 10, nil, []string{"min literacy non-literate 8"},
			`at least 8 people with literacy "non-literate" are required, but the pool has only 6`},
		{"mins_above_k", 10, nil, []string{"min age 16-29 4", "min age 30-59 4", "min age 60+ 3"},
			`the mins of age add up to 11 (4 "16-29" + 4 "30-59" + 3 "60+"), more than the panel's 10 seats`},
		{"min_max_cross", 10, nil, []string{"min literacy non-literate 3", "max area rural 1"},
			`at least 3 people with literacy "non-literate" are required and at most 1 person with area "rural" is allowed, so at least 2 must have literacy "non-literate" without area "rural", but the pool has only 1 such person`},
		{"three_way", 2, nil, nil, "no panel of 2 from this pool has, all at once,"},
		{"households", 4, []string{"address"}, []string{"min gender female 3"},
			`at least 3 people with gender "female" are required; the pool has 4, but they live in only 2 households, and a panel takes at most one person per household`},
		{"households", 6, []string{"address"}, []string{},
			"the pool's 8 people live in only 5 households, fewer than the panel's 6 seats"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/k=%d", tt.dir, tt.k), func(t *testing.T) {
			p := conflictInstance(t, tt.dir)
			household := householdNumbers(t, p, tt.households)
			require.Empty(t, feasiblePanels(p, tt.k, household), "the instance must be infeasible")
			f, err := sortition.CheckFeasibility(context.Background(), testpool.Problem(t, p, tt.k, tt.households...))
			require.NoError(t, err)
			require.False(t, f.Feasible)
			require.NotEmpty(t, f.Conflicts)
			c := f.Conflicts[0]
			if tt.bounds != nil {
				assert.Equal(t, tt.bounds, append([]string{}, boundNames(p, c.Bounds)...))
			} else {
				// three_way: two bounds in each of the three categories.
				require.Len(t, c.Bounds, 6)
				per := map[int]int{}
				for _, b := range c.Bounds {
					per[b.Category]++
				}
				assert.Equal(t, map[int]int{0: 2, 1: 2, 2: 2}, per)
			}
			assert.Contains(t, c.Reason.String(), tt.reason)
			if len(c.Bounds) > 0 {
				requireIrreducible(t, p, tt.k, household, c)
			}
		})
	}
}

// randomBoundsInstance draws a small pool and random bounds, often
// infeasible.
func randomBoundsInstance(rng *rand.Rand) instance {
	n := 5 + rng.IntN(5)
	cats := 1 + rng.IntN(3)
	var q, p strings.Builder
	q.WriteString("feature,value,min,max\n")
	header := []string{"id"}
	vals := make([]int, cats)
	for c := range vals {
		vals[c] = 2 + rng.IntN(2)
		header = append(header, fmt.Sprintf("c%d", c))
	}
	header = append(header, "home")
	p.WriteString(strings.Join(header, ",") + "\n")
	households := rng.IntN(3) == 0
	for i := 0; i < n; i++ {
		row := []string{fmt.Sprintf("p%d", i)}
		for c := range vals {
			row = append(row, fmt.Sprintf("v%d", rng.IntN(vals[c])))
		}
		home := fmt.Sprintf("h%d", i)
		if households && i > 0 && rng.IntN(3) == 0 {
			home = fmt.Sprintf("h%d", i-1)
		}
		p.WriteString(strings.Join(append(row, home), ",") + "\n")
	}
	k := 1 + rng.IntN(min(n, 5))
	for c := range vals {
		for v := 0; v < vals[c]; v++ {
			lo := rng.IntN(k/vals[c] + 2)
			hi := lo + rng.IntN(k+1)
			fmt.Fprintf(&q, "c%d,v%d,%d,%d\n", c, v, lo, hi)
		}
	}
	in := instance{quotas: q.String(), pool: p.String(), k: k}
	if households {
		in.households = []string{"home"}
	}
	return in
}

func TestCheckFeasibilityAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 23))
	feasible, infeasible, excluded, multi := 0, 0, 0, 0
	for i := 0; i < 400; i++ {
		in := randomBoundsInstance(rng)
		p := in.load(t)
		household := householdNumbers(t, p, in.households)
		panels := feasiblePanels(p, in.k, household)
		f, err := sortition.CheckFeasibility(context.Background(), testpool.Problem(t, p, in.k, in.households...))
		require.NoError(t, err, "instance %d", i)
		require.Equal(t, len(panels) > 0, f.Feasible, "instance %d: %+v", i, in)
		if !f.Feasible {
			infeasible++
			require.NotEmpty(t, f.Conflicts)
			if len(f.Conflicts) > 1 {
				multi++
			}
			seen := map[sortition.Bound]bool{}
			for _, c := range f.Conflicts {
				require.False(t, c.Reason.IsZero())
				if len(c.Bounds) == 0 {
					require.Empty(t, feasiblePanels(withOnly(p, in.k, nil), in.k, household))
					continue
				}
				requireIrreducible(t, p, in.k, household, c)
				for _, b := range c.Bounds {
					require.False(t, seen[b], "conflicts are disjoint")
					seen[b] = true
				}
			}
			continue
		}
		feasible++
		require.True(t, meets(p, f.Panel, household), "the panel %v meets the quotas", f.Panel)
		require.Len(t, f.Panel, in.k)
		onSome := make([]bool, len(p.People))
		for _, P := range panels {
			for _, j := range P {
				onSome[j] = true
			}
		}
		out := map[int]bool{}
		for _, x := range f.Excluded {
			out[x.Person] = true
			require.False(t, x.Reason.IsZero())
			excluded++
		}
		for j := range onSome {
			require.Equal(t, !onSome[j], out[j], "instance %d person %d", i, j)
		}
	}
	t.Logf("feasible %d (with %d people excluded), infeasible %d (%d with several conflicts)", feasible, excluded, infeasible, multi)
	assert.Greater(t, feasible, 50)
	assert.Greater(t, infeasible, 50)
	assert.Positive(t, excluded)
	assert.Positive(t, multi)
}
