package sortition

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/tirage/tirage/internal/lp"
	"github.com/tirage/tirage/internal/pricing"
)

// Options control the computation of a lottery.
type Options struct {
	// Households lists pool columns that identify a household (people whose
	// listed columns all match, trimmed and case-insensitively); at most
	// one person per household may be on a panel. Empty: no household rule.
	Households []string
	// Progress, if not nil, is called after each iteration.
	Progress func(Progress)
	// Gap is the largest accepted difference between the certified upper
	// bound and the lottery's minimum probability (default 1e-6).
	Gap float64
}

// Arithmetic note: products that are then added are converted explicitly,
// as in float64(a*b) + c, so that no platform fuses them into one rounding
// (arm64 FMA) and results are bit-identical everywhere.

// Tolerances of the maximin computation.
const (
	// DefaultGap is the default optimality gap.
	DefaultGap = 1e-6
	// minGain is how much a new panel must beat the master value by to be
	// added; it keeps column generation from chasing rounding noise.
	minGain = 1e-9
)

// Maximin computes the maximin lottery (Flanigan, Gölz, Gupta, Hennig and
// Procaccia, "Fair algorithms for selecting citizens' assemblies", Nature 596,
// 2021): a distribution over panels of k people meeting the quotas that
// maximises the minimum selection probability of the people who can be on
// some panel.
//
// It uses column generation over types of interchangeable people: a master
// LP over the panels found so far gives dual weights; the pricing integer
// program finds a panel that beats the master's value under them (with
// Wentges smoothing towards a centre whose bound is proven), until the
// proven bound, a certified upper bound on the optimum, is within
// Options.Gap of the lottery's value. The type-level lottery is then
// expanded into concrete panels (see expand), which keeps every member's
// probability equal to their type's.
func Maximin(ctx context.Context, pool *Pool, k int, opt Options) (*Lottery, error) {
	start := time.Now()
	if err := pool.CheckPanelSize(k); err != nil {
		return nil, err
	}
	gap := opt.Gap
	if gap <= 0 {
		gap = DefaultGap
	}
	var household []int
	if len(opt.Households) > 0 {
		var err error
		if household, err = pool.Households(opt.Households); err != nil {
			return nil, err
		}
	}
	tt := buildTypes(pool, household)
	prob := pricingProblem(pool, tt, k)
	solver, err := pricing.New(prob)
	if err != nil {
		return nil, err
	}
	T := len(tt.members)
	size := make([]float64, T)
	for t := range size {
		size[t] = float64(len(tt.members[t]))
	}
	l := &Lottery{Algorithm: "maximin", K: k}
	l.Stats.People, l.Stats.Types = len(pool.People), T
	report := func(phase string, it int, lower, upper float64, panels int) {
		if opt.Progress != nil {
			opt.Progress(Progress{Phase: phase, Iteration: it, Lower: lower, Upper: upper, Panels: panels, Elapsed: time.Since(start)})
		}
	}
	count := func(r *pricing.Result) {
		l.Stats.PricingNodes += r.Nodes
		l.Stats.LPIterations += r.Iterations
	}

	// Coverage: find panels until every type that can be on a panel is on
	// one; the types left are excluded.
	var panels [][]int
	covered := make([]bool, T)
	w := make([]float64, T)
	for it := 1; ; it++ {
		for t := range w {
			w[t] = 0
			if !covered[t] {
				w[t] = 1 / size[t]
			}
		}
		res, err := solver.Maximize(ctx, w, pricing.Options{StopAbove: true, Above: 0})
		if res != nil {
			count(res)
		}
		if errors.Is(err, pricing.ErrInfeasible) && len(panels) == 0 {
			return nil, &InfeasibleError{Reason: fmt.Sprintf("no panel of %d people meets all the quotas", k)}
		}
		if err != nil && !errors.Is(err, pricing.ErrInfeasible) {
			return nil, err
		}
		if res.Counts == nil || res.Value <= pricing.PruneTol {
			break
		}
		panels = append(panels, append([]int(nil), res.Counts...))
		for t, c := range res.Counts {
			if c > 0 {
				covered[t] = true
			}
		}
		report("coverage", it, 0, math.Inf(1), len(panels))
	}
	excluded := make([]bool, len(pool.People))
	for t := range covered {
		if covered[t] {
			continue
		}
		for _, i := range tt.members[t] {
			excluded[i] = true
			l.Excluded = append(l.Excluded, Exclusion{Person: i,
				Reason: fmt.Sprintf("no panel that meets the quotas can include anyone with %s", describeValues(pool, tt.values[t]))})
		}
	}

	// The master LP, dual side: minimise ŷ over weights y ≥ 0 on the
	// covered types with Σy = 1 and, for every panel P, Σ_t y_t c_Pt/s_t ≤ ŷ.
	var live []int // covered types, in order
	colOf := make([]int, T)
	for t := range colOf {
		colOf[t] = -1
		if covered[t] {
			colOf[t] = len(live)
			live = append(live, t)
		}
	}
	master := lp.NewModel()
	for range live {
		master.AddCol(0, 0, math.Inf(1))
	}
	yhatCol := master.AddCol(1, math.Inf(-1), math.Inf(1))
	idx := make([]int, len(live))
	ones := make([]float64, len(live))
	for j := range idx {
		idx[j], ones[j] = j, 1
	}
	master.AddRow(idx, ones, 1, 1)
	addPanel := func(counts []int) {
		var ix []int
		var val []float64
		for _, t := range live {
			if counts[t] > 0 {
				ix = append(ix, colOf[t])
				val = append(val, float64(counts[t])/size[t])
			}
		}
		ix = append(ix, yhatCol)
		val = append(val, -1)
		master.AddRow(ix, val, math.Inf(-1), 0)
	}
	for _, c := range panels {
		addPanel(c)
	}
	// Column generation with Wentges smoothing. The stability centre ȳ is a
	// dual point with a proven bound: every panel has ȳ(P) ≤ upper. Pricing
	// happens at y_sep = α ȳ + (1−α) y_out, where y_out is the master's dual
	// point, against the threshold α·upper + (1−α)·ŷ: a panel above it is
	// violated at y_out and joins the master; when none exists, the search
	// has proven that y_sep has a better bound than ȳ, which becomes the
	// centre. The gap upper − ŷ shrinks until it is below Options.Gap.
	// The first centre comes from the LP relaxation of the whole problem,
	// max z subject to x_t ≥ z·s_t for every selectable type and x in the
	// relaxed quota polytope: its duals are the weights under which the
	// relaxation, hence every panel, weighs least. On the shared instances
	// the relaxation is tight or within 1e-5 of the optimum, so this bound
	// is nearly final from the start. Failing that, the centre weighs
	// everyone alike (ȳ_t ∝ s_t): every panel then weighs k/n.
	const alpha = 0.5
	nLive := 0.0
	for _, t := range live {
		nLive += size[t]
	}
	center := make([]float64, T) // ȳ per type (0 for excluded types)
	for _, t := range live {
		center[t] = size[t] / nLive
	}
	upper := float64(k) / nLive
	if y, err := relaxationCentre(ctx, prob, live); err == nil {
		for t := range w {
			w[t] = y[t] / size[t]
		}
		if bound, _, err := solver.RelaxationBound(ctx, w); err == nil && bound < upper {
			copy(center, y)
			upper = bound
		}
	} else if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	x := make([]float64, master.NumCols())
	ysep := make([]float64, T)
	var yhat float64
	for it := 1; ; it++ {
		status, err := master.Solve(ctx)
		l.Stats.LPIterations += master.Iterations()
		if err != nil {
			return nil, fmt.Errorf("maximin master LP: %w", err)
		}
		if status != lp.Optimal {
			return nil, fmt.Errorf("maximin master LP: status %v", status)
		}
		master.X(x)
		yhat = x[yhatCol]
		l.Stats.Iterations = it
		report("column generation", it, yhat, upper, len(panels))
		if upper-yhat <= gap {
			break
		}
		for t := range w {
			ysep[t], w[t] = 0, 0
			if j := colOf[t]; j >= 0 {
				ysep[t] = float64(alpha*center[t]) + float64((1-alpha)*math.Max(x[j], 0))
				w[t] = ysep[t] / size[t]
			}
		}
		threshold := float64(alpha*upper) + float64((1-alpha)*yhat) + minGain
		res, err := solver.Maximize(ctx, w, pricing.Options{StopAbove: true, Above: threshold})
		if res != nil {
			count(res)
		}
		if err != nil {
			return nil, fmt.Errorf("maximin pricing: %w", err)
		}
		if res.Counts != nil && res.Value > threshold+pricing.PruneTol {
			panels = append(panels, append([]int(nil), res.Counts...))
			addPanel(res.Counts)
			continue
		}
		// No panel above the threshold: y_sep is the better centre.
		if bound := math.Max(res.Bound, res.Value); bound < upper {
			copy(center, ysep)
			upper = bound
		}
	}
	l.Weights = make([]float64, len(pool.People))
	for i := range pool.People {
		l.Weights[i] = center[tt.of[i]] / size[tt.of[i]]
	}
	l.Stats.TypePanels = len(panels)

	// The lottery: the duals of the panel rows (rows 1…).
	duals := master.RowDuals(nil)
	lambda := make([]float64, len(panels))
	total := 0.0
	for p := range panels {
		v := -duals[1+p]
		if v < 0 {
			v = 0
		}
		lambda[p] = v
		total += v
	}
	if !(total > 0.5) {
		return nil, fmt.Errorf("maximin: master LP duals sum to %g, not 1", total)
	}
	for p := range lambda {
		lambda[p] /= total
	}
	l.typeLevel = &typeLottery{types: tt, counts: panels, probability: lambda}
	l.Panels = expand(tt, panels, lambda, true)
	if !distinctMembers(l.Panels) {
		// Rounding put someone on two lanes at once: deal systematically.
		l.Panels = expand(tt, panels, lambda, false)
	}
	if !distinctMembers(l.Panels) {
		return nil, errors.New("maximin: expanding the lottery into panels repeated a member")
	}
	l.computeMarginals(len(pool.People), excluded)
	l.UpperBound = upper
	if l.Optimum > l.UpperBound+1e-9 || l.UpperBound-l.Optimum > gap+1e-9 {
		return nil, fmt.Errorf("maximin: lottery minimum %.12g and upper bound %.12g disagree beyond the tolerance", l.Optimum, l.UpperBound)
	}
	if l.UpperBound < l.Optimum {
		l.UpperBound = l.Optimum
	}
	l.Stats.Elapsed = time.Since(start)
	return l, nil
}

