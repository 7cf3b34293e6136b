package sortition

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// checkExpansion checks concrete panels against the type-level lottery
// they expand: members distinct, every panel realises some type-level
// panel's counts, each type-level panel's probability is spread over
// panels realising it, and every member's probability, summed afresh from
// the panels, is their type's π_t = Σ_P λ_P c_Pt / s_t.
func checkExpansion(t *testing.T, tt *typeTable, counts [][]int, lambda []float64, out []Panel) {
	t.Helper()
	n := 0
	for _, ms := range tt.members {
		n += len(ms)
	}
	want := map[string]float64{} // type-level probability by counts
	for p, c := range counts {
		if lambda[p] > 0 {
			want[fmt.Sprint(c)] += lambda[p]
		}
	}
	got := map[string]float64{}
	marginal := make([]float64, n)
	for j, panel := range out {
		require.Greater(t, panel.Probability, 0.0, "panel %d", j)
		c := make([]int, len(tt.members))
		for i, m := range panel.Members {
			if i > 0 {
				require.Less(t, panel.Members[i-1], m, "panel %d: members sorted and distinct", j)
			}
			c[tt.of[m]]++
			marginal[m] += panel.Probability
		}
		key := fmt.Sprint(c)
		_, ok := want[key]
		require.True(t, ok, "panel %d takes %v, no type-level panel does", j, c)
		got[key] += panel.Probability
	}
	for key, w := range want {
		require.InDelta(t, w, got[key], 1e-12, "type-level panel %s", key)
	}
	for ty, ms := range tt.members {
		pi := 0.0
		for p := range counts {
			pi += lambda[p] * float64(counts[p][ty])
		}
		pi /= float64(len(ms))
		for _, m := range ms {
			require.InDelta(t, pi, marginal[m], 1e-12, "type %d member %d", ty, m)
		}
	}
}

// expansionBound is the most concrete panels expand may produce: one per
// type-level panel of positive probability, plus one cut per member but
// the last of every type whose count varies between 0 and its size (a
// member's stretch ends part-way along a lane only where it completes its
// share).
func expansionBound(tt *typeTable, counts [][]int, lambda []float64) int {
	bound := 0
	for p := range counts {
		if lambda[p] > 0 {
			bound++
		}
	}
	for ty, ms := range tt.members {
		for p := range counts {
			if c := counts[p][ty]; c > 0 && c < len(ms) && lambda[p] > 0 {
				bound += len(ms) - 1
				break
			}
		}
	}
	return bound
}

// randomTypeLottery draws a type-level lottery: types of 1 to 40 members
// whose ids are interleaved, panels whose counts are often 0 or the whole
// type, and probabilities that include zeros and near-zeros.
func randomTypeLottery(rng *rand.Rand) (*typeTable, [][]int, []float64) {
	T := 1 + rng.IntN(12)
	sizes := make([]int, T)
	n := 0
	for t := range sizes {
		sizes[t] = 1 + rng.IntN(6)
		if rng.IntN(5) == 0 {
			sizes[t] = 1 + rng.IntN(40)
		}
		n += sizes[t]
	}
	tt := &typeTable{members: make([][]int, T), of: make([]int, n)}
	perm := rng.Perm(n)
	i := 0
	for t, s := range sizes {
		for range s {
			tt.members[t] = append(tt.members[t], perm[i])
			tt.of[perm[i]] = t
			i++
		}
		slices.Sort(tt.members[t])
	}
	N := 1 + rng.IntN(20)
	counts := make([][]int, N)
	lambda := make([]float64, N)
	total := 0.0
	for p := range counts {
		counts[p] = make([]int, T)
		for t, s := range sizes {
			switch rng.IntN(5) {
			case 0:
			case 1:
				counts[p][t] = s
			default:
				counts[p][t] = rng.IntN(s + 1)
			}
		}
		switch rng.IntN(12) {
		case 0:
			lambda[p] = 0
		case 1:
			lambda[p] = 1e-17 * rng.Float64()
		case 2:
			lambda[p] = 1e-9 * rng.Float64()
		default:
			lambda[p] = rng.ExpFloat64()
		}
		total += lambda[p]
	}
	if total == 0 {
		lambda[0], total = 1, 1
	}
	for p := range lambda {
		lambda[p] /= total
	}
	return tt, counts, lambda
}

