package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
)

func init() {
	// The tests expect English unless they ask for French, whatever the
	// language of the machine that runs them.
	os.Setenv("TIRAGE_LANG", "en")
}

// TestLangPrecedence: --lang wins over TIRAGE_LANG, which wins over the
// locale.
func TestLangPrecedence(t *testing.T) {
	args := []string{"check", "--pool", td("conflicts", "min_above_pool", "pool.csv"), "--quotas", td("conflicts", "min_above_pool", "quotas.csv"), "--k", "10"}
	french := "Les quotas ne peuvent pas être respectés"
	t.Setenv("TIRAGE_LANG", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "fr_FR.UTF-8")
	_, out, _ := tirage(args...)
	assert.Contains(t, out, french, "the locale")
	t.Setenv("TIRAGE_LANG", "en")
	_, out, _ = tirage(args...)
	assert.NotContains(t, out, french, "TIRAGE_LANG over the locale")
	_, out, _ = tirage(append(args, "--lang", "fr")...)
	assert.Contains(t, out, french, "--lang over TIRAGE_LANG")
	t.Setenv("TIRAGE_LANG", "fr")
	_, out, _ = tirage(append(args, "--lang", "en")...)
	assert.NotContains(t, out, french, "--lang over TIRAGE_LANG")
	code, _, errOut := tirage(append(args, "--lang", "de")...)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--lang")
	t.Setenv("TIRAGE_LANG", "en")
	// A --lang after the flag the parser stopped at still counts.
	_, out, _ = tirage("select", "-h", "--lang", "fr")
	assert.Contains(t, out, "Utilisation :", "select -h --lang fr")
	_, _, errOut = tirage("select", "--bogus", "--lang=fr")
	assert.Contains(t, errOut, "option inconnue", "select --bogus --lang=fr")
}

