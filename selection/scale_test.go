package selection_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

// largeCategories are the quota categories of largePool, with their
// population shares.
var largeCategories = []struct {
	name   string
	values []string
	shares []float64
}{
	{"gender", []string{"female", "male"}, []float64{0.51, 0.49}},
	{"age", []string{"16-29", "30-44", "45-59", "60-74", "75+"}, []float64{0.2, 0.25, 0.25, 0.2, 0.1}},
	{"education", []string{"low", "middle", "high"}, []float64{0.3, 0.4, 0.3}},
	{"region", []string{"r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10"}, []float64{0.14, 0.12, 0.11, 0.1, 0.1, 0.1, 0.09, 0.09, 0.08, 0.07}},
	{"area", []string{"urban", "rural"}, []float64{0.7, 0.3}},
}

// largePool generates a pool of n volunteers (with names and e-mails) and
// quotas for a panel of k: five categories of the population's shares,
// volunteers drawn with a response bias towards the educated and the
// older, and bounds of the panel's share ± 1 seat, so that they bind.
// The same n always gives the same files.
func largePool(n, k int) (pool, quotas []byte) {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	pick := func(shares []float64) int {
		x := r.Float64()
		for i, s := range shares {
			if x < s {
				return i
			}
			x -= s
		}
		return len(shares) - 1
	}
	var p bytes.Buffer
	p.WriteString("id,name,email")
	for _, c := range largeCategories {
		p.WriteString("," + c.name)
	}
	p.WriteString("\n")
	v := make([]int, len(largeCategories))
	for i := 0; i < n; {
		for c, cat := range largeCategories {
			v[c] = pick(cat.shares)
		}
		if r.Float64() > 0.4+0.25*float64(v[2])+0.05*float64(v[1]) {
			continue
		}
		fmt.Fprintf(&p, "p%d,Person %d,p%d@example.org", i+1, i+1, i+1)
		for c, cat := range largeCategories {
			p.WriteString("," + cat.values[v[c]])
		}
		p.WriteString("\n")
		i++
	}
	var q bytes.Buffer
	q.WriteString("feature,value,min,max\n")
	for _, cat := range largeCategories {
		for j, val := range cat.values {
			t := float64(k) * cat.shares[j]
			fmt.Fprintf(&q, "%s,%s,%d,%d\n", cat.name, val, max(0, int(math.Floor(t))-1), int(math.Ceil(t))+1)
		}
	}
	return p.Bytes(), q.Bytes()
}

func readLarge(tb testing.TB, n, k int) *sortition.Pool {
	poolData, quotaData := largePool(n, k)
	return testpool.Pool(tb, string(quotaData), string(poolData))
}

// TestLargePools selects from generated pools: a panel of 20 from 20,000,
// whose exact probabilities, about 1/1000, would leave many without a
// ticket in 1000 panels, so that the number of panels is raised; and a
// panel of 200 from 100,000. Everyone holds a ticket, within the format's
// bound of their exact probability, and the record grows by a few hundred
// bytes per person.
func TestLargePools(t *testing.T) {
	if testing.Short() {
		t.Skip("pools of 20,000 and 100,000")
	}
	for _, c := range []struct{ n, k int }{{20_000, 20}, {100_000, 200}} {
		t.Run(fmt.Sprint(c.n), func(t *testing.T) {
			p := readLarge(t, c.n, c.k)
			res, err := selection.Run(context.Background(), selection.Input{Pool: p, K: c.k, Seed: "large", Now: fixed})
			require.NoError(t, err)
			u := res.Uniform
			if c.k == 20 {
				require.Greater(t, u.M, sortition.DefaultUniformPanels, "1000 panels cannot give 20,000 people a ticket each with 20 seats")
			}
			for i, tk := range u.Tickets {
				require.Positive(t, tk, "person %d", i)
				require.LessOrEqual(t, math.Abs(float64(tk)-float64(u.M)*res.Lottery.Marginals[i]), float64(audit.MaxShiftTickets), "person %d", i)
			}
			data, err := res.Record.MarshalIndent()
			require.NoError(t, err)
			uniform := u.M * c.k * (len(fmt.Sprint(c.n)) + 4) // the uniform panels' ids
			require.Less(t, (len(data)-uniform)/c.n, 400, "bytes per person, besides the uniform panels")
		})
	}
}

// BenchmarkSelectLarge makes a whole selection (k = 200) from generated
// pools of 20,000 and 100,000 people, and reports the peak heap, the
// number of panels and the size of audit.json, in all and per person.
func BenchmarkSelectLarge(b *testing.B) {
	for _, n := range []int{20_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := readLarge(b, n, 200)
			var peak uint64
			var size int
			var m int
			for range b.N {
				runtime.GC()
				res, err := selection.Run(context.Background(), selection.Input{Pool: p, K: 200, Seed: "large", Now: fixed})
				require.NoError(b, err)
				data, err := res.Record.MarshalIndent()
				require.NoError(b, err)
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapSys)
				size, m = len(data), res.Uniform.M
			}
			b.ReportMetric(float64(peak)/(1<<20), "heap-MB")
			b.ReportMetric(float64(size)/(1<<20), "record-MB")
			b.ReportMetric(float64(size)/float64(n), "record-bytes/person")
			b.ReportMetric(float64(m), "panels")
		})
	}
}
