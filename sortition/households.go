package sortition

import (
	"fmt"
	"strings"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
)

// Households returns, for every person in the pool, the number of their
// household (0, 1, 2… in order of first appearance), where a household is
// the set of people whose listed columns all match after trimming and
// case-folding. A person whose listed columns are all empty is a household
// of their own. columns are matched to the pool header like quota
// categories; an unknown column is an error.
func (p *Pool) Households(columns []string) ([]int, error) {
	index, _ := table.Columns(p.Header)
	idx := make([]int, len(columns))
	for i, name := range columns {
		j, ok := index[table.Key(name)]
		if !ok {
			suggest, _ := didYouMean(name, p.Header)
			return nil, message.Errorf(message.HouseholdColumn, "column", table.Quote(strings.TrimSpace(name)), "suggest", suggest, "columns", table.QuoteList(nonEmpty(p.Header), maxListed))
		}
		idx[i] = j
	}
	ids := map[string]int{}
	out := make([]int, len(p.People))
	for i, person := range p.People {
		parts := make([]string, len(idx))
		empty := true
		for j, c := range idx {
			parts[j] = table.Key(person.Fields[c])
			if parts[j] != "" {
				empty = false
			}
		}
		key := strings.Join(parts, "\x00")
		if empty {
			key = fmt.Sprintf("\x01person %d", i)
		}
		h, ok := ids[key]
		if !ok {
			h = len(ids)
			ids[key] = h
		}
		out[i] = h
	}
	return out, nil
}

// householdsOf returns the pool's household numbers for the columns, or nil
// without columns.
func (p *Pool) householdsOf(columns []string) ([]int, error) {
	if len(columns) == 0 {
		return nil, nil
	}
	return p.Households(columns)
}

// HouseholdSummary describes the households of a pool.
type HouseholdSummary struct {
	// Households is the number of households, People the number of people.
	Households, People int
	// Shared is the number of households of two or more people, and
	// InShared the number of people who live in one.
	Shared, InShared int
	// Largest is the number of people in the largest household.
	Largest int
}

// SummarizeHouseholds counts the households given by household numbers
// (Pool.Households).
func SummarizeHouseholds(household []int) HouseholdSummary {
	size := map[int]int{}
	for _, h := range household {
		size[h]++
	}
	s := HouseholdSummary{Households: len(size), People: len(household)}
	for _, n := range size {
		if n > 1 {
			s.Shared++
			s.InShared += n
		}
		s.Largest = max(s.Largest, n)
	}
	return s
}
