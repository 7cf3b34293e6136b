package dropout

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

// tinyProblem returns a small random problem: a panel meeting its quotas
// (as near as it can), rates from 0 to 0.4, and the sample.
func tinyProblem(t *testing.T, r *rand.Rand, n, k, cats, N, scenarios int) *Problem {
	t.Helper()
	pool := randomPool(r, n, k, cats)
	b := NewBounds(pool.Quotas, k)
	panel := somePanel(t, b, pool, r)
	rates := make([]float64, n)
	for i := range rates {
		rates[i] = 0.4 * r.Float64()
	}
	sample, err := NewSample(context.Background(), "tiny", scenarios, rates, 2)
	if err != nil {
		t.Fatal(err)
	}
	return &Problem{Bounds: b, Pool: pool, Panel: panel, N: N, Sample: sample}
}

// bruteTotal returns the summed loss of the set over the sample, every
// scenario's step solved by brute force.
func bruteTotal(p *Problem, set []int) int {
	total := 0
	for s := range p.Sample.Len() {
		var stayed, avail []int
		budget := 0
		for _, i := range p.Panel {
			if p.Sample.Dropped(s, i) {
				budget++
			} else {
				stayed = append(stayed, i)
			}
		}
		for _, a := range set {
			if !p.Sample.Dropped(s, a) {
				avail = append(avail, a)
			}
		}
		_, l := bruteReplace(p.Bounds, p.Pool, stayed, budget, avail)
		total += l
	}
	return total
}

// subsets calls f with every subset of xs of size n.
func subsets(xs []int, n int, f func([]int)) {
	var rec func(from int, cur []int)
	rec = func(from int, cur []int) {
		if len(cur) == n {
			f(cur)
			return
		}
		for j := from; j < len(xs); j++ {
			rec(j+1, append(cur, xs[j]))
		}
	}
	rec(0, nil)
}

func TestChooseAgainstEverySet(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	ctx := context.Background()
	proven := 0
	for trial := range 25 {
		p := tinyProblem(t, r, 14+r.IntN(4), 5+r.IntN(3), 1+r.IntN(3), 1+r.IntN(3), 40)
		ch, err := Choose(ctx, p, Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got := bruteTotal(p, ch.Alternates); got != ch.TotalLoss {
			t.Fatalf("trial %d: claimed total %d, brute force %d", trial, ch.TotalLoss, got)
		}
		var outside []int
		for i := range p.Pool.People {
			if !slices.Contains(p.Panel, i) {
				outside = append(outside, i)
			}
		}
		best := -1
		subsets(outside, p.N, func(set []int) {
			if l := bruteTotal(p, set); best < 0 || l < best {
				best = l
			}
		})
		if ch.LowerBound > best {
			t.Fatalf("trial %d: lower bound %d above the optimum %d", trial, ch.LowerBound, best)
		}
		if ch.Optimal && ch.TotalLoss != best {
			t.Fatalf("trial %d: claimed optimal at %d, optimum %d", trial, ch.TotalLoss, best)
		}
		if ch.TotalLoss == best {
			proven++
		}
	}
	t.Logf("%d of 25 searches found the optimum", proven)
}

func TestChooseNeverWorseThanItsStarts(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	ctx := context.Background()
	for trial := range 10 {
		p := tinyProblem(t, r, 60+r.IntN(40), 20+r.IntN(10), 2+r.IntN(3), 4+r.IntN(4), 300)
		scaled, err := ScaledQuotaAlternates(ctx, p.Bounds, p.Pool, p.Panel, p.N, "scaled")
		if err != nil {
			t.Fatal(err)
		}
		ranked := rankedList(t, p.Bounds, p.Pool, p.Panel, 8, p.N, r)
		p.Starts = [][]int{scaled, ranked}
		ch, err := Choose(ctx, p, Options{Workers: 2, Shortlist: 4, SwapRounds: -1})
		if err != nil {
			t.Fatal(err)
		}
		for j, s := range p.Starts {
			f, err := Evaluate(ctx, p.Bounds, p.Pool, p.Panel, s, p.Sample, 2)
			if err != nil {
				t.Fatal(err)
			}
			if f.TotalLoss != ch.StartLoss[j] || ch.TotalLoss > f.TotalLoss {
				t.Fatalf("trial %d: start %d has total %d (claimed %d), the chosen set %d", trial, j, f.TotalLoss, ch.StartLoss[j], ch.TotalLoss)
			}
		}
		f, err := Evaluate(ctx, p.Bounds, p.Pool, p.Panel, ch.Alternates, p.Sample, 1)
		if err != nil {
			t.Fatal(err)
		}
		if f.TotalLoss != ch.TotalLoss || len(ch.Alternates) != p.N {
			t.Fatalf("trial %d: %d alternates, claimed total %d, evaluated %d", trial, len(ch.Alternates), ch.TotalLoss, f.TotalLoss)
		}
	}
}

func TestChooseIsDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	p := tinyProblem(t, r, 80, 25, 3, 6, 200)
	ctx := context.Background()
	var first *Choice
	for _, workers := range []int{1, 2, 3} {
		ch, err := Choose(ctx, p, Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = ch
			continue
		}
		if !slices.Equal(ch.Alternates, first.Alternates) || ch.TotalLoss != first.TotalLoss || ch.LowerBound != first.LowerBound {
			t.Fatalf("with %d workers: %v (%d), with 1: %v (%d)", workers, ch.Alternates, ch.TotalLoss, first.Alternates, first.TotalLoss)
		}
	}
}

