package report

import (
	"fmt"
	"strings"
)

// altView is the section on alternates chosen for the dropouts to come.
type altView struct {
	Help, LossHelp, IDs, Bound, NoHouse string
	Header                              []string
	Rows                                [][]string
}

// alternates lays out the draw's alternates chosen for dropouts; nil
// without them.
func (r *Report) alternates() *altView {
	if r.Draw == nil || r.Draw.Dropout == nil {
		return nil
	}
	t, d := r.t(), r.Draw.Dropout
	n := len(r.Draw.Alternates)
	source := fmt.Sprintf(t.AltColumn, d.Column)
	if d.Model != "" {
		source = fmt.Sprintf(t.AltModel, d.Model, d.ModelSHA256[:min(8, len(d.ModelSHA256))])
	}
	a := &altView{
		Help:     fmt.Sprintf(t.AltHelp, r.num(n), source, r.num(d.EvaluationScenarios)),
		LossHelp: t.AltLossHelp,
		IDs:      fmt.Sprintf(t.AltIDs, strings.Join(r.Draw.Alternates, ", ")),
		Bound: fmt.Sprintf(t.AltBound, r.num(d.Scenarios), r.decimal(float64(d.TotalLoss)/float64(d.Scenarios), 3),
			r.num(n), r.decimal(float64(d.LowerBound)/float64(d.Scenarios), 3)),
		Header: []string{t.AltSet, t.AltLoss, t.AltMeet, t.AltFull},
	}
	if len(r.Households) > 0 {
		a.NoHouse = t.AltNoHouse
	}
	s := d.EvaluationScenarios
	for _, f := range d.Figures {
		name := t.AltSets[f.Set]
		if name == "" {
			name = f.Set
		}
		a.Rows = append(a.Rows, []string{name, r.decimal(f.ExpectedLoss(s), 2), r.percentWith(f.MeetRate(s), 1), r.percentWith(float64(f.Full)/float64(s), 1)})
	}
	return a
}
