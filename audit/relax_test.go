package audit_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// relaxedSelection selects a panel of 10 from testdata/conflicts/
// min_above_pool, whose min of 8 non-literate people the pool cannot meet,
// with that min relaxed to the given value (-1: the smallest relaxation),
// recording the quota file text quotas (nil: the file as it is).
func relaxedSelection(t *testing.T, to int, quotas []byte) *selection {
	t.Helper()
	dir := filepath.Join("..", "testdata", "conflicts", "min_above_pool")
	s := &selection{poolName: "pool.csv", qnm: "quotas.csv"}
	var err error
	s.pool, err = os.ReadFile(filepath.Join(dir, "pool.csv"))
	require.NoError(t, err)
	s.quotas, err = os.ReadFile(filepath.Join(dir, "quotas.csv"))
	require.NoError(t, err)
	pool := testpool.Pool(t, string(s.quotas), string(s.pool))
	r, err := sortition.MinimalRelaxation(context.Background(), testpool.Problem(t, pool, 10))
	require.NoError(t, err)
	require.Len(t, r.Changes, 1)
	if to >= 0 {
		r.Changes[0].To = to
		r.Quotas.Categories[1].Values[1].Min = to
	}
	relaxed := *pool
	relaxed.Quotas = r.Quotas
	if quotas != nil {
		s.quotas = quotas // the same bounds, with other flex limits
	}
	l, err := sortition.Maximin(context.Background(), testpool.Problem(t, &relaxed, 10), sortition.MaximinOptions{})
	require.NoError(t, err)
	u, err := audit.FaithfulUniform(l, 20)
	require.NoError(t, err)
	s.record, err = audit.NewRecord(audit.Selection{
		Tool: audit.Tool{Name: "tirage", Version: "test"}, PoolFile: audit.File{Path: s.poolName, SHA256: sha256Hex(string(s.pool))},
		QuotaFile: audit.File{Path: s.qnm, SHA256: sha256Hex(string(s.quotas))}, Pool: &relaxed, K: 10,
		Settings: audit.Settings{IDColumn: "id", Gap: sortition.DefaultGap}, Relaxation: r, Lottery: l, Uniform: u,
	})
	require.NoError(t, err)
	now := time.Date(2026, 4, 24, 3, 6, 40, 0, time.UTC)
	s.record.AddStep(audit.StepInputsRead, now)
	s.record.AddStep(audit.StepLotteryComputed, now)
	s.record.AddStep(audit.StepCommitted, now)
	_, err = s.record.DrawPanel("relaxed", now)
	require.NoError(t, err)
	s.writeFiles(t, &relaxed)
	return s
}

// verdicts runs Verify and returns each check's outcome by name.
func verdicts(t *testing.T, s *selection, withInputs bool) map[string]audit.Check {
	t.Helper()
	out := map[string]audit.Check{}
	checks := audit.Verify(context.Background(), s.input(withInputs))
	checkReasons(t, checks)
	for _, c := range checks {
		out[c.Name] = c
	}
	return out
}

func TestRelaxedRecord(t *testing.T) {
	s := relaxedSelection(t, -1, nil)
	assert.Equal(t, []audit.RelaxedBound{{Category: "literacy", Value: "non-literate", Bound: "min", From: 8, To: 6}}, s.record.Relaxation)
	// The record's quota table is the relaxed one; the canonical digest is
	// the quota file's own.
	assert.Equal(t, []int{0, 6}, s.record.Quotas[1].Min)
	q := testpool.Quotas(t, string(s.quotas))
	want, err := (&audit.Record{Quotas: audit.QuotaTable(q)}).QuotasDigest()
	require.NoError(t, err)
	assert.Equal(t, want, s.record.Inputs.Quotas.CanonicalSHA256)
	data := string(s.files[audit.RecordFile].Data)
	assert.Contains(t, data, "  \"relaxation\": [\n    {\n      \"category\": \"literacy\",\n      \"value\": \"non-literate\",\n      \"bound\": \"min\",\n      \"from\": 8,\n      \"to\": 6\n    }\n  ],\n  \"people\"")

	for _, withInputs := range []bool{false, true} {
		for name, c := range verdicts(t, s, withInputs) {
			assert.True(t, c.OK, "%s: %s", name, c.Detail)
		}
	}
	all := verdicts(t, s, true)
	assert.Contains(t, all["relaxation"].Detail, "1 bounds relaxed by 2 seats in all (min of literacy \"non-literate\" 8 → 6)")
	assert.Contains(t, all["relaxation is the smallest"].Detail, "no relaxation of fewer than 2 seats")

	// A record without a relaxation has no such member, and no such check.
	plain, _ := exampleSelection(t, true)
	assert.NotContains(t, string(plain.files[audit.RecordFile].Data), "relaxation")
	_, ok := verdicts(t, plain, true)["relaxation"]
	assert.False(t, ok)
}

func TestRelaxedRecordChecks(t *testing.T) {
	// A larger relaxation than needed is consistent, but not the smallest.
	s := relaxedSelection(t, 5, nil)
	v := verdicts(t, s, true)
	assert.True(t, v["relaxation"].OK, v["relaxation"].Detail)
	assert.True(t, v["commitment"].OK)
	assert.False(t, v["relaxation is the smallest"].OK)
	assert.Contains(t, v["relaxation is the smallest"].Detail, "moves the bounds by 3 seats, but the smallest relaxation within min_flex and max_flex moves them by 2")

	// A relaxation beyond the quota file's min_flex.
	flex := []byte("feature,value,min,max,min_flex,max_flex\ngender,female,4,6,,\ngender,male,4,6,,\nliteracy,literate,0,10,,\nliteracy,non-literate,8,10,7,\n")
	s = relaxedSelection(t, 6, flex)
	v = verdicts(t, s, true)
	assert.False(t, v["relaxation is the smallest"].OK)
	assert.Contains(t, v["relaxation is the smallest"].Detail, "beyond the quota file's flex limit")

	// A relaxation that does not match the quota table.
	s = relaxedSelection(t, -1, nil)
	s.record.Relaxation[0].To = 7
	data, err := s.record.MarshalIndent()
	require.NoError(t, err)
	s.files[audit.RecordFile].Data = data
	v = verdicts(t, s, false)
	assert.False(t, v["relaxation"].OK)
	assert.Contains(t, v["relaxation"].Detail, "gives the min of literacy \"non-literate\" as 7, but the quota table has 6")
	assert.False(t, v["quota table"].OK)
	assert.False(t, v["commitment"].OK)

	// A relaxation that tightens a bound.
	s = relaxedSelection(t, -1, nil)
	s.record.Relaxation[0].From, s.record.Relaxation[0].To = 6, 6
	data, err = s.record.MarshalIndent()
	require.NoError(t, err)
	s.files[audit.RecordFile].Data = data
	v = verdicts(t, s, false)
	assert.False(t, v["relaxation"].OK)
	assert.True(t, strings.Contains(v["relaxation"].Detail, "a relaxation lowers mins"), v["relaxation"].Detail)
}
