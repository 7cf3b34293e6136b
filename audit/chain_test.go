package audit_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// makeReplacement replaces the dropped members of the chain's current
// panel as tirage replace does, and returns the replacement's selection,
// completed.csv included.
func makeReplacement(t *testing.T, chain audit.Chain, first *selection, pool *sortition.Pool, household []int, dropped []string) *selection {
	t.Helper()
	index := map[string]int{}
	for i, p := range pool.People {
		index[p.ID] = i
	}
	slices.SortFunc(dropped, func(a, b string) int { return index[a] - index[b] })
	c, err := chain.Completion(pool, household, dropped)
	require.NoError(t, err)
	last := chain[len(chain)-1]
	l, err := sortition.Maximin(context.Background(), testpool.Problem(t, c.Pool, c.K, last.Settings.Households...), sortition.MaximinOptions{})
	require.NoError(t, err)
	u, err := audit.FaithfulUniform(l, 100)
	require.NoError(t, err)
	panel, err := chain.Panel()
	require.NoError(t, err)
	s := &selection{pool: first.pool, quotas: first.quotas, poolName: first.poolName, qnm: first.qnm}
	s.record, err = audit.NewRecord(audit.Selection{
		Tool:       audit.Tool{Name: "tirage", Version: "test"},
		PoolFile:   last.Inputs.Pool,
		QuotaFile:  last.Inputs.Quotas,
		Pool:       c.Pool,
		K:          c.K,
		Settings:   last.Settings,
		Households: c.Households,
		Replaces:   &audit.Replaces{Directory: fmt.Sprintf("r%d", len(chain)-1), Commitment: last.Commitment, Selected: panel, Dropped: dropped},
		Lottery:    l,
		Uniform:    u,
	})
	require.NoError(t, err)
	at := time.Date(2026, 5, 2+len(chain), 10, 0, 0, 0, time.UTC)
	for _, step := range []string{audit.StepInputsRead, audit.StepLotteryComputed, audit.StepCommitted} {
		s.record.AddStep(step, at)
	}
	seed, err := audit.ReplacementSeed(last.Commitment, last.Draw.Seed, dropped)
	require.NoError(t, err)
	_, err = s.record.DrawSeed(audit.Seed{Text: seed, Kind: audit.SeedDerived}, at)
	require.NoError(t, err)
	s.writeFiles(t, c.Pool)
	var replacements []int
	for _, id := range s.record.Draw.Selected {
		replacements = append(replacements, slices.IndexFunc(c.Pool.People, func(p sortition.Person) bool { return p.ID == id }))
	}
	var rows [][]string
	for _, i := range c.Complete(replacements) {
		rows = append(rows, pool.People[i].Fields)
	}
	s.files[audit.CompletedFile] = &fstest.MapFile{Data: csvBytes(t, pool.Header, rows)}
	return s
}

// firstCompletable returns the first withdrawal of tries whose
// replacements can meet the quotas of the chain's problem.
func firstCompletable(t *testing.T, chain audit.Chain, pool *sortition.Pool, household []int, tries [][]string) []string {
	t.Helper()
	for _, drop := range tries {
		c, err := chain.Completion(pool, household, slices.Clone(drop))
		if err != nil {
			continue
		}
		f, err := sortition.CheckFeasibility(context.Background(), testpool.Problem(t, c.Pool, c.K, chain[0].Settings.Households...))
		if err == nil && f.Feasible {
			return drop
		}
	}
	t.Fatalf("no withdrawal of %v can be completed", tries)
	return nil
}

// chainCache keeps the example chain, which the tamper tests copy.
var chainCache struct {
	sync.Mutex
	chain []*selection
}