func TestSampleIsReproducible(t *testing.T) {
	rates := []float64{0, 1, 0.5, 0.25, 0.9}
	a, err := NewSample(context.Background(), "seed", 50, rates, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewSample(context.Background(), "seed", 50, rates, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.bits, b.bits) {
		t.Fatal("the sample depends on the number of workers")
	}
	for s := range 50 {
		if a.Dropped(s, 0) || !a.Dropped(s, 1) {
			t.Fatalf("scenario %d: a rate of 0 dropped or a rate of 1 stayed", s)
		}
	}
	if _, err := NewSample(context.Background(), "seed", 5, []float64{0.2, 1.5}, 1); err == nil {
		t.Fatal("a rate of 1.5 was accepted")
	}
}

// TestBestGainIsTheArgmax: the candidates passed over by their ceilings
// never change the choice: bestGain returns the candidate a full
// evaluation of every gain chooses (ties to the earlier), with its gain,
// and every gain is at most its ceiling.
func TestBestGainIsTheArgmax(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	ctx := context.Background()
	positive := 0
	for trial := range 8 {
		p := tinyProblem(t, r, 60+r.IntN(40), 15+r.IntN(10), 2+r.IntN(3), 5, 200)
		for _, workers := range []int{1, 2, 3} {
			c, err := newChooser(p, Options{Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			set := c.cands[:r.IntN(4)]
			st, err := c.evaluate(ctx, set)
			if err != nil {
				t.Fatal(err)
			}
			cands := c.cands[len(set):min(len(c.cands), len(set)+10)]
			best, want := -1, 0
			for j, i := range cands {
				g, _ := c.gain(0, st.set, st.loss, i, nil)
				if ceil, _ := c.gainCeiling(0, st.set, st.loss, i); g > ceil {
					t.Fatalf("trial %d: candidate %d gains %d, above its ceiling %d", trial, i, g, ceil)
				}
				if best < 0 || g > want {
					best, want = j, g
				}
			}
			got, gain, err := c.bestGain(ctx, st.set, st.loss, cands)
			if err != nil {
				t.Fatal(err)
			}
			if got != best || gain != want {
				t.Fatalf("trial %d, %d workers: bestGain chose %d (gain %d), the full evaluation %d (gain %d)", trial, workers, got, gain, best, want)
			}
			if want > 0 {
				positive++
			}
		}
	}
	if positive < 12 {
		t.Fatalf("only %d of 24 choices had a positive gain: the test checks little", positive)
	}
}
