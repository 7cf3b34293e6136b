// Package sortition holds the pool of volunteers and the algorithms that
// select a panel from it: the lotteries over quota-satisfying panels, their
// rounding, and the draw.
package sortition

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/quota"
)

// Pool is the set of volunteers a panel is drawn from, read from a file with
// one row per person and one column per quota category; all other columns
// are kept verbatim so that outputs can carry them.
type Pool struct {
	// Header holds the column names exactly as written in the file.
	Header []string
	// IDColumn is the index in Header of the id column, or -1 when the
	// pool has none and ids are the 1-based data row numbers.
	IDColumn int
	// QuotaColumns[c] is the index in Header of the column holding
	// quota category c (Quotas.Categories[c]).
	QuotaColumns []int
	// Quotas is the quota set the people's values refer to.
	Quotas *quota.Set
	// People in file order.
	People []Person
	// Delimiter is the field separator of the file.
	Delimiter rune
	// Notices are remarks about how the file was read that a caller may
	// show to the user (its encoding, ids taken from row numbers…).
	Notices []string
}

// Person is one volunteer.
type Person struct {
	// ID identifies the person; it is trimmed.
	ID string
	// Line is the line of the pool file on which the person's row starts.
	Line int
	// Fields holds every column of the row exactly as written, one per
	// Header column.
	Fields []string
	// Values[c] is the index, in Quotas.Categories[c].Values, of the
	// person's value for category c.
	Values []int
}

// PoolOptions control how a pool file is read.
type PoolOptions struct {
	// IDColumn names the column holding people's ids. When empty, a
	// column named "id" is used if there is one, and otherwise people are
	// numbered by data row (1, 2, …) with a notice saying so.
	IDColumn string
}

// DefaultIDColumn is the id column used when PoolOptions.IDColumn is empty.
const DefaultIDColumn = "id"

// ReadPool reads and validates the pool file at path against the quotas.
func ReadPool(path string, q *quota.Set, opt PoolOptions) (*Pool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParsePool(path, data, q, opt)
}

