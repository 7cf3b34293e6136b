package sortition_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	gonumlp "gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// goldilocksValue is (n/k)·max π + γ·(k/n)/min π over the people.
func goldilocksValue(people []int, pi []float64, k int, gamma float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, i := range people {
		lo, hi = math.Min(lo, pi[i]), math.Max(hi, pi[i])
	}
	c := float64(len(people)) / float64(k)
	return c*hi + gamma/(c*lo)
}

// bruteLeastMax solves, over all feasible panels with gonum's simplex, the
// LP min U subject to L ≤ Σ_P λ_P [i ∈ P] ≤ U for every person on some
// panel, Σ λ = 1, λ ≥ 0; ok is false when no lottery gives everyone L.
func bruteLeastMax(t *testing.T, panels [][]int, people []int, L float64) (float64, bool) {
	np, m := len(panels), len(people)
	cols := np + 1 + 2*m // λ, U, surplus and slack per person
	A := mat.NewDense(2*m+1, cols, nil)
	b := make([]float64, 2*m+1)
	pos := map[int]int{}
	for r, i := range people {
		pos[i] = r
	}
	for j, P := range panels {
		for _, i := range P {
			A.Set(pos[i], j, 1)
			A.Set(m+pos[i], j, 1)
		}
		A.Set(2*m, j, 1)
	}
	for r := 0; r < m; r++ {
		b[r] = L
		A.Set(r, np+1+r, -1)
		A.Set(m+r, np, -1)
		A.Set(m+r, np+1+m+r, 1)
	}
	b[2*m] = 1
	c := make([]float64, cols)
	c[np] = 1
	opt, _, err := gonumlp.Simplex(c, A, b, 1e-12, nil)
	if errors.Is(err, gonumlp.ErrInfeasible) {
		return 0, false
	}
	require.NoError(t, err)
	return opt, true
}

// bruteGoldilocks minimises c·U(L) + γ/(c·L) over L in (0, z*], z* the
// maximin value, by golden-section search (the function is convex in L:
// U(L) is the value of a parametric LP), to a bracket of width 1e-11.
func bruteGoldilocks(t *testing.T, panels [][]int, people []int, n, k int, gamma float64) (value, zStar float64) {
	c := float64(len(people)) / float64(k)
	h := func(L float64) float64 {
		U, ok := bruteLeastMax(t, panels, people, L)
		require.True(t, ok, "L = %v", L)
		return c*U + gamma/(c*L)
	}
	zStar = bruteMaximin(t, panels, n)
	lo, hi := 1e-6, zStar*(1-1e-13)
	phi := (math.Sqrt(5) - 1) / 2
	x1, x2 := hi-phi*(hi-lo), lo+phi*(hi-lo)
	f1, f2 := h(x1), h(x2)
	for hi-lo > 1e-11 {
		if f1 <= f2 {
			hi, x2, f2 = x2, x1, f1
			x1 = hi - phi*(hi-lo)
			f1 = h(x1)
		} else {
			lo, x1, f1 = x1, x2, f2
			x2 = lo + phi*(hi-lo)
			f2 = h(x2)
		}
	}
	return math.Min(math.Min(f1, f2), h(hi)), zStar
}

// skewedQuotas replaces the quotas of a random instance by bounds around
// targets that ignore the pool's shares (each value's target is k times a
// random weight, normalised), so that the fair share k/n is seldom
// possible for everyone and the objectives disagree.
func skewedQuotas(rng *rand.Rand, in instance) instance {
	lines := strings.Split(strings.TrimSpace(in.pool), "\n")
	header := strings.Split(lines[0], ",")
	cats := len(header) - 2 // id, c0…, home
	var q strings.Builder
	q.WriteString("feature,value,min,max\n")
	for c := 0; c < cats; c++ {
		values := 0
		for _, line := range lines[1:] {
			var v int
			_, err := fmt.Sscanf(strings.Split(line, ",")[1+c], "v%d", &v)
			if err == nil {
				values = max(values, v+1)
			}
		}
		weights := make([]float64, values)
		sum := 0.0
		for v := range weights {
			weights[v] = 0.2 + rng.Float64()
			sum += weights[v]
		}
		for v, w := range weights {
			target := float64(in.k) * w / sum
			lo, hi := int(math.Floor(target)), int(math.Ceil(target))
			if rng.IntN(3) == 0 {
				lo, hi = max(0, lo-1), hi+1
			}
			fmt.Fprintf(&q, "c%d,v%d,%d,%d\n", c, v, lo, hi)
		}
	}
	in.quotas = q.String()
	return in
}

