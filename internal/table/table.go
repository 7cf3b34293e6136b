package table

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/encoding/charmap"
	textunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/tirage/tirage/message"
)

// Table is a delimited text file decoded into a header and records.
type Table struct {
	// Header holds the header fields as written in the file (not trimmed).
	Header []string
	// HeaderLine is the physical line of the header.
	HeaderLine int
	// Records holds the data records, blank records left out.
	Records []Record
	// Delimiter is the field separator that was detected.
	Delimiter rune
	// Encoding names the character encoding that was detected:
	// "UTF-8", "UTF-8 with BOM", "UTF-16" or "Windows-1252", or
	// WorkbookEncoding for a workbook.
	Encoding string
	// Sheet is the name of the sheet read from a workbook, "" for text.
	// Lines are then the sheet's row numbers.
	Sheet string
}

// Record is one data record of a Table.
type Record struct {
	// Line is the physical line of the file on which the record starts.
	Line int
	// Fields holds the fields exactly as written (quotes removed).
	Fields []string
}

// SyntaxError reports a file that cannot be read as delimited text.
type SyntaxError struct {
	Line int // physical line, 0 when it does not apply
	// Problem says what is wrong: one of the message.Table… codes.
	Problem message.Reason
}

// Error returns the problem in English, with its line when known.
func (e *SyntaxError) Error() string { return e.AsReason().String() }

// AsReason returns the problem as a reason, with its line when known
// (message.TableAtLine).
func (e *SyntaxError) AsReason() message.Reason {
	if e.Line > 0 {
		return message.New(message.TableAtLine, "line", e.Line, "problem", e.Problem)
	}
	return e.Problem
}

// Parse decodes data, detects its delimiter from the header line and splits
// it into records; data that is an .xlsx workbook is read from its first
// sheet. It never modifies data.
func Parse(data []byte) (*Table, error) {
	return ParseSheet(data, "")
}

// ParseNamed parses the content of the file called name, as Parse does,
// except that a name of the form FILE.xlsx:SHEET (SplitSheet) reads the
// sheet SHEET of the workbook.
func ParseNamed(name string, data []byte) (*Table, error) {
	_, sheet := SplitSheet(name)
	return ParseSheet(data, sheet)
}

// ParseSheet parses data as Parse does, reading the named sheet when data is
// a workbook (its first sheet when sheet is ""). A sheet named for data
// that is not a workbook is an error.
func ParseSheet(data []byte, sheet string) (*Table, error) {
	if isZip(data) {
		return parseWorkbook(data, sheet)
	}
	if sheet != "" {
		return nil, &SyntaxError{Problem: message.New(message.TableSheetNotWorkbook, "sheet", Quote(sheet))}
	}
	text, encoding, err := decode(data)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, &SyntaxError{Problem: message.New(message.TableEmpty)}
	}
	delim := detectDelimiter(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	t := &Table{Delimiter: delim, Encoding: encoding}
	for {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &SyntaxError{Line: pe.StartLine, Problem: describeCSVError(pe)}
			}
			return nil, &SyntaxError{Problem: message.New(message.TableDetail, "detail", err.Error())}
		}
		line, _ := r.FieldPos(0)
		if blank(fields) {
			continue
		}
		if t.Header == nil {
			t.Header, t.HeaderLine = fields, line
			continue
		}
		t.Records = append(t.Records, Record{Line: line, Fields: fields})
	}
	if t.Header == nil {
		return nil, &SyntaxError{Problem: message.New(message.TableEmpty)}
	}
	return t, nil
}

func describeCSVError(pe *csv.ParseError) message.Reason {
	switch {
	case errors.Is(pe.Err, csv.ErrQuote):
		return message.New(message.TableQuote, "line", pe.Line, "char", pe.Column)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return message.New(message.TableBareQuote, "line", pe.Line, "char", pe.Column)
	default:
		return message.New(message.TableDetail, "detail", pe.Err.Error())
	}
}

