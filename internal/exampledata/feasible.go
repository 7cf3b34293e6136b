package main

// This file holds the exact feasibility check. People with the same profile
// are interchangeable for the quotas, so a panel is described by how many
// people of each profile ("type") it takes. A depth-first search over these
// counts, pruned by the quota bounds, looks for witness panels: one panel
// that meets every bound, and for every type a panel that contains at least
// one person of that type. Every witness is then checked person by person.
// A draw whose witnesses cannot all be found within the node budget is
// rejected, so an accepted draw always comes with explicit proof.

import (
	"fmt"
	"sort"
)

// A bound is the inclusive range of panel members allowed for one value.
type bound struct{ min, max int }

// bounds holds one bound per category and value.
type bounds [numCategories][]bound

// A personType groups the volunteers who share one profile.
type personType struct {
	prof    profile
	members []int // indices into the pool, ascending
}

// groupTypes groups the pool by profile, in lexicographic profile order.
func groupTypes(pool []profile) []personType {
	index := map[profile]int{}
	var types []personType
	for i, p := range pool {
		t, ok := index[p]
		if !ok {
			t = len(types)
			index[p] = t
			types = append(types, personType{prof: p})
		}
		types[t].members = append(types[t].members, i)
	}
	sort.Slice(types, func(a, b int) bool {
		pa, pb := types[a].prof, types[b].prof
		for c := range pa {
			if pa[c] != pb[c] {
				return pa[c] < pb[c]
			}
		}
		return false
	})
	return types
}

type searcher struct {
	k      int
	q      bounds
	types  []personType
	order  []int
	forced bool
	cnt    [numCategories][]int // panel members per value so far
	rem    [numCategories][]int // people per value in types not yet decided
	sel    int                  // panel members so far
	x      []int                // panel members per type
	nodes  int
	budget int
	failed map[string]bool
	// exhausted reports that the node budget ran out: the search gave up
	// without deciding.
	exhausted bool
}

func newSearcher(types []personType, q bounds, k, budget int) *searcher {
	return &searcher{k: k, q: q, types: types, budget: budget}
}

// find looks for a panel of exactly k people meeting every bound; if forced
// is a type index (not -1), the panel must contain at least one person of
// that type. It returns the number of people taken from each type.
func (s *searcher) find(forced int) ([]int, bool) {
	n := len(s.types)
	s.x = make([]int, n)
	s.sel, s.nodes, s.exhausted = 0, 0, false
	s.failed = map[string]bool{}
	for c := range categories {
		s.cnt[c] = make([]int, len(categories[c].values))
		s.rem[c] = make([]int, len(categories[c].values))
	}
	var poolCount [numCategories][]int
	for c := range categories {
		poolCount[c] = make([]int, len(categories[c].values))
	}
	for _, t := range s.types {
		for c, v := range t.prof {
			s.rem[c][v] += len(t.members)
			poolCount[c][v] += len(t.members)
		}
	}
	// Decide the forced type first, then types with rare values, then
	// large types.
	rarity := make([]int, n)
	for i, t := range s.types {
		rarity[i] = 1 << 30
		for c, v := range t.prof {
			rarity[i] = min(rarity[i], poolCount[c][v])
		}
	}
	s.order = s.order[:0]
	for i := range n {
		if i != forced {
			s.order = append(s.order, i)
		}
	}
	sort.SliceStable(s.order, func(a, b int) bool {
		ta, tb := s.order[a], s.order[b]
		if rarity[ta] != rarity[tb] {
			return rarity[ta] < rarity[tb]
		}
		return len(s.types[ta].members) > len(s.types[tb].members)
	})
	s.forced = forced >= 0
	if s.forced {
		s.order = append([]int{forced}, s.order...)
	}
	if !s.dfs(0) {
		return nil, false
	}
	return append([]int(nil), s.x...), true
}

// feasibleSoFar checks, for the r seats still to fill, that every bound can
// still be met.
func (s *searcher) feasibleSoFar(r int) bool {
	for c := range categories {
		need, room := 0, 0
		for v, b := range s.q[c] {
			if s.cnt[c][v]+s.rem[c][v] < b.min {
				return false
			}
			need += max(0, b.min-s.cnt[c][v])
			room += min(b.max-s.cnt[c][v], s.rem[c][v])
		}
		if need > r || room < r {
			return false
		}
	}
	return true
}

