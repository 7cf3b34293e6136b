package audit

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// margins verifies a record made from the lottery of the pool and returns
// the largest share of each tolerance that verification used, and the
// checks.
func margins(tb testing.TB, pool *sortition.Pool, k int, l *sortition.Lottery) (map[string]float64, []Check) {
	u, err := FaithfulUniform(l, MinUniformPanels)
	require.NoError(tb, err)
	r, err := NewRecord(Selection{Tool: Tool{Name: "tirage", Version: "test"}, Pool: pool, K: k, Lottery: l, Uniform: u})
	require.NoError(tb, err)
	for _, step := range []string{StepInputsRead, StepLotteryComputed, StepCommitted} {
		r.AddStep(step, time.Unix(0, 0))
	}
	data, err := r.MarshalIndent()
	require.NoError(tb, err)
	v := &verifier{ctx: context.Background(), in: VerifyInput{Dir: fstest.MapFS{RecordFile: &fstest.MapFile{Data: data}}}, margins: map[string]float64{}}
	v.run()
	return v.margins, v.checks
}

// TestToleranceMargins checks that a correct record of the example's
// maximin and leximin lotteries uses less than a tenth of each tolerance
// of verification.
func TestToleranceMargins(t *testing.T) {
	q, err := quota.ReadFile(filepath.Join("..", "testdata", "example", "quotas.csv"))
	require.NoError(t, err)
	pool, err := sortition.ReadPool(filepath.Join("..", "testdata", "example", "pool.csv"), q, sortition.PoolOptions{})
	require.NoError(t, err)
	for _, name := range []string{"maximin", "leximin"} {
		objective, _ := sortition.ObjectiveNamed(name)
		l, err := objective.Lottery(context.Background(), testpool.Problem(t, pool, 30), sortition.Options{})
		require.NoError(t, err)
		used, checks := margins(t, pool, 30, l)
		for _, c := range checks {
			if c.Name != ProbabilitiesFile && c.Name != ReceiptsFile && c.Name != PanelFile && c.Name != RemainingFile {
				require.True(t, c.OK, "%s %s: %s", l.Algorithm, c.Name, c.Detail)
			}
		}
		for tol, share := range used {
			require.Less(t, share, 0.1, "%s: the %s tolerance", l.Algorithm, tol)
		}
	}
}

// TestEngineGapWithinFormat: the lottery computation stops within the
// format's certified gap, so its certificates verify.
func TestEngineGapWithinFormat(t *testing.T) {
	require.LessOrEqual(t, sortition.DefaultGap, CertifiedGap)
}

// BenchmarkToleranceMargins reports the largest share of each tolerance
// of verification that a correct record uses, for the leximin lottery of
// wti_xl (5,000 people; ../shared/instances beside the repository): it
// must stay well below 1.
func BenchmarkToleranceMargins(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "instances", "wti_xl")
	meta, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		b.Skipf("wti_xl not available: %v", err)
	}
	var m struct{ K int }
	require.NoError(b, json.Unmarshal(meta, &m))
	q, err := quota.ReadFile(filepath.Join(dir, "categories.csv"))
	require.NoError(b, err)
	pool, err := sortition.ReadPool(filepath.Join(dir, "respondents.csv"), q, sortition.PoolOptions{})
	require.NoError(b, err)
	for range b.N {
		l, err := sortition.Leximin(context.Background(), testpool.Problem(b, pool, m.K), sortition.LeximinOptions{})
		require.NoError(b, err)
		used, _ := margins(b, pool, m.K, l)
		for _, tol := range []string{tolSum, tolProbability, tolBound, tolLevel} {
			b.ReportMetric(used[tol], tol+"-tolerance-used")
		}
	}
}
