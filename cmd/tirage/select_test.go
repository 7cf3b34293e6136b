package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/tirage/tirage/message"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

// Two seeds that draw different panels from the example's lottery (checked
// by TestSelectDeterministic).
const (
	seedA = "tirage"
	seedB = "b"
)

// selectExample runs select on the example with k = 30 into dir.
func selectExample(t *testing.T, dir string, extra ...string) (int, string, string) {
	t.Helper()
	args := append([]string{"select", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--out", dir}, extra...)
	return tirage(args...)
}

// readCSV reads a CSV file into its header and rows, as tirage reads a
// pool (after the byte-order mark, whatever the separator).
func readCSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	tab, err := table.Parse(data)
	require.NoError(t, err, path)
	var rows [][]string
	for _, r := range tab.Records {
		rows = append(rows, r.Fields)
	}
	return tab.Header, rows
}

func readRecord(t *testing.T, dir string) (*audit.Record, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "audit.json"))
	require.NoError(t, err)
	var r audit.Record
	require.NoError(t, json.Unmarshal(data, &r))
	return &r, string(data)
}

// drawIndex computes the index the seed draws from the record's lottery.
func drawIndex(t *testing.T, r *audit.Record, seed string) int {
	t.Helper()
	var c [32]byte
	n, err := hex.Decode(c[:], []byte(r.Commitment))
	require.NoError(t, err)
	require.Equal(t, 32, n)
	i, err := audit.DrawIndex(c, seed, uint64(r.Lottery.M))
	require.NoError(t, err)
	return int(i)
}

