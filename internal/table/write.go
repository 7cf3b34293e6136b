package table

import (
	"bytes"
	"encoding/csv"
)

// BOM is the UTF-8 byte-order mark that begins the CSV files tirage writes,
// so that spreadsheet programs (Excel) read them as UTF-8.
const BOM = "\ufeff"

// EncodeCSV returns a CSV file as tirage writes every CSV file (audit/SPEC.md
// section 8): the UTF-8 byte-order mark, then the header and the rows,
// separated by sep (the pool file's separator: ',', ';' or a tab), with
// line-feed line ends (encoding/csv). Parse reads it back.
func EncodeCSV(sep rune, header []string, rows [][]string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(BOM)
	w := csv.NewWriter(&b)
	w.Comma = sep
	if err := w.Write(header); err != nil {
		return nil, err
	}
	if err := w.WriteAll(rows); err != nil { // WriteAll flushes
		return nil, err
	}
	return b.Bytes(), nil
}
