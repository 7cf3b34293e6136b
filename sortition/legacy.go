package sortition

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"time"

	"github.com/tirage/tirage/internal/splitmix"
)

// DefaultLegacyRuns is the default number of runs of the legacy procedure
// whose panels estimate its lottery.
const DefaultLegacyRuns = 10000

// LegacyOptions are the settings of Legacy.
type LegacyOptions struct {
	Options
	// Runs is the number of runs of the legacy procedure that estimate its
	// lottery; 0 means DefaultLegacyRuns.
	Runs int
	// Seed is the seed of the runs' random stream.
	Seed uint64
}

// legacyMaxAttempts is the number of consecutive attempts after which a
// run of the legacy procedure is given up, and Legacy fails.
const legacyMaxAttempts = 1000

// Legacy estimates the lottery of the greedy procedure the Sortition
// Foundation used before 2020 (described by Flanigan, Gölz, Gupta, Hennig
// and Procaccia, Nature 596, 2021, as the baseline "LEGACY"; the rule
// below follows the Foundation's own code, the legacy algorithm of its
// stratification tools). It is not an optimisation but a baseline: the
// procedure is run LegacyOptions.Runs times (default DefaultLegacyRuns), and the
// lottery is the distinct panels drawn, with their frequencies. Its
// probabilities are estimates: Lottery.Estimated is true and Stats.Runs
// and Stats.Restarts say how they were obtained.
//
// One run of the procedure builds a panel one person at a time. Its
// state is the people still available (all at first, except those with a
// quota value whose maximum is 0) and, per quota value v, the number
// selected sel_v and available rem_v. At each of the k steps:
//
//  1. If a value with sel_v < min_v has rem_v < min_v − sel_v, the run is
//     stuck.
//  2. Among the values with rem_v > 0 and max_v > 0, it takes the one of
//     largest ratio (min_v − sel_v)/rem_v (negative once the minimum is
//     met), the first in the order of the quota file on ties; none: stuck.
//  3. It selects a person uniformly at random among the available people
//     with that value, and makes them and, under the household rule, the
//     other members of their household unavailable.
//  4. Every value of that person that reaches its maximum (sel_v = max_v)
//     makes all its available people unavailable.
//  5. If no one is available before the panel is complete, it is stuck.
//
// A panel that misses a minimum at the end counts as stuck too. A stuck
// run starts again from the beginning (a restart, as the Foundation's
// tool does), so the lottery estimates the procedure's distribution
// conditioned on success; after legacyMaxAttempts (1000) consecutive
// stuck attempts Legacy fails.
//
// The runs use a small deterministic generator local to this package
// (SplitMix64, seeded with LegacyOptions.Seed, with unbiased bounded draws), so
// that the same seed gives the same lottery on every platform. People of
// one type are interchangeable for the procedure, so the runs draw type
// counts, and the lottery is expanded like the others' (see expand): each
// member of a type gets the type's estimated probability, which averages
// out part of the sampling noise.
func Legacy(ctx context.Context, p *Problem, opt LegacyOptions) (*Lottery, error) {
	runs := opt.Runs
	if runs == 0 {
		runs = DefaultLegacyRuns
	}
	if runs < 0 {
		return nil, fmt.Errorf("legacy: the number of runs must be positive, not %d", runs)
	}
	in, err := newInstance(ctx, p, opt.Options, "legacy")
	if err != nil {
		return nil, err
	}
	l := in.l
	l.Estimated = true
	sim := newLegacyRun(in, opt.Seed)
	index := map[string]int{}
	var panels [][]int
	var counts []int
	var key []byte
	for run := 0; run < runs; run++ {
		if run%100 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			in.report("legacy runs", run, 0, math.Inf(1), len(panels))
		}
		attempts := 0
		for !sim.attempt() {
			l.Stats.Restarts++
			if attempts++; attempts == legacyMaxAttempts {
				return nil, fmt.Errorf("legacy: the procedure got stuck %d times in a row (run %d)", legacyMaxAttempts, run+1)
			}
		}
		key = key[:0]
		for t, c := range sim.sel {
			if c > 0 {
				key = strconv.AppendInt(key, int64(t), 10)
				key = append(key, ':')
				key = strconv.AppendInt(key, int64(c), 10)
				key = append(key, ',')
			}
		}
		p, ok := index[string(key)]
		if !ok {
			p = len(panels)
			index[string(key)] = p
			panels = append(panels, append([]int(nil), sim.sel...))
			counts = append(counts, 0)
		}
		counts[p]++
	}
	lambda := make([]float64, len(panels))
	for p, c := range counts {
		lambda[p] = float64(c) / float64(runs)
	}
	l.Stats.Runs = runs
	if err := in.finish(panels, lambda); err != nil {
		return nil, err
	}
	l.Stats.Elapsed = time.Since(in.start)
	return l, nil
}

