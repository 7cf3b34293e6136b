package sortition

import (
	"math"
	"sort"
)

// expand turns a lottery over type counts into concrete panels whose
// marginals equal their type's: every member of type t is selected with
// probability π_t = Σ_P λ_P c_Pt / s_t (to within 1e-13, see snapMass),
// every concrete panel takes c_Pt members of each type t for one
// type-level panel P, and the concrete panels of P have probabilities that
// sum to λ_P. Panels with λ_P ≤ 0 are left out.
//
// Each type-level panel P is cut at offsets in [0, 1) (fractions of λ_P);
// the pieces between consecutive cuts are the concrete panels. A type t
// that takes 0 < c < s_t of its s_t members in P has c "lanes" in P, each
// of length 1. Its members are dealt contiguous stretches of those lanes,
// lane after lane, one member after the other (see dealType); a stretch is
// never longer than one lane, so no member is on two lanes at the same
// offset. A member ends part-way along a lane, at a new cut, only where it
// completes its share, and the type's last member takes exactly what is
// left: a type adds at most s_t − 1 cuts. So there are at most
//
//	#{P : λ_P > 0} + Σ_t (s_t − 1)   (over the types whose count varies)
//
// concrete panels. For λ in general position that is about the least
// possible: the cut offsets are the only free lengths, and every varying
// type needs s_t − 1 equalities between its members' probabilities, which
// are independent of other types' unless their count ratios c_Pt/s_t
// coincide panel by panel. Cuts that other types already made are reused
// when rounding is all that separates them.
func expand(tt *typeTable, panels [][]int, lambda []float64) []Panel {
	N := len(panels)
	// cuts[P]: the offsets where panel P is cut, ascending, from 0.
	cuts := make([][]float64, N)
	for p := range cuts {
		cuts[p] = []float64{0}
	}
	// dealt[P]: the deals of the types that take some but not all of
	// their members in panel P, by type.
	dealt := make([][]*laneDeal, N)
	var shares []*laneDeal
	for t, ms := range tt.members {
		s := len(ms)
		shares = shares[:0]
		for p := range panels {
			if c := panels[p][t]; c > 0 && c < s && lambda[p] > 0 {
				shares = append(shares, &laneDeal{typ: t, panel: p, lambda: lambda[p], lanes: c, cuts: &cuts[p]})
			}
		}
		if len(shares) == 0 {
			continue
		}
		dealType(s, shares)
		for _, d := range shares {
			dealt[d.panel] = append(dealt[d.panel], d)
		}
	}

	var out []Panel
	var whole, members []int
	for p, counts := range panels {
		if lambda[p] <= 0 {
			continue
		}
		whole = whole[:0]
		for t, c := range counts {
			if c > 0 && c == len(tt.members[t]) {
				whole = append(whole, tt.members[t]...)
			}
		}
		pts := append(cuts[p], 1) // cuts[p] is not used again
		for e := 0; e+1 < len(pts); e++ {
			prob := float64(lambda[p] * (pts[e+1] - pts[e]))
			if prob <= 0 {
				continue
			}
			mid := (pts[e] + pts[e+1]) / 2
			members = append(members[:0], whole...)
			for _, d := range dealt[p] {
				ms := tt.members[d.typ]
				for lane := 0; lane < d.lanes; lane++ {
					members = append(members, ms[d.holder(lanePos{lane, mid})])
				}
			}
			out = append(out, Panel{Probability: prob, Members: sortedCopy(members)})
		}
	}
	return out
}

// snapMass is the largest probability a member's stretch may gain or
// lose by ending on an existing cut of its panel rather than adding a new
// one: it keeps rounding noise from creating panels of negligible
// probability. The next member of the type makes up for it, so no
// member's probability moves by more than twice this.
const snapMass = 5e-14

// lanePos is a point on a panel's lanes: lane at offset frac ∈ [0, 1).
type lanePos struct {
	lane int
	frac float64
}

// before reports whether a comes before b along the lanes.
func (a lanePos) before(b lanePos) bool {
	return a.lane < b.lane || a.lane == b.lane && a.frac < b.frac
}

// lanesBetween is the length of lanes from a to b.
func lanesBetween(a, b lanePos) float64 {
	return float64(b.lane-a.lane) + (b.frac - a.frac)
}

// laneDeal is how one type's members are dealt on one panel's lanes.
type laneDeal struct {
	typ    int
	panel  int
	lambda float64
	lanes  int        // members of the type on the panel
	cuts   *[]float64 // the panel's cuts, shared by the types
	pos    lanePos    // how far the lanes are dealt
	// stretches tile the lanes from {0, 0} to {lanes, 0}, in order.
	stretches []stretch
}

