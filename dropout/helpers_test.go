package dropout

import (
	"fmt"
	"math/rand/v2"

	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// randomPool returns a pool of n people with cats random categories of 2
// to 4 values each, every person's values drawn uniformly, and quota
// bounds for a panel of k around each value's share of the pool, some
// tight, some loose.
func randomPool(r *rand.Rand, n, k, cats int) *sortition.Pool {
	q := &quota.Set{}
	nv := make([]int, cats)
	for c := range cats {
		nv[c] = 2 + r.IntN(3)
	}
	people := make([]sortition.Person, n)
	counts := make([][]int, cats)
	for c := range cats {
		counts[c] = make([]int, nv[c])
	}
	for i := range people {
		vals := make([]int, cats)
		for c := range cats {
			vals[c] = r.IntN(nv[c])
			counts[c][vals[c]]++
		}
		people[i] = sortition.Person{ID: fmt.Sprintf("p%d", i+1), Values: vals}
	}
	for c := range cats {
		for v := range nv[c] {
			target := k * counts[c][v] / n
			lo := max(0, target-r.IntN(2))
			hi := target + r.IntN(2)
			q.Add(fmt.Sprintf("cat%d", c), quota.Value{Name: fmt.Sprintf("v%d", v), Min: lo, Max: hi})
		}
	}
	return &sortition.Pool{Quotas: q, People: people, IDColumn: -1}
}

// bruteReplace returns the replacement step's answer by trying every set,
// breaking ties by calling the earliest alternates.
func bruteReplace(b *Bounds, pool *sortition.Pool, stayed []int, budget int, available []int) ([]int, int) {
	m := len(available)
	bestLoss := -1
	var bestMask uint64
	for mask := uint64(0); mask < 1<<m; mask++ {
		set := append([]int(nil), stayed...)
		called := 0
		for j := range m {
			if mask&(1<<j) != 0 {
				set = append(set, available[j])
				called++
			}
		}
		if called > budget {
			continue
		}
		loss := b.Loss(b.Counts(pool, set), len(set))
		if bestLoss < 0 || loss < bestLoss || (loss == bestLoss && earlier(mask, bestMask, m)) {
			bestLoss, bestMask = loss, mask
		}
	}
	var chosen []int
	for j := range m {
		if bestMask&(1<<j) != 0 {
			chosen = append(chosen, available[j])
		}
	}
	return chosen, bestLoss
}

// earlier reports whether mask calls the first alternate on which it and
// other differ.
func earlier(mask, other uint64, m int) bool {
	for j := range m {
		a, b := mask&(1<<j) != 0, other&(1<<j) != 0
		if a != b {
			return a
		}
	}
	return false
}
