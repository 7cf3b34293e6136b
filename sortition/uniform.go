package sortition

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/tirage/tirage/internal/splitmix"
)

// DefaultUniformPanels is the default number of panels of a uniform lottery.
const DefaultUniformPanels = 1000

// MaxUniformPanels is the largest number of panels Uniform accepts.
const MaxUniformPanels = 100_000

// Uniform is a lottery over M panels, each drawn with probability exactly
// 1/M, that approximates an exact lottery (Flanigan, Kehne and Procaccia,
// "Fair Sortition Made Transparent", NeurIPS 2021). A person's probability
// is their number of tickets, the panels that contain them, divided by M.
type Uniform struct {
	// M is the number of panels.
	M int
	// Panels are the M panels, in the order an index in [0, M) picks them.
	// Members are indices into Pool.People, ascending. A panel may occur
	// more than once.
	Panels [][]int
	// Tickets[i] is the number of Panels that contain person i.
	Tickets []int
	// ExactMinimum is the exact lottery's smallest probability
	// (Lottery.MinProbability).
	ExactMinimum float64
	// Minimum is the smallest Tickets[i]/M over the people who can be on a
	// panel.
	Minimum float64
	// MaxShift is the largest |Tickets[i]/M − Marginals[i]| over everyone.
	MaxShift float64
}

// Uniform rounds the lottery to a uniform lottery over m panels, 1 ≤ m ≤
// MaxUniformPanels. The rounding is deterministic: it uses no random source
// and no clock, and the same lottery gives the same panels on every
// platform.
//
// # What is rounded
//
// A lottery computed by Maximin is rounded at the level of types (people
// with the same quota values and no household tie): every type-level panel
// P of the exact lottery, of probability λ_P, is repeated a_P times, where
// a_P is ⌊mλ_P⌋ or ⌈mλ_P⌉ and Σ a_P = m. So every one of the m panels
// realises a panel of the exact lottery, meets every quota and the
// household rule, and every panel's probability moves by less than 1/m.
// Type t, of s_t members, then holds S_t = Σ_P a_P·c_Pt seats over the m
// panels (c_Pt: members of t on P), against an exact m·π_t·s_t.
//
// Which panels round up is what decides everyone's shift. It is chosen in
// two steps:
//
//  1. Derandomised pipage rounding (Ageev and Sviridenko 2004; Gandhi,
//     Khuller, Parthasarathy and Srinivasan 2006). The fractional parts f_P
//     of mλ_P are moved in pairs, f_P + δ and f_Q − δ, until one of them is
//     0 or 1, so Σ a_P = m throughout. Of the two ends of each move it takes
//     the one with the smaller pessimistic estimator
//     Φ = Σ_t (1/s_t)·E[(S_t − m·π_t·s_t)²], the expectation being over an
//     independent rounding of the panels still fractional: the sum over
//     people of their squared average shift. Along a move, Φ is a concave
//     quadratic (its curvature is −4 Σ_t c_Pt·c_Qt/s_t ≤ 0), so one end
//     never increases it, and the rounding it ends with satisfies
//     Σ_t (S_t − m·π_t·s_t)²/s_t ≤ Σ_t (1/s_t) Σ_P c_Pt²·f_P·(1−f_P).
//     For speed, the partner Q of the first fractional panel P is the best
//     of the next 32 fractional panels.
//  2. Local search: while some swap of one rounded-up panel for one
//     rounded-down panel lowers Σ_i ψ(shift_i) over people, with
//     ψ(d) = d² + d³² in tickets (the sum of squares below one ticket,
//     nearly the largest shift above), the best swap among the 16 best
//     candidates on each side is made.
//
// This is a heuristic for the integer program that minimises the largest
// shift. No worst-case bound of a few tickets is proven: the largest shift
// is measured, not promised, and reported in MaxShift (the audit format
// requires at most 4 tickets, and audit.FaithfulUniform tries larger m
// when a rounding exceeds it; the largest measured over the benchmark
// instances and objectives is 2.6). Maximin lotteries
// have fewer panels than types, which limits any rounding of them: on
// wti_large (146 panels, 512 types) a first-moment count, the expected
// number of roundings within a given shift were the types independent,
// drops below one under about 2 tickets; this method ends at 2.5.
//
// # Who gets the seats
//
// A type's S_t seats are dealt to its members round robin, panel after
// panel in the order of Panels: each panel takes the next c_Pt members of
// the cycle. As c_Pt ≤ s_t, no member is dealt twice to one panel, and every
// member gets ⌊S_t/s_t⌋ or ⌈S_t/s_t⌉ tickets, so a person's shift is less
// than the type's average shift plus one ticket. The cycle orders the
// members by a fixed hash of their pool index (splitmix64), so the
// S_t mod s_t members who get the extra ticket are not systematically the
// first ones in the pool file.
//
// # Order of the panels
//
// Panels lists the type-level panels in the exact lottery's order, each
// repeated a_P times in a row.
//
// # Lotteries not computed by Maximin
//
// A Lottery built by hand has no types: its Panels are rounded the same
// way with every person a type of their own, each panel repeated
// ⌊mλ⌋ or ⌈mλ⌉ times (probabilities are normalised to sum to 1). The cost
// grows with the number of panels.
func (l *Lottery) Uniform(m int) (*Uniform, error) {
	if m < 1 {
		return nil, fmt.Errorf("a uniform lottery needs at least 1 panel, not %d", m)
	}
	if m > MaxUniformPanels {
		return nil, fmt.Errorf("a uniform lottery of %d panels is too large: at most %d", m, MaxUniformPanels)
	}
	if len(l.Panels) == 0 {
		return nil, errors.New("the lottery has no panels")
	}
	n := len(l.Marginals)
	u := &Uniform{M: m, Tickets: make([]int, n), ExactMinimum: l.MinProbability}
	var err error
	if l.typeLevel != nil {
		u.Panels, err = roundTypeLevel(l.typeLevel, m)
	} else {
		u.Panels, err = roundPersonLevel(l, m)
	}
	if err != nil {
		return nil, err
	}
	for _, p := range u.Panels {
		for _, i := range p {
			if i < 0 || i >= n {
				return nil, fmt.Errorf("a panel lists person %d, outside the pool of %d", i, n)
			}
			u.Tickets[i]++
		}
	}
	u.summarise(l)
	return u, nil
}

