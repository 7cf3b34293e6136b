package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/tirage/tirage/message"
)

// WorkbookDelimiter is the Delimiter of a Table read from a workbook: the
// separator of the CSV files written for it. It is the semicolon, which
// Excel expects in France and most of continental Europe, where a decimal
// comma rules the comma out.
const WorkbookDelimiter = ';'

// WorkbookEncoding is the Encoding of a Table read from a workbook.
const WorkbookEncoding = "Excel workbook"

// maxUnzipped bounds the bytes a workbook may unzip to, so that a small
// file cannot expand without end (a pool of 100,000 people with 20 columns
// unzips to about 100 MB); maxPart bounds each part other than the sheets
// and their shared strings, which excelize reads into memory whole, and
// above which a sheet is read from a temporary file.
const (
	maxUnzipped = 512 << 20
	maxPart     = 16 << 20
)

// checkSizes refuses a workbook whose parts declare more than the bounds,
// before excelize allocates what they declare.
func checkSizes(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	var total uint64
	for _, f := range z.File {
		total += f.UncompressedSize64
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		big := strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml"
		if total > maxUnzipped || !big && f.UncompressedSize64 > maxPart {
			return &SyntaxError{Problem: message.New(message.TableUnzipsTooLarge, "mb", maxUnzipped>>20)}
		}
	}
	return nil
}

// SplitSheet splits a file name of the form FILE.xlsx:SHEET, which names
// the sheet SHEET of the workbook FILE.xlsx, into the file and the sheet. A
// name of another form is returned whole, with sheet "".
func SplitSheet(name string) (file, sheet string) {
	i := strings.LastIndex(name, ":")
	if i > 0 && strings.HasSuffix(strings.ToLower(name[:i]), ".xlsx") {
		return name[:i], name[i+1:]
	}
	return name, ""
}

// isZip reports whether data starts as a zip archive, which an .xlsx
// workbook is.
func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// parseWorkbook reads the named sheet of an .xlsx workbook, or its first
// sheet when sheet is "". Each row is a record whose Line is the row's
// number in the sheet; cells are read as the spreadsheet shows them, their
// number format applied.
func parseWorkbook(data []byte, sheet string) (*Table, error) {
	if bytes.Contains(data[:min(len(data), 100)], []byte("opendocument")) {
		return nil, &SyntaxError{Problem: message.New(message.TableODS)}
	}
	err := checkSizes(data)
	var f *excelize.File
	if err == nil {
		f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxPart})
	}
	var tooLarge *SyntaxError
	if errors.As(err, &tooLarge) {
		return nil, tooLarge
	}
	if err != nil {
		return nil, &SyntaxError{Problem: message.New(message.TableBadXLSX, "detail", Cut(err.Error(), 200))}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, &SyntaxError{Problem: message.New(message.TableNoSheets)}
	}
	name := sheets[0]
	if sheet != "" {
		name = ""
		for _, s := range sheets {
			if Key(s) == Key(sheet) {
				name = s
			}
		}
		if name == "" {
			return nil, &SyntaxError{Problem: message.New(message.TableNoSheet, "sheet", Quote(sheet), "sheets", QuoteList(sheets, 10))}
		}
	}
	rows, err := sheetRows(f, name)
	var bad *rowError
	if errors.As(err, &bad) {
		return nil, &SyntaxError{Problem: message.New(message.TableRowUnreadable, "sheet", Quote(name), "row", bad.row, "detail", Cut(bad.err.Error(), 200))}
	}
	if err != nil {
		return nil, &SyntaxError{Problem: message.New(message.TableSheetUnreadable, "sheet", Quote(name), "detail", Cut(err.Error(), 200))}
	}
	t := &Table{Delimiter: WorkbookDelimiter, Encoding: WorkbookEncoding, Sheet: name}
	for i, fields := range rows {
		if blank(fields) {
			continue
		}
		if t.Header == nil {
			t.Header, t.HeaderLine = fields, i+1
			continue
		}
		t.Records = append(t.Records, Record{Line: i + 1, Fields: fields})
	}
	if t.Header == nil {
		return nil, &SyntaxError{Problem: message.New(message.TableSheetEmpty, "sheet", Quote(name))}
	}
	return t, nil
}

// rowError is an error reading a row of a sheet: its number and excelize's
// error.
type rowError struct {
	row int
	err error
}

func (e *rowError) Error() string { return e.err.Error() }

// sheetRows returns the rows of a sheet, row i+1 at index i (empty rows
// included), or the first error met reading them.
func sheetRows(f *excelize.File, sheet string) ([][]string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for n := 0; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			rows.Close()
			return nil, &rowError{row: n + 1, err: err}
		}
		out = append(out, cells)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if err := rows.Error(); err != nil && !errors.Is(err, excelize.ErrMaxRows) {
		return nil, err
	}
	return out, nil
}