// relaxationCentre solves the LP relaxation of the maximin problem over the
// live types and returns its dual weights per type (summing to 1).
func relaxationCentre(ctx context.Context, prob *pricing.Problem, live []int) ([]float64, error) {
	m := prob.Relaxation()
	T := len(prob.Size)
	z := m.AddCol(-1, 0, math.Inf(1))
	first := m.NumRows()
	for _, t := range live {
		m.AddRow([]int{t, z}, []float64{1, -float64(prob.Size[t])}, 0, math.Inf(1))
	}
	status, err := m.Solve(ctx)
	if err != nil {
		return nil, err
	}
	if status != lp.Optimal {
		return nil, fmt.Errorf("maximin relaxation: status %v", status)
	}
	d := m.RowDuals(nil)
	y := make([]float64, T)
	sum := 0.0
	for i, t := range live {
		y[t] = math.Max(d[first+i], 0) * float64(prob.Size[t])
		sum += y[t]
	}
	if !(sum > 0) {
		return nil, errors.New("maximin relaxation: no dual weight")
	}
	for t := range y {
		y[t] /= sum
	}
	return y, nil
}

// pricingProblem poses the pool's quotas over types.
func pricingProblem(p *Pool, tt *typeTable, k int) *pricing.Problem {
	q := p.Quotas
	offset := make([]int, len(q.Categories))
	pr := &pricing.Problem{K: k, Categories: len(q.Categories), Groups: tt.groups}
	for c, cat := range q.Categories {
		offset[c] = len(pr.Lo)
		for _, v := range cat.Values {
			pr.Lo = append(pr.Lo, v.Min)
			pr.Hi = append(pr.Hi, v.Max)
		}
	}
	for t, members := range tt.members {
		pr.Size = append(pr.Size, len(members))
		rows := make([]int, len(tt.values[t]))
		for c, v := range tt.values[t] {
			rows[c] = offset[c] + v
		}
		pr.Rows = append(pr.Rows, rows)
	}
	return pr
}

