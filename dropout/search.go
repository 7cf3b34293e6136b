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
	best, gain, err := c.bestGain(ctx, st.set, st.loss, short)
	if err != nil {
		return 0, 0, err
	}
	return short[best], gain, nil
}

// bestGain returns the index in cands of the candidate whose addition to
// the set lowers the summed loss most (gain), ties to the earlier, and
// that gain.
//
// A candidate's gain is at most the sum over the scenarios of the loss
// above the bound of the root of its search (gainCeiling): the candidates
// are evaluated by decreasing ceiling, Workers at a time, and one whose
// ceiling cannot beat the best gain found is not evaluated. The winner is
// the one a full evaluation of every candidate would choose: its gain
// never exceeds its ceiling, so it is never passed over.
func (c *chooser) bestGain(ctx context.Context, set, loss []int, cands []int) (int, int, error) {
	ceil := make([]int, len(cands))
	perScenario := make([][]int, len(cands))
	err := c.parallel(ctx, len(cands), func(w, j int) { ceil[j], perScenario[j] = c.gainCeiling(w, set, loss, cands[j]) })
	if err != nil {
		return 0, 0, err
	}
	byCeil := make([]int, len(cands))
	for j := range byCeil {
		byCeil[j] = j
	}
	sort.SliceStable(byCeil, func(x, y int) bool { return ceil[byCeil[x]] > ceil[byCeil[y]] })
	best, gain := -1, 0
	beats := func(j, g int) bool { return best < 0 || g > gain || g == gain && j < best }
	for start := 0; start < len(byCeil); start += c.opt.Workers {
		var batch []int
		for _, j := range byCeil[start:min(len(byCeil), start+c.opt.Workers)] {
			if beats(j, ceil[j]) {
				batch = append(batch, j)
			}
		}
		if len(batch) == 0 {
			break
		}
		gains := make([]int, len(batch))
		need, holder := gain, best
		if err := c.parallel(ctx, len(batch), func(w, b int) {
			j := batch[b]
			// The gain needed to win: above the best so far, or equal
			// to it for a candidate before its holder.
			need := need
			if holder >= 0 && holder < j {
				need++
			}
			if holder < 0 {
				need = -1
			}
			gains[b] = c.gainAtLeast(w, set, loss, cands[j], perScenario[j], need)
		}); err != nil {
			return 0, 0, err
		}
		for b, j := range batch {
			if gains[b] >= 0 && beats(j, gains[b]) {
				best, gain = j, gains[b]
			}
		}
	}
	return best, gain, nil
}

// gainCeiling returns an upper bound on gain(set, loss, i), in total and
// per scenario: over the scenarios gain would search, the loss less the
// bound at the root of the search with i called (replacer.gainBound, with
// worker w's replacer), and never more than the loss above the scenario's
// lower bound.
func (c *chooser) gainCeiling(w int, set, loss []int, i int) (int, []int) {
	per := make([]int, c.S)
	b := c.p.Bounds
	counts := make([]int, b.Values())
	alts := make([]int, 0, len(set))
	r := c.reps[w]
	total := 0
	for s := range c.S {
		if c.budget[s] == 0 || loss[s] <= c.lower[s] || c.p.Sample.Dropped(s, i) {
			continue
		}
		alts = c.p.Sample.Available(s, set, alts)
		copy(counts, c.base[s])
		for _, v := range c.prof[i] {
			counts[v]++
		}
		r.prof, r.counts, r.alts = c.prof, counts, alts
		r.budget = min(c.budget[s]-1, len(alts))
		r.prepare()
		root := b.Loss(counts, c.size[s]+1) + r.gainBound(0, r.budget)
		per[s] = max(0, loss[s]-max(root, c.lower[s]))
		total += per[s]
	}
	return total, per
}

// gainAtLeast returns gain(set, loss, i), or −1 as soon as the gain found
// so far and the ceilings of the scenarios left (ceil) show that it is
// below need.
func (c *chooser) gainAtLeast(w int, set, loss []int, i int, ceil []int, need int) int {
	rest := 0
	for _, x := range ceil {
		rest += x
	}
	counts := make([]int, c.p.Bounds.Values())
	alts := make([]int, 0, len(set))
	r := c.reps[w]
	total := 0
	for s := range c.S {
		if ceil[s] == 0 {
			continue
		}
		alts = c.p.Sample.Available(s, set, alts)
		copy(counts, c.base[s])
		for _, v := range c.prof[i] {
			counts[v]++
		}
		usefulFirst(c.p.Bounds, c.prof, alts, counts)
		total += loss[s] - r.solve(c.prof, counts, c.size[s]+1, c.budget[s]-1, alts, loss[s])
		rest -= ceil[s]
		if total+rest < need {
			return -1
		}
	}
	return total
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
		best, _, err := c.bestGain(ctx, out, loss, rest)
		if err != nil {
			return nil, err
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
