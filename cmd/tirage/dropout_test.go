package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// selectDropout selects a panel of 30 from the dropout test pool with 5
// alternates chosen for dropouts over 200 scenarios.
func selectDropout(t *testing.T, dir string, extra ...string) (int, string, string) {
	t.Helper()
	args := append([]string{"select", "--pool", td("dropout", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30",
		"--seed", seedA, "--alternates", "5", "--scenarios", "200", "--out", dir, "--quiet"}, extra...)
	return tirage(args...)
}

// TestDropoutEndToEnd: select with dropout rates, replace from the
// alternates twice, verify every folder; the same inputs give the same
// bytes; an edited record fails by name.
func TestDropoutEndToEnd(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	pool := td("dropout", "pool.csv")
	base := t.TempDir()
	orig := filepath.Join(base, "orig")
	code, stdout, errOut := selectDropout(t, orig, "--dropout-column", "dropout")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "Alternates: 5, chosen for the dropouts to come, in calling order")
	for _, set := range []string{"none", "scaled quotas", "ranked list", "chosen (these)"} {
		assert.Contains(t, stdout, set)
	}
	r, _ := readRecord(t, orig)
	require.NotNil(t, r.Draw.Dropout)
	assert.Equal(t, "dropout", r.Draw.Dropout.Column)
	assert.Equal(t, 200, r.Draw.Dropout.Scenarios)
	assert.Len(t, r.Draw.Alternates, 5)

	// Determinism: the same command gives the same files.
	again := filepath.Join(base, "again")
	code, _, errOut = selectDropout(t, again, "--dropout-column", "dropout")
	require.Equal(t, exitOK, code, errOut)
	for _, name := range []string{"audit.json", "alternates.csv", "report.md"} {
		assert.Equal(t, string(readFile(t, filepath.Join(orig, name))), string(readFile(t, filepath.Join(again, name))), name)
	}

	code, vout, _ := tirage("verify", orig, "--pool", pool, "--quotas", td("example", "quotas.csv"))
	require.Equal(t, exitOK, code, vout)
	for _, check := range []string{"dropout rates", "alternates", "dropout claimed loss", "dropout figures"} {
		assert.Contains(t, vout, "OK      "+check+": ")
	}

	// Three members withdraw and the first alternate declines.
	drop := []string{r.Draw.Selected[1], r.Draw.Selected[4], r.Draw.Selected[9]}
	step1 := filepath.Join(base, "step1")
	code, stdout, errOut = tirage("replace", orig, "--drop", strings.Join(drop, ","), "--declined", r.Draw.Alternates[0], "--from-alternates", "--out", step1, "--pool", pool, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "Declined: "+r.Draw.Alternates[0])
	r1, _ := readRecord(t, step1)
	a := r1.Replaces.FromAlternates
	require.NotNil(t, a)
	require.NotEmpty(t, a.Called)
	assert.NotContains(t, a.Called, r.Draw.Alternates[0])
	code, vout, _ = tirage("verify", step1, "--pool", pool)
	require.Equal(t, exitOK, code, vout)
	assert.Contains(t, vout, "OK      replacement from alternates: 3 withdrew")
	code, vout, _ = tirage("verify", filepath.Join(step1, "public"))
	require.Equal(t, exitOK, code, vout)

	// A called alternate withdraws in turn.
	step2 := filepath.Join(base, "step2")
	code, _, errOut = tirage("replace", step1, "--drop", a.Called[0], "--from-alternates", "--out", step2, "--pool", pool, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	code, vout, _ = tirage("verify", step2, "--pool", pool)
	require.Equal(t, exitOK, code, vout)
	assert.Contains(t, vout, "OK      replacement 1 replacement from alternates: ")

	// A lottery replacement cannot follow.
	code, _, errOut = tirage("replace", step2, "--drop", r.Draw.Selected[0], "--out", filepath.Join(base, "lottery"), "--pool", pool, "--quiet")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "cannot follow a replacement from the alternates")

	// An edited claim fails by name.
	path := filepath.Join(orig, "audit.json")
	data := string(readFile(t, path))
	old := `"total_loss": ` // the first: the claimed loss over the scenarios
	i := strings.Index(data, old)
	require.Positive(t, i)
	j := i + len(old) + strings.IndexAny(data[i+len(old):], ",\n")
	require.NoError(t, os.WriteFile(path, []byte(data[:i]+old+"1"+data[j:]), 0o644))
	code, vout, _ = tirage("verify", orig)
	assert.Equal(t, exitSelection, code)
	assert.Contains(t, vout, "FAILED  dropout claimed loss: the record claims a total loss of 1")
}

