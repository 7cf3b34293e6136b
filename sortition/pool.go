package sortition

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
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
	// Banded[c] reports whether some cells of category c held a whole
	// number that was placed in the band containing it (quota.ParseBand).
	Banded []bool
	// Delimiter is the field separator of the file.
	Delimiter rune
	// Notices are remarks about how the file was read that a caller may
	// show to the user (its encoding, ids taken from row numbers…).
	Notices []message.Reason
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
// error messages, and a name of the form FILE.xlsx:SHEET reads that sheet of
// a workbook (table.ParseNamed). All errors found (up to quota.MaxErrors)
// are returned together as a *quota.ErrorList.
//
// A person's value of a category is the quota value whose name has the
// same table.Key. When every value of a category is a band (quota.ParseBand)
// a cell holding a whole number is placed in the band that contains it
// (ages in years on age bands). Errors are reported where they are caused:
// a quota value that nobody in the pool has, close to a pool value that is
// not in the quotas, is one error on the quota file's line ("did you
// mean"); a category with no pool column, one error on the quota file's
// line with the closest column; a pool value not in the quotas, one error
// on its first line with the number of lines that have it.
func ParsePool(name string, data []byte, q *quota.Set, opt PoolOptions) (*Pool, error) {
	t, err := table.ParseNamed(name, data)
	if err != nil {
		return nil, quota.NotTextError(name, err)
	}
	file := name
	if t.Sheet != "" {
		file, _ = table.SplitSheet(name)
	}
	p := &Pool{Header: t.Header, IDColumn: -1, Quotas: q, Delimiter: t.Delimiter}
	switch {
	case t.Encoding == "Windows-1252" || t.Encoding == "UTF-16":
		p.Notices = append(p.Notices, message.New(message.NoticeEncoding, "file", name, "encoding", t.Encoding))
	case t.Sheet != "":
		p.Notices = append(p.Notices, message.New(message.NoticeSheet, "file", file, "sheet", table.Quote(t.Sheet)))
	}
	var errs quota.ErrorList
	add := func(e *quota.InputError) {
		if e.File == "" {
			e.File, e.Sheet = file, t.Sheet
		}
		errs.Add(e)
	}
	headerErr := func(kind quota.ErrorKind, column string, why message.Reason, suggestion string) {
		add(&quota.InputError{Line: t.HeaderLine, Column: column, Kind: kind, Reason: why, Suggestion: suggestion})
	}

	columns, dups := table.Columns(t.Header)
	for _, i := range dups {
		add(quota.DuplicateColumnError("", t.HeaderLine, t.Header[i]))
	}
	idName := opt.IDColumn
	if idName == "" {
		idName = DefaultIDColumn
	}
	if i, ok := columns[table.Key(idName)]; ok {
		p.IDColumn = i
	} else if opt.IDColumn != "" {
		suggest, name := didYouMean(opt.IDColumn, t.Header)
		headerErr(quota.MissingColumn, "", message.New(message.PoolNoIDColumn, "column", table.Quote(opt.IDColumn), "suggest", suggest, "columns", table.QuoteList(nonEmpty(t.Header), maxListed)), name)
	} else {
		p.Notices = append(p.Notices, message.New(message.NoticeRowNumbers, "file", name, "column", fmt.Sprintf("%q", DefaultIDColumn)))
	}
	for _, c := range q.Categories {
		i, ok := columns[table.Key(c.Name)]
		if !ok {
			add(missingCategory(q, c, t.Header, t.HeaderLine))
		}
		p.QuotaColumns = append(p.QuotaColumns, i)
	}
	if err := errs.Err(); err != nil {
		sortErrors(&errs, file, t.Sheet)
		return nil, err
	}
	if len(t.Records) == 0 {
		return nil, &quota.ErrorList{Errs: []*quota.InputError{{File: file, Sheet: t.Sheet, Kind: quota.EmptyPool, Reason: message.New(message.PoolEmpty)}}}
	}

	matchers := make([]*valueMatcher, len(q.Categories))
	for ci := range q.Categories {
		matchers[ci] = newValueMatcher(&q.Categories[ci])
	}
	seen := map[string]int{} // id → line
	for row, rec := range t.Records {
		rowErr := func(kind quota.ErrorKind, column, value string, why message.Reason) {
			add(&quota.InputError{Line: rec.Line, Column: column, Value: value, Kind: kind, Reason: why})
		}
		fields := rec.Fields
		if len(fields) > len(t.Header) {
			if extra := fields[len(t.Header):]; strings.TrimSpace(strings.Join(extra, "")) != "" {
				rowErr(quota.FieldCount, "", "", message.New(message.PoolFieldCount, "fields", len(fields), "columns", len(t.Header), "separator", table.DelimiterName(t.Delimiter)))
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
				rowErr(quota.EmptyID, column, "", message.New(message.PoolEmptyID))
			} else if first, dup := seen[person.ID]; dup {
				dup := message.PoolDuplicateID
				if t.Sheet != "" {
					dup = message.PoolDuplicateIDRow // a workbook's rows, as InputSheetRow says
				}
				rowErr(quota.DuplicateID, column, person.ID, message.New(dup, "id", table.Quote(person.ID), "line", first))
			} else {
				seen[person.ID] = rec.Line
			}
		} else {
			person.ID = strconv.Itoa(row + 1)
		}
		for ci, c := range q.Categories {
			col := p.QuotaColumns[ci]
			vi, e := matchers[ci].match(fields[col], rec.Line)
			if e != nil {
				e.Line, e.Column = rec.Line, strings.TrimSpace(t.Header[col])
				if e.Reason.IsZero() {
					e.Reason = message.New(message.PoolEmptyValue, "category", table.Cut(c.Name, table.MaxQuoted))
				}
				add(e)
				continue
			}
			person.Values[ci] = vi
		}
		p.People = append(p.People, person)
	}
	for ci, m := range matchers {
		p.Banded = append(p.Banded, m.byNumber > 0)
		for _, e := range m.unknownErrors(q, strings.TrimSpace(t.Header[p.QuotaColumns[ci]]), t.Sheet != "") {
			add(e)
		}
	}
	if err := errs.Err(); err != nil {
		sortErrors(&errs, file, t.Sheet)
		return nil, err
	}
	return p, nil
}

