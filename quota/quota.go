package quota

import (
	"math/big"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
)

// NoLimit is the MaxFlex of a value whose quota file gives no max_flex: its
// max may be relaxed without limit.
const NoLimit = int(^uint32(0) >> 1)

// Set is a complete quota specification: every category and value with its
// bounds, in the order of the quota file.
type Set struct {
	// Categories in order of first appearance in the file.
	Categories []Category
	// Dialect is the quota file format that was read.
	Dialect Dialect
	// Notices are remarks about how the file was read (its encoding, for
	// instance) that a caller may show to the user.
	Notices []message.Reason
	// File and Sheet name the quota file (and its sheet, in a workbook)
	// that Parse read, for errors found later on its lines (a value that
	// matches nobody in the pool); "" for a Set built in code.
	File, Sheet string
	// CategoryColumn and ValueColumn are the headers of the quota file's
	// category and value columns, as written ("feature", "valeur"…).
	CategoryColumn, ValueColumn string

	index map[string]int // Key(category name) → index in Categories
	// panelSize is the panel size the bounds of values given by share were
	// derived for (ForPanel), 0 before.
	panelSize int
}

// Category is one quota category, such as gender, with its values.
type Category struct {
	Name   string  // as spelled in the quota file, trimmed
	Values []Value // in order of appearance

	index map[string]int // Key(value name) → index in Values
}

// Value is one value of a category with the bounds on how many panel
// members may have it.
type Value struct {
	Name string // as spelled in the quota file, trimmed
	// Min and Max are the inclusive bounds on the number of panel members
	// with this value. For a value given by Share they are derived for a
	// panel size by Set.ForPanel, and are 0 before.
	Min, Max int
	// Share, when not nil, is the value's target share of the panel, from
	// 0 to 1, given in the file instead of min and max; Tolerance is how
	// many seats the bounds may stray from the target (0 without).
	Share     *big.Rat
	Tolerance int
	// MinFlex and MaxFlex bound how far Min and Max may be relaxed when the
	// quotas cannot be met: MinFlex ≤ Min and MaxFlex ≥ Max. Without
	// min_flex in the file MinFlex is 0; without max_flex MaxFlex is NoLimit.
	// For a value given by share, ForPanel lowers MinFlex to Min and raises
	// MaxFlex to Max when the derived bounds are beyond them.
	MinFlex, MaxFlex int
	// Line is the line of the quota file that defined the value, 0 for a
	// Set built in code.
	Line int
}

// Dialect identifies a quota file format.
type Dialect int

// The quota file dialects, recognised from the header.
const (
	// FeatureValue is the Sortition Foundation's current format:
	// feature,value,min,max with optional min_flex,max_flex.
	FeatureValue Dialect = iota + 1
	// CategoryName is the Sortition Foundation's older format:
	// category,name,min,max.
	CategoryName
	// CategoryFeature is the format of the Nature 2021 replication data:
	// category,feature,min,max.
	CategoryFeature
	// French is the current format with French headers:
	// catégorie,valeur,min,max.
	French
	// Spanish is the current format with Spanish headers:
	// categoría,valor,mín,máx.
	Spanish
)

// String returns the dialect's header.
func (d Dialect) String() string {
	switch d {
	case FeatureValue:
		return "feature,value,min,max"
	case CategoryName:
		return "category,name,min,max"
	case CategoryFeature:
		return "category,feature,min,max"
	case French:
		return "catégorie,valeur,min,max"
	case Spanish:
		return "categoría,valor,mín,máx"
	}
	return "unknown"
}

// Key is the form in which category and value names are compared: Unicode
// NFC, apostrophes, dashes and white space normalised, trimmed and
// case-folded (table.Key).
func Key(name string) string { return table.Key(name) }

// Category returns the index of the category called name (compared by Key).
func (s *Set) Category(name string) (int, bool) {
	i, ok := s.index[Key(name)]
	return i, ok
}

// Value returns the index of the value called name (compared by Key).
func (c *Category) Value(name string) (int, bool) {
	i, ok := c.index[Key(name)]
	return i, ok
}

// NumValues returns the number of values over all categories.
func (s *Set) NumValues() int {
	n := 0
	for _, c := range s.Categories {
		n += len(c.Values)
	}
	return n
}

// Add appends a value with its bounds to the named category, creating the
// category if needed, and returns false when that value is already there.
// It is how code builds a Set without a file; Parse uses it too. Add does
// not check the bounds.
func (s *Set) Add(category string, v Value) bool {
	if s.index == nil {
		s.index = map[string]int{}
	}
	ci, ok := s.index[Key(category)]
	if !ok {
		ci = len(s.Categories)
		s.index[Key(category)] = ci
		s.Categories = append(s.Categories, Category{Name: category, index: map[string]int{}})
	}
	c := &s.Categories[ci]
	if _, dup := c.index[Key(v.Name)]; dup {
		return false
	}
	c.index[Key(v.Name)] = len(c.Values)
	c.Values = append(c.Values, v)
	return true
}

// Clone returns a deep copy of s, whose bounds can be changed without
// changing s.
func (s *Set) Clone() *Set {
	c := *s
	c.Notices = append([]message.Reason(nil), s.Notices...)
	c.Categories = make([]Category, len(s.Categories))
	c.index = make(map[string]int, len(s.index))
	for k, v := range s.index {
		c.index[k] = v
	}
	for i, cat := range s.Categories {
		nc := Category{Name: cat.Name, Values: append([]Value(nil), cat.Values...), index: make(map[string]int, len(cat.index))}
		for j, v := range nc.Values {
			if v.Share != nil {
				nc.Values[j].Share = new(big.Rat).Set(v.Share)
			}
		}
		for k, v := range cat.index {
			nc.index[k] = v
		}
		c.Categories[i] = nc
	}
	return &c
}