// blank reports whether every field is empty after trimming, as in the rows
// of delimiters alone (";;;;") that spreadsheets leave at the end of exports.
func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decode turns data into text and names the encoding it found.
func decode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		data = data[len(bomUTF8):]
		if !utf8.Valid(data) {
			return "", "", &SyntaxError{Problem: message.New(message.TableNotUTF8)}
		}
		if err := checkText(data); err != nil {
			return "", "", err
		}
		return string(data), "UTF-8 with BOM", nil
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		dec := textunicode.UTF16(textunicode.LittleEndian, textunicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", "", &SyntaxError{Problem: message.New(message.TableBadUTF16, "detail", err.Error())}
		}
		if err := checkText(out); err != nil {
			return "", "", err
		}
		return string(out), "UTF-16", nil
	}
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return "", "", &SyntaxError{Problem: message.New(message.TableOldExcel)}
	}
	if err := checkText(data); err != nil {
		return "", "", err
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", &SyntaxError{Problem: message.New(message.TableEncoding)}
	}
	return string(out), "Windows-1252", nil
}

// checkText rejects data holding control characters other than tab, CR, LF
// and form feed, which no spreadsheet export contains.
func checkText(data []byte) error {
	for i, b := range data {
		if b < 0x20 && b != '\t' && b != '\r' && b != '\n' && b != '\f' {
			line := 1 + bytes.Count(data[:i], []byte{'\n'})
			return &SyntaxError{Line: line, Problem: message.New(message.TableBinary, "byte", fmt.Sprintf("0x%02X", b), "offset", i)}
		}
	}
	return nil
}

// detectDelimiter picks the separator from the first non-blank line: the one
// of comma, semicolon and tab occurring most often outside quotes. A tie, or
// none at all (a file of one column), gives the comma.
func detectDelimiter(text string) rune {
	var line string
	for rest := text; rest != ""; {
		var ok bool
		line, rest, ok = strings.Cut(rest, "\n")
		if strings.TrimSpace(line) != "" || !ok {
			break
		}
	}
	counts := map[rune]int{}
	inQuotes := false
	for _, c := range line {
		switch {
		case c == '"':
			inQuotes = !inQuotes
		case !inQuotes && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// Key is the form in which names and values are compared (SPEC.md 4.3):
// in Unicode normal form C; every apostrophe (' ’ ʼ ‘ ′) written as ', every
// dash (- ‐ ‑ ‒ – — − ﹣ －) as -, every run of white space (spaces, tabs,
// no-break spaces, thin spaces…) as one space; trimmed; and case-folded. So
// " Île-de-France", "ÎLE–DE–FRANCE" and a decomposed "Île-de-France" are the
// same key, and so are "Tranche d’âge" and "tranche  d'âge".
func Key(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00A0' || r == '\u202F' || r == '\u2007' || r == '\uFEFF':
			space = true
			continue
		case strings.ContainsRune(apostrophes, r):
			r = '\''
		case strings.ContainsRune(dashes, r):
			r = '-'
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	// A Caser is stateful, so each call makes its own.
	return cases.Fold().String(b.String())
}

// The characters Key writes as an apostrophe and as a dash.
const (
	apostrophes = "'\u2019\u02BC\u2018\u2032\u00B4\u0060"
	dashes      = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63\uFF0D"
)

// DelimiterName names a delimiter for messages, as a reason
// (message.DelimiterComma, …).
func DelimiterName(r rune) message.Reason {
	switch r {
	case ',':
		return message.New(message.DelimiterComma)
	case ';':
		return message.New(message.DelimiterSemicolon)
	case '\t':
		return message.New(message.DelimiterTab)
	}
	return message.New(message.Verbatim, "name", fmt.Sprintf("%q", r))
}

// Columns maps the Key of every named header column to its index. A name
// that appears again is left out of the map and its later indices are
// returned in dups, for the caller to report.
func Columns(header []string) (index map[string]int, dups []int) {
	index = map[string]int{}
	for i, h := range header {
		k := Key(h)
		if k == "" {
			continue
		}
		if _, dup := index[k]; dup {
			dups = append(dups, i)
			continue
		}
		index[k] = i
	}
	return index, dups
}

// RecordReader serves records that are already split, one per Read, as
// encoding/csv's Reader does: it is the reader gocsv decodes from.
type RecordReader struct {
	records [][]string
	next    int
}

// NewRecordReader returns a reader of the records, in order.
func NewRecordReader(records [][]string) *RecordReader {
	return &RecordReader{records: records}
}

// Read returns the next record, or io.EOF after the last.
func (r *RecordReader) Read() ([]string, error) {
	if r.next >= len(r.records) {
		return nil, io.EOF
	}
	r.next++
	return r.records[r.next-1], nil
}

// ReadAll returns the records not read yet.
func (r *RecordReader) ReadAll() ([][]string, error) {
	rest := r.records[r.next:]
	r.next = len(r.records)
	return rest, nil
}