// sortErrors puts the errors in file and line order: those of the quota
// file first, at their cause, then those of the pool file (its file and
// sheet: the quotas may be another sheet of the same workbook).
func sortErrors(errs *quota.ErrorList, pool, sheet string) {
	inPool := func(e *quota.InputError) bool { return e.File == pool && e.Sheet == sheet }
	slices.SortStableFunc(errs.Errs, func(a, b *quota.InputError) int {
		if c := cmp.Compare(boolRank(inPool(a)), boolRank(inPool(b))); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// maxListed is how many names a message lists before it says how many more
// there are.
const maxListed = 10

// missingCategory returns the error for a quota category with no pool
// column: on the quota file's line that names it, with the closest column.
func missingCategory(q *quota.Set, c quota.Category, header []string, headerLine int) *quota.InputError {
	suggest, name := didYouMean(c.Name, header)
	why := message.New(message.PoolNoCategoryColumn, "category", table.Quote(c.Name), "suggest", suggest, "columns", table.QuoteList(nonEmpty(header), maxListed))
	if q.File == "" || len(c.Values) == 0 || c.Values[0].Line == 0 {
		return &quota.InputError{Line: headerLine, Kind: quota.MissingColumn, Value: c.Name, Reason: why, Suggestion: name}
	}
	return &quota.InputError{File: q.File, Sheet: q.Sheet, Line: c.Values[0].Line, Column: q.CategoryColumn, Value: c.Name, Kind: quota.UnknownCategory, Reason: why, Suggestion: name}
}

// didYouMean returns the suggestion (message.DidYouMean) of the name among
// names closest to s, and that name, when it is near enough (table.Near);
// the zero Reason and "" otherwise.
func didYouMean(s string, names []string) (message.Reason, string) {
	names = nonEmpty(names)
	i, _ := table.Closest(s, names)
	if i < 0 || !table.Near(s, names[i]) {
		return message.Reason{}, ""
	}
	name := strings.TrimSpace(names[i])
	return message.New(message.DidYouMean, "name", table.Quote(name)), name
}

// nonEmpty returns the names that are not blank, trimmed.
func nonEmpty(names []string) []string {
	var out []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// CheckPanelSize returns an *quota.InputError of kind BadPanelSize when a
// panel of k people cannot be drawn from the pool whatever the quotas, and
// an error when the quotas give shares whose bounds were not derived for k
// (quota.Set.ForPanel).
func (p *Pool) CheckPanelSize(k int) error {
	if k < 1 {
		return &quota.InputError{File: quota.PanelSizeFile, Kind: quota.BadPanelSize, Value: strconv.Itoa(k),
			Reason: message.New(message.PanelSizeBelowOne, "k", k)}
	}
	if k > len(p.People) {
		return &quota.InputError{File: quota.PanelSizeFile, Kind: quota.BadPanelSize, Value: strconv.Itoa(k),
			Reason: message.New(message.PanelSizeAbovePool, "k", k, "pool", len(p.People))}
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
