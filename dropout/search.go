package dropout

import (
	"context"
	"slices"
	"sort"
)

// run searches as Choose describes.
//
// The search evaluates sets within the node limit; the sets it ends with
// (its own and every completed start) are then evaluated exactly, and the
// best of them by the exact loss is chosen, so the guarantee over the
// starts holds whatever the limit.
func (c *chooser) run(ctx context.Context) (*Choice, error) {
	best, err := c.complete(ctx, nil)
	if err != nil {
		return nil, err
	}
	ch := &Choice{Scenarios: c.S}
	var finalists [][]int
	for _, s := range c.p.Starts {
		own, err := c.exactTotal(ctx, s)
		if err != nil {
			return nil, err
		}
		ch.StartLoss = append(ch.StartLoss, own)
		st, err := c.complete(ctx, s)
		if err != nil {
			return nil, err
		}
		finalists = append(finalists, st.set)
		if st.total < best.total {
			best = st
		}
	}
	if best, err = c.swaps(ctx, best); err != nil {
		return nil, err
	}
	set, total := best.set, -1
	for _, f := range append([][]int{best.set}, finalists...) {
		t, err := c.exactTotal(ctx, f)
		if err != nil {
			return nil, err
		}
		if total < 0 || t < total {
			set, total = f, t
		}
	}
	order, err := c.order(ctx, set)
	if err != nil {
		return nil, err
	}
	ch.Alternates = order
	ch.TotalLoss = total
	for _, l := range c.lower {
		ch.LowerBound += l
	}
	ch.Optimal = ch.TotalLoss == ch.LowerBound
	for _, r := range c.reps {
		ch.Solves += r.solves
		ch.Nodes += r.nodes
	}
	return ch, nil
}

func (c *chooser) report(stage string, st *state) {
	if c.opt.Progress != nil {
		c.opt.Progress(Progress{Stage: stage, Size: len(st.set), TotalLoss: st.total})
	}
}

// complete adds alternates to the set one at a time, each the best
// addition, until it has N.
func (c *chooser) complete(ctx context.Context, set []int) (*state, error) {
	st, err := c.evaluate(ctx, set)
	if err != nil {
		return nil, err
	}
	for len(st.set) < c.p.N {
		i, _, err := c.bestAddition(ctx, st, -1)
		if err != nil {
			return nil, err
		}
		if st, err = c.evaluate(ctx, append(slices.Clone(st.set), i)); err != nil {
			return nil, err
		}
		c.report("greedy", st)
	}
	return st, nil
}

// swaps replaces alternates by better candidates, one at a time, while the
// loss falls, for at most SwapRounds rounds.
func (c *chooser) swaps(ctx context.Context, st *state) (*state, error) {
	for round := 0; round < c.opt.SwapRounds; round++ {
		improved := false
		for p := range st.set {
			a := st.set[p]
			without, err := c.evaluate(ctx, slices.Delete(slices.Clone(st.set), p, p+1))
			if err != nil {
				return nil, err
			}
			i, gain, err := c.bestAddition(ctx, without, a)
			if err != nil {
				return nil, err
			}
			if without.total-gain >= st.total {
				continue
			}
			set := slices.Clone(st.set)
			set[p] = i
			if st, err = c.evaluate(ctx, set); err != nil {
				return nil, err
			}
			improved = true
			c.report("swap", st)
		}
		if !improved {
			break
		}
	}
	return st, nil
}