// exampleChain returns fresh copies of the example's drawn selection and
// of three replacements, each replacing members of the panel before it:
// two members of the first panel; then a replacement of the first step and
// a member of the first panel who had stayed; then a replacement of the
// second step.
func exampleChain(t *testing.T) []*selection {
	t.Helper()
	chainCache.Lock()
	defer chainCache.Unlock()
	if chainCache.chain == nil {
		first, pool := exampleSelection(t, true)
		household, err := pool.Households(first.record.Settings.Households)
		require.NoError(t, err)
		sels := []*selection{first}
		chain := audit.Chain{first.record}
		s0 := first.record.Draw.Selected
		// Each step withdraws the first members, in this order, whose
		// replacement can meet the quotas: some withdrawals leave no
		// completion.
		for step := 1; step <= 3; step++ {
			last := sels[len(sels)-1].record
			var tries [][]string
			switch step {
			case 1: // two members of the first panel
				for j := 1; j < len(s0); j++ {
					tries = append(tries, []string{s0[0], s0[j]})
				}
			case 2: // a replacement of step 1 and a member of the first panel who stayed
				for _, id := range s0 {
					if !slices.Contains(sels[1].record.Replaces.Dropped, id) {
						tries = append(tries, []string{last.Draw.Selected[0], id})
					}
				}
			case 3: // a replacement of step 2
				for _, id := range last.Draw.Selected {
					tries = append(tries, []string{id})
				}
			}
			drop := firstCompletable(t, chain, pool, household, tries)
			s := makeReplacement(t, chain, first, pool, household, drop)
			sels = append(sels, s)
			chain = append(chain, s.record)
		}
		chainCache.chain = sels
	}
	var out []*selection
	for _, s := range chainCache.chain {
		c := &selection{files: fstest.MapFS{}, pool: s.pool, quotas: s.quotas, poolName: s.poolName, qnm: s.qnm}
		for name, f := range s.files {
			c.files[name] = &fstest.MapFile{Data: slices.Clone(f.Data)}
		}
		var err error
		c.record, err = audit.ParseRecord(c.files[audit.RecordFile].Data)
		require.NoError(t, err)
		out = append(out, c)
	}
	return out
}

// verifyLast verifies the last selection of the chain with the folders of
// the others, in the order given by order (indices into sels).
// Every check carries its reasons (checkReasons).
func verifyLast(t *testing.T, sels []*selection, withInputs bool, order ...int) []audit.Check {
	t.Helper()
	in := sels[len(sels)-1].input(withInputs)
	for _, j := range order {
		in.Originals = append(in.Originals, sels[j].files)
	}
	checks := audit.Verify(context.Background(), in)
	checkReasons(t, checks)
	return checks
}

func checkNamed(checks []audit.Check, name string) (audit.Check, bool) {
	for _, c := range checks {
		if c.Name == name {
			return c, true
		}
	}
	return audit.Check{}, false
}

func TestVerifyChain(t *testing.T) {
	sels := exampleChain(t)
	require.Len(t, sels, 4)
	first := sels[0].record
	withdrawn := map[string]bool{}
	for step, s := range sels[1:] {
		r := s.record
		require.NotNil(t, r.Replaces)
		assert.Equal(t, sels[step].record.Commitment, r.Replaces.Commitment)
		assert.Equal(t, fmt.Sprintf("r%d", step), r.Replaces.Directory)
		for _, id := range r.Replaces.Dropped {
			withdrawn[id] = true
		}
		// Nobody who withdrew, at this step or before, and nobody on the
		// panel it completes is a candidate.
		for _, row := range r.People.Rows {
			assert.False(t, withdrawn[row[0]], "step %d: %s withdrew", step+1, row[0])
			assert.NotContains(t, r.Replaces.Selected, row[0], "step %d", step+1)
		}
	}
	// The second step replaced a member of the first panel who had stayed
	// and a replacement of the first step.
	d2 := sels[2].record.Replaces.Dropped
	assert.True(t, slices.ContainsFunc(d2, func(id string) bool {
		return slices.Contains(first.Draw.Selected, id) && !slices.Contains(sels[1].record.Replaces.Dropped, id)
	}), "%v", d2)
	assert.Contains(t, d2, sels[1].record.Draw.Selected[0])

	for _, withInputs := range []bool{false, true} {
		for _, order := range [][]int{{0, 1, 2}, {2, 0, 1}, {1, 2, 0}} {
			checks := verifyLast(t, sels, withInputs, order...)
			require.Empty(t, failed(checks), "inputs %v, order %v: %v", withInputs, order, checks)
			for _, name := range []string{"chain", "original commitment", "original draw", "replacement 1 replacement", "replacement 2 replacement",
				"replacement 2 completed.csv", "replacement", "completed.csv"} {
				_, ok := checkNamed(checks, name)
				assert.True(t, ok, "no check %q", name)
			}
			_, ok := checkNamed(checks, "original pool file pool.csv content")
			assert.Equal(t, withInputs, ok)
		}
	}
	c, _ := checkNamed(verifyLast(t, sels, false, 0, 1, 2), "replacement")
	assert.Contains(t, c.Detail, "nobody who withdrew at any of the 3 steps was a candidate")

	// Every shorter chain verifies too.
	for n := 2; n < len(sels); n++ {
		var order []int
		for j := n - 2; j >= 0; j-- {
			order = append(order, j)
		}
		assert.Empty(t, failed(verifyLast(t, sels[:n], true, order...)), "the chain of %d", n)
	}
}

