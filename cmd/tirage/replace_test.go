package main

import (
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
	code, _, errOut = tirage("replace", orig, "--drop", strings.Join(drop, ","), "--out", out, "--quiet", "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)

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

	// The same withdrawals give the same bytes.
	again := filepath.Join(base, "again")
	code, _, errOut = tirage("replace", orig, "--drop", strings.Join([]string{drop[2], drop[0], drop[1]}, ","), "--out", again, "--quiet", "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	for _, name := range []string{"audit.json", "completed.csv", "panel.csv"} {
		assert.Equal(t, string(readFile(t, filepath.Join(out, name))), string(readFile(t, filepath.Join(again, name))), name)
	}
}

// TestReplaceChain replaces members three times in a row, each time on
// the folder of the previous replacement: the withdrawals name members of
// the completed panel, whether drawn first or as replacements; nobody who
// withdrew and nobody on the panel is drawn again; the public folders hold
// no personal data.
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
		code, _, errOut := tirage("replace", dirs[step-1], "--drop", strings.Join(drop, ","), "--out", dirs[step], "--pool", pool, "--quiet")
		require.Equal(t, exitOK, code, errOut)
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

	// What may be published of the chain holds no personal data. (What
	// verify finds of the chain, together, moved apart and given with
	// --original, is in testdata/transcripts/replace-chain.txt.)
	private := privateValues(t, pool, quotas, "id")
	for _, dir := range dirs {
		assertNoPrivateValues(t, filepath.Join(dir, "public"), private)
	}
}
