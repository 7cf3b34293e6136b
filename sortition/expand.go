package sortition

import "sort"

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