// renameID renames a person of the record everywhere the record names
// them.
func renameID(r *audit.Record, from, to string) {
	rename := func(ids []string) {
		for j, id := range ids {
			if id == from {
				ids[j] = to
			}
		}
	}
	for _, row := range r.People.Rows {
		rename(row[:1])
	}
	rename(r.Lottery.Excluded)
	for _, lv := range r.Lottery.Levels {
		rename(lv.People)
	}
	for _, p := range r.Lottery.Distribution {
		rename(p.Out)
		rename(p.In)
	}
	for _, p := range r.Lottery.Panels {
		rename(p.Members)
	}
}

// forgeDraw returns the chain whose last record is forged, as an
// organiser who wanted to seat who would: a person the record could draw
// renamed to who, and the record re-committed and drawn again with its
// derived seed, its tool's version changed until the draw seats who; its
// files rewritten.
func forgeDraw(t *testing.T, who string) []*selection {
	t.Helper()
	sels := exampleChain(t)
	s := sels[len(sels)-1]
	r := s.record
	x := slices.IndexFunc(r.People.Rows, func(row []string) bool { return !slices.Contains(r.Lottery.Excluded, row[0]) })
	require.GreaterOrEqual(t, x, 0)
	renameID(r, r.People.Rows[x][0], who)
	seed, steps := r.Draw.Seed, r.Steps[:3]
	for i := 0; r.Draw == nil || !slices.Contains(r.Draw.Selected, who); i++ {
		require.Less(t, i, 1000, "no draw seats %s", who)
		r.Tool.Version = fmt.Sprintf("forged %d", i)
		r.Draw, r.Steps = nil, slices.Clone(steps)
		var err error
		r.Commitment, err = r.Commit()
		require.NoError(t, err)
		_, err = r.DrawSeed(audit.Seed{Text: seed, Kind: audit.SeedDerived}, time.Date(2026, 5, 9, 0, 0, 0, 0, time.UTC))
		require.NoError(t, err)
	}
	pool, _, err := r.Pool()
	require.NoError(t, err)
	completed := s.files[audit.CompletedFile]
	s.writeFiles(t, pool)
	s.files[audit.CompletedFile] = completed
	return sels
}

