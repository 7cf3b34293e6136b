package dropout

import (
	"context"
	"fmt"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

// Claim is what a record states about its dropout-robust alternates over
// the sample they were chosen on.
type Claim struct {
	// Alternates in calling order (indices into the pool's people).
	Alternates []int
	// TotalLoss and LowerBound are Choice.TotalLoss and Choice.LowerBound.
	TotalLoss, LowerBound int
}

// ClaimError reports a claim that the recomputation contradicts.
type ClaimError struct {
	What          string // "total loss" or "lower bound"
	Claimed, Real int
}

// Error says the claim and the recomputed number, in English.
func (e *ClaimError) Error() string { return e.AsReason().String() }

// AsReason returns the error as a reason (message.DropoutClaimLoss or
// DropoutClaimBound).
func (e *ClaimError) AsReason() message.Reason {
	code := message.DropoutClaimLoss
	if e.What == "lower bound" {
		code = message.DropoutClaimBound
	}
	return message.New(code, "claimed", e.Claimed, "real", e.Real)
}

// CheckClaim recomputes a claim from the sample it was made on, trusting
// none of its numbers: the alternates must be distinct people outside the
// panel, their summed loss (every replacement step re-solved exactly) and
// the lower bound for sets of their number (Choice.LowerBound) must be
// the claimed ones. It returns a *ClaimError for a number that differs.
func CheckClaim(ctx context.Context, b *Bounds, pool *sortition.Pool, panel []int, sample *Sample, claim Claim, workers int) error {
	f, err := Evaluate(ctx, b, pool, panel, claim.Alternates, sample, workers)
	if err != nil {
		return err
	}
	if f.TotalLoss != claim.TotalLoss {
		return &ClaimError{What: "total loss", Claimed: claim.TotalLoss, Real: f.TotalLoss}
	}
	lower, err := LowerBound(b, pool, panel, sample, len(claim.Alternates))
	if err != nil {
		return err
	}
	if lower != claim.LowerBound {
		return &ClaimError{What: "lower bound", Claimed: claim.LowerBound, Real: lower}
	}
	return nil
}

// LowerBound returns Σ_j B_j over the sample's scenarios
// (audit/SPEC.md, 7.2.5): a lower bound on the summed loss of
// every set of n alternates outside the panel.
func LowerBound(b *Bounds, pool *sortition.Pool, panel []int, sample *Sample, n int) (int, error) {
	prof, err := b.profiles(pool)
	if err != nil {
		return 0, err
	}
	if sample.n != len(pool.People) {
		return 0, fmt.Errorf("the scenarios are over %d people, the pool has %d", sample.n, len(pool.People))
	}
	sc := newScenarios(b, prof, panel, sample, n)
	return sum(sc.lower), nil
}

// scenarios holds, per scenario, the panel members who stayed (their value
// counts and number), the number who dropped out, and the lower bound.
type scenarios struct {
	base                [][]int
	size, budget, lower []int
}

// newScenarios computes the scenarios of the sample for a panel and sets
// of n alternates (the lower bound's room).
func newScenarios(b *Bounds, prof [][]int, panel []int, smp *Sample, n int) *scenarios {
	S, V := smp.Len(), b.Values()
	sc := &scenarios{base: make([][]int, S), size: make([]int, S), budget: make([]int, S), lower: make([]int, S)}
	onPanel := make([]bool, len(prof))
	for _, i := range panel {
		onPanel[i] = true
	}
	avail := make([]int, V)
	for s := range S {
		sc.base[s] = make([]int, V)
		clear(avail)
		for i := range prof {
			if smp.Dropped(s, i) {
				if onPanel[i] {
					sc.budget[s]++
				}
				continue
			}
			counts := avail
			if onPanel[i] {
				sc.size[s]++
				counts = sc.base[s]
			}
			for _, v := range prof[i] {
				counts[v]++
			}
		}
		room := min(sc.budget[s], n)
		sc.lower[s] = b.Loss(sc.base[s], sc.size[s]) + relaxedGain(b, sc.base[s], avail, room)
	}
	return sc
}