// roundTypeLevel rounds a type-level lottery and deals each type's seats to
// its members.
func roundTypeLevel(tl *typeLottery, m int) ([][]int, error) {
	tt := tl.types
	r := &rounding{m: m, size: make([]int, len(tt.members))}
	for t, ms := range tt.members {
		r.size[t] = len(ms)
	}
	for p, counts := range tl.counts {
		if !(tl.probability[p] > 0) {
			continue
		}
		var col []seat
		for t, c := range counts {
			if c > r.size[t] {
				return nil, fmt.Errorf("a type-level panel takes %d members of a type of %d", c, r.size[t])
			}
			if c > 0 {
				col = append(col, seat{t, c})
			}
		}
		r.cols = append(r.cols, col)
		r.x = append(r.x, float64(m)*tl.probability[p])
	}
	a, err := r.round()
	if err != nil {
		return nil, err
	}
	cycle := make([][]int, len(tt.members))
	next := make([]int, len(tt.members))
	for t, ms := range tt.members {
		cycle[t] = dealOrder(ms)
	}
	panels := make([][]int, 0, m)
	for j, col := range r.cols {
		k := 0
		for _, e := range col {
			k += e.count
		}
		for rep := 0; rep < a[j]; rep++ {
			members := make([]int, 0, k)
			for _, e := range col {
				cy := cycle[e.row]
				for c := 0; c < e.count; c++ {
					members = append(members, cy[next[e.row]])
					next[e.row]++
					if next[e.row] == len(cy) {
						next[e.row] = 0
					}
				}
			}
			sort.Ints(members)
			panels = append(panels, members)
		}
	}
	return panels, nil
}

