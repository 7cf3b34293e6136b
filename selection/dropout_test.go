package selection_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// TestDropoutWorkflow fits a model on the past panels, selects with
// alternates chosen for dropouts from it, replaces a withdrawn member from
// those alternates, and checks that a lottery replacement cannot follow.
func TestDropoutWorkflow(t *testing.T) {
	ctx := context.Background()
	m, err := selection.FitDropoutModel(selection.ModelInput{
		Histories: []selection.File{file(t, "dropout", "history2024.csv"), file(t, "dropout", "history2025.csv")},
		Features:  []string{"age", "literacy", "area"}, Smoothing: selection.DefaultSmoothing})
	require.NoError(t, err)
	require.NotEmpty(t, m.Table)

	poolFile := file(t, "dropout", "pool.csv")
	in, err := selection.ReadInputs(poolFile, file(t, "example", "quotas.csv"), 30, "")
	require.NoError(t, err)
	sel, err := selection.SelectFrom(ctx, in, selection.SelectOptions{Algorithm: "maximin", Seed: "s", Alternates: 4, Now: fixed,
		Dropout: &selection.DropoutRequest{Model: selection.File{Name: "model.json", Content: m.File}, Scenarios: 100}})
	require.NoError(t, err)
	require.NotNil(t, sel.Summary.Dropout)
	assert.Equal(t, 100, sel.Summary.Dropout.Scenarios)
	assert.Len(t, sel.Record.Draw.Alternates, 4)

	first := folder("first", sel.Files)
	data, err := fstestRead(first, selection.RecordFile)
	require.NoError(t, err)
	r, err := selection.ReadReplacing(first, data, nil, nil)
	require.NoError(t, err)
	member := sel.Record.Draw.Selected[0]
	_, err = selection.ReplaceFromAlternates(r, selection.AlternatesReplaceInput{Pool: poolFile, Drop: []string{"nobody"}, Folder: "first", Now: fixed})
	var drop *selection.DropError
	require.ErrorAs(t, err, &drop)
	rep, err := selection.ReplaceFromAlternates(r, selection.AlternatesReplaceInput{Pool: poolFile, Drop: []string{member}, Folder: "first", Now: fixed})
	require.NoError(t, err)
	assert.Equal(t, []string{member}, rep.Dropped)
	assert.Len(t, rep.Completed, 30)
	assert.NotContains(t, rep.Completed, member)

	second := folder("second", rep.Files)
	data, err = fstestRead(second, selection.RecordFile)
	require.NoError(t, err)
	r2, err := selection.ReadReplacing(second, data, []selection.Dir{first}, nil)
	require.NoError(t, err, "a replacement from the alternates has no draw of its own, and can be replaced again")
	_, err = selection.Replace(ctx, r2, selection.ReplaceInput{Pool: poolFile, Drop: []string{rep.Completed[0]}, Folder: "second", Now: fixed})
	require.ErrorContains(t, err, "cannot follow a replacement from the alternates")
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
}

// TestDropoutRequestErrors: rates from a column the pool does not have, or
// a model that is not one, are input errors.
func TestDropoutRequestErrors(t *testing.T) {
	in, err := selection.ReadInputs(file(t, "dropout", "pool.csv"), file(t, "example", "quotas.csv"), 30, "")
	require.NoError(t, err)
	for _, req := range []*selection.DropoutRequest{
		{Column: "no such column"},
		{Model: selection.File{Name: "model.json", Content: []byte("{")}},
	} {
		_, err := selection.SelectFrom(context.Background(), in, selection.SelectOptions{Seed: "s", Alternates: 2, Now: fixed, Dropout: req, NoFiles: true})
		require.Error(t, err)
		assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
	}
}

// TestDropoutOptions: the settings are checked once, for every caller,
// and their errors say what is wrong in the caller's words, in English and
// French.
func TestDropoutOptions(t *testing.T) {
	model := selection.File{Name: "model.json", Content: []byte(`{"base": 0.9, "features": []}`)}
	for _, c := range []struct {
		opt        selection.DropoutOptions
		n          int
		en, fr     string
		ok, isNone bool
	}{
		{opt: selection.DropoutOptions{}, n: 0, ok: true, isNone: true},
		{opt: selection.DropoutOptions{Column: "dropout"}, n: 3, ok: true},
		{opt: selection.DropoutOptions{Column: "dropout", Model: model}, n: 3,
			en: `give "options.dropout_column" or "options.dropout_model", not both`,
			fr: `donnez "options.dropout_column" ou "options.dropout_model", pas les deux`},
		{opt: selection.DropoutOptions{Model: model}, n: 0,
			en: `"options.dropout_model" chooses alternates for the dropouts to come: give their number with "options.alternates"`,
			fr: `"options.dropout_model" choisit les suppléants pour les désistements à venir : donnez leur nombre avec "options.alternates"`},
		{opt: selection.DropoutOptions{Column: "dropout", Scenarios: selection.MaxScenarios + 1}, n: 3,
			en: `"options.scenarios" must be between 1 and 100000, not 100001`,
			fr: `"options.scenarios" doit être entre 1 et 100000, pas 100001`},
	} {
		req, err := c.opt.Request(c.n, selection.JSONNames)
		if c.ok {
			require.NoError(t, err)
			assert.Equal(t, c.isNone, req == nil)
			continue
		}
		var oe *selection.DropoutOptionsError
		require.ErrorAs(t, err, &oe)
		assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
		assert.Equal(t, c.en, err.Error())
		assert.Equal(t, c.fr, message.In(err, message.French))
	}
	_, err := selection.DropoutOptions{Model: selection.File{Name: "m.json", Content: []byte("{")}}.Request(2, selection.FlagNames)
	require.ErrorContains(t, err, "m.json: ")
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
}

// TestFittedModelBaseNames: a fitted model names its history files
// without their folders, so that its bytes do not depend on the path used.
func TestFittedModelBaseNames(t *testing.T) {
	h := file(t, "dropout", "history2024.csv")
	fit := func(name string) []byte {
		m, err := selection.FitDropoutModel(selection.ModelInput{Histories: []selection.File{{Name: name, Content: h.Content}},
			Features: []string{"age"}, Smoothing: selection.DefaultSmoothing})
		require.NoError(t, err)
		return m.File
	}
	assert.Equal(t, string(fit("history2024.csv")), string(fit("../past/history2024.csv")))
	assert.Contains(t, string(fit(`C:\past\history2024.csv`)), `"name": "history2024.csv"`)
}