func (s *searcher) dfs(pos int) bool {
	s.nodes++
	if s.nodes > s.budget {
		s.exhausted = true
		return false
	}
	r := s.k - s.sel
	if !s.feasibleSoFar(r) {
		return false
	}
	if r == 0 {
		return true // every minimum is met and no maximum is exceeded
	}
	if pos == len(s.order) {
		return false
	}
	key := make([]byte, 0, 32)
	key = append(key, byte(pos))
	for c := range categories {
		for _, k := range s.cnt[c] {
			key = append(key, byte(k))
		}
	}
	if s.failed[string(key)] {
		return false
	}
	t := s.order[pos]
	prof, size := s.types[t].prof, len(s.types[t].members)
	most := min(size, r)
	for c, v := range prof {
		s.rem[c][v] -= size
		most = min(most, s.q[c][v].max-s.cnt[c][v])
	}
	least := 0
	if pos == 0 && s.forced {
		least = 1
	}
	// Try one person of this type first, which spreads witnesses over many
	// types, then none, then more.
	var tries []int
	if least <= 1 && 1 <= most {
		tries = append(tries, 1)
	}
	if least == 0 {
		tries = append(tries, 0)
	}
	for m := 2; m <= most; m++ {
		tries = append(tries, m)
	}
	for _, m := range tries {
		s.take(t, m)
		if s.dfs(pos + 1) {
			return true
		}
		s.take(t, -m)
		if s.exhausted {
			return false
		}
	}
	for c, v := range prof {
		s.rem[c][v] += size
	}
	s.failed[string(key)] = true
	return false
}

func (s *searcher) take(t, m int) {
	s.x[t] += m
	s.sel += m
	for c, v := range s.types[t].prof {
		s.cnt[c][v] += m
	}
}

// verifyPanel checks a concrete panel person by person: exactly k distinct
// volunteers, and every value count within its bounds.
func verifyPanel(panel []int, pool []profile, q bounds, k int) error {
	if len(panel) != k {
		return fmt.Errorf("panel has %d people, want %d", len(panel), k)
	}
	seen := map[int]bool{}
	var cnt [numCategories][]int
	for c := range categories {
		cnt[c] = make([]int, len(categories[c].values))
	}
	for _, i := range panel {
		if i < 0 || i >= len(pool) || seen[i] {
			return fmt.Errorf("panel member %d is invalid or repeated", i)
		}
		seen[i] = true
		for c, v := range pool[i] {
			cnt[c][v]++
		}
	}
	for c := range categories {
		for v, b := range q[c] {
			if cnt[c][v] < b.min || cnt[c][v] > b.max {
				return fmt.Errorf("%s=%s: %d panel members, bounds [%d, %d]",
					categories[c].name, categories[c].values[v], cnt[c][v], b.min, b.max)
			}
		}
	}
	return nil
}

// feasibility is the outcome of the witness search.
type feasibility struct {
	types     int // distinct profiles in the pool
	witnesses int // witness panels found
	nodes     int // search nodes over all searches
	verified  int // volunteers each shown in a verified panel
}

// checkFeasible finds witness panels until every type is covered and then
// verifies, for every volunteer, a concrete panel that contains them.
func checkFeasible(pool []profile, q bounds, k, budget int) (feasibility, error) {
	types := groupTypes(pool)
	res := feasibility{types: len(types)}
	s := newSearcher(types, q, k, budget)
	witnessOf := make([][]int, len(types)) // a witness containing each type
	record := func(x []int) {
		res.witnesses++
		for t, m := range x {
			if m > 0 && witnessOf[t] == nil {
				witnessOf[t] = x
			}
		}
	}
	x, ok := s.find(-1)
	res.nodes += s.nodes
	if !ok {
		if s.exhausted {
			return res, fmt.Errorf("no panel found within %d search nodes", budget)
		}
		return res, fmt.Errorf("no panel of %d meets the quotas", k)
	}
	record(x)
	for t := range types {
		if witnessOf[t] != nil {
			continue
		}
		x, ok := s.find(t)
		res.nodes += s.nodes
		if !ok {
			if s.exhausted {
				return res, fmt.Errorf("type %v: no panel found within %d search nodes", types[t].prof, budget)
			}
			return res, fmt.Errorf("type %v is in no feasible panel", types[t].prof)
		}
		record(x)
	}
	// People of one type are interchangeable: for volunteer i, take the
	// witness of i's type and put i first among the people of that type.
	typeOf := make([]int, len(pool))
	for t, ty := range types {
		for _, i := range ty.members {
			typeOf[i] = t
		}
	}
	for i := range pool {
		x := witnessOf[typeOf[i]]
		var panel []int
		for t, m := range x {
			members := types[t].members
			if t == typeOf[i] {
				members = append([]int{i}, without(members, i)...)
			}
			panel = append(panel, members[:m]...)
		}
		if err := verifyPanel(panel, pool, q, k); err != nil {
			return res, fmt.Errorf("witness for volunteer %d: %v", i, err)
		}
		res.verified++
	}
	return res, nil
}

func without(xs []int, drop int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		if x != drop {
			out = append(out, x)
		}
	}
	return out
}