// roundPersonLevel rounds the concrete panels of a lottery that has no
// type-level description, every person a type of their own.
func roundPersonLevel(l *Lottery, m int) ([][]int, error) {
	n := len(l.Marginals)
	total := 0.0
	for _, p := range l.Panels {
		if math.IsNaN(p.Probability) || math.IsInf(p.Probability, 0) || p.Probability < 0 {
			return nil, fmt.Errorf("a panel has probability %g", p.Probability)
		}
		total += p.Probability
	}
	if !(total > 0) {
		return nil, errors.New("the lottery's panels have no probability")
	}
	r := &rounding{m: m, size: make([]int, n)}
	for i := range r.size {
		r.size[i] = 1
	}
	var kept []int
	seen := make([]int, n)
	for j, p := range l.Panels {
		if p.Probability == 0 {
			continue
		}
		col := make([]seat, len(p.Members))
		for k, i := range p.Members {
			if i < 0 || i >= n {
				return nil, fmt.Errorf("a panel lists person %d, outside the pool of %d", i, n)
			}
			if seen[i] == j+1 {
				return nil, fmt.Errorf("a panel lists person %d twice", i)
			}
			seen[i] = j + 1
			col[k] = seat{i, 1}
		}
		kept = append(kept, j)
		r.cols = append(r.cols, col)
		r.x = append(r.x, float64(m)*(p.Probability/total))
	}
	a, err := r.round()
	if err != nil {
		return nil, err
	}
	panels := make([][]int, 0, m)
	for k, j := range kept {
		for rep := 0; rep < a[k]; rep++ {
			panels = append(panels, sortedCopy(l.Panels[j].Members))
		}
	}
	return panels, nil
}

// dealOrder orders a type's members by the splitmix64 hash of their pool
// index (ties, which do not occur for distinct indices, by index).
func dealOrder(members []int) []int {
	out := append([]int(nil), members...)
	sort.Slice(out, func(a, b int) bool {
		ha, hb := splitmix.Mix(uint64(out[a])), splitmix.Mix(uint64(out[b]))
		if ha != hb {
			return ha < hb
		}
		return out[a] < out[b]
	})
	return out
}

// Parameters of the rounding (see Lottery.Uniform).
const (
	// pipageWindow is how many fractional panels are tried as the partner
	// of a pipage move.
	pipageWindow = 32
	// swapCandidates is how many panels on each side a local-search step
	// pairs up.
	swapCandidates = 16
	// integralTol is how close to an integer a fractional part is taken to
	// be that integer.
	integralTol = 1e-9
)

// seat is a column entry of the rounding problem: count members of row
// (a type, or a person at person level).
type seat struct{ row, count int }

// rounding is the problem of choosing integers a_j, lo_j ≤ a_j ≤ hi_j with
// Σ a_j = m, so that every row's seats S_t = Σ_j a_j·c_jt stay close to
// target_t = Σ_j x_j·c_jt, shared by its size_t members.
type rounding struct {
	m      int
	cols   [][]seat  // per column (panel): its rows and counts
	x      []float64 // per column: m·λ
	size   []int     // per row: members
	target []float64 // per row: exact seats Σ_j x_j c_jt
	tau    []float64 // per row: exact tickets per member, target/size
	lo, hi []int     // per column: ⌊x⌋ and ⌈x⌉ (equal for integral x)
}

// round returns a_j for every column.
func (r *rounding) round() ([]int, error) {
	R, N := len(r.size), len(r.cols)
	r.target = make([]float64, R)
	r.tau = make([]float64, R)
	r.lo, r.hi = make([]int, N), make([]int, N)
	for j, col := range r.cols {
		for _, e := range col {
			r.target[e.row] += float64(r.x[j] * float64(e.count))
		}
		x := r.x[j]
		if near := math.Round(x); math.Abs(x-near) <= integralTol {
			r.lo[j], r.hi[j] = int(near), int(near)
		} else {
			r.lo[j], r.hi[j] = int(math.Floor(x)), int(math.Ceil(x))
		}
	}
	for t, s := range r.size {
		if s > 0 {
			r.tau[t] = r.target[t] / float64(s)
		}
	}
	a := r.pipage()
	S := r.seats(a)
	if err := r.fixSum(a, S); err != nil {
		return nil, err
	}
	r.polish(a, S)
	return a, nil
}

