package audit_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/sortition"
)

// exampleRates gives the example's people a dropout rate: 25 % for the
// young, with limited literacy or rural, 5 % for the others.
func exampleRates(pool *sortition.Pool) []float64 {
	rates := make([]float64, len(pool.People))
	for i, p := range pool.People {
		rates[i] = 0.05
		for c, v := range p.Values {
			switch pool.Quotas.Categories[c].Values[v].Name {
			case "16-29", "limited", "rural":
				rates[i] = 0.25
			}
		}
	}
	return rates
}

var dropoutCache struct {
	sync.Mutex
	files fstest.MapFS
}

// dropoutSelection returns a fresh copy of the drawn example selection
// with 5 alternates chosen for the dropouts to come over 200 scenarios
// (300 for the figures).
func dropoutSelection(t *testing.T) *selection {
	t.Helper()
	s, pool := exampleSelection(t, true)
	dropoutCache.Lock()
	defer dropoutCache.Unlock()
	if dropoutCache.files == nil {
		s.record.Draw.Alternates = nil
		ch, err := s.record.DrawDropoutAlternates(context.Background(), audit.DropoutInput{
			Rates: exampleRates(pool), Column: "dropout", N: 5, Scenarios: 200, EvaluationScenarios: 300, Workers: 2})
		require.NoError(t, err)
		require.Len(t, s.record.Draw.Alternates, 5)
		require.LessOrEqual(t, ch.LowerBound, ch.TotalLoss)
		s.writeFiles(t, pool)
		dropoutCache.files = s.files
	}
	s.files = fstest.MapFS{}
	for name, f := range dropoutCache.files {
		s.files[name] = &fstest.MapFile{Data: slices.Clone(f.Data)}
	}
	var err error
	s.record, err = audit.ParseRecord(s.files[audit.RecordFile].Data)
	require.NoError(t, err)
	return s
}

func TestDropoutAlternatesVerify(t *testing.T) {
	s := dropoutSelection(t)
	d := s.record.Draw.Dropout
	require.NotNil(t, d)
	assert.Equal(t, audit.FigureSets, []string{d.Figures[0].Set, d.Figures[1].Set, d.Figures[2].Set, d.Figures[3].Set})
	assert.Equal(t, s.record.Draw.Alternates, d.Figures[3].Alternates)
	// In-sample, the chosen set is never worse than the sets the search
	// started from; over the fresh sample, alternates help.
	none, chosen := d.Figures[0], d.Figures[3]
	assert.Less(t, chosen.TotalLoss, none.TotalLoss)
	for _, withInputs := range []bool{false, true} {
		checks := audit.Verify(context.Background(), s.input(withInputs))
		require.Empty(t, failed(checks), "%v", checks)
		checkReasons(t, checks)
		names := map[string]bool{}
		for _, c := range checks {
			names[c.Name] = true
		}
		for _, want := range []string{"dropout rates", "alternates", "dropout claimed loss", "dropout figures", "alternates.csv"} {
			assert.True(t, names[want], "no check %q", want)
		}
	}
}

// TestDropoutDeterministic: the same record, seed and rates give the same
// bytes, whatever the number of workers.
func TestDropoutDeterministic(t *testing.T) {
	s := dropoutSelection(t)
	again, pool := exampleSelection(t, true)
	again.record.Draw.Alternates = nil
	_, err := again.record.DrawDropoutAlternates(context.Background(), audit.DropoutInput{
		Rates: exampleRates(pool), Column: "dropout", N: 5, Scenarios: 200, EvaluationScenarios: 300, Workers: 1})
	require.NoError(t, err)
	data, err := again.record.MarshalIndent()
	require.NoError(t, err)
	assert.Equal(t, string(s.files[audit.RecordFile].Data), string(data))
}

// TestDropoutForgeries: verify rejects, by a named check, alternates,
// rates, claims and figures that were edited after the choice.
func TestDropoutForgeries(t *testing.T) {
	offPanel := func(r *audit.Record) string {
		for _, row := range r.People.Rows {
			if !slices.Contains(r.Draw.Selected, row[0]) && !slices.Contains(r.Draw.Alternates, row[0]) {
				return row[0]
			}
		}
		t.Fatal("nobody left")
		return ""
	}
	for _, m := range []struct {
		name string
		edit func(r *audit.Record)
		want string
	}{
		{"an alternate swapped for another person", func(r *audit.Record) {
			r.Draw.Alternates[4] = offPanel(r)
			r.Draw.Dropout.Figures[3].Alternates = slices.Clone(r.Draw.Alternates)
		}, "dropout claimed loss"},
		{"the calling order changed", func(r *audit.Record) {
			a := r.Draw.Alternates
			a[0], a[4] = a[4], a[0]
		}, "dropout figures"},
		{"an alternate on the panel", func(r *audit.Record) { r.Draw.Alternates[0] = r.Draw.Selected[0] }, "alternates"},
		{"a rate lowered", func(r *audit.Record) {
			for i, q := range r.Draw.Dropout.Rates {
				if q > 0.1 {
					r.Draw.Dropout.Rates[i] = 0
				}
			}
		}, "dropout claimed loss"},
		{"a rate above 1", func(r *audit.Record) { r.Draw.Dropout.Rates[3] = 1.5 }, "dropout rates"},
		{"a rate missing", func(r *audit.Record) { r.Draw.Dropout.Rates = r.Draw.Dropout.Rates[1:] }, "dropout rates"},
		{"the claimed loss lowered", func(r *audit.Record) { r.Draw.Dropout.TotalLoss-- }, "dropout claimed loss"},
		{"the lower bound raised", func(r *audit.Record) { r.Draw.Dropout.LowerBound++ }, "dropout claimed loss"},
		{"fewer scenarios", func(r *audit.Record) { r.Draw.Dropout.Scenarios = 100 }, "dropout claimed loss"},
		{"too many scenarios", func(r *audit.Record) { r.Draw.Dropout.EvaluationScenarios = audit.MaxDropoutScenarios + 1 }, "dropout rates"},
		{"a figure improved", func(r *audit.Record) { r.Draw.Dropout.Figures[3].MeetQuotas++ }, "dropout figures"},
		{"the scaled set's loss raised", func(r *audit.Record) { r.Draw.Dropout.Figures[1].TotalLoss += 50 }, "dropout figures"},
		{"the ranked list replaced", func(r *audit.Record) {
			r.Draw.Dropout.Figures[2].Alternates[0] = offPanel(r)
		}, "dropout figures"},
		{"the sets reordered", func(r *audit.Record) {
			f := r.Draw.Dropout.Figures
			f[1], f[2] = f[2], f[1]
		}, "dropout figures"},
		{"the scaled set replaced by the panel's opposite", func(r *audit.Record) {
			// The first alternates of the ranked list, off the scaled
			// quotas: no better than tirage's own scaled choice.
			f := r.Draw.Dropout.Figures
			f[1].Alternates = slices.Clone(f[0].Alternates)
		}, "dropout figures"},
	} {
		t.Run(m.name, func(t *testing.T) {
			s := dropoutSelection(t)
			editRecord(false, m.edit)(t, s, nil)
			checks := audit.Verify(context.Background(), s.input(false))
			assert.Contains(t, failed(checks), m.want)
			checkReasons(t, checks)
		})
	}
}
