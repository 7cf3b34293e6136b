package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// workbook returns the bytes of an .xlsx workbook with the given sheets,
// each a list of rows (nil rows are left empty).
func workbook(t testing.TB, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", name))
		} else {
			_, err := f.NewSheet(name)
			require.NoError(t, err)
		}
		for r, row := range sheets[name] {
			for c, v := range row {
				cell, err := excelize.CoordinatesToCellName(c+1, r+1)
				require.NoError(t, err)
				require.NoError(t, f.SetCellValue(name, cell, v))
			}
		}
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

func TestParseWorkbook(t *testing.T) {
	data := workbook(t, map[string][][]any{
		"Membres": {{"id", "Région", "Âge"}, {"p1", "Île-de-France", 34}, nil, {"p2", "Bretagne", 71}},
		"Quotas":  {{"catégorie", "valeur", "min", "max"}, {"Âge", "16-29", 1, 3}},
	}, "Membres", "Quotas")

	tab, err := Parse(data)
	require.NoError(t, err)
	assert.Equal(t, "Membres", tab.Sheet, "the first sheet")
	assert.Equal(t, WorkbookEncoding, tab.Encoding)
	assert.Equal(t, rune(WorkbookDelimiter), tab.Delimiter)
	assert.Equal(t, []string{"id", "Région", "Âge"}, tab.Header)
	require.Len(t, tab.Records, 2)
	assert.Equal(t, Record{Line: 2, Fields: []string{"p1", "Île-de-France", "34"}}, tab.Records[0])
	assert.Equal(t, 4, tab.Records[1].Line, "row numbers count the empty row")

	tab, err = ParseNamed("pool.xlsx:quotas", data)
	require.NoError(t, err)
	assert.Equal(t, "Quotas", tab.Sheet, "sheet names are matched as Key does")
	assert.Equal(t, []string{"Âge", "16-29", "1", "3"}, tab.Records[0].Fields)

	_, err = ParseSheet(data, "Feuil9")
	var se *SyntaxError
	require.True(t, errors.As(err, &se))
	assert.Contains(t, se.Problem.String(), `no sheet "Feuil9"; its sheets are "Membres", "Quotas"`)

	_, err = ParseSheet([]byte("a,b\n1,2\n"), "Membres")
	require.True(t, errors.As(err, &se))
	assert.Contains(t, se.Problem.String(), "not an Excel workbook")
}

func TestParseWorkbookRejects(t *testing.T) {
	empty := workbook(t, map[string][][]any{"Vide": nil}, "Vide")
	tests := []struct {
		name, problem string
		data          []byte
	}{
		{"empty sheet", `the sheet "Vide" is empty`, empty},
		{"broken zip", "cannot be read", []byte("PK\x03\x04 not really a zip")},
		{"truncated", "cannot be read", empty[:len(empty)/2]},
		{"ods", "OpenDocument", append([]byte("PK\x03\x04"), []byte("........................mimetypeapplication/vnd.oasis.opendocument.spreadsheet")...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.data)
			var se *SyntaxError
			require.True(t, errors.As(err, &se), "%v", err)
			assert.Contains(t, se.Problem.String(), tt.problem)
		})
	}
}

func TestSplitSheet(t *testing.T) {
	for _, tt := range []struct{ in, file, sheet string }{
		{"pool.xlsx", "pool.xlsx", ""},
		{"pool.xlsx:Membres", "pool.xlsx", "Membres"},
		{"dir/Pool.XLSX:Feuil 1", "dir/Pool.XLSX", "Feuil 1"},
		{`C:\data\pool.csv`, `C:\data\pool.csv`, ""},
		{`C:\data\pool.xlsx:A`, `C:\data\pool.xlsx`, "A"},
		{"a:b.csv", "a:b.csv", ""},
	} {
		file, sheet := SplitSheet(tt.in)
		assert.Equal(t, tt.file, file, tt.in)
		assert.Equal(t, tt.sheet, sheet, tt.in)
	}
}

// FuzzParseWorkbook checks that reading any workbook, or anything that
// starts as one, never panics, and that what is accepted has a header and
// records in increasing row order.
func FuzzParseWorkbook(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "fuzz-seeds", "*.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	partner, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "partner-fr", "*.xlsx"))
	seeds = append(seeds, partner...)
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "")
	}
	f.Add(workbook(f, map[string][][]any{"A": {{"id", "x"}, {"1", 2.5}}}, "A"), "A")
	f.Fuzz(func(t *testing.T, data []byte, sheet string) {
		tab, err := ParseSheet(data, sheet)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Problem.IsZero() || len(se.Problem.String()) > 1000 {
				t.Fatalf("error %v is not a short *SyntaxError", err)
			}
			return
		}
		if tab.Header == nil || tab.HeaderLine < 1 {
			t.Fatal("accepted a table without a header")
		}
		line := tab.HeaderLine
		for _, r := range tab.Records {
			if r.Line <= line {
				t.Fatalf("record lines do not increase: %d after %d", r.Line, line)
			}
			line = r.Line
		}
	})
}

func TestParseWorkbookRefusesDeclaredSizes(t *testing.T) {
	// A tiny zip whose styles part declares 1 GB: refused before anything
	// allocates that much.
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.CreateRaw(&zip.FileHeader{Name: "xl/styles.xml", Method: zip.Store, CompressedSize64: 1, UncompressedSize64: 1 << 30})
	require.NoError(t, err)
	_, err = w.Write([]byte("x"))
	require.NoError(t, err)
	require.NoError(t, z.Close())
	_, err = Parse(buf.Bytes())
	var se *SyntaxError
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Contains(t, se.Problem.String(), "unzips to more than 512 MB")
}