// coupledInstance draws a pool over two categories of two or three values,
// with 0 to 3 people of each combination, and quotas that fix each value's
// count (a random split of k = 2 to 4): the types' probabilities are tied
// to each other, as in TestGoldilocksKnownAnswer.
func coupledInstance(rng *rand.Rand) instance {
	vals := []int{2 + rng.IntN(2), 2 + rng.IntN(2)}
	k := 2 + rng.IntN(3)
	var p strings.Builder
	for id := 0; id <= k; { // more than k people
		p.Reset()
		p.WriteString("id,c0,c1,home\n")
		id = 0
		for a := 0; a < vals[0]; a++ {
			for b := 0; b < vals[1]; b++ {
				for range rng.IntN(4) {
					fmt.Fprintf(&p, "p%d,v%d,v%d,h%d\n", id, a, b, id)
					id++
				}
			}
		}
	}
	var q strings.Builder
	q.WriteString("feature,value,min,max\n")
	for c, nv := range vals {
		split := make([]int, nv)
		for range k {
			split[rng.IntN(nv)]++
		}
		for v, count := range split {
			fmt.Fprintf(&q, "c%d,v%d,%d,%d\n", c, v, count, count)
		}
	}
	return instance{quotas: q.String(), pool: p.String(), k: k}
}

// TestGoldilocksAgainstBruteForce checks Goldilocks on random tiny pools
// with skewed quotas against a golden-section search over LPs on all their
// feasible panels, until 8 of them have a true trade-off between the
// lowest and the highest probability and 4 are pools whose relaxed
// optimum is not a lottery (found by column generation).
func TestGoldilocksAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	checked, tradeOff, byColumns := 0, 0, 0
	for i := 0; (checked < 25 || tradeOff < 8 || byColumns < 4) && i < 4000; i++ {
		var in instance
		if i%2 == 0 {
			in = coupledInstance(rng)
		} else {
			in = skewedQuotas(rng, randomInstance(rng, 6+rng.IntN(4), 1+rng.IntN(3), i%4 == 1))
		}
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
		gamma := []float64{1, 0.5, 3}[i%3]
		columns := false
		l, err := sortition.Goldilocks(context.Background(), testpool.Problem(t, p, in.k, in.households...), sortition.GoldilocksOptions{Options: sortition.Options{Progress: func(pr sortition.Progress) { columns = columns || pr.Phase == "goldilocks column generation" }}, Gamma: gamma})
		require.NoError(t, err, "instance %d", i)
		if !columns && checked >= 25 && tradeOff >= 8 {
			continue // enough of these: only pools found by column generation now
		}
		checkPanels(t, p, in.k, household, l)
		require.Equal(t, "goldilocks", l.Algorithm)
		people := onSomePanel(panels, len(p.People))
		require.Len(t, l.Excluded, len(p.People)-len(people), "instance %d", i)
		got := goldilocksValue(people, l.Marginals, in.k, gamma)
		want, zStar := bruteGoldilocks(t, panels, people, len(p.People), in.k, gamma)
		require.InDelta(t, want, got, 1e-7*want, "instance %d (γ = %v)", i, gamma)
		checked++
		if columns {
			byColumns++
		}
		// A trade-off: the least maximum is lower than the maximum at the
		// maximin minimum, so the (min, max) frontier is not one point.
		leastMax, _ := bruteLeastMax(t, panels, people, 0)
		if atZ, _ := bruteLeastMax(t, panels, people, zStar*(1-1e-12)); atZ > leastMax+1e-7 {
			tradeOff++
		}
	}
	t.Logf("checked %d (with a trade-off %d, by column generation %d)", checked, tradeOff, byColumns)
	require.GreaterOrEqual(t, checked, 25)
	require.GreaterOrEqual(t, tradeOff, 8)
	require.GreaterOrEqual(t, byColumns, 4)
}

