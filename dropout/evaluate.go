package dropout

import (
	"context"
	"fmt"
	"slices"

	"github.com/tirage/tirage/sortition"
)

// Figures describe a set of alternates over a sample of scenarios, the
// replacement step (Replace) applied in each.
type Figures struct {
	Scenarios int
	// TotalLoss is the final panels' loss summed over the scenarios.
	TotalLoss int
	// MeetQuotas counts the scenarios whose final panel meets every quota
	// (whatever its size), Full those whose final panel has K members, and
	// Perfect those with both (loss 0).
	MeetQuotas, Full, Perfect int
	// Called is the number of alternates called, summed over the scenarios.
	Called int
}

// ExpectedLoss returns TotalLoss / Scenarios.
func (f *Figures) ExpectedLoss() float64 { return float64(f.TotalLoss) / float64(f.Scenarios) }

// MeetRate returns MeetQuotas / Scenarios, the estimated chance that the
// final panel meets every quota.
func (f *Figures) MeetRate() float64 { return float64(f.MeetQuotas) / float64(f.Scenarios) }

// Evaluate applies the replacement step in every scenario of the sample to
// the panel (indices into pool.People) with the alternates in their
// calling order, and returns the figures. It uses workers goroutines; the
// result does not depend on them.
func Evaluate(ctx context.Context, b *Bounds, pool *sortition.Pool, panel, alternates []int, sample *Sample, workers int) (*Figures, error) {
	prof, err := b.profiles(pool)
	if err != nil {
		return nil, err
	}
	n := len(pool.People)
	if sample.n != n {
		return nil, fmt.Errorf("the scenarios are over %d people, the pool has %d", sample.n, n)
	}
	seen := make([]bool, n)
	for _, i := range slices.Concat(panel, alternates) {
		if i < 0 || i >= n || seen[i] {
			return nil, fmt.Errorf("person %d is not in the pool or is both on the panel and an alternate or listed twice", i)
		}
		seen[i] = true
	}
	workers = max(1, workers)
	reps := make([]*replacer, workers)
	for w := range reps {
		reps[w] = newReplacer(b)
	}
	type outcome struct{ loss, dev, size, called int }
	out := make([]outcome, sample.Len())
	err = parallel(ctx, sample.Len(), workers, func(w, s int) {
		counts := make([]int, b.Values())
		size, budget := 0, 0
		for _, i := range panel {
			if sample.Dropped(s, i) {
				budget++
				continue
			}
			size++
			for _, v := range prof[i] {
				counts[v]++
			}
		}
		alts := sample.Available(s, alternates, nil)
		r := reps[w]
		loss := r.step(prof, counts, size, budget, alts)
		called := len(r.called(alts, counts))
		out[s] = outcome{loss, b.Deviation(counts), size + called, called}
	})
	if err != nil {
		return nil, err
	}
	f := &Figures{Scenarios: sample.Len()}
	for _, o := range out {
		f.TotalLoss += o.loss
		f.Called += o.called
		if o.dev == 0 {
			f.MeetQuotas++
		}
		if o.size == b.K {
			f.Full++
		}
		if o.loss == 0 {
			f.Perfect++
		}
	}
	return f, nil
}