// legacyRun runs the legacy procedure over types (see Legacy).
type legacyRun struct {
	in      *instance
	rng     splitMix64
	valueOf [][]int // per type: its quota values
	typesOf [][]int // per quota value: its types, ascending
	groupOf []int   // per type: its household group, or -1
	rem     []int   // per type: available
	sel     []int   // per type: selected
	value   []legacyValue
	left    int // people available

	// The state after the values of maximum 0 are removed, where every
	// attempt starts.
	startRem   []int
	startValue []legacyValue
	startLeft  int
}

// legacyValue is the state of one quota value in a run.
type legacyValue struct {
	lo, hi   int // the quota
	sel, rem int // selected, available
}

func newLegacyRun(in *instance, seed uint64) *legacyRun {
	prob := in.prob
	T, V := len(prob.Size), len(prob.Lo)
	r := &legacyRun{in: in, rng: splitMix64{state: seed}, valueOf: prob.Rows,
		typesOf: make([][]int, V), groupOf: make([]int, T),
		rem: append([]int(nil), prob.Size...), sel: make([]int, T), value: make([]legacyValue, V)}
	for v := range r.value {
		r.value[v].lo, r.value[v].hi = prob.Lo[v], prob.Hi[v]
	}
	for t, values := range prob.Rows {
		r.left += prob.Size[t]
		for _, v := range values {
			r.typesOf[v] = append(r.typesOf[v], t)
			r.value[v].rem += prob.Size[t]
		}
		r.groupOf[t] = -1
	}
	for g, ts := range prob.Groups {
		for _, t := range ts {
			r.groupOf[t] = g
		}
	}
	for v := range r.value {
		if r.value[v].hi == 0 {
			r.removeValue(v)
		}
	}
	r.startRem = append([]int(nil), r.rem...)
	r.startValue = append([]legacyValue(nil), r.value...)
	r.startLeft = r.left
	return r
}

// remove makes c available people of type t unavailable.
func (r *legacyRun) remove(t, c int) {
	r.rem[t] -= c
	r.left -= c
	for _, v := range r.valueOf[t] {
		r.value[v].rem -= c
	}
}

// removeValue makes every available person with quota value v
// unavailable.
func (r *legacyRun) removeValue(v int) {
	for _, t := range r.typesOf[v] {
		if r.rem[t] > 0 {
			r.remove(t, r.rem[t])
		}
	}
}

// attempt runs the procedure once, leaving the panel's type counts in
// r.sel; it reports false when the run got stuck.
func (r *legacyRun) attempt() bool {
	copy(r.rem, r.startRem)
	copy(r.value, r.startValue)
	r.left = r.startLeft
	clear(r.sel)
	k := r.in.k
	for step := 0; step < k; step++ {
		// The value of largest (min − sel)/rem, compared exactly.
		best, bestNeed, bestRem := -1, 0, 1
		for v := range r.value {
			val := &r.value[v]
			need := val.lo - val.sel
			if need > 0 && val.rem < need {
				return false
			}
			if val.rem == 0 || val.hi == 0 {
				continue
			}
			if best < 0 || need*bestRem > bestNeed*val.rem {
				best, bestNeed, bestRem = v, need, val.rem
			}
		}
		if best < 0 {
			return false
		}
		// A person uniformly among the available ones with that value.
		pick := int(r.rng.intN(uint64(bestRem)))
		t := -1
		for _, u := range r.typesOf[best] {
			if pick < r.rem[u] {
				t = u
				break
			}
			pick -= r.rem[u]
		}
		r.remove(t, 1)
		r.sel[t]++
		for _, v := range r.valueOf[t] {
			r.value[v].sel++
		}
		if g := r.groupOf[t]; g >= 0 {
			for _, u := range r.in.prob.Groups[g] {
				if r.rem[u] > 0 {
					r.remove(u, r.rem[u])
				}
			}
		}
		for _, v := range r.valueOf[t] {
			if r.value[v].sel == r.value[v].hi {
				r.removeValue(v)
			}
		}
		if step < k-1 && r.left == 0 {
			return false
		}
	}
	for _, val := range r.value {
		if val.sel < val.lo {
			return false
		}
	}
	return r.in.prob.Feasible(r.sel)
}

// splitMix64 is the SplitMix64 generator (Steele, Lea and Flood, 2014): a
// counter advanced by the golden-ratio increment and scrambled by the
// splitmix64 finaliser; a small, fast, platform-independent stream.
type splitMix64 struct{ state uint64 }

func (r *splitMix64) next() uint64 {
	v := splitmix.Mix(r.state)
	r.state += 0x9e3779b97f4a7c15
	return v
}

// intN returns a uniform integer in [0, n), n > 0, by Lemire's
// multiply-and-reject method (no modulo bias).
func (r *splitMix64) intN(n uint64) uint64 {
	hi, lo := bits.Mul64(r.next(), n)
	if lo < n {
		threshold := -n % n
		for lo < threshold {
			hi, lo = bits.Mul64(r.next(), n)
		}
	}
	return hi
}
