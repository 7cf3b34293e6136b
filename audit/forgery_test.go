package audit_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

// forger holds the example's inputs and its genuine maximin lottery, from
// which the forgeries below are made.
type forger struct {
	pool          *sortition.Pool
	poolData      []byte
	quotaData     []byte
	lottery       *sortition.Lottery
	fixedPanel    []int // a panel that meets the quotas, hand-picked
	genuineTicket []int
}

func newForger(t *testing.T) *forger {
	t.Helper()
	f := &forger{}
	var err error
	f.poolData, err = os.ReadFile(filepath.Join("..", "testdata", "example", "pool.csv"))
	require.NoError(t, err)
	f.quotaData, err = os.ReadFile(filepath.Join("..", "testdata", "example", "quotas.csv"))
	require.NoError(t, err)
	f.pool = testpool.Pool(t, string(f.quotaData), string(f.poolData))
	f.lottery, err = sortition.Maximin(context.Background(), testpool.Problem(t, f.pool, 30), sortition.MaximinOptions{})
	require.NoError(t, err)
	f.fixedPanel = f.lottery.Panels[0].Members
	return f
}

// seal makes the complete selection of a forged lottery and uniform
// lottery, as a forger would publish it: the record with the given gap,
// re-committed, drawn with the seed, and every file written from it.
func (f *forger) seal(t *testing.T, l *sortition.Lottery, u *sortition.Uniform, gap float64) *selection {
	t.Helper()
	s := &selection{pool: f.poolData, quotas: f.quotaData, poolName: "pool.csv", qnm: "quotas.csv"}
	var err error
	s.record, err = audit.NewRecord(audit.Selection{
		Tool:      audit.Tool{Name: "tirage", Version: "test"},
		PoolFile:  audit.File{Path: s.poolName, SHA256: sha256Hex(string(s.pool))},
		QuotaFile: audit.File{Path: s.qnm, SHA256: sha256Hex(string(s.quotas))},
		Pool:      f.pool, K: 30, Settings: audit.Settings{IDColumn: "id"}, Lottery: l, Uniform: u,
	})
	require.NoError(t, err)
	s.record.Settings.Gap = gap
	s.record.Commitment, err = s.record.Commit()
	require.NoError(t, err)
	at := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	for _, step := range []string{audit.StepInputsRead, audit.StepLotteryComputed, audit.StepCommitted, audit.StepDrawn} {
		s.record.AddStep(step, at)
	}
	s.record.Steps = s.record.Steps[:3]
	_, err = s.record.DrawPanel("a seed announced in public", at)
	require.NoError(t, err)
	s.writeFiles(t, f.pool)
	return s
}

// uniform returns a uniform lottery over the given panels.
func (f *forger) uniform(l *sortition.Lottery, panels [][]int) *sortition.Uniform {
	u := &sortition.Uniform{M: len(panels), Panels: panels, Tickets: make([]int, len(f.pool.People)), ExactMinimum: l.MinProbability, Minimum: 1}
	for _, p := range panels {
		for _, i := range p {
			u.Tickets[i]++
		}
	}
	for i, tk := range u.Tickets {
		p := float64(tk) / float64(u.M)
		u.Minimum = math.Min(u.Minimum, p)
		u.MaxShift = math.Max(u.MaxShift, math.Abs(p-l.Marginals[i]))
	}
	return u
}

// onePanel is the exact lottery of a single hand-picked panel, keeping the
// genuine lottery's certificate.
func (f *forger) onePanel() *sortition.Lottery {
	l := f.copyLottery()
	l.Panels = []sortition.Panel{{Probability: 1, Members: f.fixedPanel}}
	l.Marginals = make([]float64, len(f.pool.People))
	for _, i := range f.fixedPanel {
		l.Marginals[i] = 1
	}
	l.MinProbability = 0
	return l
}