// stretch: member holds the lanes from the previous stretch's end (or the
// start) to end, a length of at most one lane.
type stretch struct {
	member int // index into the type's members
	end    lanePos
}

// holder returns the member holding the lanes at x.
func (d *laneDeal) holder(x lanePos) int {
	i := sort.Search(len(d.stretches), func(i int) bool { return x.before(d.stretches[i].end) })
	return d.stretches[min(i, len(d.stretches)-1)].member
}

// cutAt returns where a stretch that should end at x, between lo and hi
// (positions whose offsets are cuts), ends: on the panel's nearest cut in
// [lo, hi] if that moves less than snapMass of probability, and otherwise
// at x, whose offset becomes a cut of the panel.
func (d *laneDeal) cutAt(x, lo, hi lanePos) lanePos {
	cuts := *d.cuts
	i := sort.SearchFloat64s(cuts, x.frac)
	if i < len(cuts) && cuts[i] == x.frac {
		return x
	}
	best, dist := x, math.Inf(1)
	try := func(c lanePos) {
		if lo.before(c) && c.before(hi) || c == lo || c == hi {
			if m := math.Abs(lanesBetween(x, c)); m < dist {
				best, dist = c, m
			}
		}
	}
	if i > 0 {
		try(lanePos{x.lane, cuts[i-1]})
	}
	if i < len(cuts) {
		try(lanePos{x.lane, cuts[i]})
	} else {
		try(lanePos{x.lane + 1, 0})
	}
	if float64(d.lambda*dist) <= snapMass {
		return best
	}
	cuts = append(cuts, 0)
	copy(cuts[i+1:], cuts[i:])
	cuts[i] = x.frac
	*d.cuts = cuts
	return x
}

// dealType deals the s members of one type on the lanes of the panels
// where the type takes some but not all of its members (shares), so that
// every member gets the same probability π' = Σ λ_P c_P / s from them.
//
// Members are dealt in turn; with k members left (this one included), the
// lanes left on each panel must still fit on k members, at most one lane
// each: a panel with more than k − 1 lanes left forces this member to
// finish its current lane. The member then takes more, in order of
// increasing λ (tie: panel order), up to one lane per panel, until it has
// π'; only the last panel it takes from can end part-way along a lane at
// an offset that is new. Small panels come first so that such ends fall
// on large panels. The last member takes what is left, which is exactly
// its share.
func dealType(s int, shares []*laneDeal) {
	sort.SliceStable(shares, func(i, j int) bool { return shares[i].lambda < shares[j].lambda })
	share := 0.0
	for _, d := range shares {
		share += float64(d.lambda * float64(d.lanes))
	}
	share /= float64(s)
	end := make([]lanePos, len(shares))
	debt := 0.0 // what the members so far took beyond their share
	for j := 0; j < s; j++ {
		k := s - j
		need := share - debt
		for i, d := range shares {
			end[i] = d.pos
			if d.lanes-d.pos.lane > k-1 {
				end[i] = lanePos{d.pos.lane + 1, 0}
				need -= float64(d.lambda * lanesBetween(d.pos, end[i]))
			}
		}
		for i, d := range shares {
			if need <= 0 {
				break
			}
			left := d.lanes - d.pos.lane
			if left == 0 {
				continue
			}
			hi := lanePos{d.pos.lane + 1, d.pos.frac}
			if left == 1 {
				hi = lanePos{d.lanes, 0}
			}
			room := lanesBetween(end[i], hi)
			if room <= 0 {
				continue
			}
			if mass := float64(d.lambda * room); mass <= need {
				end[i] = hi
				need -= mass
				continue
			}
			x, from := need/d.lambda, end[i]
			need = 0
			if f := from.frac + x; f >= 1 {
				end[i] = lanePos{from.lane + 1, f - 1}
			} else {
				end[i] = lanePos{from.lane, f}
			}
			if !end[i].before(hi) {
				end[i] = hi
			} else if from.before(end[i]) {
				end[i] = d.cutAt(end[i], from, hi)
			} else {
				end[i] = from
			}
			break
		}
		took := 0.0
		for i, d := range shares {
			if end[i] != d.pos {
				took += float64(d.lambda * lanesBetween(d.pos, end[i]))
				d.stretches = append(d.stretches, stretch{member: j, end: end[i]})
				d.pos = end[i]
			}
		}
		debt += took - share
	}
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
