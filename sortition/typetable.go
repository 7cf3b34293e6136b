package sortition

import "fmt"

// typeTable groups the pool into types: people with the same quota values
// and no household tie are interchangeable; a person who shares a
// household with someone else is a type of their own.
type typeTable struct {
	members [][]int // per type: indices into Pool.People, ascending
	values  [][]int // per type: value index per category
	groups  [][]int // household groups of two or more types
	of      []int   // per person: their type
}

func buildTypes(p *Pool, household []int) *typeTable {
	tt := &typeTable{of: make([]int, len(p.People))}
	size := map[int]int{}
	for _, h := range household {
		size[h]++
	}
	byKey := map[string]int{}
	groupOf := map[int][]int{}
	var groupOrder []int
	for i, person := range p.People {
		tied := household != nil && size[household[i]] > 1
		key := fmt.Sprint(person.Values)
		t, ok := byKey[key]
		if tied || !ok {
			t = len(tt.members)
			tt.members = append(tt.members, nil)
			tt.values = append(tt.values, person.Values)
			if !tied {
				byKey[key] = t
			}
		}
		tt.members[t] = append(tt.members[t], i)
		tt.of[i] = t
		if tied {
			h := household[i]
			if _, seen := groupOf[h]; !seen {
				groupOrder = append(groupOrder, h)
			}
			groupOf[h] = append(groupOf[h], t)
		}
	}
	for _, h := range groupOrder {
		tt.groups = append(tt.groups, groupOf[h])
	}
	return tt
}
