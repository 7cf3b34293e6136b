package audit

import (
	"errors"
	"fmt"
	"github.com/tirage/tirage/message"
	"slices"
	"strconv"
	"time"

	"github.com/tirage/tirage/dropout"
)

// StepReplacedFromAlternates is the one step of the record of a
// replacement from the alternates.
const StepReplacedFromAlternates = "replaced from alternates"

// AlgorithmAlternates is the lottery algorithm of the record of a
// replacement from the alternates, which has no lottery.
const AlgorithmAlternates = "alternates"

// FromAlternates is the replacement step of SPEC.md 7.2.3 applied on the
// day: members of the panel withdrew, and alternates of the first
// selection's draw are called in their place.
type FromAlternates struct {
	// Declined are the alternates who could not come when asked, in the
	// first selection's calling order: they are not called, now or later.
	Declined []string `json:"declined"`
	// Available are the first selection's alternates not yet called,
	// declined, withdrawn or on the panel, in calling order, without
	// Declined: those the step chooses from.
	Available []string `json:"available"`
	// Called are the alternates the step calls, in calling order.
	Called []string `json:"called"`
	// Loss is the loss of the completed panel (SPEC.md 7.2.2).
	Loss int `json:"loss"`
}

// ErrLotteryAfterAlternates is the error of a chain in which a lottery
// replacement follows a replacement from the alternates.
var ErrLotteryAfterAlternates = errors.New("a replacement by lottery cannot follow a replacement from the alternates: after the alternates were called, the panel need not meet the quotas; replace from the alternates again")

// remainingAlternates returns the first selection's alternates who may
// still be called after the chain: not called or declined at any step,
// never withdrawn, not on the current panel; in calling order.
func (c Chain) remainingAlternates(panel []string) []string {
	out := map[string]bool{}
	for _, id := range panel {
		out[id] = true
	}
	for id := range c.Withdrawn() {
		out[id] = true
	}
	for _, r := range c[1:] {
		if a := r.Replaces.FromAlternates; a != nil {
			for _, id := range slices.Concat(a.Declined, a.Called) {
				out[id] = true
			}
		}
	}
	var rest []string
	if c[0].Draw != nil {
		for _, id := range c[0].Draw.Alternates {
			if !out[id] {
				rest = append(rest, id)
			}
		}
	}
	return rest
}

// AlternatesStep applies the replacement step (SPEC.md 7.2.3) to the
// chain's current panel after the dropped members withdrew: the first
// selection's alternates still available, without the declined ones, in
// calling order, and at most len(dropped) of them called so that the
// completed panel's loss is least. The ids must be the first selection's.
func (c Chain) AlternatesStep(dropped, declined []string) (*FromAlternates, error) {
	first := c[0]
	if first.Draw == nil || len(first.Draw.Alternates) == 0 {
		return nil, message.Errorf(message.AlternatesNone)
	}
	panel, err := c.Panel()
	if err != nil {
		return nil, err
	}
	p, err := first.dropoutProblem()
	if err != nil {
		return nil, err
	}
	if len(dropped) == 0 {
		return nil, message.Errorf(message.ReplaceNobodyWithdrew)
	}
	for _, id := range dropped {
		if !slices.Contains(panel, id) {
			return nil, message.Errorf(message.ReplaceNotMember, "id", strconv.Quote(id))
		}
	}
	rest := c.remainingAlternates(panel)
	step := &FromAlternates{Declined: []string{}}
	for _, id := range rest {
		if slices.Contains(declined, id) {
			step.Declined = append(step.Declined, id)
		} else {
			step.Available = append(step.Available, id)
		}
	}
	if len(step.Declined) != len(declined) {
		for _, id := range declined {
			if !slices.Contains(rest, id) {
				return nil, message.Errorf(message.AlternateNotCallable, "id", strconv.Quote(id))
			}
		}
		return nil, message.Errorf(message.AlternateDeclineTwice)
	}
	members, err := p.indices(panel, "the member")
	if err != nil {
		return nil, err
	}
	drop, err := p.indices(dropped, "the withdrawn")
	if err != nil {
		return nil, err
	}
	avail, err := p.indices(step.Available, "the alternate")
	if err != nil {
		return nil, err
	}
	called, loss, err := dropout.Replace(p.bounds, p.pool, members, drop, avail)
	if err != nil {
		return nil, err
	}
	step.Called, step.Loss = IDs(p.pool, called), loss
	step.Available = nonNil(step.Available)
	return step, nil
}

// NewAlternatesReplacement returns the record of a replacement from the
// alternates (SPEC.md 9.2.1): the chain's current panel, the dropped
// members (in pool order) and the alternates who declined, the step
// applied (Chain.AlternatesStep), committed, with directory the name of
// the predecessor's folder.
func NewAlternatesReplacement(c Chain, directory string, dropped, declined []string, tool Tool, t time.Time) (*Record, error) {
	first, last := c[0], c[len(c)-1]
	step, err := c.AlternatesStep(dropped, declined)
	if err != nil {
		return nil, err
	}
	panel, err := c.Panel()
	if err != nil {
		return nil, err
	}
	r := &Record{
		Format: Format, Tool: tool, Inputs: first.Inputs, K: len(dropped), Settings: first.Settings,
		Replaces: &Replaces{Directory: directory, Commitment: last.Commitment, Selected: panel, Dropped: dropped, FromAlternates: step},
		Quotas:   first.Quotas, Relaxation: first.Relaxation, People: first.People,
		Lottery: Lottery{Algorithm: AlgorithmAlternates},
	}
	if r.Commitment, err = r.Commit(); err != nil {
		return nil, err
	}
	r.AddStep(StepReplacedFromAlternates, t)
	return r, nil
}

