package sortition_test

import (
	"context"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	gonumlp "gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// bruteLevel solves, over all feasible panels with gonum's simplex, the LP
// of one leximin level: maximise z subject to Σ_P λ_P [i ∈ P] ≥ floor[i]
// for the people already fixed, ≥ z for the other people on some panel,
// Σ λ = 1, λ ≥ 0.
func bruteLevel(t *testing.T, panels [][]int, n int, floor map[int]float64) float64 {
	onSome := make([]bool, n)
	for _, P := range panels {
		for _, i := range P {
			onSome[i] = true
		}
	}
	var people []int
	for i, ok := range onSome {
		if ok {
			people = append(people, i)
		}
	}
	np, m := len(panels), len(people)
	cols := np + 1 + m // λ, z, one surplus per person
	A := mat.NewDense(m+1, cols, nil)
	b := make([]float64, m+1)
	pos := map[int]int{}
	for r, i := range people {
		pos[i] = r
	}
	for j, P := range panels {
		for _, i := range P {
			A.Set(pos[i], j, 1)
		}
		A.Set(m, j, 1)
	}
	for r, i := range people {
		if f, ok := floor[i]; ok {
			b[r] = f
		} else {
			A.Set(r, np, -1)
		}
		A.Set(r, np+1+r, -1)
	}
	b[m] = 1
	c := make([]float64, cols)
	c[np] = -1
	opt, _, err := gonumlp.Simplex(c, A, b, 1e-12, nil)
	require.NoError(t, err)
	return -opt
}

// TestLeximinAgainstBruteForce checks every level of Leximin on random tiny
// pools against LPs over all feasible panels: each level is the largest
// minimum the people not yet fixed can get given the levels before, the
// people fixed at a level get exactly it, and nobody gets less.
func TestLeximinAgainstBruteForce(t *testing.T) {
	testLeximinAgainstBruteForce(t, sortition.Leximin)
}

// TestLeximinByColumnsAgainstBruteForce: the same for the column
// generation used when the relaxation's leximin point does not decompose.
func TestLeximinByColumnsAgainstBruteForce(t *testing.T) {
	testLeximinAgainstBruteForce(t, sortition.LeximinByColumns)
}

func testLeximinAgainstBruteForce(t *testing.T, leximin func(context.Context, *sortition.Problem, sortition.LeximinOptions) (*sortition.Lottery, error)) {
	rng := rand.New(rand.NewPCG(13, 5))
	checked := 0
	for i := 0; checked < 30 && i < 600; i++ {
		in := randomInstance(rng, 6+rng.IntN(4), 1+rng.IntN(3), i%4 == 0)
		p := in.load(t)
		household := in.household(t, p)
		panels := feasiblePanels(p, in.k, household)
		if len(panels) == 0 {
			continue
		}
		l, err := leximin(context.Background(), testpool.Problem(t, p, in.k, in.households...), sortition.LeximinOptions{})
		require.NoError(t, err, "instance %d", i)
		checkLottery(t, p, in.k, household, l)
		floor := map[int]float64{}
		fixed := 0
		for j, lv := range l.Levels {
			want := bruteLevel(t, panels, len(p.People), floor)
			require.InDelta(t, want, lv.Probability, 1e-9, "instance %d level %d", i, j)
			// The level's certificate: weights on the people not fixed
			// before add up to 1, and no panel weighs more than the level
			// plus the offset.
			sum := 0.0
			for person, w := range lv.Weights {
				require.GreaterOrEqual(t, w, 0.0)
				if _, ok := floor[person]; !ok {
					sum += w
				}
			}
			require.InDelta(t, 1, sum, 1e-9, "instance %d level %d", i, j)
			require.GreaterOrEqual(t, lv.Offset, 0.0)
			heaviest, err := sortition.MaxPanelWeight(context.Background(), testpool.Numbered(t, p, in.k, household), lv.Weights)
			require.NoError(t, err)
			require.LessOrEqual(t, heaviest-lv.Offset, lv.Probability+1e-9, "instance %d level %d", i, j)
			for _, person := range lv.People {
				require.InDelta(t, lv.Probability, l.Marginals[person], 1e-9, "instance %d level %d person %d", i, j, person)
				floor[person] = lv.Probability
			}
			fixed += len(lv.People)
		}
		require.Equal(t, len(p.People)-len(l.Excluded), fixed, "every selectable person is on a level")
		for person, m := range l.Marginals {
			if _, ok := floor[person]; !ok {
				require.Zero(t, m)
			}
		}
		// The sorted probabilities are those of the levels.
		got := append([]float64(nil), l.Marginals...)
		sort.Float64s(got)
		require.InDelta(t, l.Levels[0].Probability, got[len(l.Excluded)], 1e-9)
		checked++
	}
	require.GreaterOrEqual(t, checked, 30)
}

// TestLeximinExample: on the example pool, leximin's first level is the
// maximin value, the levels increase, and every level's certificate holds.
func TestLeximinExample(t *testing.T) {
	p := exampleInstance(t)
	l, err := sortition.Leximin(context.Background(), testpool.Problem(t, p, 30), sortition.LeximinOptions{})
	require.NoError(t, err)
	m, err := sortition.Maximin(context.Background(), testpool.Problem(t, p, 30), sortition.MaximinOptions{})
	require.NoError(t, err)
	require.InDelta(t, m.MinProbability, l.MinProbability, 1e-9, "leximin's first level is the maximin value")
	require.NotEmpty(t, l.Levels)
	for j, lv := range l.Levels {
		if j > 0 {
			require.Greater(t, lv.Probability, l.Levels[j-1].Probability-1e-12)
		}
		heaviest, err := sortition.MaxPanelWeight(context.Background(), testpool.Numbered(t, p, 30, nil), lv.Weights)
		require.NoError(t, err)
		require.LessOrEqual(t, heaviest-lv.Offset, lv.Probability+1e-9, "level %d", j)
	}
}