// copyLottery copies the genuine lottery's exported members: a lottery
// as a forger would build it by hand.
func (f *forger) copyLottery() *sortition.Lottery {
	g := f.lottery
	return &sortition.Lottery{Algorithm: g.Algorithm, K: g.K, MinProbability: g.MinProbability, UpperBound: g.UpperBound,
		Panels: g.Panels, Marginals: g.Marginals, Weights: g.Weights, Excluded: g.Excluded}
}

// mixed is the genuine lottery with a share of the hand-picked panel
// mixed in: a suboptimal lottery, still certified by the genuine weights
// only with a gap of about share times the optimum.
func (f *forger) mixed(share float64) *sortition.Lottery {
	l := f.copyLottery()
	l.Panels = append([]sortition.Panel(nil), f.lottery.Panels...)
	for j := range l.Panels {
		l.Panels[j].Probability *= 1 - share
	}
	l.Panels = append(l.Panels, sortition.Panel{Probability: share, Members: f.fixedPanel})
	l.Marginals = make([]float64, len(f.pool.People))
	for _, p := range l.Panels {
		for _, i := range p.Members {
			l.Marginals[i] += p.Probability
		}
	}
	l.MinProbability = math.Inf(1)
	for _, m := range l.Marginals {
		l.MinProbability = math.Min(l.MinProbability, m)
	}
	return l
}

// failedChecks returns the failed checks of a forgery, verified with the
// matching input files, by name, with their details.
func failedChecks(t *testing.T, s *selection) map[string]string {
	t.Helper()
	out := map[string]string{}
	checks := audit.Verify(context.Background(), s.input(true))
	if n := checkReasons(t, checks); n > 0 {
		t.Errorf("%d findings are another package's English error, not a reason: %v", n, checks)
	}
	for _, c := range checks {
		if !c.OK {
			out[c.Name] = c.Detail
		}
	}
	return out
}

func TestForgeries(t *testing.T) {
	f := newForger(t)
	genuine, err := audit.FaithfulUniform(f.lottery, audit.MinUniformPanels)
	require.NoError(t, err)
	// The genuine selection, sealed the same way, verifies: the forgeries
	// fail for what they change.
	require.Empty(t, failedChecks(t, f.seal(t, f.lottery, genuine, audit.CertifiedGap)))

	t.Run("gap inflated, one hand-picked panel", func(t *testing.T) {
		l := f.onePanel()
		u := f.uniform(l, repeat(f.fixedPanel, audit.MinUniformPanels))
		failed := failedChecks(t, f.seal(t, l, u, 1))
		assert.Contains(t, failed["optimality certificate"], "claims a gap of 1", failed)
		assert.Len(t, failed, 1, "the uniform lottery is faithful to the forged one: only the gap gives it away")
	})
	t.Run("suboptimal lottery with gap 0.05", func(t *testing.T) {
		l := f.mixed(0.04)
		u, err := audit.FaithfulUniform(l, audit.MinUniformPanels)
		require.NoError(t, err)
		failed := failedChecks(t, f.seal(t, l, u, 0.05))
		assert.Contains(t, failed["optimality certificate"], "claims a gap of 0.05", failed)
		// With the format's gap recorded, the certificate itself fails.
		failed = failedChecks(t, f.seal(t, l, u, audit.CertifiedGap))
		assert.Contains(t, failed["optimality certificate"], "is not between the optimum", failed)
	})
	t.Run("one fixed panel drawn from", func(t *testing.T) {
		u := f.uniform(f.lottery, repeat(f.fixedPanel, audit.MinUniformPanels))
		failed := failedChecks(t, f.seal(t, f.lottery, u, audit.CertifiedGap))
		assert.Contains(t, failed["uniform lottery is faithful"], "has no ticket although their exact probability is", failed)
		assert.Len(t, failed, 1, failed)
	})
	t.Run("m = 1", func(t *testing.T) {
		u := f.uniform(f.lottery, repeat(f.fixedPanel, 1))
		failed := failedChecks(t, f.seal(t, f.lottery, u, audit.CertifiedGap))
		assert.Contains(t, failed["uniform lottery is faithful"], "m = 1 panels; the format requires at least 1000", failed)
		assert.Len(t, failed, 1, failed)
	})
	t.Run("unfaithful uniform lottery", func(t *testing.T) {
		// Nine of the tickets of someone who holds at least ten go to
		// panels without them: they keep a chance, but lose more than the
		// format allows.
		panels := append([][]int(nil), genuine.Panels...)
		victim := -1
		for i, tk := range genuine.Tickets {
			if tk >= 10 {
				victim = i
				break
			}
		}
		require.GreaterOrEqual(t, victim, 0)
		other := -1
		for j, p := range panels {
			if !contains(p, victim) {
				other = j
				break
			}
		}
		require.GreaterOrEqual(t, other, 0)
		moved := 0
		for j, p := range panels {
			if moved < 9 && contains(p, victim) {
				panels[j] = panels[other]
				moved++
			}
		}
		u := f.uniform(f.lottery, panels)
		failed := failedChecks(t, f.seal(t, f.lottery, u, audit.CertifiedGap))
		assert.Contains(t, failed["uniform lottery is faithful"], f.pool.People[victim].ID, failed)
		assert.Contains(t, failed["uniform lottery is faithful"], "the format allows at most 4", failed)
		assert.Len(t, failed, 1, failed)
	})
}