// ParsePool reads a pool file's content against the quotas; name is used in
// error messages. All errors found (up to quota.MaxErrors) are returned
// together as a *quota.ErrorList.
func ParsePool(name string, data []byte, q *quota.Set, opt PoolOptions) (*Pool, error) {
	t, err := table.Parse(data)
	if err != nil {
		return nil, quota.NotTextError(name, err)
	}
	p := &Pool{Header: t.Header, IDColumn: -1, Quotas: q, Delimiter: t.Delimiter}
	if t.Encoding == "Windows-1252" || t.Encoding == "UTF-16" {
		p.Notices = append(p.Notices, fmt.Sprintf("%s: read as %s text", name, t.Encoding))
	}
	var errs quota.ErrorList
	headerErr := func(kind quota.ErrorKind, column, msg string) {
		errs.Add(&quota.InputError{File: name, Line: t.HeaderLine, Column: column, Kind: kind, Msg: msg})
	}

	columns, dups := table.Columns(t.Header)
	for _, i := range dups {
		errs.Add(quota.DuplicateColumnError(name, t.HeaderLine, t.Header[i]))
	}
	idName := opt.IDColumn
	if idName == "" {
		idName = DefaultIDColumn
	}
	if i, ok := columns[table.Key(idName)]; ok {
		p.IDColumn = i
	} else if opt.IDColumn != "" {
		headerErr(quota.MissingColumn, "", fmt.Sprintf("there is no id column %q; the columns are: %s", opt.IDColumn, listNames(t.Header)))
	} else {
		p.Notices = append(p.Notices, fmt.Sprintf("%s has no %q column: people are identified by their data row number (1 = the first row after the header)", name, DefaultIDColumn))
	}
	for _, c := range q.Categories {
		i, ok := columns[table.Key(c.Name)]
		if !ok {
			headerErr(quota.MissingColumn, "", fmt.Sprintf("the quota category %q has no column in the pool; the columns are: %s", c.Name, listNames(t.Header)))
		}
		p.QuotaColumns = append(p.QuotaColumns, i)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(t.Records) == 0 {
		return nil, &quota.ErrorList{Errs: []*quota.InputError{{File: name, Kind: quota.EmptyPool, Msg: "the pool has no people: the file has a header but no data rows"}}}
	}

	seen := map[string]int{} // id → line
	for row, rec := range t.Records {
		rowErr := func(kind quota.ErrorKind, column, value, msg string) {
			errs.Add(&quota.InputError{File: name, Line: rec.Line, Column: column, Value: value, Kind: kind, Msg: msg})
		}
		fields := rec.Fields
		if len(fields) > len(t.Header) {
			if extra := fields[len(t.Header):]; strings.TrimSpace(strings.Join(extra, "")) != "" {
				rowErr(quota.FieldCount, "", "", fmt.Sprintf("the row has %d fields but the header has %d columns; a value may contain an unquoted separator (%s)", len(fields), len(t.Header), table.DelimiterName(t.Delimiter)))
				continue
			}
			fields = fields[:len(t.Header)]
		}
		for len(fields) < len(t.Header) {
			fields = append(fields, "")
		}
		person := Person{Line: rec.Line, Fields: fields, Values: make([]int, len(q.Categories))}
		if p.IDColumn >= 0 {
			person.ID = strings.TrimSpace(fields[p.IDColumn])
			column := strings.TrimSpace(t.Header[p.IDColumn])
			if person.ID == "" {
				rowErr(quota.EmptyID, column, "", "the id is empty; every person needs a unique id")
			} else if first, dup := seen[person.ID]; dup {
				rowErr(quota.DuplicateID, column, person.ID, fmt.Sprintf("the id %q is already used on line %d; ids must be unique", person.ID, first))
			} else {
				seen[person.ID] = rec.Line
			}
		} else {
			person.ID = strconv.Itoa(row + 1)
		}
		for ci, c := range q.Categories {
			col := p.QuotaColumns[ci]
			raw := fields[col]
			vi, ok := c.Value(raw)
			if !ok {
				what := fmt.Sprintf("%q is not a value of %s in the quotas", strings.TrimSpace(raw), c.Name)
				if strings.TrimSpace(raw) == "" {
					what = fmt.Sprintf("the value of %s is empty", c.Name)
				}
				rowErr(quota.UnknownValue, strings.TrimSpace(t.Header[col]), raw, fmt.Sprintf("%s; allowed: %s", what, valueNames(c)))
				continue
			}
			person.Values[ci] = vi
		}
		p.People = append(p.People, person)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// CheckPanelSize returns an *quota.InputError of kind BadPanelSize when a
// panel of k people cannot be drawn from the pool whatever the quotas, and
// an error when the quotas give shares whose bounds were not derived for k
// (quota.Set.ForPanel).
func (p *Pool) CheckPanelSize(k int) error {
	if k < 1 {
		return &quota.InputError{File: "panel size", Kind: quota.BadPanelSize, Value: strconv.Itoa(k),
			Msg: fmt.Sprintf("the panel size must be at least 1, not %d", k)}
	}
	if k > len(p.People) {
		return &quota.InputError{File: "panel size", Kind: quota.BadPanelSize, Value: strconv.Itoa(k),
			Msg: fmt.Sprintf("the panel size %d is larger than the pool (%d people)", k, len(p.People))}
	}
	if p.Quotas.HasShares() && p.Quotas.PanelSize() != k {
		return fmt.Errorf("the quotas give shares, whose bounds were derived for a panel of %d, not %d: derive them with quota.Set.ForPanel(%d)", p.Quotas.PanelSize(), k, k)
	}
	return nil
}

// Counts returns how many people in the pool have each quota value.
func (p *Pool) Counts() quota.Counts {
	counts := make(quota.Counts, len(p.Quotas.Categories))
	for ci, c := range p.Quotas.Categories {
		counts[ci] = make([]int, len(c.Values))
	}
	for _, person := range p.People {
		for ci, vi := range person.Values {
			counts[ci][vi]++
		}
	}
	return counts
}

func listNames(header []string) string {
	var names []string
	for _, h := range header {
		if h = strings.TrimSpace(h); h != "" {
			names = append(names, strconv.Quote(h))
		}
	}
	return strings.Join(names, ", ")
}

func valueNames(c quota.Category) string {
	names := make([]string, len(c.Values))
	for i, v := range c.Values {
		names[i] = v.Name
	}
	return strings.Join(names, ", ")
}
