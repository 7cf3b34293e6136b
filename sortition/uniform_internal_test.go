package sortition

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPipageEstimator checks the guarantee of the pipage step on random
// problems: Σ a = m, every a_j is ⌊x_j⌋ or ⌈x_j⌉, and the squared shifts
// Σ_t D_t²/s_t stay within the pessimistic estimator at the start,
// Σ_t (1/s_t) Σ_j c_jt² f_j (1 − f_j); the local search then keeps the
// sum and the bounds.
func TestPipageEstimator(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		R := 1 + rng.IntN(20)
		N := 1 + rng.IntN(30)
		m := 1 + rng.IntN(300)
		r := &rounding{m: m, size: make([]int, R)}
		for t := range r.size {
			r.size[t] = 1 + rng.IntN(4)
		}
		weight := make([]float64, N)
		total := 0.0
		for j := range weight {
			weight[j] = rng.Float64()
			if rng.IntN(4) == 0 {
				weight[j] = float64(rng.IntN(3)) // integral m·λ happen
			}
			total += weight[j]
		}
		if total == 0 {
			continue
		}
		for j := 0; j < N; j++ {
			var col []seat
			for t, s := range r.size {
				if rng.IntN(3) == 0 {
					col = append(col, seat{t, 1 + rng.IntN(s)})
				}
			}
			r.cols = append(r.cols, col)
			r.x = append(r.x, float64(m)*(weight[j]/total))
		}
		a, err := r.round()
		require.NoError(t, err)
		// Recompute the pipage result alone for the estimator bound.
		p := r.pipage()
		S := r.seats(p)
		require.NoError(t, r.fixSum(p, S))
		bound, got := 0.0, 0.0
		for j, col := range r.cols {
			f := r.x[j] - float64(r.lo[j])
			if r.lo[j] == r.hi[j] {
				f = 0
			}
			for _, e := range col {
				c := float64(e.count)
				bound += c * c * f * (1 - f) / float64(r.size[e.row])
			}
		}
		for tt, s := range S {
			d := float64(s) - r.target[tt]
			got += d * d / float64(r.size[tt])
		}
		require.LessOrEqual(t, got, bound+1e-6, "trial %d", trial)
		for _, sol := range [][]int{a, p} {
			sum := 0
			for j, v := range sol {
				sum += v
				require.GreaterOrEqual(t, v, r.lo[j])
				require.LessOrEqual(t, v, r.hi[j])
				require.Contains(t, []int{r.lo[j], r.hi[j]}, v)
			}
			require.Equal(t, m, sum, "trial %d", trial)
		}
	}
}
