package audit

import (
	"context"
	"errors"
	"fmt"

	"github.com/tirage/tirage/dropout"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

// Dropout is what a draw records about alternates chosen for the dropouts
// to come (SPEC.md section 7.2): the dropout rates, the numbers of
// scenarios, the claimed loss of the alternates (Draw.Alternates, in
// calling order) over the scenarios they were chosen on, and the figures
// of four sets of alternates over a fresh sample.
type Dropout struct {
	// Column is the pool column the rates were read from; "" when a
	// model gave them.
	Column string `json:"column"`
	// Model is the model file's name (without its folders) and
	// ModelSHA256 the hex SHA-256 of its bytes; both "" when a column
	// gave the rates.
	Model       string `json:"model"`
	ModelSHA256 string `json:"model_sha256"`
	// Rates holds every person's dropout rate, in pool order.
	Rates []float64 `json:"rates"`
	// Scenarios is the number S of scenarios the alternates were chosen
	// on (seed text dropout.PurposeChoose), EvaluationScenarios that of
	// the fresh sample of the figures (dropout.PurposeEvaluate).
	Scenarios           int `json:"scenarios"`
	EvaluationScenarios int `json:"evaluation_scenarios"`
	// TotalLoss is the alternates' loss summed over the S scenarios, and
	// LowerBound the proven lower bound on that sum for every set of as
	// many alternates (dropout.Choice).
	TotalLoss  int `json:"total_loss"`
	LowerBound int `json:"lower_bound"`
	// Figures are those of the sets FigureSets, in that order, over the
	// fresh sample.
	Figures []DropoutFigures `json:"figures"`
}

// The sets of alternates whose figures a record gives, in order: none,
// scaled-quota alternates, the ranked list of section 7.1 and the chosen
// set.
var FigureSets = []string{"none", "scaled", "ranked", "chosen"}

// DropoutFigures are the figures of one set of alternates over the fresh
// sample (dropout.Figures).
type DropoutFigures struct {
	Set string `json:"set"`
	// Alternates are the set's ids, in calling order.
	Alternates []string `json:"alternates"`
	TotalLoss  int      `json:"total_loss"`
	MeetQuotas int      `json:"meet_quotas"`
	Full       int      `json:"full"`
	Perfect    int      `json:"perfect"`
	Called     int      `json:"called"`
}

// ExpectedLoss returns TotalLoss / scenarios.
func (f DropoutFigures) ExpectedLoss(scenarios int) float64 {
	return float64(f.TotalLoss) / float64(scenarios)
}

// MeetRate returns MeetQuotas / scenarios: the estimated chance that the
// final panel meets every quota.
func (f DropoutFigures) MeetRate(scenarios int) float64 {
	return float64(f.MeetQuotas) / float64(scenarios)
}

// DropoutInput is what DrawDropoutAlternates needs besides the record.
type DropoutInput struct {
	// Rates holds every person's dropout rate, in pool order.
	Rates []float64
	// Column, or Model and ModelSHA256, say where the rates came from
	// (Dropout).
	Column, Model, ModelSHA256 string
	// N is the number of alternates.
	N int
	// Scenarios and EvaluationScenarios are the sizes of the samples; 0
	// means dropout.DefaultScenarios.
	Scenarios, EvaluationScenarios int
	// Workers is the number of goroutines (the result does not depend on
	// it); Progress, when not nil, receives the search's progress.
	Workers  int
	Progress func(dropout.Progress)
}

// dropoutProblem is a drawn record's panel over its people, as package
// dropout takes them.
type dropoutProblem struct {
	pool   *sortition.Pool
	bounds *dropout.Bounds
	panel  []int
	index  map[string]int
}

// dropoutProblem returns the record's drawn panel over its people.
func (r *Record) dropoutProblem() (*dropoutProblem, error) {
	if r.Draw == nil {
		return nil, message.Errorf(message.RecordNotDrawn)
	}
	pool, _, err := r.Pool()
	if err != nil {
		return nil, err
	}
	p := &dropoutProblem{pool: pool, bounds: dropout.NewBounds(pool.Quotas, r.K), index: poolIndex(pool)}
	if p.panel, err = p.indices(r.Draw.Selected, "the selected"); err != nil {
		return nil, err
	}
	return p, nil
}

// indices returns the people of the ids.
func (p *dropoutProblem) indices(ids []string, what string) ([]int, error) {
	out := make([]int, len(ids))
	for j, id := range ids {
		i, ok := p.index[id]
		if !ok {
			return nil, fmt.Errorf("%s %q is not in the record's people", what, id)
		}
		out[j] = i
	}
	return out, nil
}

// sample returns the record's sample of the purpose (dropout.SeedText).
func (r *Record) dropoutSample(ctx context.Context, purpose string, count int, rates []float64, workers int) (*dropout.Sample, error) {
	return dropout.NewSample(ctx, dropout.SeedText(r.Commitment, r.Draw.Seed, purpose), count, rates, workers)
}

// DrawDropoutAlternates chooses in.N alternates for the drawn panel that
// minimise the loss after dropouts (dropout.Choose) over in.Scenarios
// scenarios from the record's seeded stream, and records them in calling
// order in Draw.Alternates with Draw.Dropout (SPEC.md 7.2): the rates,
// the claimed loss and lower bound, and the figures over a fresh sample of
// no alternates, scaled-quota alternates, the ranked list of section 7.1
// and the chosen set. The search starts from the scaled-quota alternates
// and the ranked list, so the chosen set is never worse than they are over
// the scenarios it was chosen on. It returns the search's outcome.
func (r *Record) DrawDropoutAlternates(ctx context.Context, in DropoutInput) (*dropout.Choice, error) {
	p, err := r.dropoutProblem()
	if err != nil {
		return nil, err
	}
	if len(in.Rates) != len(p.pool.People) {
		return nil, fmt.Errorf("%d dropout rates for %d people", len(in.Rates), len(p.pool.People))
	}
	if err := dropout.CheckRates(in.Rates); err != nil {
		return nil, err
	}
	if in.N < 0 || in.N > len(p.pool.People)-len(p.panel) {
		return nil, fmt.Errorf("the number of alternates must be between 0 and %d, the number of people off the panel, not %d", len(p.pool.People)-len(p.panel), in.N)
	}
	d := &Dropout{Column: in.Column, Model: in.Model, ModelSHA256: in.ModelSHA256, Rates: in.Rates,
		Scenarios: in.Scenarios, EvaluationScenarios: in.EvaluationScenarios}
	if d.Scenarios == 0 {
		d.Scenarios = dropout.DefaultScenarios
	}
	if d.EvaluationScenarios == 0 {
		d.EvaluationScenarios = dropout.DefaultScenarios
	}
	if d.Scenarios < 1 || d.EvaluationScenarios < 1 || d.Scenarios > MaxDropoutScenarios || d.EvaluationScenarios > MaxDropoutScenarios {
		return nil, fmt.Errorf("the number of scenarios must be from 1 to %d, not %d and %d", MaxDropoutScenarios, d.Scenarios, d.EvaluationScenarios)
	}
	sample, err := r.dropoutSample(ctx, dropout.PurposeChoose, d.Scenarios, in.Rates, in.Workers)
	if err != nil {
		return nil, err
	}
	ranked, err := r.alternates(in.N)
	if err != nil {
		return nil, err
	}
	rankedIdx, err := p.indices(ranked, "the ranked alternate")
	if err != nil {
		return nil, err
	}
	scaled, err := dropout.ScaledQuotaAlternates(ctx, p.bounds, p.pool, p.panel, in.N, dropout.SeedText(r.Commitment, r.Draw.Seed, dropout.PurposeScaled))
	if err != nil {
		return nil, err
	}
	choice, err := dropout.Choose(ctx, &dropout.Problem{Bounds: p.bounds, Pool: p.pool, Panel: p.panel, N: in.N, Sample: sample, Starts: [][]int{scaled, rankedIdx}},
		dropout.Options{Workers: in.Workers, Progress: in.Progress})
	if err != nil {
		return nil, err
	}
	d.TotalLoss, d.LowerBound = choice.TotalLoss, choice.LowerBound
	fresh, err := r.dropoutSample(ctx, dropout.PurposeEvaluate, d.EvaluationScenarios, in.Rates, in.Workers)
	if err != nil {
		return nil, err
	}
	for j, set := range [][]int{nil, scaled, rankedIdx, choice.Alternates} {
		f, err := dropout.Evaluate(ctx, p.bounds, p.pool, p.panel, set, fresh, in.Workers)
		if err != nil {
			return nil, err
		}
		d.Figures = append(d.Figures, DropoutFigures{Set: FigureSets[j], Alternates: IDs(p.pool, set),
			TotalLoss: f.TotalLoss, MeetQuotas: f.MeetQuotas, Full: f.Full, Perfect: f.Perfect, Called: f.Called})
	}
	r.Draw.Alternates = IDs(p.pool, choice.Alternates)
	r.Draw.Dropout = d
	return choice, nil
}

// checkDropout checks the draw's dropout section (SPEC.md 7.2), trusting
// none of its numbers: the rates; the alternates, distinct people off the
// panel; their claimed loss and the lower bound over the scenarios
// regenerated from the commitment and the seed, every replacement step
// re-solved; and every figure over the fresh sample, with the ranked list
// recomputed (7.1) and the scaled-quota alternates as close to the scaled
// quotas as tirage's own.
func (v *verifier) checkDropout() {
	d := v.r.Draw
	dd := d.Dropout
	p, err := v.r.dropoutProblem()
	if err != nil {
		v.fail("dropout rates", message.CheckCannotCheck, "error", message.ReasonOf(err))
		return
	}
	if !v.checkDropoutRates(p, dd) || !v.checkDropoutAlternates(p, d.Alternates) {
		return
	}
	chosen, _ := p.indices(d.Alternates, "the alternate")
	workers := 2
	sample, err := v.r.dropoutSample(v.ctx, dropout.PurposeChoose, dd.Scenarios, dd.Rates, workers)
	if err != nil {
		v.fail("dropout claimed loss", message.CheckScenariosRegen, "error", message.ReasonOf(err))
		return
	}
	claim := dropout.Claim{Alternates: chosen, TotalLoss: dd.TotalLoss, LowerBound: dd.LowerBound}
	if err := dropout.CheckClaim(v.ctx, p.bounds, p.pool, p.panel, sample, claim, workers); err != nil {
		v.failErr("dropout claimed loss", err)
	} else {
		v.pass("dropout claimed loss", message.CheckDropoutLoss, "scenarios", dd.Scenarios, "n", len(chosen), "loss", dd.TotalLoss,
			"per", fmt.Sprintf("%.4f", float64(dd.TotalLoss)/float64(dd.Scenarios)), "bound", dd.LowerBound, "boundper", fmt.Sprintf("%.4f", float64(dd.LowerBound)/float64(dd.Scenarios)))
	}
	v.checkDropoutFigures(p, dd, chosen)
}

// checkDropoutRates checks that there is one rate per person, each a
// probability, from a column or a model.
func (v *verifier) checkDropoutRates(p *dropoutProblem, dd *Dropout) bool {
	const name = "dropout rates"
	switch {
	case len(dd.Rates) != len(p.pool.People):
		v.fail(name, message.CheckRateCount, "rates", len(dd.Rates), "people", len(p.pool.People))
		return false
	case (dd.Column == "") == (dd.Model == ""):
		v.fail(name, message.CheckRateSource, "column", fmt.Sprintf("%q", dd.Column), "model", fmt.Sprintf("%q", dd.Model))
		return false
	case dd.Model != "" && !isHex64(dd.ModelSHA256), dd.Model == "" && dd.ModelSHA256 != "":
		v.fail(name, message.CheckModelDigest, "digest", fmt.Sprintf("%q", dd.ModelSHA256))
		return false
	case dd.Scenarios < 1 || dd.EvaluationScenarios < 1 || dd.Scenarios > MaxDropoutScenarios || dd.EvaluationScenarios > MaxDropoutScenarios:
		v.fail(name, message.CheckScenarioCount, "choose", dd.Scenarios, "evaluate", dd.EvaluationScenarios, "max", MaxDropoutScenarios)
		return false
	}
	if err := dropout.CheckRates(dd.Rates); err != nil {
		var re *dropout.RateError
		if errors.As(err, &re) {
			v.fail(name, message.CheckRateInvalid, "id", fmt.Sprintf("%q", p.pool.People[re.Person].ID), "rate", message.Exact(re.Rate))
		} else {
			v.failErr(name, err)
		}
		return false
	}
	from := message.New(message.CheckRatesColumn, "column", fmt.Sprintf("%q", dd.Column))
	if dd.Model != "" {
		from = message.New(message.CheckRatesModel, "model", dd.Model, "digest", dd.ModelSHA256[:8])
	}
	v.pass(name, message.CheckRates, "n", len(dd.Rates), "from", from)
	return true
}

// checkDropoutAlternates checks that the alternates are distinct people
// of the pool, off the panel.
func (v *verifier) checkDropoutAlternates(p *dropoutProblem, ids []string) bool {
	const name = "alternates"
	onPanel := map[int]bool{}
	for _, i := range p.panel {
		onPanel[i] = true
	}
	seen := map[int]bool{}
	for _, id := range ids {
		i, ok := p.index[id]
		switch {
		case !ok:
			v.fail(name, message.CheckAlternateUnknown, "id", fmt.Sprintf("%q", id))
			return false
		case onPanel[i]:
			v.fail(name, message.CheckAlternateOnPanel, "id", fmt.Sprintf("%q", id))
			return false
		case seen[i]:
			v.fail(name, message.CheckAlternateTwice, "id", fmt.Sprintf("%q", id))
			return false
		}
		seen[i] = true
	}
	v.pass(name, message.CheckDropoutAlternates, "n", len(ids))
	return true
}

// checkDropoutFigures recomputes every figure over the fresh sample.
func (v *verifier) checkDropoutFigures(p *dropoutProblem, dd *Dropout, chosen []int) {
	const name = "dropout figures"
	n := len(chosen)
	if len(dd.Figures) != len(FigureSets) {
		v.fail(name, message.CheckFigureSets, "got", len(dd.Figures), "want", len(FigureSets), "sets", fmt.Sprint(FigureSets))
		return
	}
	ranked, err := v.r.alternates(n)
	if err != nil {
		v.fail(name, message.CheckRankedRecompute, "error", message.ReasonOf(err))
		return
	}
	fresh, err := v.r.dropoutSample(v.ctx, dropout.PurposeEvaluate, dd.EvaluationScenarios, dd.Rates, 2)
	if err != nil {
		v.fail(name, message.CheckFreshRegen, "error", message.ReasonOf(err))
		return
	}
	for j, f := range dd.Figures {
		if f.Set != FigureSets[j] {
			v.fail(name, message.CheckFigureSetName, "set", j+1, "got", fmt.Sprintf("%q", f.Set), "want", fmt.Sprintf("%q", FigureSets[j]))
			return
		}
		set, err := p.indices(f.Alternates, "the alternate")
		if err != nil {
			v.fail(name, message.CheckFigureSetError, "set", f.Set, "error", message.ReasonOf(err))
			return
		}
		var why message.Reason
		switch f.Set {
		case "none":
			if len(set) > 0 {
				why = message.New(message.FigureListsAlternates)
			}
		case "scaled":
			why = v.checkScaled(p, set, n)
		case "ranked":
			if d := compareLists(f.Alternates, ranked); !d.IsZero() {
				why = message.New(message.FigureNotRanked, "why", d)
			}
		case "chosen":
			if d := compareLists(f.Alternates, v.r.Draw.Alternates); !d.IsZero() {
				why = message.New(message.FigureNotChosen, "why", d)
			}
		}
		if !why.IsZero() {
			v.fail(name, message.CheckFigureSetWhy, "set", fmt.Sprintf("%q", f.Set), "why", why)
			return
		}
		got, err := dropout.Evaluate(v.ctx, p.bounds, p.pool, p.panel, set, fresh, 2)
		if err != nil {
			v.fail(name, message.CheckFigureSetWhy, "set", fmt.Sprintf("%q", f.Set), "why", message.ReasonOf(err))
			return
		}
		real := DropoutFigures{Set: f.Set, Alternates: f.Alternates, TotalLoss: got.TotalLoss, MeetQuotas: got.MeetQuotas, Full: got.Full, Perfect: got.Perfect, Called: got.Called}
		if real.TotalLoss != f.TotalLoss || real.MeetQuotas != f.MeetQuotas || real.Full != f.Full || real.Perfect != f.Perfect || real.Called != f.Called {
			v.fail(name, message.CheckFiguresDiffer, "set", fmt.Sprintf("%q", f.Set), "loss", f.TotalLoss, "meet", f.MeetQuotas, "full", f.Full, "perfect", f.Perfect, "called", f.Called,
				"scenarios", dd.EvaluationScenarios, "rloss", real.TotalLoss, "rmeet", real.MeetQuotas, "rfull", real.Full, "rperfect", real.Perfect, "rcalled", real.Called)
			return
		}
	}
	s := dd.EvaluationScenarios
	none, chosenF := dd.Figures[0], dd.Figures[3]
	v.pass(name, message.CheckDropoutFigures, "scenarios", s, "none", fmt.Sprintf("%.3f", none.ExpectedLoss(s)), "chosen", fmt.Sprintf("%.3f", chosenF.ExpectedLoss(s)), "n", n,
		"meetnone", fmt.Sprintf("%.1f", 100*none.MeetRate(s)), "meetchosen", fmt.Sprintf("%.1f", 100*chosenF.MeetRate(s)),
		"scaled", fmt.Sprintf("%.3f", dd.Figures[1].ExpectedLoss(s)), "ranked", fmt.Sprintf("%.3f", dd.Figures[2].ExpectedLoss(s)))
}

// checkScaled returns why set is not a set of scaled-quota alternates of
// size n (SPEC.md 7.2): n distinct people off the panel, whose deviation
// from the quotas scaled to n is no more than that of tirage's own choice.
func (v *verifier) checkScaled(p *dropoutProblem, set []int, n int) message.Reason {
	if len(set) != n {
		return message.New(message.ScaledCount, "got", len(set), "want", n)
	}
	onPanel := map[int]bool{}
	for _, i := range p.panel {
		onPanel[i] = true
	}
	seen := map[int]bool{}
	for _, i := range set {
		if onPanel[i] || seen[i] {
			return message.New(message.ScaledOnPanel, "id", fmt.Sprintf("%q", p.pool.People[i].ID))
		}
		seen[i] = true
	}
	own, err := dropout.ScaledQuotaAlternates(v.ctx, p.bounds, p.pool, p.panel, n, dropout.SeedText(v.r.Commitment, v.r.Draw.Seed, dropout.PurposeScaled))
	if err != nil {
		return message.New(message.ScaledCannotCompute, "error", message.ReasonOf(err))
	}
	scaled := dropout.ScaledBounds(p.bounds, n)
	got, want := scaled.Deviation(p.bounds.Counts(p.pool, set)), scaled.Deviation(p.bounds.Counts(p.pool, own))
	if got > want {
		return message.New(message.ScaledMisses, "n", n, "got", got, "want", want)
	}
	return message.Reason{}
}

// isHex64 reports whether s is 64 lowercase hexadecimal digits.
func isHex64(s string) bool {
	_, ok := decodeCommitment(s)
	return ok
}