// englishSentences returns the English sentences of the catalog, the
// fixed parts of its templates between placeholders that are at least
// three words long and not in the French template.
func englishSentences() []string {
	placeholder := regexp.MustCompile(`\{[^}]*\}`)
	var out []string
	for _, code := range message.Codes() {
		fr := message.Template(code, message.French)
		for _, part := range placeholder.Split(message.Template(code, message.English), -1) {
			for _, s := range strings.Split(part, "\n") {
				s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ".,;:()"))
				if len(strings.Fields(s)) >= 3 && !strings.Contains(fr, s) {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// assertFrench fails when text holds an English sentence of the catalog.
func assertFrench(t *testing.T, what, text string) {
	t.Helper()
	require.NotEmpty(t, text, what)
	for _, s := range englishSentences() {
		assert.NotContains(t, text, s, "%s: English left in:\n%s", what, text)
	}
}

// TestFrenchConsole runs the commands under --lang fr on an input error,
// conflicts, relaxations, exclusions and a verification, and checks that
// no English sentence of the catalog is left in what they print.
func TestFrenchConsole(t *testing.T) {
	require.Greater(t, len(englishSentences()), 100)
	conflicts := func(dir string) (string, string) {
		return td("conflicts", dir, "pool.csv"), td("conflicts", dir, "quotas.csv")
	}
	for _, dir := range []string{"min_above_pool", "mins_above_k", "min_max_cross", "three_way"} {
		pool, quotas := conflicts(dir)
		k := map[string]string{"three_way": "2"}[dir]
		if k == "" {
			k = "10"
		}
		code, out, errOut := tirage("check", "--lang", "fr", "--pool", pool, "--quotas", quotas, "--k", k)
		assert.Equal(t, exitSelection, code)
		assertFrench(t, "check "+dir, out+errOut)
		code, out, errOut = tirage("select", "--lang", "fr", "--pool", pool, "--quotas", quotas, "--k", k, "--seed", "s", "--out", filepath.Join(t.TempDir(), "out"), "--quiet")
		assert.Equal(t, exitSelection, code)
		assert.Contains(t, errOut, "Le plus petit assouplissement")
		assertFrench(t, "select "+dir, out+errOut)
		code, out, errOut = tirage("select", "--lang", "fr", "--relax", "--pool", pool, "--quotas", quotas, "--k", k, "--seed", "s", "--out", filepath.Join(t.TempDir(), "out"), "--quiet")
		assert.Equal(t, exitOK, code, errOut)
		assertFrench(t, "select --relax "+dir, out+errOut)
	}
	// No relaxation helps: the households.
	pool, quotas := conflicts("households")
	_, out, errOut := tirage("select", "--lang", "fr", "--households", "address", "--pool", pool, "--quotas", quotas, "--k", "6", "--seed", "s", "--out", filepath.Join(t.TempDir(), "out"), "--quiet")
	assert.Contains(t, errOut, "Aucun assouplissement")
	assertFrench(t, "select households", out+errOut)

	// Input errors, with a suggestion.
	for _, bad := range []string{"pool_unknown_value.csv", "pool_duplicate_id.csv", "pool_too_many_fields.csv", "pool_missing_column.csv"} {
		code, out, errOut := tirage("check", "--lang", "fr", "--pool", td("bad", bad), "--quotas", td("bad", "quotas.csv"), "--k", "5")
		assert.Equal(t, exitUsage, code, bad)
		assertFrench(t, bad, out+errOut)
	}
	for _, bad := range []string{"quotas_not_integer.csv", "quotas_min_above_max.csv", "quotas_duplicate.csv", "quotas_unknown_header.csv", "quotas_broken_quote.csv"} {
		_, out, errOut := tirage("check", "--lang", "fr", "--pool", td("example", "pool.csv"), "--quotas", td("bad", bad), "--k", "5")
		assertFrench(t, bad, out+errOut)
	}
	_, _, errOut = tirage("check", "--lang", "fr", "--pool", td("example", "pool.csv"))
	assertFrench(t, "missing flags", errOut)

	// Exclusions and the select summary, then verify.
	dir := filepath.Join(t.TempDir(), "sel")
	code, out, errOut := tirage("check", "--lang", "fr", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30")
	assert.Equal(t, exitOK, code, errOut)
	assertFrench(t, "check example", out+errOut)
	code, out, errOut = tirage("select", "--lang", "fr", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--seed", "s", "--out", dir, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "Engagement : ")
	assertFrench(t, "select example", out+errOut)
	code, out, errOut = tirage("verify", "--lang", "fr", filepath.Join(dir, "public"), "--quiet")
	assert.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "Ce que ces vérifications ne peuvent pas prouver :")
	assertFrench(t, "verify", out+errOut)
	code, out, errOut = tirage("verify", "--lang", "fr", dir, "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--quiet")
	assert.Equal(t, exitOK, code, errOut)
	assertFrench(t, "verify with the inputs", out+errOut)

	// A published file changed after the fact.
	panel := filepath.Join(dir, "public", "panel.csv")
	data, err := os.ReadFile(panel)
	require.NoError(t, err)
	lines := strings.SplitN(string(data), "\n", 3)
	lines[1] = "someone-else"
	require.NoError(t, os.WriteFile(panel, []byte(strings.Join(lines, "\n")), 0o644))
	code, out, errOut = tirage("verify", "--lang", "fr", filepath.Join(dir, "public"), "--quiet")
	assert.Equal(t, exitSelection, code)
	assert.Contains(t, out, `ÉCHEC   fichier panel.csv : la ligne 2 a l'identifiant "someone-else", et non`)
	assert.Contains(t, out, "NON VÉRIFIÉ : 1 des ")
	assertFrench(t, "verify of a changed file", out+errOut)
}

// TestCommandWords checks that package console has every command's words,
// in English and in French: its summary, its usage line and the
// description of every flag it registers, and that the command registers
// no words of its own.
func TestCommandWords(t *testing.T) {
	for _, c := range commands {
		assert.NotEmpty(t, console.CommandSummary(c.name, message.English), c.name)
		assert.NotEqual(t, console.CommandSummary(c.name, message.English), console.CommandSummary(c.name, message.French), c.name)
		assert.True(t, strings.HasPrefix(console.Synopsis(c.name), c.name), c.name)
		fs, _ := c.flagSet(&env{name: c.name, getenv: func(string) string { return "" }})
		n := 0
		fs.VisitAll(func(f *flag.Flag) {
			n++
			where := c.name + " --" + f.Name
			assert.Empty(t, f.Usage, where)
			en, fr := console.FlagUsage(c.name, f.Name, message.English), console.FlagUsage(c.name, f.Name, message.French)
			if assert.NotEmpty(t, en, where) && assert.NotEmpty(t, fr, where) {
				assert.NotEqual(t, en, fr, where)
				enArg, _ := flag.UnquoteUsage(&flag.Flag{Usage: en, Value: f.Value})
				frArg, _ := flag.UnquoteUsage(&flag.Flag{Usage: fr, Value: f.Value})
				assert.Equal(t, enArg, frArg, where+": the value's name")
			}
		})
		assert.NotZero(t, n, c.name)
	}
}