// TestGoldilocksKnownAnswer: panels are either {fy, mo} (one of 1 and one
// of 3 people) or {fo, my} (one of 2 and one of 2), the first kind with
// probability p: π = p, p/3, (1−p)/2, (1−p)/2, and with c = n/k = 4 the
// objective is 4p + 3γ/(4p) for p in [1/3, 3/5] (it decreases before and
// increases after): p = √(3γ)/4 clamped to [1/3, 3/5].
func TestGoldilocksKnownAnswer(t *testing.T) {
	in := twoKinds
	p := in.load(t)
	for _, gamma := range []float64{0, 0.1, 1, 1.5, 5} {
		l, err := sortition.Goldilocks(context.Background(), testpool.Problem(t, p, in.k), sortition.GoldilocksOptions{Gamma: gamma})
		require.NoError(t, err)
		checkPanels(t, p, in.k, nil, l)
		g := gamma
		if g == 0 {
			g = sortition.DefaultGamma
		}
		q := math.Min(math.Max(math.Sqrt(3*g)/4, 1.0/3), 3.0/5)
		want := []float64{q, q / 3, q / 3, q / 3, (1 - q) / 2, (1 - q) / 2, (1 - q) / 2, (1 - q) / 2}
		for i, w := range want {
			assert.InDelta(t, w, l.Marginals[i], 1e-9, "γ = %v, person %s", gamma, p.People[i].ID)
		}
		assert.Zero(t, l.UpperBound)
		assert.Nil(t, l.Weights)
	}
	_, err := sortition.Goldilocks(context.Background(), testpool.Problem(t, p, in.k), sortition.GoldilocksOptions{Gamma: -1})
	require.Error(t, err)
}

// TestGoldilocksSymmetricPool: exactly proportional quotas give everyone
// k/n, the objective's least value 1 + γ.
func TestGoldilocksSymmetricPool(t *testing.T) {
	var pool strings.Builder
	pool.WriteString("id,gender,area\n")
	for i := 0; i < 12; i++ {
		pool.WriteString(strings.Join([]string{"p" + string(rune('a'+i)), []string{"f", "m"}[i%2], []string{"urban", "rural", "town"}[i%3]}, ",") + "\n")
	}
	in := instance{quotas: "feature,value,min,max\ngender,f,3,3\ngender,m,3,3\narea,urban,2,2\narea,rural,2,2\narea,town,2,2\n", pool: pool.String(), k: 6}
	p := in.load(t)
	l, err := sortition.Goldilocks(context.Background(), testpool.Problem(t, p, in.k), sortition.GoldilocksOptions{})
	require.NoError(t, err)
	checkPanels(t, p, in.k, nil, l)
	for i, m := range l.Marginals {
		assert.InDelta(t, 0.5, m, 1e-9, "person %d", i)
	}
}

// TestGoldilocksBetweenMaximinAndMinimax: on the example pool, Goldilocks'
// lowest probability is at most maximin's, and its objective is no worse
// than that of the maximin, leximin and Nash lotteries; two runs agree.
func TestGoldilocksBetweenMaximinAndMinimax(t *testing.T) {
	p := exampleInstance(t)
	const k = 30
	g, err := sortition.Goldilocks(context.Background(), testpool.Problem(t, p, k), sortition.GoldilocksOptions{})
	require.NoError(t, err)
	checkPanels(t, p, k, nil, g)
	again, err := sortition.Goldilocks(context.Background(), testpool.Problem(t, p, k), sortition.GoldilocksOptions{})
	require.NoError(t, err)
	g.Stats.Elapsed, again.Stats.Elapsed = 0, 0
	require.Equal(t, g, again)

	var people []int
	excluded := map[int]bool{}
	for _, e := range g.Excluded {
		excluded[e.Person] = true
	}
	for i := range p.People {
		if !excluded[i] {
			people = append(people, i)
		}
	}
	value := goldilocksValue(people, g.Marginals, k, 1)
	for _, name := range []string{"maximin", "leximin", "nash"} {
		other, _ := sortition.ObjectiveNamed(name)
		o, err := other.Lottery(context.Background(), testpool.Problem(t, p, k), sortition.Options{})
		require.NoError(t, err)
		assert.LessOrEqual(t, value, goldilocksValue(people, o.Marginals, k, 1)+1e-9, o.Algorithm)
		if o.Algorithm == "maximin" {
			assert.LessOrEqual(t, g.MinProbability, o.MinProbability+1e-9)
		}
	}
	assert.LessOrEqual(t, slices.Max(g.Marginals), 1.0)
}

