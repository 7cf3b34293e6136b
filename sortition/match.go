package sortition

import (
	"fmt"
	"strings"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
)

// valueMatcher finds the quota value of one category for each pool cell,
// counts the people of each value, and keeps the cells that match no value
// so that they are reported once, where they are caused.
type valueMatcher struct {
	c        *quota.Category
	bands    []quota.Band // the values' bands when every value is one, else nil
	counts   []int        // pool rows per value
	byNumber int          // cells placed in a band by their number
	unknown  []*unknownValue
	byKey    map[string]*unknownValue // table.Key → unknown value
}

// unknownValue is a pool value of a category that is not in the quotas.
type unknownValue struct {
	text  string // as first written, trimmed
	lines []int  // the first maxLines lines that have it
	count int    // the lines that have it
}

// maxLines is how many lines of a repeated value a message names.
const maxLines = 5

func newValueMatcher(c *quota.Category) *valueMatcher {
	return &valueMatcher{c: c, bands: c.Bands(), counts: make([]int, len(c.Values)), byKey: map[string]*unknownValue{}}
}

// match returns the index of the value of raw, a cell of the category's
// column on the given line; or an error for the cell (its Line and Column
// left for the caller); or -1 and no error when raw is a value not in the
// quotas, kept for unknownErrors.
func (m *valueMatcher) match(raw string, line int) (int, *quota.InputError) {
	if vi, ok := m.c.Value(raw); ok {
		m.counts[vi]++
		return vi, nil
	}
	name := table.Cut(m.c.Name, table.MaxQuoted)
	text := strings.TrimSpace(raw)
	if text == "" {
		return -1, &quota.InputError{Kind: quota.UnknownValue, Reason: message.New(message.PoolEmptyValue, "category", name)}
	}
	if n, ok := quota.ParseWholeNumber(text); ok && m.bands != nil {
		var in []int
		for vi, b := range m.bands {
			if b.Contains(n) {
				in = append(in, vi)
			}
		}
		switch len(in) {
		case 1:
			m.counts[in[0]]++
			m.byNumber++
			return in[0], nil
		case 0:
			return -1, &quota.InputError{Kind: quota.NoBand, Value: text, Reason: message.New(message.PoolNoBand, "n", n, "category", name, "bands", m.bandList())}
		default:
			a, b := m.c.Values[in[0]], m.c.Values[in[1]]
			return -1, &quota.InputError{Kind: quota.TwoBands, Value: text, Reason: message.New(message.PoolTwoBands, "n", n, "category", name, "a", table.Quote(a.Name), "aline", a.Line, "b", table.Quote(b.Name), "bline", b.Line)}
		}
	}
	k := table.Key(raw)
	u := m.byKey[k]
	if u == nil {
		u = &unknownValue{text: text}
		m.byKey[k] = u
		m.unknown = append(m.unknown, u)
	}
	u.count++
	if len(u.lines) < maxLines {
		u.lines = append(u.lines, line)
	}
	return -1, nil
}

// bandList writes the bands of the category for a message.
func (m *valueMatcher) bandList() string {
	var parts []string
	for vi, b := range m.bands {
		if vi == maxListed {
			parts = append(parts, fmt.Sprintf("and %d more", len(m.bands)-maxListed))
			break
		}
		parts = append(parts, fmt.Sprintf("%s: %s", table.Quote(m.c.Values[vi].Name), b))
	}
	return strings.Join(parts, ", ")
}

// unknownErrors returns the errors for the pool values not in the quotas,
// at their cause. A quota value that nobody in the pool has is paired with
// the nearest pool value not in the quotas that two or more people have
// (table.Near, or the only one of each): one error on the quota file's
// line, with the suggestion and the number of people who have it. Each other pool value not in the quotas is
// one error on its first line of the pool, with the number of lines that
// have it; the quota values are listed in the first of them only. column
// is the pool's column of the category.
func (m *valueMatcher) unknownErrors(q *quota.Set, column string, sheet bool) []*quota.InputError {
	if len(m.unknown) == 0 {
		return nil
	}
	var zero []int // values nobody has
	for vi, n := range m.counts {
		if n == 0 {
			zero = append(zero, vi)
		}
	}
	name := table.Cut(m.c.Name, table.MaxQuoted)
	paired := map[*unknownValue]bool{}
	var out []*quota.InputError
	for _, vi := range zero {
		v := m.c.Values[vi]
		var best *unknownValue
		bestD := 0
		for _, u := range m.unknown {
			if d := table.Distance(v.Name, u.text); !paired[u] && (best == nil || d < bestD) {
				best, bestD = u, d
			}
		}
		// A value on one line of the pool is more likely the pool's typo.
		if best == nil || best.count < 2 || q.File == "" || v.Line == 0 || !(table.Near(v.Name, best.text) || len(zero) == 1 && len(m.unknown) == 1) {
			continue
		}
		paired[best] = true
		out = append(out, &quota.InputError{File: q.File, Sheet: q.Sheet, Line: v.Line, Column: q.ValueColumn, Value: v.Name, Kind: quota.ValueNotInPool, Suggestion: best.text,
			Reason: message.New(message.PoolValueNotInPool, "category", name, "value", table.Quote(v.Name), "suggest", table.Quote(best.text), "n", best.count, "column", table.Quote(column), "where", best.where(sheet))})
	}
	listed, shown := false, 0
	for _, u := range m.unknown {
		if paired[u] {
			continue
		}
		if shown++; shown > quota.MaxSame {
			// Counted in the More of the last one shown: no message needed.
			out = append(out, &quota.InputError{Line: u.lines[0], Column: column, Value: u.text, Kind: quota.UnknownValue, Reason: message.New(message.PoolNotInQuotas)})
			continue
		}
		code := message.PoolUnknownValue
		if m.bands != nil {
			code = message.PoolUnknownNumber
		}
		names := make([]string, len(m.c.Values))
		for i, v := range m.c.Values {
			names[i] = v.Name
		}
		suggest, suggestion := didYouMean(u.text, names)
		var lines, values message.Reason
		if u.count > 1 {
			have := message.PoolLinesHaveIt
			if sheet {
				have = message.PoolRowsHaveIt
			}
			lines = message.New(have, "n", u.count, "where", u.where(sheet))
		}
		if !listed {
			values = message.New(message.PoolQuotaValues, "category", name, "values", table.QuoteList(names, maxListed))
			listed = true
		}
		why := message.New(code, "value", table.Quote(u.text), "category", name, "suggest", suggest, "lines", lines, "values", values)
		out = append(out, &quota.InputError{Line: u.lines[0], Column: column, Value: u.text, Kind: quota.UnknownValue, Reason: why, Suggestion: suggestion})
	}
	return out
}

// where names the lines that have the value: "line 3", "lines 3, 5, 9,
// 12, 20 and 169 more"; rows in place of lines in a workbook's sheet.
func (u *unknownValue) where(sheet bool) message.Reason {
	one, many, more := message.WhereLine, message.WhereLines, message.WhereLinesMore
	if sheet {
		one, many, more = message.WhereRow, message.WhereRows, message.WhereRowsMore
	}
	if u.count == 1 {
		return message.New(one, "line", u.lines[0])
	}
	lines := table.LineList(u.lines, maxLines)
	if u.count > len(u.lines) {
		return message.New(more, "lines", lines, "more", u.count-len(u.lines))
	}
	return message.New(many, "lines", lines)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
