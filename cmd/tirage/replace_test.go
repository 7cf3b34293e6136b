package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
)

func TestReplace(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	pool, quotas := td("example", "pool.csv"), td("example", "quotas.csv")
	base := t.TempDir()
	orig := filepath.Join(base, "orig")
	code, _, errOut := selectExample(t, orig, "--seed", seedA, "--households", "address1,postcode")
	require.Equal(t, exitOK, code, errOut)
	r, _ := readRecord(t, orig)
	drop := []string{r.Draw.Selected[0], r.Draw.Selected[5], r.Draw.Selected[6]}

	out := filepath.Join(base, "replaced")
	code, stdout, errOut := tirage("replace", orig, "--drop", strings.Join(drop, ","), "--out", out, "--quiet", "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "Withdrew: "+strings.Join(drop, ", "))
	assert.Contains(t, stdout, "derived from the original commitment, seed and withdrawals")

	// The new panel keeps the members who stay, leaves out those who
	// withdrew, has 30 people and meets the quotas.
	rr, _ := readRecord(t, out)
	require.NotNil(t, rr.Replaces)
	assert.Equal(t, r.Commitment, rr.Replaces.Commitment)
	assert.Equal(t, 3, rr.K)
	header, rows := readCSV(t, filepath.Join(out, "completed.csv"))
	require.Len(t, rows, 30)
	var ids []string
	for _, row := range rows {
		ids = append(ids, row[0])
	}
	for _, id := range r.Draw.Selected {
		assert.Equal(t, !slices.Contains(drop, id), slices.Contains(ids, id), id)
	}
	for _, id := range rr.Draw.Selected {
		assert.Contains(t, ids, id)
	}
	assertQuotasMet(t, quotas, header, rows)

	code, vout, _ := tirage("verify", out, "--pool", pool, "--quotas", quotas)
	assert.Equal(t, exitOK, code, vout)
	assert.Contains(t, vout, "OK      original commitment: ")
	assert.Contains(t, vout, "OK      replacement: the 27 members who stay and the 3 replacements")
	assert.Contains(t, vout, "OK      completed.csv: holds the pool file's rows of the 30 members")

	// The same withdrawals give the same bytes.
	again := filepath.Join(base, "again")
	code, _, errOut = tirage("replace", orig, "--drop", strings.Join([]string{drop[2], drop[0], drop[1]}, ","), "--out", again, "--quiet", "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	for _, name := range []string{"audit.json", "completed.csv", "panel.csv"} {
		assert.Equal(t, string(readFile(t, filepath.Join(out, name))), string(readFile(t, filepath.Join(again, name))), name)
	}

	// Verified against another draw of the same lottery (same commitment),
	// the chain breaks.
	other := filepath.Join(base, "other")
	code, _, errOut = selectExample(t, other, "--seed", seedB, "--households", "address1,postcode")
	require.Equal(t, exitOK, code, errOut)
	code, vout, _ = tirage("verify", out, "--original", other)
	assert.Equal(t, exitSelection, code)
	assert.Contains(t, vout, "FAILED  replacement: the panel it completes is not the original record's drawn panel")

	// A changed completed.csv fails.
	path := filepath.Join(out, "completed.csv")
	lines := strings.SplitAfter(string(readFile(t, path)), "\n")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(append(lines[:1], lines[2:]...), "")), 0o644))
	code, vout, _ = tirage("verify", out)
	assert.Equal(t, exitSelection, code)
	assert.Contains(t, vout, "FAILED  completed.csv: has 29 people, not 30")

	// Usage errors.
	code, _, errOut = tirage("replace", orig, "--drop", "nobody", "--out", filepath.Join(base, "x"), "--pool", td("example", "pool.csv"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `"nobody" is not a member of the panel`)
	code, _, errOut = tirage("replace", orig, "--out", filepath.Join(base, "x"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "missing --drop")
	committed := filepath.Join(base, "committed")
	code, _, errOut = selectExample(t, committed, "--commit-only")
	require.Equal(t, exitOK, code, errOut)
	code, _, errOut = tirage("replace", committed, "--drop", drop[0], "--out", filepath.Join(base, "x"), "--pool", td("example", "pool.csv"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "has not been drawn yet")
}

// TestReplaceChain replaces members three times in a row, each time on
// the folder of the previous replacement: the withdrawals name members of
// the completed panel, whether drawn first or as replacements; nobody who
// withdrew and nobody on the panel is drawn again; verify checks the whole
// chain, finding its folders beside each other or given with --original
// in any order.
func TestReplaceChain(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	pool, quotas := td("example", "pool.csv"), td("example", "quotas.csv")
	base := t.TempDir()
	dirs := []string{filepath.Join(base, "orig"), filepath.Join(base, "r1"), filepath.Join(base, "r2"), filepath.Join(base, "r3")}
	code, _, errOut := selectExample(t, dirs[0], "--seed", seedA, "--households", "address1,postcode")
	require.Equal(t, exitOK, code, errOut)
	orig, _ := readRecord(t, dirs[0])
	withdrawn := map[string]bool{}
	var previous *audit.Record // the record of the step before
	for step := 1; step <= 3; step++ {
		before, _ := readRecord(t, dirs[step-1])
		var drop []string
		switch step {
		case 1: // two members of the first panel
			drop = []string{orig.Draw.Selected[0], orig.Draw.Selected[5]}
		case 2: // a replacement of step 1 and a member of the first panel who stayed
			drop = []string{before.Draw.Selected[0], orig.Draw.Selected[1]}
		case 3: // a replacement of step 2
			drop = []string{before.Draw.Selected[0]}
		}
		code, stdout, errOut := tirage("replace", dirs[step-1], "--drop", strings.Join(drop, ","), "--out", dirs[step], "--pool", pool, "--quiet")
		require.Equal(t, exitOK, code, errOut)
		assert.Contains(t, stdout, "Withdrew: ")
		for _, id := range drop {
			withdrawn[id] = true
		}
		r, raw := readRecord(t, dirs[step])
		require.NotNil(t, r.Replaces)
		assert.Equal(t, before.Commitment, r.Replaces.Commitment)
		assert.Equal(t, filepath.Base(dirs[step-1]), r.Replaces.Directory)
		assert.NotContains(t, raw, base, "no path of this machine in the record")
		// The candidates: those of the step before, without its
		// replacements; nobody who withdrew, nobody on the panel.
		onPanel := map[string]bool{}
		for _, id := range orig.Draw.Selected {
			onPanel[id] = true
		}
		if step > 1 {
			_, completed := readCSV(t, filepath.Join(dirs[step-1], "completed.csv"))
			onPanel = map[string]bool{}
			for _, row := range completed {
				onPanel[row[0]] = true
			}
		}
		for _, row := range r.People.Rows {
			assert.False(t, withdrawn[row[0]], "step %d: %s withdrew", step, row[0])
			assert.False(t, onPanel[row[0]], "step %d: %s is on the panel", step, row[0])
			if previous != nil {
				assert.True(t, slices.ContainsFunc(previous.People.Rows, func(p []string) bool { return p[0] == row[0] }), "step %d: %s was not a candidate before", step, row[0])
			}
		}
		header, rows := readCSV(t, filepath.Join(dirs[step], "completed.csv"))
		require.Len(t, rows, 30)
		for _, row := range rows {
			assert.False(t, withdrawn[row[0]], "step %d: %s withdrew but is on the completed panel", step, row[0])
		}
		assertQuotasMet(t, quotas, header, rows)
		previous = r
	}

	// The whole chain verifies, with and without the inputs.
	code, vout, _ := tirage("verify", dirs[3], "--pool", pool, "--quotas", quotas)
	assert.Equal(t, exitOK, code, vout)
	for _, want := range []string{"OK      chain: it is step 3 of a chain", "OK      original pool file ", "OK      replacement 1 replacement: ",
		"OK      replacement 2 replacement: ", "OK      replacement: the 29 members who stay and the 1 replacements", "OK      completed.csv: holds the pool file's rows"} {
		assert.Contains(t, vout, want)
	}
	code, vout, _ = tirage("verify", dirs[3])
	assert.Equal(t, exitOK, code, vout)
	// So does what may be published of it: the public folders of the
	// chain, found beside each other, alone and with the inputs.
	public := filepath.Join(dirs[3], "public")
	code, vout, _ = tirage("verify", public)
	assert.Equal(t, exitOK, code, vout)
	assert.Contains(t, vout, "OK      chain: it is step 3 of a chain")
	code, vout, _ = tirage("verify", public, "--pool", pool, "--quotas", quotas)
	assert.Equal(t, exitOK, code, vout)
	private := privateValues(t, pool, quotas, "id")
	for _, dir := range dirs {
		assertNoPrivateValues(t, filepath.Join(dir, "public"), private)
	}

	// Moved apart, the folders are not found...
	elsewhere := []string{dirs[3]}
	for j, dir := range dirs[:3] {
		moved := filepath.Join(base, fmt.Sprintf("moved%d", j), fmt.Sprintf("folder%d", j))
		require.NoError(t, os.MkdirAll(filepath.Dir(moved), 0o755))
		require.NoError(t, os.Rename(dir, moved))
		elsewhere = append(elsewhere, moved)
	}
	code, vout, _ = tirage("verify", dirs[3])
	assert.Equal(t, exitSelection, code)
	assert.Contains(t, vout, `FAILED  chain: the selection committed as `+previous.Replaces.Commitment+` (folder "r2" in its replacement's record) was not found`)
	assert.Contains(t, vout, "give its folder with --original")
	code, _, errOut = tirage("replace", dirs[3], "--drop", previous.Draw.Selected[0], "--out", filepath.Join(base, "r4"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "give its folder with --original")
	// ... until given with --original, in any order.
	for _, order := range [][]int{{1, 2, 3}, {3, 1, 2}, {2, 3, 1}} {
		args := []string{"verify", dirs[3]}
		for _, j := range order {
			args = append(args, "--original", elsewhere[j])
		}
		code, vout, _ = tirage(args...)
		assert.Equal(t, exitOK, code, "%v: %s", order, vout)
	}
	// A folder given with --original is recognised by its commitment, not
	// its name: the wrong folder given alone does not stand in for another.
	code, vout, _ = tirage("verify", dirs[3], "--original", elsewhere[1])
	assert.Equal(t, exitSelection, code)
	assert.Contains(t, vout, `(folder "r2" in its replacement's record) was not found`)

	// A fourth step, from the moved folders: someone who withdrew cannot
	// withdraw again; a member of the first panel still on it can.
	code, _, errOut = tirage("replace", dirs[3], "--drop", orig.Draw.Selected[0], "--out", filepath.Join(base, "r4"), "--pool", pool,
		"--original", elsewhere[2], "--original", elsewhere[1], "--original", elsewhere[3])
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, fmt.Sprintf("%q is not a member of the completed panel in %s", orig.Draw.Selected[0], dirs[3]))
	code, _, errOut = tirage("replace", dirs[3], "--drop", orig.Draw.Selected[2], "--out", filepath.Join(base, "r4"), "--pool", pool,
		"--original", elsewhere[2], "--original", elsewhere[1], "--original", elsewhere[3])
	require.Equal(t, exitOK, code, errOut)
	code, vout, _ = tirage("verify", filepath.Join(base, "r4"), "--original", elsewhere[3], "--original", elsewhere[2], "--original", elsewhere[1], "--pool", pool)
	assert.Equal(t, exitOK, code, vout)
	assert.Contains(t, vout, "OK      chain: it is step 4 of a chain")
}
