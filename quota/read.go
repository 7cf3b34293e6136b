package quota

import (
	"errors"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/gocarina/gocsv"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
)

// ReadFile reads and validates the quota file at path. Errors name the path.
func ReadFile(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// quotaRow is one quota file row in canonical column names; fields are kept
// as text so that every bad number can be reported with its line.
type quotaRow struct {
	Feature   string `csv:"feature"`
	Value     string `csv:"value"`
	Min       string `csv:"min"`
	Max       string `csv:"max"`
	MinFlex   string `csv:"min_flex"`
	MaxFlex   string `csv:"max_flex"`
	Share     string `csv:"share"`
	Tolerance string `csv:"tolerance"`
}

// dialectColumns names each dialect's category and value columns, as
// headerKey writes them (several spellings for the translated headers).
var dialectColumns = []struct {
	dialect  Dialect
	category []string
	value    []string
}{
	{FeatureValue, []string{"feature"}, []string{"value"}},
	{CategoryName, []string{"category"}, []string{"name"}},
	{CategoryFeature, []string{"category"}, []string{"feature"}},
	{French, []string{"categorie", "critere", "caracteristique"}, []string{"valeur", "modalite"}},
	{Spanish, []string{"categoria", "caracteristica"}, []string{"valor", "modalidad"}},
}

// boundColumns maps the spellings of the other columns, as headerKey writes
// them, in English, French and Spanish, to their canonical names.
var boundColumns = map[string]string{
	"min": "min", "minimum": "min", "mini": "min", "minimo": "min",
	"max": "max", "maximum": "max", "maxi": "max", "maximo": "max",
	"share": "share", "part": "share", "proportion": "share", "pourcentage": "share", "percentage": "share", "porcentaje": "share", "proporcion": "share",
	"tolerance": "tolerance", "tolerancia": "tolerance",
	"min_flex": "min_flex", "max_flex": "max_flex",
}

// headerKey is the form in which quota file headers are compared: Key
// without accents, so that "categorie" is "Catégorie" and "max" is "Máx".
func headerKey(h string) string {
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), Key(h))
	if err != nil {
		return Key(h)
	}
	return out
}