func TestSelectExample(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, _, errOut := selectExample(t, dir, "--seed", seedA)
	require.Equal(t, exitOK, code, errOut)

	// Every CSV file begins with the UTF-8 byte-order mark, so that Excel
	// shows accents right.
	for _, name := range []string{"panel.csv", "remaining.csv", "probabilities.csv", "receipts.csv"} {
		assert.True(t, bytes.HasPrefix(readFile(t, filepath.Join(dir, name)), []byte(audit.BOM)), name)
	}
	poolHeader, poolRows := readCSV(t, td("example", "pool.csv"))
	header, panel := readCSV(t, filepath.Join(dir, "panel.csv"))
	assert.Equal(t, poolHeader, header)
	assert.Len(t, panel, 30)
	header, remaining := readCSV(t, filepath.Join(dir, "remaining.csv"))
	assert.Equal(t, poolHeader, header)
	assert.Len(t, remaining, 170)

	// panel.csv and remaining.csv split the pool's rows, verbatim and in
	// pool order.
	var panelIDs []string
	inPanel := map[string]bool{}
	for _, row := range panel {
		panelIDs = append(panelIDs, row[0])
		inPanel[row[0]] = true
	}
	var wantPanel, wantRemaining [][]string
	for _, row := range poolRows {
		if inPanel[row[0]] {
			wantPanel = append(wantPanel, row)
		} else {
			wantRemaining = append(wantRemaining, row)
		}
	}
	assert.Equal(t, wantPanel, panel)
	assert.Equal(t, wantRemaining, remaining)

	r, raw := readRecord(t, dir)
	assert.Equal(t, audit.Format, r.Format)
	assert.Equal(t, "tirage", r.Tool.Name)
	assert.Equal(t, 30, r.K)
	require.NotNil(t, r.Draw)
	assert.Equal(t, seedA, r.Draw.Seed)
	assert.Equal(t, "id", r.Settings.IDColumn)
	assert.Equal(t, []string{}, r.Settings.Households)
	assert.Equal(t, "leximin", r.Lottery.Algorithm) // the default
	assert.Equal(t, panelIDs, r.Draw.Selected)
	for _, in := range []struct {
		f    audit.File
		path string
	}{{r.Inputs.Pool, td("example", "pool.csv")}, {r.Inputs.Quotas, td("example", "quotas.csv")}} {
		want, err := audit.HashFile(in.path)
		require.NoError(t, err)
		assert.Equal(t, filepath.Base(want.Path), in.f.Path, "the file's name, not its folder")
		assert.Equal(t, want.SHA256, in.f.SHA256)
	}
	for i, row := range r.People.Rows {
		assert.Equal(t, poolRows[i][0], row[0])
		assert.Equal(t, []string{poolRows[i][6], poolRows[i][7], poolRows[i][8], poolRows[i][9], poolRows[i][10], poolRows[i][11]}, row[1:])
	}

	// The draw: the index from the commitment and the seed, and its
	// uniform panel.
	assert.Equal(t, 1000, r.Lottery.M)
	require.Len(t, r.Lottery.Panels, 1000)
	assert.Equal(t, drawIndex(t, r, seedA), r.Draw.Index)
	assert.Equal(t, r.Draw.Selected, r.Lottery.Panels[r.Draw.Index].Members)
	cum := 0.0
	size := 0 // the panel's size, from the differences between panels
	for _, p := range r.Lottery.Distribution {
		assert.Greater(t, p.Probability, 0.0)
		size += len(p.In) - len(p.Out)
		assert.Equal(t, 30, size)
		cum += p.Probability
	}
	assert.InDelta(t, 1, cum, 1e-9)
	assert.LessOrEqual(t, r.Lottery.Optimum, r.Lottery.UpperBound)

	// probabilities.csv: every person in pool order, with their tickets
	// (the uniform panels that contain them) and tickets/1000; the tickets
	// add up to 30 × 1000. receipts.csv lists those panels.
	probHeader, probs := readCSV(t, filepath.Join(dir, "probabilities.csv"))
	assert.Equal(t, []string{"id", "probability", "tickets"}, probHeader)
	require.Len(t, probs, 200)
	panelsOf := map[string][]string{}
	for j, p := range r.Lottery.Panels {
		for _, id := range p.Members {
			panelsOf[id] = append(panelsOf[id], strconv.Itoa(j))
		}
	}
	recHeader, receipts := readCSV(t, filepath.Join(dir, "receipts.csv"))
	assert.Equal(t, []string{"id", "tickets", "probability", "panels", "commitment"}, recHeader)
	require.Len(t, receipts, 200)
	total := 0
	for i, row := range probs {
		id := poolRows[i][0]
		assert.Equal(t, id, row[0])
		tickets := len(panelsOf[id])
		assert.Equal(t, strconv.Itoa(tickets), row[2], id)
		p, err := strconv.ParseFloat(row[1], 64)
		require.NoError(t, err)
		assert.Equal(t, float64(tickets)/1000, p, id)
		assert.Equal(t, []string{id, row[2], row[1], strings.Join(panelsOf[id], " "), r.Commitment}, receipts[i])
		total += tickets
	}
	assert.Equal(t, 30*1000, total)

	// No personal data in the audit record.
	assert.NotContains(t, raw, "@")
	for _, row := range poolRows {
		for _, col := range []int{1, 2, 4} { // first_name, last_name, address1
			assert.NotContains(t, raw, row[col])
		}
	}
	for _, name := range []string{"Bríd", "Julia", "Hiroshi", "Amina"} {
		assert.NotContains(t, raw, name)
	}

	assertQuotasMet(t, td("example", "quotas.csv"), poolHeader, panel)
}

// assertQuotasMet checks that the panel rows meet every quota of the file.
func assertQuotasMet(t *testing.T, quotaFile string, header []string, panel [][]string) {
	t.Helper()
	q, err := quota.ReadFile(quotaFile)
	require.NoError(t, err)
	for _, c := range q.Categories {
		col := -1
		for j, h := range header {
			if quota.Key(h) == quota.Key(c.Name) {
				col = j
			}
		}
		require.GreaterOrEqual(t, col, 0, c.Name)
		counts := make([]int, len(c.Values))
		for _, row := range panel {
			vi, ok := c.Value(row[col])
			require.True(t, ok, "%s %q", c.Name, row[col])
			counts[vi]++
		}
		for vi, v := range c.Values {
			assert.GreaterOrEqual(t, counts[vi], v.Min, "%s %s", c.Name, v.Name)
			assert.LessOrEqual(t, counts[vi], v.Max, "%s %s", c.Name, v.Name)
		}
	}
}