// relaxedLeastMax solves, with gonum's simplex over the types of the pool
// (people with the same quota values; no households), min U subject to
// Σ_t s_t v_t = k, every quota on Σ_{t has v} s_t v_t, and L ≤ v_t ≤ U for
// the types not excluded (v_t = 0 for the others); ok is false when no
// such point has U ≤ 1 (v_t ≤ 1 then holds without being posed).
func relaxedLeastMax(t *testing.T, p *sortition.Pool, k int, excluded map[int]bool, L float64) (float64, bool) {
	index := map[string]int{}
	var size []float64
	var values [][]int
	for i, person := range p.People {
		if excluded[i] {
			continue
		}
		key := fmt.Sprint(person.Values)
		j, ok := index[key]
		if !ok {
			j = len(size)
			index[key] = j
			size = append(size, 0)
			values = append(values, person.Values)
		}
		size[j]++
	}
	T := len(size)
	var rowsLo, rowsHi []float64
	var rowTypes [][]int
	for c, cat := range p.Quotas.Categories {
		for v, val := range cat.Values {
			var ts []int
			for j := range values {
				if values[j][c] == v {
					ts = append(ts, j)
				}
			}
			rowsLo, rowsHi = append(rowsLo, float64(val.Min)), append(rowsHi, float64(val.Max))
			rowTypes = append(rowTypes, ts)
		}
	}
	V := len(rowsLo)
	// Columns: v (T), U, quota surplus and slack (2V), per type: surplus
	// over L and slack to U (2T).
	cols := T + 1 + 2*V + 2*T
	rows := 1 + 2*V + 2*T
	A := mat.NewDense(rows, cols, nil)
	b := make([]float64, rows)
	for j := 0; j < T; j++ {
		A.Set(0, j, size[j])
	}
	b[0] = float64(k)
	for r := 0; r < V; r++ {
		for _, j := range rowTypes[r] {
			A.Set(1+2*r, j, size[j])
			A.Set(2+2*r, j, size[j])
		}
		A.Set(1+2*r, T+1+2*r, -1)
		b[1+2*r] = rowsLo[r]
		A.Set(2+2*r, T+2+2*r, 1)
		b[2+2*r] = rowsHi[r]
	}
	base := 1 + 2*V
	slack := T + 1 + 2*V
	for j := 0; j < T; j++ {
		A.Set(base+2*j, j, 1)
		A.Set(base+2*j, slack+2*j, -1)
		b[base+2*j] = L
		A.Set(base+2*j+1, j, 1)
		A.Set(base+2*j+1, T, -1)
		A.Set(base+2*j+1, slack+2*j+1, 1)
	}
	c := make([]float64, cols)
	c[T] = 1
	opt, _, err := gonumlp.Simplex(c, A, b, 1e-12, nil)
	if errors.Is(err, gonumlp.ErrInfeasible) || (err == nil && opt > 1) {
		return 0, false
	}
	require.NoError(t, err)
	return opt, true
}