// TestDropoutModelCommand fits a model on the histories, prints its
// table, and selects with it.
func TestDropoutModelCommand(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	base := t.TempDir()
	model := filepath.Join(base, "model.json")
	code, stdout, errOut := tirage("dropout-model", "--history", td("dropout", "history2024.csv"), "--history", td("dropout", "history2025.csv"),
		"--features", "age,literacy,area", "--out", model)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "chance of attending")
	assert.Contains(t, stdout, "16-29")
	assert.Contains(t, stdout, "Written: "+model)

	dir := filepath.Join(base, "sel")
	code, _, errOut = selectDropout(t, dir, "--dropout-model", model)
	require.Equal(t, exitOK, code, errOut)
	r, _ := readRecord(t, dir)
	require.NotNil(t, r.Draw.Dropout)
	assert.Equal(t, "model.json", r.Draw.Dropout.Model)
	sum := sha256.Sum256(readFile(t, model))
	assert.Equal(t, hex.EncodeToString(sum[:]), r.Draw.Dropout.ModelSHA256)
	code, vout, _ := tirage("verify", dir)
	require.Equal(t, exitOK, code, vout)
}

func TestDropoutFlagErrors(t *testing.T) {
	base := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"select", "--pool", td("dropout", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--seed", "s", "--dropout-column", "dropout", "--out", filepath.Join(base, "a")}, "give their number with --alternates N"},
		{[]string{"select", "--pool", td("dropout", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--seed", "s", "--alternates", "3", "--dropout-column", "absent", "--out", filepath.Join(base, "b")}, `there is no dropout column "absent"`},
		{[]string{"select", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--seed", "s", "--alternates", "3", "--dropout-column", "age", "--out", filepath.Join(base, "c")}, "is not a probability"},
		{[]string{"dropout-model", "--history", td("dropout", "history2024.csv"), "--out", filepath.Join(base, "m.json")}, "missing --features or --quotas"},
		{[]string{"dropout-model", "--history", td("dropout", "history2024.csv"), "--features", "colour", "--out", filepath.Join(base, "m.json")}, `there is no column "colour"`},
	} {
		code, _, errOut := tirage(c.args...)
		assert.Equal(t, exitUsage, code, "%v: %s", c.args, errOut)
		assert.Contains(t, errOut, c.want, c.args)
	}
}

func TestCompareAlternates(t *testing.T) {
	code, stdout, errOut := tirage("compare", "--pool", td("dropout", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30",
		"--algorithms", "maximin", "--alternates", "4", "--dropout-column", "dropout", "--scenarios", "100", "--quiet")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, `drawn from the maximin lottery with the seed "compare"`)
	for _, set := range []string{"none", "scaled quotas", "ranked list", "chosen (these)", "over 100 fresh scenarios"} {
		assert.Contains(t, stdout, set)
	}
	assert.NotContains(t, stdout, "alternates.csv")
}

// TestDropoutCommitThenDraw: committed first, drawn later with the rates,
// the alternates are those select gives with the same seed.
func TestDropoutCommitThenDraw(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	base := t.TempDir()
	dir := filepath.Join(base, "committed")
	code, _, errOut := tirage("select", "--pool", td("dropout", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--commit-only", "--out", dir, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	code, stdout, errOut := tirage("draw", dir, "--seed", seedA, "--alternates", "5", "--dropout-column", "dropout", "--scenarios", "200", "--pool", td("dropout", "pool.csv"), "--quiet")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "chosen for the dropouts to come")
	oneRun := filepath.Join(base, "one")
	code, _, errOut = selectDropout(t, oneRun, "--dropout-column", "dropout")
	require.Equal(t, exitOK, code, errOut)
	drawn, _ := readRecord(t, dir)
	selected, _ := readRecord(t, oneRun)
	assert.Equal(t, selected.Draw.Alternates, drawn.Draw.Alternates)
	assert.Equal(t, selected.Draw.Dropout, drawn.Draw.Dropout)
	code, vout, _ := tirage("verify", dir)
	require.Equal(t, exitOK, code, vout)
}
