package quota

import (
	"errors"

	"fmt"
	"math/big"
	"strings"

	"github.com/tirage/tirage/message"
)

// Targets given as shares.
//
// A quota file may give a value a share of the panel (0.505 or 50.5%), with
// an optional tolerance in seats, instead of min and max. The bounds for a
// panel of k are derived per category by largest-remainder (Hamilton)
// apportionment, in exact rational arithmetic:
//
//  1. Each value with a share s gets the quota q = k·s. When every value of
//     the category has a share and the shares add up to 1 within
//     ShareSumTolerance (33.3% three times, say), they are first divided by
//     their sum, so that the quotas add up to exactly k; the seats to share
//     out are h = k. Otherwise h is Σq rounded to the nearest whole number,
//     halves up.
//  2. Each value gets ⌊q⌋ seats, its target; the h − Σ⌊q⌋ seats left go one
//     each to the values with the largest remainders q − ⌊q⌋, ties to the
//     value first in the file.
//  3. min = max(0, target − tolerance), max = min(k, target + tolerance).
//
// When a category's shares add up to 1 its targets add up to k, so its mins
// add up to at most k and its maxes to at least k: counting never finds the
// category impossible.

// ShareSumTolerance is how far from 1 the shares of a category may add up
// when every value has one (rounded percentages such as 33.3% three times).
var ShareSumTolerance = big.NewRat(1, 100)

// HasShares reports whether some value is given by a share.
func (s *Set) HasShares() bool {
	for _, c := range s.Categories {
		for _, v := range c.Values {
			if v.Share != nil {
				return true
			}
		}
	}
	return false
}

// PanelSize returns the panel size the bounds of the values given by share
// were derived for (ForPanel), or 0 when they were not.
func (s *Set) PanelSize() int { return s.panelSize }

// ForPanel returns a copy of s in which the values given by share have the
// integer bounds the documented rule derives for a panel of k (see the top
// of this file). Values given by min and max are unchanged. k must be at
// least 1.
func (s *Set) ForPanel(k int) *Set {
	out := s.Clone()
	out.panelSize = k
	kr := new(big.Rat).SetInt64(int64(k))
	for ci := range out.Categories {
		c := &out.Categories[ci]
		var shared []int
		sum := new(big.Rat)
		for vi, v := range c.Values {
			if v.Share != nil {
				shared = append(shared, vi)
				sum.Add(sum, v.Share)
			}
		}
		if len(shared) == 0 {
			continue
		}
		quota := make([]*big.Rat, len(shared))
		var seats *big.Int
		whole := len(shared) == len(c.Values) && sum.Sign() > 0 && withinOfOne(sum)
		total := new(big.Rat)
		for j, vi := range shared {
			q := new(big.Rat).Mul(kr, c.Values[vi].Share)
			if whole {
				q.Quo(q, sum)
			}
			quota[j] = q
			total.Add(total, q)
		}
		if whole {
			seats = big.NewInt(int64(k))
		} else {
			seats = floor(new(big.Rat).Add(total, big.NewRat(1, 2)))
			if seats.Cmp(big.NewInt(int64(k))) > 0 {
				seats.SetInt64(int64(k))
			}
		}
		target := make([]int64, len(shared))
		rest := new(big.Int).Set(seats)
		for j, q := range quota {
			f := floor(q)
			target[j] = f.Int64()
			rest.Sub(rest, f)
		}
		// The seats left go to the largest remainders, ties in file order.
		given := make([]bool, len(shared))
		for n := rest.Int64(); n > 0; n-- {
			best := -1
			var bestRem *big.Rat
			for j, q := range quota {
				if given[j] {
					continue
				}
				rem := new(big.Rat).Sub(q, new(big.Rat).SetInt(floor(q)))
				if best < 0 || rem.Cmp(bestRem) > 0 {
					best, bestRem = j, rem
				}
			}
			if best < 0 {
				break
			}
			given[best] = true
			target[best]++
		}
		for j, vi := range shared {
			v := &c.Values[vi]
			t := int(target[j])
			v.Min = max(0, t-v.Tolerance)
			v.Max = min(k, t+v.Tolerance)
			v.MinFlex = min(v.MinFlex, v.Min)
			v.MaxFlex = max(v.MaxFlex, v.Max)
		}
	}
	return out
}

// withinOfOne reports whether |x − 1| ≤ ShareSumTolerance.
func withinOfOne(x *big.Rat) bool {
	d := new(big.Rat).Sub(x, big.NewRat(1, 1))
	return d.Abs(d).Cmp(ShareSumTolerance) <= 0
}

// floor returns ⌊x⌋ for x ≥ 0.
func floor(x *big.Rat) *big.Int {
	return new(big.Int).Quo(x.Num(), x.Denom())
}

// ParseShare reads a share as a quota file writes it: a fraction from 0 to
// 1 (0.505) or a percentage from 0 to 100 (50.5%), with a decimal point or
// a decimal comma. The value is exact.
func ParseShare(text string) (*big.Rat, error) {
	t := strings.TrimSpace(text)
	percent := strings.HasSuffix(t, "%")
	if percent {
		t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	}
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	digits := 0
	for i, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' && !strings.Contains(t[:i], "."):
		default:
			return nil, &ShareError{Reason: message.New(message.QuotaShareText, "text", fmt.Sprintf("%q", strings.TrimSpace(text)))}
		}
	}
	if digits == 0 {
		return nil, &ShareError{Reason: message.New(message.QuotaShareText, "text", fmt.Sprintf("%q", strings.TrimSpace(text)))}
	}
	x, ok := new(big.Rat).SetString(t)
	if !ok {
		return nil, &ShareError{Reason: message.New(message.QuotaShareText, "text", fmt.Sprintf("%q", strings.TrimSpace(text)))}
	}
	if percent {
		x.Quo(x, big.NewRat(100, 1))
		if x.Cmp(big.NewRat(1, 1)) > 0 {
			return nil, &ShareError{Reason: message.New(message.QuotaShareOver100, "text", strings.TrimSpace(text))}
		}
	} else if x.Cmp(big.NewRat(1, 1)) > 0 {
		return nil, &ShareError{Reason: message.New(message.QuotaShareOver1, "text", t)}
	}
	return x, nil
}

// FormatShare writes a share as a percentage, with at most two decimals
// (50.5%).
func FormatShare(x *big.Rat) string {
	p := new(big.Rat).Mul(x, big.NewRat(100, 1)).FloatString(2)
	p = strings.TrimRight(strings.TrimRight(p, "0"), ".")
	return p + "%"
}

// ShareError is a share that is not valid, as ParseShare finds it.
type ShareError struct {
	Reason message.Reason // message.QuotaShareText, QuotaShareOver100 or QuotaShareOver1
}

// Error returns the reason in English.
func (e *ShareError) Error() string { return e.Reason.String() }

// shareReason returns the reason of an error of ParseShare.
func shareReason(err error) message.Reason {
	var se *ShareError
	if errors.As(err, &se) {
		return se.Reason
	}
	return message.New(message.TableDetail, "detail", err.Error())
}
