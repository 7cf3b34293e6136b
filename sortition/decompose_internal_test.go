package sortition

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/pricing"
)

// TestDecomposeReproducesThePoint decomposes the maximin relaxation's
// optimum on random problems: every panel must meet the quotas, the
// weights must be positive and account for all but the reported rest, and
// a complete decomposition must reproduce the point. It runs with the
// exact search alone (these faces are below roundMinTypes) and with the
// rounding heuristic tried on every face after the first two.
func TestDecomposeReproducesThePoint(t *testing.T) {
	for _, minTypes := range []int{roundMinTypes, 0} {
		t.Run(fmt.Sprintf("roundMinTypes=%d", minTypes), func(t *testing.T) {
			defer func(old, after int) { roundMinTypes, roundAfterIterations = old, after }(roundMinTypes, roundAfterIterations)
			roundMinTypes = minTypes
			if minTypes == 0 {
				roundAfterIterations = -1 // round from the third step on
			}
			rounded := testDecomposeReproducesThePoint(t)
			if minTypes == 0 {
				require.Greater(t, rounded, 100)
			} else {
				require.Zero(t, rounded)
			}
		})
	}
}

// testDecomposeReproducesThePoint is TestDecomposeReproducesThePoint at
// the current roundMinTypes; it returns the number of rounded steps.
func testDecomposeReproducesThePoint(t *testing.T) int {
	rng := rand.New(rand.NewPCG(3, 29))
	complete, partial, rounded := 0, 0, 0
	for i := 0; i < 400; i++ {
		p := randomPricingProblem(rng, i%5 == 0)
		live := make([]int, len(p.Size))
		for t := range live {
			live[t] = t
		}
		relax, err := solveRelaxation(context.Background(), p, live)
		if err != nil {
			continue // infeasible, or some type on no panel
		}
		d, err := decompose(context.Background(), p, relax.x, nil)
		require.NoError(t, err, "problem %d", i)
		rounded += d.rounded
		sum := 0.0
		got := make([]float64, len(p.Size))
		for j, z := range d.panels {
			require.True(t, p.Feasible(z), "problem %d panel %d", i, j)
			require.Greater(t, d.lambda[j], 0.0)
			sum += d.lambda[j]
			for ty, c := range z {
				got[ty] += d.lambda[j] * float64(c)
			}
		}
		require.InDelta(t, 1-d.rest, sum, 1e-12, "problem %d", i)
		if d.rest > restTol {
			partial++
			continue
		}
		complete++
		for ty := range got {
			require.InDelta(t, relax.x[ty], got[ty], 1e-9, "problem %d type %d", i, ty)
		}
	}
	t.Logf("complete %d, partial %d, rounded steps %d", complete, partial, rounded)
	require.Greater(t, complete, 100)
	return rounded
}

// randomPricingProblem draws a small quota problem over types: 4–10 types,
// 2–4 categories of 2–3 values, sizes 1–4, bounds around proportional
// shares; with households, some single-member types are paired.
func randomPricingProblem(rng *rand.Rand, households bool) *pricing.Problem {
	cats, vals := 2+rng.IntN(3), 2+rng.IntN(2)
	p := &pricing.Problem{Categories: cats}
	n := 0
	for t := 0; t < 4+rng.IntN(7); t++ {
		s := 1 + rng.IntN(4)
		p.Size = append(p.Size, s)
		n += s
		var rows []int
		for c := 0; c < cats; c++ {
			rows = append(rows, c*vals+rng.IntN(vals))
		}
		p.Rows = append(p.Rows, rows)
	}
	p.K = 2 + rng.IntN(max(1, n/2))
	count := make([]int, cats*vals)
	for t, rows := range p.Rows {
		for _, r := range rows {
			count[r] += p.Size[t]
		}
	}
	for r := range count {
		share := float64(p.K*count[r]) / float64(n)
		p.Lo = append(p.Lo, max(0, int(math.Floor(share))-rng.IntN(2)))
		p.Hi = append(p.Hi, int(math.Ceil(share))+rng.IntN(2))
	}
	if households {
		var singles []int
		for t, s := range p.Size {
			if s == 1 {
				singles = append(singles, t)
			}
		}
		for i := 0; i+1 < len(singles); i += 2 {
			p.Groups = append(p.Groups, []int{singles[i], singles[i+1]})
		}
	}
	return p
}
