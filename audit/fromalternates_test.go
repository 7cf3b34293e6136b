package audit_test

import (
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
)

// alternatesReplacement replaces the dropped members of the chain's
// current panel from the alternates, as tirage replace --from-alternates
// does, and returns its selection folder (audit.json and completed.csv
// as ids).
func alternatesReplacement(t *testing.T, chain audit.Chain, dropped, declined []string) *selection {
	t.Helper()
	r, err := audit.NewAlternatesReplacement(chain, "r0", dropped, declined, audit.Tool{Name: "tirage", Version: "test"}, time.Date(2026, 5, 3, 10, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	return alternatesFolder(t, chain[0], r)
}

func alternatesFolder(t *testing.T, first, r *audit.Record) *selection {
	t.Helper()
	data, err := r.MarshalIndent()
	require.NoError(t, err)
	header, rows, err := audit.IDTable(r.CompletedFromAlternates(first))
	require.NoError(t, err)
	return &selection{record: r, files: fstest.MapFS{
		audit.RecordFile:    &fstest.MapFile{Data: data},
		audit.CompletedFile: &fstest.MapFile{Data: csvBytes(t, header, rows)},
	}}
}

// inPoolOrder returns ids in the order of the record's people.
func inPoolOrder(r *audit.Record, ids ...string) []string {
	var out []string
	for _, row := range r.People.Rows {
		if slices.Contains(ids, row[0]) {
			out = append(out, row[0])
		}
	}
	return out
}

func TestReplaceFromAlternates(t *testing.T) {
	first := dropoutSelection(t)
	r0 := first.record
	sel := r0.Draw.Selected
	dropped := inPoolOrder(r0, sel[2], sel[5], sel[11])
	declined := r0.Draw.Alternates[:1]
	step1 := alternatesReplacement(t, audit.Chain{r0}, dropped, declined)
	a := step1.record.Replaces.FromAlternates
	assert.Equal(t, declined, a.Declined)
	assert.Equal(t, r0.Draw.Alternates[1:], a.Available)
	assert.LessOrEqual(t, len(a.Called), len(dropped))
	checks := verifyLast(t, []*selection{first, step1}, false, 0)
	require.Empty(t, failed(checks), "%v", checks)
	c, ok := checkNamed(checks, "replacement from alternates")
	require.True(t, ok)
	assert.Contains(t, c.Detail, "re-solved exactly")

	// A second step: a called alternate withdraws in turn.
	require.NotEmpty(t, a.Called)
	chain := audit.Chain{r0, step1.record}
	panel, err := chain.Panel()
	require.NoError(t, err)
	assert.Len(t, panel, len(sel)-len(dropped)+len(a.Called))
	step2 := alternatesReplacement(t, chain, []string{a.Called[0]}, nil)
	a2 := step2.record.Replaces.FromAlternates
	for _, id := range slices.Concat(a.Called, a.Declined) {
		assert.NotContains(t, a2.Available, id, "called or declined before")
	}
	checks = verifyLast(t, []*selection{first, step1, step2}, false, 1, 0)
	require.Empty(t, failed(checks), "%v", checks)
	for _, name := range []string{"original dropout claimed loss", "replacement 1 replacement from alternates", "replacement from alternates"} {
		_, ok := checkNamed(checks, name)
		assert.True(t, ok, "no check %q", name)
	}

	// A replacement by lottery cannot follow.
	_, err = audit.Chain{r0, step1.record, step2.record}.Panel()
	require.NoError(t, err)
	_, _, err = audit.ReplacementTables(audit.Chain{r0, step1.record, step2.record}, []string{panel[0]})
	assert.ErrorContains(t, err, "cannot follow a replacement from the alternates")
}

// TestReplaceFromAlternatesForged: verify re-solves the step, and rejects
// a record that calls other alternates, claims another loss, or hides an
// available alternate, even re-committed.
func TestReplaceFromAlternatesForged(t *testing.T) {
	first := dropoutSelection(t)
	r0 := first.record
	sel := r0.Draw.Selected
	dropped := inPoolOrder(r0, sel[2], sel[5], sel[11])
	for _, m := range []struct {
		name string
		edit func(a *audit.FromAlternates)
	}{
		{"another alternate called", func(a *audit.FromAlternates) {
			for _, id := range a.Available {
				if !slices.Contains(a.Called, id) {
					a.Called[0] = id
					return
				}
			}
		}},
		{"one more called", func(a *audit.FromAlternates) {
			for _, id := range a.Available {
				if !slices.Contains(a.Called, id) {
					a.Called = append(a.Called, id)
					return
				}
			}
		}},
		{"a smaller loss", func(a *audit.FromAlternates) { a.Loss-- }},
		{"an available alternate hidden", func(a *audit.FromAlternates) { a.Available = a.Available[1:] }},
		{"an alternate said to decline", func(a *audit.FromAlternates) { a.Declined = append(a.Declined, a.Available[0]) }},
	} {
		t.Run(m.name, func(t *testing.T) {
			s := alternatesReplacement(t, audit.Chain{r0}, slices.Clone(dropped), nil)
			m.edit(s.record.Replaces.FromAlternates)
			var err error
			s.record.Commitment, err = s.record.Commit()
			require.NoError(t, err)
			s = alternatesFolder(t, r0, s.record)
			checks := verifyLast(t, []*selection{first, s}, false, 0)
			assert.Contains(t, failed(checks), "replacement from alternates")
		})
	}
}

func TestSharedHouseholds(t *testing.T) {
	r := &audit.Record{People: audit.People{Rows: [][]string{{"a"}, {"b"}, {"c"}, {"d"}}, Households: []int{0, 1, 0, 1}}}
	assert.Equal(t, [][2]string{{"a", "c"}, {"b", "d"}}, r.SharedHouseholds([]string{"a", "b", "c", "d"}))
	assert.Empty(t, r.SharedHouseholds([]string{"a", "b"}))
	r.People.Households = nil
	assert.Empty(t, r.SharedHouseholds([]string{"a", "c"}))
}
