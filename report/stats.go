package report

import (
	"math/big"
	"slices"
)

// The statistics of a report are computed from tickets, the whole numbers t
// of panels that contain each person in a uniform lottery of m panels, so
// that each person's probability of selection is t/m. Working on whole
// numbers makes them exact, or correctly rounded from a computation that
// uses no platform-dependent floating point (no math.Log or math.Exp,
// which are written in assembly on some architectures): the same tickets
// give the same bits on every machine.

// Gini returns the Gini coefficient of the probabilities t/m given by the
// tickets: the mean absolute difference between two people's
// probabilities, Σ_i Σ_j |t_i − t_j|, divided by twice the mean, 2·n·Σ t.
// It is 0 when everyone has the same probability and approaches 1 when a
// few people hold all the chances. It does not depend on m. It returns 0
// for no people or no tickets; tickets are expected to be 0 or more.
func Gini(tickets []int) float64 {
	n := len(tickets)
	sorted := slices.Sorted(slices.Values(tickets))
	// Σ_i Σ_j |t_i − t_j| = 2 Σ_i (2i − n + 1) t_i over the ascending
	// order, i from 0: each t_i exceeds the i before it and is exceeded
	// by the n − 1 − i after it.
	var diff, total big.Int
	var term, weight big.Int
	for i, t := range sorted {
		weight.SetInt64(int64(2*i - n + 1))
		term.SetInt64(int64(t))
		diff.Add(&diff, term.Mul(&term, &weight))
		total.Add(&total, big.NewInt(int64(t)))
	}
	if n == 0 || total.Sign() == 0 {
		return 0
	}
	// Gini = 2·diff' / (2·n·total) with diff' = Σ (2i − n + 1) t_i.
	den := new(big.Int).Mul(big.NewInt(int64(n)), &total)
	g, _ := new(big.Rat).SetFrac(&diff, den).Float64()
	return g
}

// GeometricMean returns the geometric mean of the probabilities t/m given
// by the tickets, (Π t_i)^(1/n) / m: a typical probability that a few very
// small ones pull down, and that is 0 as soon as one person has none. It
// returns 0 for no people or m < 1. The result is the correctly rounded
// float64 of a computation to 128 bits with math/big.
func GeometricMean(tickets []int, m int) float64 {
	n := len(tickets)
	if n == 0 || m < 1 {
		return 0
	}
	// Σ ln t_i, grouping equal tickets: c · ln t for each distinct t.
	counts := map[int]int{}
	for _, t := range tickets {
		if t <= 0 {
			return 0
		}
		counts[t]++
	}
	sum := new(big.Float).SetPrec(precision)
	for _, t := range slices.Sorted(mapKeys(counts)) {
		term := bigLog(new(big.Float).SetPrec(precision).SetInt64(int64(t)))
		term.Mul(term, new(big.Float).SetPrec(precision).SetInt64(int64(counts[t])))
		sum.Add(sum, term)
	}
	// ln G = Σ ln t_i / n − ln m.
	mean := sum.Quo(sum, new(big.Float).SetPrec(precision).SetInt64(int64(n)))
	mean.Sub(mean, bigLog(new(big.Float).SetPrec(precision).SetInt64(int64(m))))
	g, _ := bigExp(mean).Float64()
	return g
}

// mapKeys returns an iterator over the keys of counts (in no order; sort
// them before use).
func mapKeys(counts map[int]int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for k := range counts {
			if !yield(k) {
				return
			}
		}
	}
}

// precision is the number of mantissa bits of the big.Float computations.
const precision = 128

// bigLog returns the natural logarithm of x > 0: with x = f·2^e and f in
// [1/2, 1), ln x = e·ln 2 + ln f, and ln f = 2·atanh((f − 1)/(f + 1)).
func bigLog(x *big.Float) *big.Float {
	f := new(big.Float).SetPrec(precision)
	e := x.MantExp(f)
	out := atanh2(ratio(f))
	ln2 := atanh2(ratio(new(big.Float).SetPrec(precision).SetInt64(2)))
	return out.Add(out, ln2.Mul(ln2, new(big.Float).SetPrec(precision).SetInt64(int64(e))))
}

// ratio returns (f − 1)/(f + 1).
func ratio(f *big.Float) *big.Float {
	one := new(big.Float).SetPrec(precision).SetInt64(1)
	num := new(big.Float).SetPrec(precision).Sub(f, one)
	den := new(big.Float).SetPrec(precision).Add(f, one)
	return num.Quo(num, den)
}

// atanh2 returns 2·atanh(s) = 2·(s + s³/3 + s⁵/5 + …) for |s| ≤ 1/3, to
// the working precision.
func atanh2(s *big.Float) *big.Float {
	sum := new(big.Float).SetPrec(precision)
	power := new(big.Float).SetPrec(precision).Set(s)
	s2 := new(big.Float).SetPrec(precision).Mul(s, s)
	term := new(big.Float).SetPrec(precision)
	for k := int64(1); k < 400; k += 2 {
		term.Quo(power, new(big.Float).SetPrec(precision).SetInt64(k))
		if term.Sign() == 0 || (sum.Sign() != 0 && term.MantExp(nil) < sum.MantExp(nil)-precision-2) {
			break
		}
		sum.Add(sum, term)
		power.Mul(power, s2)
	}
	return sum.Mul(sum, new(big.Float).SetPrec(precision).SetInt64(2))
}

// bigExp returns e^y: with y = q·ln 2 + r and 0 ≤ r < ln 2, e^y = 2^q·e^r,
// and e^r = Σ r^k/k!.
func bigExp(y *big.Float) *big.Float {
	ln2 := atanh2(ratio(new(big.Float).SetPrec(precision).SetInt64(2)))
	qf := new(big.Float).SetPrec(precision).Quo(y, ln2)
	q, _ := qf.Int64()
	if qf.Sign() < 0 && !qf.IsInt() {
		q-- // Int64 truncates towards zero; take the floor
	}
	r := new(big.Float).SetPrec(precision).Mul(ln2, new(big.Float).SetPrec(precision).SetInt64(q))
	r.Sub(y, r)
	sum := new(big.Float).SetPrec(precision).SetInt64(1)
	term := new(big.Float).SetPrec(precision).SetInt64(1)
	for k := int64(1); k < 400; k++ {
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetPrec(precision).SetInt64(k))
		if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-precision-2 {
			break
		}
		sum.Add(sum, term)
	}
	return sum.SetMantExp(sum, int(q))
}