// expand turns a lottery over type counts into concrete panels whose
// marginals equal their type's: every member of type t is selected with
// probability exactly π_t = Σ_P λ_P c_Pt / s_t (up to rounding, ~1e-13).
//
// The type-level panels are laid end to end on a timeline [0, 1), panel P
// taking an interval of length λ_P. For each type, a panel with c members of
// the type has c "lanes"; lane ℓ is active wherever the count exceeds ℓ.
// Members are dealt along the lanes in McNaughton's wrap-around fashion:
// lane 0 over the whole timeline, then lane 1, and so on, each member taking
// a stretch of length π_t. Because the lanes' active sets are nested, a
// member can only meet itself on two lanes at once when a lane is shorter
// than π_t; for such a type, or if a duplicate is found, the type falls back
// to systematic sampling within each panel (a uniform U picks members
// ⌊(U·s + m·s)/c⌋, m = 0…c−1, each with probability exactly c/s). The
// concrete panels are the pieces of the timeline between the points where
// any type's selection changes.
func expand(tt *typeTable, panels [][]int, lambda []float64, allowWrap bool) []Panel {
	N := len(panels)
	start := make([]float64, N+1) // start[p]: where panel p begins
	for p := range panels {
		start[p+1] = start[p] + lambda[p]
	}
	T := len(tt.members)
	// Per type: the schedule used, and its breakpoints.
	type schedule struct {
		pi       float64
		wrap     bool
		laneBase []float64   // tape position where lane ℓ begins
		before   [][]float64 // before[ℓ][p]: lane ℓ's active length before panel p
	}
	sched := make([]schedule, T)
	breaks := append([]float64(nil), start...)
	for t := 0; t < T; t++ {
		s := len(tt.members[t])
		varies := false
		cmax := 0
		mass := 0.0
		for p := range panels {
			c := panels[p][t]
			if c != 0 && c != s {
				varies = true
			}
			cmax = max(cmax, c)
			mass += float64(lambda[p] * float64(c))
		}
		if !varies {
			continue
		}
		sc := &sched[t]
		sc.pi = mass / float64(s)
		sc.wrap = allowWrap
		base := 0.0
		for l := 0; l < cmax; l++ {
			sc.laneBase = append(sc.laneBase, base)
			before := make([]float64, N+1)
			for p := range panels {
				before[p+1] = before[p]
				if panels[p][t] > l {
					before[p+1] += lambda[p]
				}
			}
			sc.before = append(sc.before, before)
			if l > 0 && before[N] < sc.pi*(1-1e-12) {
				sc.wrap = false // a short lane: fall back
			}
			base += before[N]
		}
		if sc.wrap {
			// Member j's stretch begins at tape position jπ.
			for j := 1; j < s; j++ {
				pos := float64(j) * sc.pi
				l := sort.Search(len(sc.laneBase), func(i int) bool { return sc.laneBase[i] > pos }) - 1
				off := pos - sc.laneBase[l]
				p := sort.Search(N, func(i int) bool { return sc.before[l][i+1] > off })
				if p < N {
					breaks = append(breaks, start[p]+(off-sc.before[l][p]))
				}
			}
			continue
		}
		for p := range panels {
			c := panels[p][t]
			if c == 0 || c == s || lambda[p] <= 0 {
				continue
			}
			q := s / gcd(c, s)
			for a := 1; a < q; a++ {
				breaks = append(breaks, start[p]+lambda[p]*float64(a)/float64(q))
			}
		}
	}
	sort.Float64s(breaks)
	pts := breaks[:1]
	for _, b := range breaks[1:] {
		if b-pts[len(pts)-1] > 1e-13 {
			pts = append(pts, b)
		}
	}
	pts[len(pts)-1] = start[N] // the last point closes the timeline

	var out []Panel
	p := 0
	for e := 0; e+1 < len(pts); e++ {
		u0, u1 := pts[e], pts[e+1]
		mid := (u0 + u1) / 2
		for p+1 < N && start[p+1] <= mid {
			p++
		}
		var members []int
		for t, c := range panels[p] {
			ms := tt.members[t]
			s := len(ms)
			switch {
			case c == 0:
				continue
			case c == s:
				members = append(members, ms...)
				continue
			}
			sc := &sched[t]
			if sc.wrap {
				for l := 0; l < c; l++ {
					pos := sc.laneBase[l] + sc.before[l][p] + (mid - start[p])
					j := min(int(pos/sc.pi), s-1)
					members = append(members, ms[j])
				}
				continue
			}
			g := gcd(c, s)
			q := s / g
			cell := min(int(float64(q)*(mid-start[p])/lambda[p]), q-1)
			for m := 0; m < c; m++ {
				members = append(members, ms[(cell*g+m*s)/c])
			}
		}
		out = append(out, Panel{Probability: u1 - u0, Members: sortedCopy(members)})
	}
	return out
}

// distinctMembers reports whether no panel lists a member twice (members
// are sorted).
func distinctMembers(panels []Panel) bool {
	for _, p := range panels {
		for j := 1; j < len(p.Members); j++ {
			if p.Members[j] == p.Members[j-1] {
				return false
			}
		}
	}
	return true
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