// pipage rounds the columns by derandomised pipage rounding under the
// quadratic estimator (see Lottery.Uniform). The sum of the result may
// differ from m by rounding error; fixSum corrects it.
func (r *rounding) pipage() []int {
	R, N := len(r.size), len(r.cols)
	w := make([]float64, R)
	for t, s := range r.size {
		if s > 0 {
			w[t] = 1 / float64(s)
		}
	}
	a := make([]int, N)
	f := make([]float64, N)
	var frac []int // columns with a fractional part, in order
	for j := range r.cols {
		a[j] = r.lo[j]
		if r.lo[j] < r.hi[j] {
			f[j] = r.x[j] - float64(r.lo[j])
			frac = append(frac, j)
		}
	}
	// D_t: seats at the current fractional point minus the target.
	D := make([]float64, R)
	for j, col := range r.cols {
		y := float64(a[j]) + f[j]
		for _, e := range col {
			D[e.row] += float64(y * float64(e.count))
		}
	}
	for t := range D {
		D[t] -= r.target[t]
	}
	// grad is ∂Φ/∂f_j = Σ_t w_t (2 D_t c + c² (1 − 2 f_j)).
	grad := func(j int) float64 {
		g := 0.0
		for _, e := range r.cols[j] {
			c := float64(e.count)
			g += float64(w[e.row] * (float64(2*float64(D[e.row]*c)) + float64(float64(c*c)*(1-2*f[j]))))
		}
		return g
	}
	wc := make([]float64, R) // w_t c_Pt for the current P
	for len(frac) >= 2 {
		P := frac[0]
		gP := grad(P)
		for _, e := range r.cols[P] {
			wc[e.row] = float64(w[e.row] * float64(e.count))
		}
		best, bestQ, bestD := math.Inf(1), -1, 0.0
		partners := frac[1:]
		if len(partners) > pipageWindow {
			partners = partners[:pipageWindow]
		}
		for _, Q := range partners {
			h := 0.0 // Σ_t w_t c_Pt c_Qt
			for _, e := range r.cols[Q] {
				h += float64(wc[e.row] * float64(e.count))
			}
			slope := gP - grad(Q)
			for _, d := range [2]float64{math.Min(1-f[P], f[Q]), -math.Min(f[P], 1-f[Q])} {
				// Φ(f_P + d, f_Q − d) − Φ = slope·d − 2h·d².
				if v := float64(slope*d) - float64(float64(2*h)*float64(d*d)); v < best {
					best, bestQ, bestD = v, Q, d
				}
			}
		}
		for _, e := range r.cols[P] {
			wc[e.row] = 0
		}
		Q, d := bestQ, bestD
		f[P] += d
		f[Q] -= d
		for _, e := range r.cols[P] {
			D[e.row] += float64(d * float64(e.count))
		}
		for _, e := range r.cols[Q] {
			D[e.row] -= float64(d * float64(e.count))
		}
		kept := frac[:0]
		for _, j := range frac {
			switch {
			case j != P && j != Q:
				kept = append(kept, j)
			case f[j] <= integralTol:
				f[j] = 0
			case f[j] >= 1-integralTol:
				f[j] = 0
				a[j] = r.hi[j]
			default:
				kept = append(kept, j)
			}
		}
		frac = kept
	}
	// A last fractional column is rounding error: round it to nearest.
	for _, j := range frac {
		if f[j] >= 0.5 {
			a[j] = r.hi[j]
		}
	}
	return a
}

// seats returns S_t for every row.
func (r *rounding) seats(a []int) []int {
	S := make([]int, len(r.size))
	for j, col := range r.cols {
		for _, e := range col {
			S[e.row] += a[j] * e.count
		}
	}
	return S
}

// fixSum makes Σ a_j = m, one cheapest unit at a time, within [lo, hi] if
// it can and anywhere otherwise (only when the probabilities do not add up).
func (r *rounding) fixSum(a, S []int) error {
	sum := 0
	for _, v := range a {
		sum += v
	}
	for sum != r.m {
		sign := 1
		if sum > r.m {
			sign = -1
		}
		bj := -1
		for _, bounded := range []bool{true, false} {
			best := math.Inf(1)
			for j := range r.cols {
				if (sign < 0 && a[j] == 0) || (bounded && (a[j]+sign < r.lo[j] || a[j]+sign > r.hi[j])) {
					continue
				}
				if v := r.change(S, j, sign); v < best {
					best, bj = v, j
				}
			}
			if bj >= 0 {
				break
			}
		}
		if bj < 0 {
			return errors.New("uniform rounding: no panel can take the remaining tickets")
		}
		a[bj] += sign
		sum += sign
		for _, e := range r.cols[bj] {
			S[e.row] += sign * e.count
		}
	}
	return nil
}