func TestSelectDeterministic(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1777000000")
	base := t.TempDir()
	dirs := []string{filepath.Join(base, "a1"), filepath.Join(base, "a2"), filepath.Join(base, "b")}
	for i, seed := range []string{seedA, seedA, seedB} {
		code, _, errOut := selectExample(t, dirs[i], "--seed", seed)
		require.Equal(t, exitOK, code, errOut)
	}
	read := func(dir, name string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		return data
	}
	for _, name := range drawnFiles {
		assert.Equal(t, read(dirs[0], name), read(dirs[1], name), "%s differs between two runs with the same seed", name)
	}
	// Another seed draws another panel of the uniform lottery (which may
	// hold the same people: a panel of the exact lottery is on many).
	ra, _ := readRecord(t, dirs[0])
	rb, _ := readRecord(t, dirs[2])
	assert.NotEqual(t, ra.Draw.Index, rb.Draw.Index, "seeds %q and %q drew the same panel", seedA, seedB)
	// The lottery does not depend on the seed.
	assert.Equal(t, read(dirs[0], "probabilities.csv"), read(dirs[2], "probabilities.csv"))
	assert.Equal(t, read(dirs[0], "receipts.csv"), read(dirs[2], "receipts.csv"))
	r, _ := readRecord(t, dirs[0])
	for _, step := range r.Steps {
		assert.Equal(t, "2026-04-24T03:06:40Z", step.Time, step.Step)
	}
}