// bestAddition returns the candidate (not in the set, not skip) whose
// addition lowers the set's summed loss most, among the Shortlist ranked
// first by the estimate, and that gain.
func (c *chooser) bestAddition(ctx context.Context, st *state, skip int) (int, int, error) {
	in := make(map[int]bool, len(st.set)+1)
	for _, a := range st.set {
		in[a] = true
	}
	in[skip] = true
	var free []int
	for _, i := range c.cands {
		if !in[i] {
			free = append(free, i)
		}
	}
	est := make([]int, len(free))
	err := c.parallel(ctx, len(free), func(_, j int) { est[j] = c.estimate(st, free[j]) })
	if err != nil {
		return 0, 0, err
	}
	rank := make([]int, len(free))
	for j := range rank {
		rank[j] = j
	}
	sort.SliceStable(rank, func(x, y int) bool { return est[rank[x]] > est[rank[y]] })
	short := make([]int, min(len(rank), c.opt.Shortlist))
	for j := range short {
		short[j] = free[rank[j]]
	}
	gains := make([]int, len(short))
	err = c.parallel(ctx, len(short), func(w, j int) { gains[j], _ = c.gain(w, st.set, st.loss, short[j], nil) })
	if err != nil {
		return 0, 0, err
	}
	best := 0
	for j := range short {
		if gains[j] > gains[best] {
			best = j
		}
	}
	return short[best], gains[best], nil
}

// estimate returns a first-order estimate of how much adding candidate i
// lowers the set's summed loss: in every scenario where i stays and the
// loss is above its lower bound, the change in the categories' deviations
// if i joined the final panel, plus 1 when a seat is still empty (i fills
// it) or minus 1 when not (i would have to take someone's place).
func (c *chooser) estimate(st *state, i int) int {
	b := c.p.Bounds
	total := 0
	for s := range c.S {
		if c.budget[s] == 0 || st.loss[s] == c.lower[s] || c.p.Sample.Dropped(s, i) {
			continue
		}
		g := -1
		if len(st.called[s]) < c.budget[s] {
			g = 1
		}
		for _, v := range c.prof[i] {
			g -= b.step(v, st.counts[s][v])
		}
		total += min(max(0, g), st.loss[s]-c.lower[s])
	}
	return total
}

// gain returns how much adding candidate i to the set lowers the summed
// loss, given the set's loss per scenario, solving exactly with worker w's
// replacer. When after is not nil it receives the new loss per scenario.
//
// A set that lowers the loss must call i, so i is called from the start
// and the search is over the rest of the set with one call fewer.
func (c *chooser) gain(w int, set, loss []int, i int, after []int) (int, error) {
	counts := make([]int, c.p.Bounds.Values())
	alts := make([]int, 0, len(set))
	r := c.reps[w]
	total := 0
	for s := range c.S {
		l := loss[s]
		if c.budget[s] > 0 && l > c.lower[s] && !c.p.Sample.Dropped(s, i) {
			alts = c.p.Sample.Available(s, set, alts)
			copy(counts, c.base[s])
			for _, v := range c.prof[i] {
				counts[v]++
			}
			usefulFirst(c.p.Bounds, c.prof, alts, counts)
			l = r.solve(c.prof, counts, c.size[s]+1, c.budget[s]-1, alts, loss[s])
		}
		total += loss[s] - l
		if after != nil {
			after[s] = l
		}
	}
	return total, nil
}

// order returns the set in calling order: first the alternate who alone
// lowers the summed loss most, then the one who lowers it most with the
// first, and so on; ties go to the earlier in the set.
func (c *chooser) order(ctx context.Context, set []int) ([]int, error) {
	empty, err := c.evaluate(ctx, nil)
	if err != nil {
		return nil, err
	}
	loss := empty.loss
	rest := slices.Clone(set)
	var out []int
	for len(rest) > 0 {
		gains := make([]int, len(rest))
		err := c.parallel(ctx, len(rest), func(w, j int) { gains[j], _ = c.gain(w, out, loss, rest[j], nil) })
		if err != nil {
			return nil, err
		}
		best := 0
		for j := range rest {
			if gains[j] > gains[best] {
				best = j
			}
		}
		next := make([]int, c.S)
		c.gain(0, out, loss, rest[best], next)
		loss = next
		out = append(out, rest[best])
		rest = slices.Delete(rest, best, best+1)
		c.report("order", &state{set: out, total: sum(loss)})
	}
	return out, nil
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
