package selection_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
)

// TestSettingsCheck checks the one place select's settings are checked:
// each problem is an input error whose reason names the flag, in English
// and French, and good settings become the SelectOptions the workflow
// takes.
func TestSettingsCheck(t *testing.T) {
	good := selection.Settings{Panels: 10, Seed: "s", SeedGiven: true, Alternates: 2, Lang: "fr", LangGiven: true, Organisation: "Ville"}
	opt, err := good.Check(report.English)
	require.NoError(t, err)
	assert.Equal(t, selection.SelectOptions{Panels: 10, Seed: "s", Alternates: 2, Lang: report.French, Organisation: "Ville"}, opt)

	for _, c := range []struct {
		change func(*selection.Settings)
		en, fr string
	}{
		{func(s *selection.Settings) { s.SeedNumbers, s.NumbersGiven = "1 2", true }, "give --seed or --seed-numbers, not both", "donnez --seed ou --seed-numbers, pas les deux"},
		{func(s *selection.Settings) { s.Panels = 0 }, "--panels must be between 1 and", "--panels doit être entre 1 et"},
		{func(s *selection.Settings) { s.Algorithm = "fairest" }, "--algorithm: ", "--algorithm : "},
		{func(s *selection.Settings) { s.Lang = "de" }, "--lang: ", "--lang : "},
		{func(s *selection.Settings) { s.CommitOnly = true }, "--commit-only draws nothing, alternates included", "--commit-only ne tire rien, suppléants compris"},
		{func(s *selection.Settings) { s.Seed = "" }, "the seed is empty", "la graine est vide"},
		{func(s *selection.Settings) { s.SeedGiven, s.SeedSource = false, "a lottery" }, "--seed-source names where", "--seed-source nomme d'où"},
	} {
		s := good
		c.change(&s)
		_, err := s.Check(report.English)
		require.Error(t, err, c.en)
		assert.Equal(t, selection.CodeInput, selection.CodeOf(err), c.en)
		assert.Contains(t, selection.Message(err, message.English), c.en)
		assert.Contains(t, selection.Message(err, message.French), c.fr)
	}
}

// TestSettingsJSON checks that a JSON request's settings are checked by
// the same code, named as the request's members, in its language.
func TestSettingsJSON(t *testing.T) {
	req := `{"pool":[{"id":"a","g":"f"},{"id":"b","g":"f"}],"quotas":[{"feature":"g","value":"f","min":0,"max":1}],"k":1,"seed":"s","options":{"seed_numbers":"1 2","lang":"fr"}}`
	code, out := handle(t, req, selection.Env{})
	assert.Equal(t, selection.CodeInput, code)
	assert.Contains(t, out, `"message":"donnez \"seed\" ou \"options.seed_numbers\", pas les deux"`)
}

// TestCountIn checks a count's range and its errors.
func TestCountIn(t *testing.T) {
	n, err := selection.CountIn("12", message.CountPanels, 1, 20)
	require.NoError(t, err)
	assert.Equal(t, 12, n)
	for _, s := range []string{"0", "21", "012", "x"} {
		_, err := selection.CountIn(s, message.CountPanels, 1, 20)
		assert.Error(t, err, s)
	}
}