func TestSelectFreshSeed(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := selectExample(t, dir, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	m := regexp.MustCompile(`notice: no --seed given; tirage generated the seed ([0-9a-f]{32}) on this computer`).FindStringSubmatch(errOut)
	require.NotNil(t, m, errOut)
	r, _ := readRecord(t, dir)
	assert.Equal(t, m[1], r.Draw.Seed)
	assert.Contains(t, out, "Seed:     "+m[1])
	assert.Equal(t, drawIndex(t, r, m[1]), r.Draw.Index)
}

func TestSelectHouseholds(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := selectExample(t, dir, "--seed", seedA, "--households", " address1, postcode")
	require.Equal(t, exitOK, code, errOut)
	r, _ := readRecord(t, dir)
	assert.Equal(t, []string{"address1", "postcode"}, r.Settings.Households)

	_, rows := readCSV(t, td("example", "pool.csv"))
	household := map[string]string{}
	shared := map[string]int{}
	for _, row := range rows {
		household[row[0]] = row[4] + "\x00" + row[5]
		shared[row[4]+"\x00"+row[5]]++
	}
	pairs := 0
	for _, n := range shared {
		if n > 1 {
			pairs++
		}
	}
	require.Equal(t, 3, pairs, "the example has 3 households of two")
	panels, err := r.ExactPanels()
	require.NoError(t, err)
	for _, p := range r.Lottery.Panels {
		panels = append(panels, p.Members)
	}
	for i, p := range panels {
		seen := map[string]bool{}
		for _, id := range p {
			assert.False(t, seen[household[id]], "panel %d has two members of one household", i)
			seen[household[id]] = true
		}
	}
	// The record numbers households without their addresses.
	require.Len(t, r.People.Households, 200)
	for i, row := range rows {
		for j := range rows {
			same := household[row[0]] == household[rows[j][0]]
			assert.Equal(t, same, r.People.Households[i] == r.People.Households[j])
		}
	}
	_, raw := readRecord(t, dir)
	for _, row := range rows {
		assert.NotContains(t, raw, row[4])         // address1
		assert.NotContains(t, raw, `"`+row[5]+`"`) // postcode
	}
}

// TestSelectZeroProbability: the record lists the people no panel can
// include. (What select prints of them: select-impossible.txt.)
func TestSelectZeroProbability(t *testing.T) {
	dir := t.TempDir()
	pool, quotas := filepath.Join(dir, "pool.csv"), filepath.Join(dir, "quotas.csv")
	require.NoError(t, os.WriteFile(quotas, []byte("feature,value,min,max\n"+
		"gender,female,1,1\ngender,male,1,1\ngender,nonbinary,0,0\n"), 0o644))
	var b strings.Builder
	b.WriteString("id,gender\nf1,female\nm1,male\nf2,female\nm2,male\n")
	for i := range 25 {
		fmt.Fprintf(&b, "n%02d,nonbinary\n", i)
	}
	require.NoError(t, os.WriteFile(pool, []byte(b.String()), 0o644))

	out := filepath.Join(dir, "out")
	code, _, errOut := tirage("select", "--pool", pool, "--quotas", quotas, "--k", "2", "--out", out, "--seed", seedA)
	require.Equal(t, exitOK, code, errOut)
	r, _ := readRecord(t, out)
	assert.InDelta(t, 0.5, r.Lottery.Optimum, 1e-9)
	assert.Len(t, r.Draw.Selected, 2)
	assert.Len(t, r.Lottery.Excluded, 25)
}

// TestSelectLeximin: leximin, the default, draws from the leximin lottery,
// records it and verifies; its first level is the maximin value, with the
// same certificate; --algorithm maximin keeps the plain maximin lottery.
func TestSelectLeximin(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch) // the two records compare byte for byte
	dir := filepath.Join(t.TempDir(), "lex")
	code, _, errOut := selectExample(t, dir, "--seed", "example", "--quiet")
	require.Equal(t, 0, code, errOut)
	r, _ := readRecord(t, dir)
	assert.Equal(t, "leximin", r.Lottery.Algorithm)
	explicit := filepath.Join(t.TempDir(), "explicit")
	code, _, errOut = selectExample(t, explicit, "--seed", "example", "--algorithm", "Leximin", "--quiet")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, readFile(t, filepath.Join(dir, "audit.json")), readFile(t, filepath.Join(explicit, "audit.json")))
	max := filepath.Join(t.TempDir(), "max")
	code, _, errOut = selectExample(t, max, "--seed", "example", "--algorithm", "maximin", "--quiet")
	require.Equal(t, 0, code, errOut)
	m, _ := readRecord(t, max)
	assert.Equal(t, "maximin", m.Lottery.Algorithm)
	assert.Empty(t, m.Lottery.Levels)
	assert.InDelta(t, m.Lottery.Optimum, r.Lottery.Optimum, 1e-9)
	assert.InDelta(t, m.Lottery.UpperBound, r.Lottery.UpperBound, 1e-9)
	require.NotEmpty(t, r.Lottery.Levels)
	assert.InDelta(t, m.Lottery.Optimum, r.Lottery.Levels[0].Probability, 1e-9)
	assert.Equal(t, r.Lottery.Weights, r.Lottery.Levels[0].Weights)
	code, out, errOut := tirage("verify", dir, "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"))
	require.Equal(t, 0, code, out+errOut)
}

// TestSelectOtherObjectives: nash, goldilocks and legacy lotteries are
// drawn, recorded and verified like the others, with no certificate.
// (What select and verify print: testdata/transcripts/select-algorithms.txt.)
func TestSelectOtherObjectives(t *testing.T) {
	for _, algorithm := range []string{"nash", "goldilocks", "legacy"} {
		t.Run(algorithm, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), algorithm)
			code, _, errOut := selectExample(t, dir, "--seed", "example", "--algorithm", algorithm, "--quiet")
			require.Equal(t, 0, code, errOut)
			r, _ := readRecord(t, dir)
			assert.Equal(t, algorithm, r.Lottery.Algorithm)
			assert.Empty(t, r.Lottery.Weights)
			assert.Zero(t, r.Lottery.UpperBound)
			code, out, errOut := tirage("verify", dir, "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"))
			require.Equal(t, 0, code, out+errOut)
		})
	}
}