// psi is the cost of a shift of d tickets for one person: the square below
// one ticket, dominated by d³² above, so that minimising the sum over
// people nearly minimises the largest shift, then the squares.
func psi(d float64) float64 {
	d2 := float64(d * d)
	d4 := float64(d2 * d2)
	d8 := float64(d4 * d4)
	d16 := float64(d8 * d8)
	return float64(d16*d16) + d2
}

// cost is Σ ψ(shift) over the members of row t when it holds S seats,
// dealt evenly: S mod s members get one ticket more than the others.
func (r *rounding) cost(t, S int) float64 {
	s := r.size[t]
	if s == 0 {
		return 0
	}
	q, rem := S/s, S%s
	low := float64(float64(s-rem) * psi(float64(q)-r.tau[t]))
	if rem == 0 {
		return low
	}
	return low + float64(float64(rem)*psi(float64(q+1)-r.tau[t]))
}

// change is the cost change of adding sign copies of column j.
func (r *rounding) change(S []int, j, sign int) float64 {
	v := 0.0
	for _, e := range r.cols[j] {
		v += r.cost(e.row, S[e.row]+sign*e.count) - r.cost(e.row, S[e.row])
	}
	return v
}

// polish swaps a rounded-up column for a rounded-down one while that lowers
// the total cost (see Lottery.Uniform). It keeps Σ a_j and the bounds.
func (r *rounding) polish(a, S []int) {
	type candidate struct {
		j int
		v float64
	}
	byValue := func(cs []candidate) {
		sort.Slice(cs, func(x, y int) bool {
			if cs[x].v != cs[y].v {
				return cs[x].v < cs[y].v
			}
			return cs[x].j < cs[y].j
		})
	}
	in := make([]int, len(r.size)) // counts of the column given up
	maxMoves := 2*len(r.cols) + 100
	for move := 0; move < maxMoves; move++ {
		total := 0.0
		for t := range r.size {
			total += r.cost(t, S[t])
		}
		var down, up []candidate
		for j := range r.cols {
			if a[j] > r.lo[j] {
				down = append(down, candidate{j, r.change(S, j, -1)})
			}
			if a[j] < r.hi[j] {
				up = append(up, candidate{j, r.change(S, j, 1)})
			}
		}
		byValue(down)
		byValue(up)
		down = down[:min(len(down), swapCandidates)]
		up = up[:min(len(up), swapCandidates)]
		// Accept only clear improvements, so that rounding noise cannot
		// make the search cycle.
		best, bp, bq := -1e-12*(1+total), -1, -1
		for _, p := range down {
			for _, e := range r.cols[p.j] {
				in[e.row] = e.count
			}
			for _, q := range up {
				v := p.v + q.v
				// Rows in both columns: replace the two separate changes
				// by the joint one.
				for _, e := range r.cols[q.j] {
					c := in[e.row]
					if c == 0 {
						continue
					}
					t, s := e.row, S[e.row]
					now := r.cost(t, s)
					v += (r.cost(t, s-c+e.count) - now) - (r.cost(t, s-c) - now) - (r.cost(t, s+e.count) - now)
				}
				if v < best {
					best, bp, bq = v, p.j, q.j
				}
			}
			for _, e := range r.cols[p.j] {
				in[e.row] = 0
			}
		}
		if bp < 0 {
			return
		}
		a[bp]--
		a[bq]++
		for _, e := range r.cols[bp] {
			S[e.row] -= e.count
		}
		for _, e := range r.cols[bq] {
			S[e.row] += e.count
		}
	}
}

// summarise sets Minimum and MaxShift from Tickets.
func (u *Uniform) summarise(l *Lottery) {
	excluded := make([]bool, len(u.Tickets))
	for _, e := range l.Excluded {
		if e.Person >= 0 && e.Person < len(excluded) {
			excluded[e.Person] = true
		}
	}
	u.Minimum = 1
	u.MaxShift = 0
	for i, t := range u.Tickets {
		p := float64(t) / float64(u.M)
		if !excluded[i] && p < u.Minimum {
			u.Minimum = p
		}
		u.MaxShift = math.Max(u.MaxShift, math.Abs(p-l.Marginals[i]))
	}
}
