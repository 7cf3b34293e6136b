package dropout

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"sync"

	"github.com/tirage/tirage/internal/stream"
)

// DefaultScenarios is the number of dropout scenarios used when none is
// given.
const DefaultScenarios = 1000

// Sample is a set of dropout scenarios over a pool: in each, every person
// of the pool has dropped out or not.
//
// Scenario j (from 0) is drawn from the audit stream (internal/stream, audit.NewStream) of
// the seed text Seed + "/" + j in decimal: for every person of the pool in
// pool order, x = Float64() of that stream, and the person drops out when
// x < their dropout rate. People drop out independently, and a scenario
// can be regenerated alone.
type Sample struct {
	// Seed is the seed text the scenarios derive from.
	Seed string
	n    int      // pool size
	w    int      // 64-bit words per scenario
	bits []uint64 // scenario j, person i: bit i%64 of bits[j*w+i/64]
	s    int
}

// RateError reports a dropout rate that is not a probability.
type RateError struct {
	Person int // index into the pool
	Rate   float64
}

func (e *RateError) Error() string {
	return fmt.Sprintf("the dropout rate of person %d is %v, not a probability from 0 to 1", e.Person+1, e.Rate)
}

// CheckRates reports the first rate that is not a number in [0, 1].
func CheckRates(rates []float64) error {
	for i, q := range rates {
		if math.IsNaN(q) || q < 0 || q > 1 {
			return &RateError{Person: i, Rate: q}
		}
	}
	return nil
}

// NewSample draws count scenarios from the seed text, rates[i] being the
// probability that person i of the pool drops out. The work is shared
// among workers goroutines (1 when less); the result does not depend on
// it.
func NewSample(ctx context.Context, seed string, count int, rates []float64, workers int) (*Sample, error) {
	if count < 1 {
		return nil, fmt.Errorf("the number of scenarios must be 1 or more, not %d", count)
	}
	if err := CheckRates(rates); err != nil {
		return nil, err
	}
	n := len(rates)
	w := (n + 63) / 64
	s := &Sample{Seed: seed, n: n, w: w, bits: make([]uint64, count*w), s: count}
	err := parallel(ctx, count, workers, func(_, j int) {
		st := stream.New(seed + "/" + strconv.Itoa(j))
		row := s.bits[j*w : (j+1)*w]
		for i, q := range rates {
			if st.Float64() < q {
				row[i/64] |= 1 << (i % 64)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Len returns the number of scenarios.
func (s *Sample) Len() int { return s.s }

// Dropped reports whether person i drops out in scenario j.
func (s *Sample) Dropped(j, i int) bool {
	return s.bits[j*s.w+i/64]&(1<<(i%64)) != 0
}

// parallel calls f(w, j) for j in [0, count) on workers goroutines, w
// being the goroutine's number, checking ctx between calls.
func parallel(ctx context.Context, count, workers int, f func(w, j int)) error {
	workers = max(1, min(workers, count))
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				j := next
				next++
				mu.Unlock()
				if j >= count || ctx.Err() != nil {
					return
				}
				f(w, j)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// The purposes of a record's seed texts (SeedText).
const (
	PurposeChoose   = "choose"   // the sample the alternates are chosen on
	PurposeEvaluate = "evaluate" // the fresh sample of the figures
	PurposeScaled   = "scaled"   // the random choices of the scaled-quota alternates
)

// SeedText returns the seed text of a drawn record's sample or stream for
// a purpose: the commitment's hex, "/", the draw's seed, "/", the purpose.
func SeedText(commitmentHex, seed, purpose string) string {
	return commitmentHex + "/" + seed + "/" + purpose
}

// Available returns the members of set who stay in scenario j, in the
// set's order, appended to dst[:0].
func (s *Sample) Available(j int, set, dst []int) []int {
	dst = dst[:0]
	for _, a := range set {
		if !s.Dropped(j, a) {
			dst = append(dst, a)
		}
	}
	return dst
}