// Parse reads a quota file's content; name is used in error messages, and
// a name of the form FILE.xlsx:SHEET reads that sheet of a workbook
// (table.ParseNamed). All errors found are returned together as an
// *ErrorList.
func Parse(name string, data []byte) (*Set, error) {
	t, err := table.ParseNamed(name, data)
	if err != nil {
		return nil, NotTextError(name, err)
	}
	file, _ := table.SplitSheet(name)
	if t.Sheet == "" {
		file = name
	}
	s := &Set{File: file, Sheet: t.Sheet}
	if t.Encoding == "Windows-1252" || t.Encoding == "UTF-16" {
		s.Notices = append(s.Notices, message.New(message.NoticeEncoding, "file", name, "encoding", t.Encoding))
	}
	var errs ErrorList
	add := func(e *InputError) {
		e.File, e.Sheet = file, t.Sheet
		errs.Add(e)
	}

	// Map header columns to canonical names.
	canon, dialect, headerErrs := mapHeader(t)
	for _, e := range headerErrs {
		add(e)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	s.Dialect = dialect
	if s.Dialect != FeatureValue && s.Dialect != French && s.Dialect != Spanish {
		delete(canon, "min_flex")
		delete(canon, "max_flex")
	}

	// Decode rows with canonical names.
	colName := map[string]string{} // canonical → header spelling
	for c, i := range canon {
		colName[c] = strings.TrimSpace(t.Header[i])
	}
	s.CategoryColumn, s.ValueColumn = colName["feature"], colName["value"]
	rows, err := decodeRows(t, canon)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for i, r := range rows {
		rec := t.Records[i]
		if len(rec.Fields) > len(t.Header) && !blank(rec.Fields[len(t.Header):]) {
			add(&InputError{Line: rec.Line, Kind: FieldCount,
				Reason: message.New(message.QuotaFieldCount, "fields", len(rec.Fields), "columns", len(t.Header))})
			continue
		}
		s.addRow(rec.Line, r, colName, add)
	}
	s.checkShares(col(colName, "share"), add)
	if len(rows) == 0 && len(errs.Errs) == 0 {
		add(&InputError{Line: t.HeaderLine, Kind: MissingName, Reason: message.New(message.QuotaNoRows)})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// mapHeader finds the dialect of the header and the column of each
// canonical name ("feature" and "value" for the category and value columns
// of every dialect), or returns the header's errors.
func mapHeader(t *table.Table) (map[string]int, Dialect, []*InputError) {
	var errs []*InputError
	headerErr := func(kind ErrorKind, column string, why message.Reason) {
		errs = append(errs, &InputError{Line: t.HeaderLine, Column: column, Kind: kind, Reason: why})
	}
	_, dups := table.Columns(t.Header)
	for _, i := range dups {
		e := DuplicateColumnError("", t.HeaderLine, t.Header[i])
		errs = append(errs, e)
	}
	if len(errs) > 0 {
		return nil, 0, errs
	}
	pos := map[string]int{} // headerKey → column
	for i, h := range t.Header {
		if k := headerKey(h); k != "" {
			pos[k] = i
		}
	}
	canon := map[string]int{}
	var dialect Dialect
	for _, d := range dialectColumns {
		ci, vi := find(pos, d.category), find(pos, d.value)
		if ci >= 0 && vi >= 0 {
			dialect = d.dialect
			canon["feature"], canon["value"] = ci, vi
			break
		}
	}
	if dialect == 0 {
		headerErr(UnknownFormat, "", message.New(message.QuotaUnknownHeader,
			"header", table.Quote(strings.Join(t.Header, string(t.Delimiter))), "known", message.New(message.QuotaKnownHeaders)))
		return nil, 0, errs
	}
	for i, h := range t.Header {
		c, ok := boundColumns[headerKey(h)]
		if !ok {
			continue
		}
		if j, dup := canon[c]; dup {
			headerErr(DuplicateColumn, strings.TrimSpace(h), message.New(message.QuotaTwoColumns,
				"column", c, "a", table.Quote(strings.TrimSpace(t.Header[j])), "b", table.Quote(strings.TrimSpace(h))))
			continue
		}
		canon[c] = i
	}
	_, shares := canon["share"]
	for _, c := range []string{"min", "max"} {
		if _, ok := canon[c]; !ok && !shares {
			headerErr(MissingColumn, "", message.New(message.QuotaNoColumn, "column", fmt.Sprintf("%q", c), "dialect", dialect.String()))
		}
	}
	return canon, dialect, errs
}

// find returns the column of the first of names in pos, or -1.
func find(pos map[string]int, names []string) int {
	for _, n := range names {
		if i, ok := pos[n]; ok {
			return i
		}
	}
	return -1
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// addRow validates one row and adds it to s, or records its errors.
func (s *Set) addRow(line int, r quotaRow, col map[string]string, add func(*InputError)) {
	category, value := strings.TrimSpace(r.Feature), strings.TrimSpace(r.Value)
	bad := func(kind ErrorKind, column, val string, why message.Reason) {
		add(&InputError{Line: line, Column: column, Value: val, Kind: kind, Reason: why})
	}
	ok := true
	if category == "" {
		bad(MissingName, col["feature"], "", message.New(message.QuotaEmptyCategory))
		ok = false
	}
	if value == "" {
		bad(MissingName, col["value"], "", message.New(message.QuotaEmptyValue))
		ok = false
	}
	number := func(c, text string, def int) (int, bool) {
		t := strings.TrimSpace(text)
		if t == "" {
			if def >= 0 {
				return def, true
			}
			bad(BadBound, col[c], text, message.New(message.QuotaEmptyBound, "column", c))
			return 0, false
		}
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 {
			bad(BadBound, col[c], text, message.New(message.QuotaBadBound, "column", c, "text", table.Quote(t)))
			return 0, false
		}
		return n, true
	}
	minFlex, okMF := number("min_flex", r.MinFlex, 0)
	maxFlex, okXF := number("max_flex", r.MaxFlex, NoLimit)
	if shareText := strings.TrimSpace(r.Share); shareText != "" {
		// A target share instead of min and max.
		share, err := ParseShare(shareText)
		if err != nil {
			bad(BadShare, col["share"], shareText, shareReason(err))
			ok = false
		}
		if strings.TrimSpace(r.Min) != "" || strings.TrimSpace(r.Max) != "" {
			bad(BadShare, col["share"], shareText, message.New(message.QuotaShareAndBounds))
			ok = false
		}
		tolerance, okTol := number("tolerance", r.Tolerance, 0)
		if category == "" || value == "" || s.duplicate(category, value, line, col, bad) || !ok || !okTol || !okMF || !okXF {
			return
		}
		s.Add(category, Value{Name: value, Share: share, Tolerance: tolerance, MinFlex: minFlex, MaxFlex: maxFlex, Line: line})
		return
	}
	if t := strings.TrimSpace(r.Tolerance); t != "" {
		bad(BadShare, col["tolerance"], t, message.New(message.QuotaToleranceAlone))
		ok = false
	}
	lo, okLo := number("min", r.Min, -1)
	hi, okHi := number("max", r.Max, -1)
	ok = ok && okLo && okHi && okMF && okXF
	if okLo && okHi && lo > hi {
		bad(MinAboveMax, col["min"], strings.TrimSpace(r.Min), message.New(message.QuotaMinAboveMax, "min", lo, "max", hi))
		ok = false
	}
	if okLo && okMF && minFlex > lo {
		bad(BadFlex, col["min_flex"], strings.TrimSpace(r.MinFlex), message.New(message.QuotaMinFlex, "flex", minFlex, "min", lo))
		ok = false
	}
	if okHi && okXF && maxFlex < hi {
		bad(BadFlex, col["max_flex"], strings.TrimSpace(r.MaxFlex), message.New(message.QuotaMaxFlex, "flex", maxFlex, "max", hi))
		ok = false
	}
	if category == "" || value == "" || s.duplicate(category, value, line, col, bad) || !ok {
		return
	}
	s.Add(category, Value{Name: value, Min: lo, Max: hi, MinFlex: minFlex, MaxFlex: maxFlex, Line: line})
}

// duplicate reports, and records as an error, a value already given.
func (s *Set) duplicate(category, value string, line int, col map[string]string, bad func(kind ErrorKind, column, val string, why message.Reason)) bool {
	if ci, found := s.Category(category); found {
		if vi, dup := s.Categories[ci].Value(value); dup {
			prev := s.Categories[ci].Values[vi]
			bad(DuplicateQuota, col["value"], value, message.New(message.QuotaDuplicate, "category", table.Cut(category, table.MaxQuoted), "value", table.Quote(value), "line", prev.Line))
			return true
		}
	}
	return false
}

// checkShares records an error for every category whose shares add up to
// more than 1 (beyond ShareSumTolerance), or, when every value has a share,
// to less.
func (s *Set) checkShares(column string, add func(*InputError)) {
	for _, c := range s.Categories {
		sum := new(big.Rat)
		n, line := 0, 0
		for _, v := range c.Values {
			if v.Share != nil {
				sum.Add(sum, v.Share)
				if n == 0 {
					line = v.Line
				}
				n++
			}
		}
		if n == 0 {
			continue
		}
		over := sum.Cmp(big.NewRat(1, 1)) > 0 && !withinOfOne(sum)
		under := n == len(c.Values) && !withinOfOne(sum)
		if over || under {
			add(&InputError{Line: line, Column: column, Value: FormatShare(sum), Kind: BadShare,
				Reason: message.New(message.QuotaShareSum, "category", table.Cut(c.Name, table.MaxQuoted), "sum", FormatShare(sum))})
		}
	}
}

// col returns the header spelling of a canonical column, or its canonical
// name when the file has none.
func col(names map[string]string, c string) string {
	if n, ok := names[c]; ok {
		return n
	}
	return c
}

// decodeRows maps the table's records to quotaRow through canonical column
// names.
func decodeRows(t *table.Table, canon map[string]int) ([]quotaRow, error) {
	names := []string{"feature", "value", "min", "max", "min_flex", "max_flex", "share", "tolerance"}
	var header []string
	var cols []int
	for _, n := range names {
		if i, ok := canon[n]; ok {
			header = append(header, n)
			cols = append(cols, i)
		}
	}
	records := [][]string{header}
	for _, r := range t.Records {
		rec := make([]string, len(cols))
		for j, c := range cols {
			if c < len(r.Fields) {
				rec[j] = r.Fields[c]
			}
		}
		records = append(records, rec)
	}
	var rows []quotaRow
	if err := gocsv.UnmarshalCSV(table.NewRecordReader(records), &rows); err != nil && !errors.Is(err, gocsv.ErrEmptyCSVFile) {
		return nil, err
	}
	return rows, nil
}

// DuplicateColumnError reports a header column whose name appears earlier in
// the header. Readers of the other input files use it too.
func DuplicateColumnError(file string, line int, column string) *InputError {
	c := strings.TrimSpace(column)
	return &InputError{File: file, Line: line, Column: c, Kind: DuplicateColumn,
		Reason: message.New(message.DuplicateColumn, "column", table.Quote(c))}
}

// NotTextError turns an error from reading a file as delimited text into an
// *ErrorList of one NotText error naming the file. Readers of the other input
// files (the pool) use it so that all input errors share one type.
func NotTextError(name string, err error) error {
	file, _ := table.SplitSheet(name)
	var se *table.SyntaxError
	if errors.As(err, &se) {
		return &ErrorList{Errs: []*InputError{{File: file, Line: se.Line, Kind: NotText, Reason: se.Problem}}}
	}
	return &ErrorList{Errs: []*InputError{{File: file, Kind: NotText, Reason: message.New(message.TableDetail, "detail", err.Error())}}}
}