func TestVerifyChainForged(t *testing.T) {
	sels := exampleChain(t)
	first, r1, r2, r3 := sels[0].record, sels[1].record, sels[2].record, sels[3].record
	// stays returns the first of ids on the panel the last step completes
	// who did not withdraw from it.
	stays := func(ids []string) string {
		for _, id := range ids {
			if slices.Contains(r3.Replaces.Selected, id) && !slices.Contains(r3.Replaces.Dropped, id) {
				return id
			}
		}
		t.Fatalf("nobody of %v stays on the panel", ids)
		return ""
	}
	stayedFirst, stayedReplacement := stays(first.Draw.Selected), stays(r2.Draw.Selected)
	type forgery struct {
		name  string
		sels  []*selection
		check string // the check that must fail
		want  string // in its detail
	}
	cases := []forgery{
		{"re-draws a member who withdrew at step 1", forgeDraw(t, r1.Replaces.Dropped[0]),
			"replacement", fmt.Sprintf("it draws %q, who withdrew at step 1 of the chain (replacement 1): nobody who withdrew is drawn again", r1.Replaces.Dropped[0])},
		{"re-draws a replacement who withdrew at step 2", forgeDraw(t, r1.Draw.Selected[0]),
			"replacement", fmt.Sprintf("it draws %q, who withdrew at step 2 of the chain (replacement 2)", r1.Draw.Selected[0])},
		{"re-draws a member of the first panel who is still on the panel", forgeDraw(t, stayedFirst),
			"replacement", fmt.Sprintf("it draws %q, who is on the panel it completes: nobody on the panel is drawn again", stayedFirst)},
		{"re-draws a replacement who is still on the panel", forgeDraw(t, stayedReplacement),
			"replacement", fmt.Sprintf("it draws %q, who is on the panel it completes", stayedReplacement)},
	}
	// A forged commitment of the predecessor: the record names another.
	forged := exampleChain(t)
	editRecord(true, func(r *audit.Record) { r.Replaces.Commitment = strings.Repeat("ab", 32) })(t, forged[3], nil)
	cases = append(cases, forgery{
		"names a predecessor that does not exist", forged, "chain", "the selection committed as " + strings.Repeat("ab", 32) + ` (folder "r2" in its replacement's record) was not found`})
	// The predecessor's record changed and re-committed: its commitment is
	// no longer the one the replacement names.
	forged = exampleChain(t)
	editRecord(true, func(r *audit.Record) { r.Tool.Version = "forged" })(t, forged[2], nil)
	cases = append(cases, forgery{
		"predecessor re-committed", forged, "chain", "was not found"})
	// The predecessor's draw changed: found, but it does not verify.
	forged = exampleChain(t)
	editRecord(false, func(r *audit.Record) { r.Draw.Seed = "another seed" })(t, forged[1], nil)
	cases = append(cases, forgery{
		"predecessor's seed changed", forged, "replacement 1 draw", "draws index"})
	// A step of the chain missing.
	cases = append(cases, forgery{
		"a step missing", []*selection{sels[0], sels[2], sels[2], sels[3]}, "chain", `(folder "r1" in its replacement's record) was not found`})
	// The panel it completes is not the predecessor's completed panel.
	forged = exampleChain(t)
	editRecord(true, func(r *audit.Record) { r.Replaces.Selected = r2.Draw.Selected })(t, forged[3], nil)
	cases = append(cases, forgery{
		"selected is not the completed panel", forged, "replacement", "the panel it completes is not the completed panel of replacement 2"})

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checks := verifyLast(t, c.sels, false, 2, 0, 1)
			got, ok := checkNamed(checks, c.check)
			require.True(t, ok, "no check %q: %v", c.check, checks)
			assert.False(t, got.OK, "%v", got)
			assert.Contains(t, got.Detail, c.want)
		})
	}
	// A forgery of the last step fails on its replacement check alone: its
	// own checks pass, being those of a consistent record.
	assert.Equal(t, []string{"replacement"}, failed(verifyLast(t, cases[0].sels, false, 0, 1, 2)))
	// The predecessor that does not verify breaks the chain.
	c, _ := checkNamed(verifyLast(t, cases[6].sels, false, 0, 1, 2), "replacement")
	assert.Contains(t, c.Detail, "replacement 2, whose panel it completes, or a selection before it does not verify")
}

func TestFindChain(t *testing.T) {
	sels := exampleChain(t)
	records := map[string]*audit.Record{}
	for _, s := range sels {
		records[s.record.Commitment] = s.record
	}
	chain, err := audit.FindChain(sels[3].record, func(next *audit.Record) *audit.Record { return records[next.Replaces.Commitment] })
	require.NoError(t, err)
	require.Len(t, chain, 4)
	for j, r := range chain {
		assert.Same(t, sels[j].record, r)
	}
	panel, err := chain.Panel()
	require.NoError(t, err)
	want := map[string]bool{}
	for _, id := range sels[3].record.Replaces.Selected {
		want[id] = !slices.Contains(sels[3].record.Replaces.Dropped, id)
	}
	for _, id := range sels[3].record.Draw.Selected {
		want[id] = true
	}
	var ids []string
	for _, row := range sels[0].record.People.Rows {
		if want[row[0]] {
			ids = append(ids, row[0])
		}
	}
	assert.Equal(t, ids, panel)
	assert.Equal(t, map[string]int{
		sels[1].record.Replaces.Dropped[0]: 1, sels[1].record.Replaces.Dropped[1]: 1,
		sels[2].record.Replaces.Dropped[0]: 2, sels[2].record.Replaces.Dropped[1]: 2,
		sels[3].record.Replaces.Dropped[0]: 3,
	}, chain.Withdrawn())

	// find is not trusted: a record whose commitment is not the one named
	// is refused.
	_, err = audit.FindChain(sels[3].record, func(*audit.Record) *audit.Record { return sels[1].record })
	var missing *audit.MissingPredecessorError
	require.ErrorAs(t, err, &missing)
	assert.Equal(t, sels[2].record.Commitment, missing.Commitment)

	// The chain's completion refuses to drop someone off the panel.
	pool, household, err := sels[0].record.Pool()
	require.NoError(t, err)
	_, err = chain.Completion(pool, household, []string{sels[1].record.Replaces.Dropped[0]})
	assert.ErrorContains(t, err, "is not a member of the panel")
}