// TestGoldilocksRelaxedMidSize checks Goldilocks on random pools of 20 to
// 40 people with skewed quotas, too many for enumerating panels, against a
// golden-section search over L of LPs over the relaxed quota polytope
// written independently (gonum's simplex over types): when the lottery
// decomposes, its value is the relaxation's. It checks the pools whose
// (min, max) frontier has more than one edge, where the search must choose
// the side of the optimum (the others are like the tiny pools').
func TestGoldilocksRelaxedMidSize(t *testing.T) {
	rng := rand.New(rand.NewPCG(99, 4))
	checked := 0
	for i := 0; checked < 5 && i < 400; i++ {
		in := skewedQuotas(rng, randomInstance(rng, 20+rng.IntN(20), 2+rng.IntN(3), false))
		p := in.load(t)
		gamma := []float64{0.3, 1, 3}[i%3]
		l, err := sortition.Goldilocks(context.Background(), testpool.Problem(t, p, in.k), sortition.GoldilocksOptions{Gamma: gamma})
		var ie *sortition.InfeasibleError
		if errors.As(err, &ie) {
			continue
		}
		require.NoError(t, err, "instance %d", i)
		checkPanels(t, p, in.k, nil, l)
		if l.Stats.Iterations <= 5 {
			continue // the 4 LPs of the ends and one chord: as in the tiny pools
		}
		excluded := map[int]bool{}
		for _, e := range l.Excluded {
			excluded[e.Person] = true
		}
		var people []int
		for j := range p.People {
			if !excluded[j] {
				people = append(people, j)
			}
		}
		c := float64(len(people)) / float64(in.k)
		h := func(L float64) float64 {
			U, ok := relaxedLeastMax(t, p, in.k, excluded, L)
			if !ok {
				return math.Inf(1)
			}
			return c*U + gamma/(c*L)
		}
		lo, hi := 1e-6, 1.0
		phi := (math.Sqrt(5) - 1) / 2
		x1, x2 := hi-phi*(hi-lo), lo+phi*(hi-lo)
		f1, f2 := h(x1), h(x2)
		for hi-lo > 1e-10 {
			if f1 <= f2 {
				hi, x2, f2 = x2, x1, f1
				x1 = hi - phi*(hi-lo)
				f1 = h(x1)
			} else {
				lo, x1, f1 = x1, x2, f2
				x2 = lo + phi*(hi-lo)
				f2 = h(x2)
			}
		}
		want := math.Min(f1, f2)
		got := goldilocksValue(people, l.Marginals, in.k, gamma)
		require.InDelta(t, want, got, 1e-7*want, "instance %d (γ = %v)", i, gamma)
		checked++
	}
	t.Logf("checked %d", checked)
	require.GreaterOrEqual(t, checked, 5)
}

// TestGoldilocksColumnsFoundLate: on this pool the relaxed optimum is not a
// lottery, and the column generation keeps finding panels after the edge
// of the frontier that holds the optimum is known; the lottery takes them
// with probability 0.
func TestGoldilocksColumnsFoundLate(t *testing.T) {
	in := instance{
		quotas: "feature,value,min,max\nc0,v0,2,3\nc0,v1,3,5\nc0,v2,2,4\nc1,v0,4,6\nc1,v1,3,4\nc2,v0,2,4\nc2,v1,3,5\nc2,v2,1,4\nc3,v0,0,2\nc3,v1,2,3\nc3,v2,4,6\n",
		pool: "id,c0,c1,c2,c3\np0,v0,v0,v1,v2\np1,v1,v0,v0,v1\np2,v0,v0,v2,v2\np3,v2,v0,v0,v0\np4,v0,v0,v1,v1\n" +
			"p5,v1,v1,v1,v1\np6,v1,v0,v0,v2\np7,v2,v1,v1,v2\np8,v2,v0,v2,v1\np9,v2,v0,v2,v2\np10,v1,v1,v1,v0\n" +
			"p11,v1,v1,v0,v1\np12,v1,v0,v0,v2\np13,v2,v1,v1,v2\np14,v2,v1,v0,v0\np15,v2,v1,v2,v2\np16,v1,v0,v1,v2\n" +
			"p17,v1,v0,v2,v2\np18,v0,v1,v0,v2\np19,v0,v1,v0,v2\np20,v2,v0,v2,v2\np21,v2,v1,v0,v1\np22,v1,v0,v2,v2\n" +
			"p23,v2,v1,v1,v1\np24,v0,v0,v2,v1\np25,v1,v0,v1,v2\np26,v2,v0,v2,v2\np27,v0,v0,v1,v1\n",
		k: 9,
	}
	p := in.load(t)
	columns := false
	l, err := sortition.Goldilocks(context.Background(), testpool.Problem(t, p, in.k), sortition.GoldilocksOptions{Options: sortition.Options{Progress: func(pr sortition.Progress) { columns = columns || pr.Phase == "goldilocks column generation" }}, Gamma: 0.3})
	require.NoError(t, err)
	require.True(t, columns)
	checkPanels(t, p, in.k, nil, l)
}