func TestExpandRandomLotteries(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 17))
	cut := 0
	for i := 0; i < 500; i++ {
		tt, counts, lambda := randomTypeLottery(rng)
		countsBefore := make([][]int, len(counts))
		for p := range counts {
			countsBefore[p] = slices.Clone(counts[p])
		}
		lambdaBefore := slices.Clone(lambda)

		out := expand(tt, counts, lambda)
		checkExpansion(t, tt, counts, lambda, out)
		positive := 0
		for _, l := range lambda {
			if l > 0 {
				positive++
			}
		}
		require.GreaterOrEqual(t, len(out), positive, "lottery %d: every type-level panel is realised", i)
		require.LessOrEqual(t, len(out), expansionBound(tt, counts, lambda), "lottery %d", i)
		if len(out) > positive {
			cut++
		}
		require.Equal(t, countsBefore, counts, "lottery %d: counts untouched", i)
		require.Equal(t, lambdaBefore, lambda, "lottery %d: probabilities untouched", i)
		require.Equal(t, out, expand(tt, counts, lambda), "lottery %d: deterministic", i)
	}
	require.Greater(t, cut, 250, "most lotteries need cuts")
}

// TestExpandCutsOnlyWhereNeeded checks the count on lotteries whose least
// number of concrete panels is known.
func TestExpandCutsOnlyWhereNeeded(t *testing.T) {
	// One panel takes one of three interchangeable people: each must be
	// alone on panels of total probability 1/3, so three panels at least,
	// which is also the bound 1 + (3 − 1).
	tt := &typeTable{members: [][]int{{0, 1, 2}, {3}}, of: []int{0, 0, 0, 1}}
	counts := [][]int{{1, 1}}
	out := expand(tt, counts, []float64{1})
	checkExpansion(t, tt, counts, []float64{1}, out)
	require.Len(t, out, 3)

	// Two people, one of them on each of two equally likely panels: each
	// can have a whole panel, so nothing is cut.
	tt = &typeTable{members: [][]int{{0, 1}}, of: []int{0, 0}}
	counts = [][]int{{1}, {1}}
	out = expand(tt, counts, []float64{0.5, 0.5})
	checkExpansion(t, tt, counts, []float64{0.5, 0.5}, out)
	require.Len(t, out, 2)
}

// TestExpandNoRoundingSlivers expands the example_large_200 lottery: types
// of 999 and 1,000 people each get 0.1 from panels of probability 0.5, 0.1
// and 0.4, i.e. a fifth, all or a quarter of a lane, so exact arithmetic
// cuts the panels into pieces of 0.1. Rounding noise accumulated over a
// thousand members must not add slivers (it used to, of ~4e-15).
func TestExpandNoRoundingSlivers(t *testing.T) {
	sizes := []int{1, 999, 1000}
	tt := &typeTable{}
	for ty, s := range sizes {
		var ms []int
		for range s {
			ms = append(ms, len(tt.of))
			tt.of = append(tt.of, ty)
		}
		tt.members = append(tt.members, ms)
	}
	counts := [][]int{{0, 99, 101}, {1, 100, 99}, {0, 101, 99}}
	lambda := []float64{0.5, 0.1, 0.39999999999999997}
	out := expand(tt, counts, lambda)
	checkExpansion(t, tt, counts, lambda, out)
	for j, p := range out {
		require.Greater(t, p.Probability, 1e-6, "panel %d", j)
	}
}

// TestExpandSnapsDoNotAccumulate: type 1's members each take a whole lane
// of a panel of 3e-12 and the rest from panel 0, where their stretches
// would end 3e-14 short of type 0's cuts, one after the other. Ending on
// type 0's cut instead gives a member 3e-14 more, which the next member
// must make up for: given away 99 times over, it would leave the last
// member ~3e-12 below the others.
func TestExpandSnapsDoNotAccumulate(t *testing.T) {
	tt := &typeTable{of: make([]int, 200)}
	for ty := range 2 {
		var ms []int
		for i := range 100 {
			ms = append(ms, 100*ty+i)
			tt.of[100*ty+i] = ty
		}
		tt.members = append(tt.members, ms)
	}
	counts := [][]int{{1, 1}, {0, 99}}
	lambda := []float64{1 - 3e-12, 3e-12}
	out := expand(tt, counts, lambda)
	checkExpansion(t, tt, counts, lambda, out)
}