// CompletedFromAlternates returns the ids of the completed panel of a
// replacement from the alternates, in the first selection's pool order:
// the members who stay and the alternates called.
func (r *Record) CompletedFromAlternates(first *Record) []string {
	return completed(first, r.Replaces, r.Replaces.FromAlternates.Called)
}

// checkFromAlternates verifies the record of a replacement from the
// alternates: its form and steps, the chain it continues, that its
// tables are the first selection's, that the step is re-solved to the
// same alternates and loss, its commitment and completed.csv.
func (v *verifier) checkFromAlternates(data []byte, bom bool) {
	r := v.r
	v.checkCanonical(data, bom)
	v.checkFromAlternatesSteps()
	if v.chain == nil && !v.verifyPredecessors() {
		return
	}
	const name = "replacement from alternates"
	chain := make(Chain, 0, len(v.chain)+1)
	for _, l := range v.chain {
		chain = append(chain, l.r)
	}
	first, last := chain[0], chain[len(chain)-1]
	rp := r.Replaces
	switch {
	case !v.chainOK:
		v.fail(name, message.CheckChainFails)
		return
	case last.Commitment != rp.Commitment:
		v.fail(name, message.CheckReplacesOther, "want", rp.Commitment, "found", last.Commitment)
		return
	case r.Lottery.Algorithm != AlgorithmAlternates || mustDigest(r.normalized().Lottery) != mustDigest((&Record{Lottery: Lottery{Algorithm: AlgorithmAlternates}}).normalized().Lottery) || r.Draw != nil:
		v.fail(name, message.CheckFromAlternatesLottery)
		return
	case r.Inputs != first.Inputs || mustDigest(r.Settings) != mustDigest(first.Settings) || mustDigest(r.normalized().Quotas) != mustDigest(first.normalized().Quotas) ||
		mustDigest(r.normalized().People) != mustDigest(first.normalized().People) || mustDigest(r.normalized().Relaxation) != mustDigest(first.normalized().Relaxation):
		v.fail(name, message.CheckFromAlternatesInputs)
		return
	case r.K != len(rp.Dropped):
		v.fail(name, message.CheckKWithdrew, "k", r.K, "n", len(rp.Dropped))
		return
	}
	panel, err := chain.Panel()
	if err != nil {
		v.failErr(name, err)
		return
	}
	if !slices.Equal(panel, rp.Selected) {
		v.fail(name, message.CheckNotCurrentPanel)
		return
	}
	index := first.personIndex()
	prev := -1
	for _, id := range rp.Dropped {
		if i, ok := index[id]; !ok || i <= prev {
			v.fail(name, message.CheckWithdrawnOrder)
			return
		} else {
			prev = i
		}
	}
	want, err := chain.AlternatesStep(rp.Dropped, rp.FromAlternates.Declined)
	if err != nil {
		v.fail(name, message.CheckStepNotApplied, "error", message.ReasonOf(err))
		return
	}
	got := rp.FromAlternates
	switch {
	case !slices.Equal(got.Declined, want.Declined):
		v.fail(name, message.CheckDeclinedOrder)
		return
	case !slices.Equal(got.Available, want.Available):
		v.fail(name, message.CheckAvailableDiffer, "got", fmt.Sprintf("%q", got.Available), "want", fmt.Sprintf("%q", want.Available))
		return
	case !slices.Equal(got.Called, want.Called) || got.Loss != want.Loss:
		v.fail(name, message.CheckCalledDiffer, "called", fmt.Sprintf("%q", want.Called), "loss", want.Loss, "recorded", fmt.Sprintf("%q", got.Called), "recordedloss", got.Loss)
		return
	}
	v.pass(name, message.CheckFromAlternates, "n", len(rp.Dropped), "commitment", rp.Commitment[:8], "available", len(got.Available), "called", len(got.Called), "ids", fmt.Sprintf("%q", got.Called), "loss", got.Loss)
	v.checkCommitment()
	v.checkCompletedFile(first, r.CompletedFromAlternates(first))
}

// checkFromAlternatesSteps checks the one step of a replacement from the
// alternates and its time.
func (v *verifier) checkFromAlternatesSteps() {
	s := v.r.Steps
	if len(s) != 1 || s[0].Step != StepReplacedFromAlternates {
		v.fail("steps", message.CheckFromAlternatesStep, "step", fmt.Sprintf("%q", StepReplacedFromAlternates))
		return
	}
	if t, err := time.Parse(time.RFC3339, s[0].Time); err != nil || t.Format(time.RFC3339) != s[0].Time || t.Location() != time.UTC {
		v.fail("steps", message.CheckStepTimeOnly, "time", fmt.Sprintf("%q", s[0].Time))
		return
	}
	v.pass("steps", message.CheckFromAlternatesSteps, "step", StepReplacedFromAlternates)
}

// SharedHouseholds returns the pairs of people among ids (ids of the
// record's people) who share a household, each pair in the order of ids;
// none without households. The replacement from the alternates does not
// apply the household rule (SPEC.md 7.2.7): this says where it is broken.
func (r *Record) SharedHouseholds(ids []string) [][2]string {
	if len(r.People.Households) != len(r.People.Rows) {
		return nil
	}
	index := r.personIndex()
	first := map[int]string{}
	var out [][2]string
	for _, id := range ids {
		i, ok := index[id]
		if !ok {
			continue
		}
		h := r.People.Households[i]
		if other, seen := first[h]; seen {
			out = append(out, [2]string{other, id})
			continue
		}
		first[h] = id
	}
	return out
}