func repeat(panel []int, m int) [][]int {
	out := make([][]int, m)
	for j := range out {
		out[j] = panel
	}
	return out
}

func contains(panel []int, i int) bool {
	for _, x := range panel {
		if x == i {
			return true
		}
	}
	return false
}

// TestSeedKinds: the record says where the seed came from, and a seed
// that does not have the form of its kind is refused at the draw and by
// verification.
func TestSeedKinds(t *testing.T) {
	f := newForger(t)
	u, err := audit.FaithfulUniform(f.lottery, audit.MinUniformPanels)
	require.NoError(t, err)
	s := f.seal(t, f.lottery, u, audit.CertifiedGap)
	assert.Equal(t, audit.SeedText, s.record.Draw.SeedKind)
	r := *s.record
	r.Draw = nil
	for _, bad := range []audit.Seed{
		{Text: "17.20.22./", Kind: audit.SeedGenerated},
		{Text: "22.17./", Kind: audit.SeedNumbers},
		{Text: "4 8 15", Kind: audit.SeedNumbers},
		{Text: "x", Kind: audit.SeedDerived},
		{Text: "x", Kind: "beacon"},
	} {
		c := r
		_, err := c.DrawSeed(bad, time.Unix(0, 0))
		assert.Error(t, err, "%+v", bad)
	}
	// A record whose seed kind was edited afterwards fails the draw check.
	s.record.Draw.SeedKind = audit.SeedGenerated
	s.writeFiles(t, f.pool)
	failed := failedChecks(t, s)
	assert.Contains(t, failed["draw"], "lowercase hexadecimal digits", failed)
	assert.Len(t, failed, 1, failed)
}

// TestCannotProve: what verification says it cannot prove depends on the
// kind of seed and the objective.
func TestCannotProve(t *testing.T) {
	all := joinReasons(audit.CannotProve(nil))
	for _, want := range []string{"published before the seed existed", "came from the source announced", "real list of volunteers"} {
		assert.Contains(t, all, want)
	}
	r := &audit.Record{Settings: audit.Settings{SeedSource: "the EuroMillions draw of 24 April 2026"}, Lottery: audit.Lottery{Algorithm: "nash"},
		Draw: &audit.Draw{Seed: "1.2.3./", SeedKind: audit.SeedNumbers}}
	all = joinReasons(audit.CannotProve(r))
	assert.Contains(t, all, "the EuroMillions draw of 24 April 2026")
	assert.Contains(t, all, "fairness of the lottery itself was not checked")
	r.Draw.SeedKind = audit.SeedGenerated
	assert.Contains(t, joinReasons(audit.CannotProve(r)), "nobody else saw it made")
}

func joinReasons(rs []message.Reason) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = r.String()
	}
	return strings.Join(s, "\n")
}