// TestSelectSemicolonPool: a pool saved by a European Excel, separated by
// semicolons, gives output files separated by semicolons too (so that the
// same Excel opens them in columns), and they verify.
func TestSelectSemicolonPool(t *testing.T) {
	header, rows := readCSV(t, td("example", "pool.csv"))
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	require.NoError(t, w.Write(header))
	require.NoError(t, w.WriteAll(rows))
	pool := filepath.Join(t.TempDir(), "pool.csv")
	require.NoError(t, os.WriteFile(pool, b.Bytes(), 0o644))
	dir := filepath.Join(t.TempDir(), "out")
	code, _, errOut := tirage("select", "--pool", pool, "--quotas", td("example", "quotas.csv"), "--k", "30", "--seed", "example", "--alternates", "3", "--out", dir, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	for _, name := range []string{"panel.csv", "remaining.csv", "probabilities.csv", "receipts.csv", "alternates.csv"} {
		first, _, _ := strings.Cut(string(readFile(t, filepath.Join(dir, name))), "\n")
		assert.True(t, strings.HasPrefix(first, audit.BOM), name)
		assert.Contains(t, first, ";", name)
		assert.NotContains(t, first, ",", name)
	}
	code, out, errOut := tirage("verify", dir, "--pool", pool, "--quotas", td("example", "quotas.csv"))
	require.Equal(t, exitOK, code, out+errOut)
}

func TestFail(t *testing.T) {
	// One mapping from errors to exit codes: the library's code, exitWrite
	// for the output, exitUsage for the command's own.
	var stderr bytes.Buffer
	e := &env{stdout: io.Discard, stderr: &stderr, name: "select"}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.Equal(t, exitSelection, e.fail(ctx, &selection.Error{Code: selection.CodeSelection, Err: context.Canceled}))
	assert.Contains(t, stderr.String(), "interrupted; no panel was drawn and no file was written")

	stderr.Reset()
	assert.Equal(t, exitInternal, e.fail(context.Background(), &selection.Error{Code: selection.CodeInternal, Err: errors.New("maximin master LP: status 7")}))
	assert.Contains(t, stderr.String(), "internal error: maximin master LP: status 7")
	assert.Contains(t, stderr.String(), "bug in tirage")

	stderr.Reset()
	assert.Equal(t, exitSelection, e.fail(context.Background(), &selection.Error{Code: selection.CodeSelection, Err: &sortition.InfeasibleError{Reason: message.New(message.NoPanel, "k", 3)}}))
	assert.Contains(t, stderr.String(), "the quotas cannot be met: no panel of 3 people")

	stderr.Reset()
	assert.Equal(t, exitWrite, e.fail(nil, &selection.WriteError{Kind: selection.WriteFolderFiles, Path: "out", Err: syscall.ENOSPC}))
	assert.Contains(t, stderr.String(), "the disk is full")

	stderr.Reset()
	assert.Equal(t, exitUsage, e.fail(nil, errors.New("the output out exists and is not a folder")))
	assert.Equal(t, "tirage select: the output out exists and is not a folder\n", stderr.String())
}

// TestSelectAlternates: alternates.csv lists the record's alternates, in
// rank order, none of them on the panel. (What select, draw and verify
// print, and the files, with --alternates: select-alternates.txt.)
func TestSelectAlternates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	pool, quotas := td("example", "pool.csv"), td("example", "quotas.csv")
	code, _, errOut := tirage("select", "--pool", pool, "--quotas", quotas, "--k", "30", "--seed", "example", "--alternates", "5", "--out", dir, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	r, _ := readRecord(t, dir)
	require.Len(t, r.Draw.Alternates, 5)
	lines := strings.Split(strings.TrimSpace(string(readFile(t, filepath.Join(dir, audit.AlternatesFile)))), "\n")
	require.Len(t, lines, 6)
	assert.True(t, strings.HasPrefix(lines[0], audit.BOM+"rank,id,"), lines[0])
	for j, id := range r.Draw.Alternates {
		assert.True(t, strings.HasPrefix(lines[j+1], fmt.Sprintf("%d,%s,", j+1, id)), lines[j+1])
		assert.NotContains(t, r.Draw.Selected, id)
	}
}
