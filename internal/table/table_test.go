package table

import (
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseLinesAndDelimiters(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		delim rune
		lines []int
	}{
		{"comma LF", "a,b\n1,2\n3,4\n", ',', []int{2, 3}},
		{"semicolon CRLF", "a;b\r\n1;2\r\n3;4\r\n", ';', []int{2, 3}},
		{"tab", "a\tb\n1\t2\n", '\t', []int{2}},
		{"quoted newline", "a,b\n\"x\ny\",2\n3,4\n", ',', []int{2, 4}},
		{"quoted delimiter in header", "\"a;b\",c\n1,2\n", ',', []int{2}},
		{"blank lines and empty rows", "\n\na;b\n\n1;2\n;;\n ; \n3;4\n\n\n", ';', []int{5, 8}},
		{"no trailing newline", "a,b\n1,2", ',', []int{2}},
		{"single column", "id\nx\ny\n", ',', []int{2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := Parse([]byte(tt.data))
			require.NoError(t, err)
			assert.Equal(t, tt.delim, tab.Delimiter)
			var lines []int
			for _, r := range tab.Records {
				lines = append(lines, r.Line)
			}
			assert.Equal(t, tt.lines, lines)
		})
	}
}

func TestParseEncodings(t *testing.T) {
	want := []string{"Île-de-France", "Zoé"}
	tests := []struct {
		name     string
		data     []byte
		encoding string
	}{
		{"utf8", []byte("region,name\nÎle-de-France,Zoé\n"), "UTF-8"},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, "region,name\nÎle-de-France,Zoé\n"...), "UTF-8 with BOM"},
		{"windows-1252", []byte("region,name\n\xCEle-de-France,Zo\xE9\n"), "Windows-1252"},
		{"utf16le bom", utf16le("region\tname\r\nÎle-de-France\tZoé\r\n"), "UTF-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := Parse(tt.data)
			require.NoError(t, err)
			assert.Equal(t, tt.encoding, tab.Encoding)
			assert.Equal(t, []string{"region", "name"}, tab.Header)
			require.Len(t, tab.Records, 1)
			assert.Equal(t, want, tab.Records[0].Fields)
		})
	}
}

func utf16le(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r > 0xFFFF {
			panic("test helper handles the BMP only")
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		line int
	}{
		{"empty", nil, 0},
		{"only blank lines", []byte("\n \n;;\n"), 0},
		{"NUL", []byte("a,b\n1,\x00\n"), 2},
		{"xlsx", []byte("PK\x03\x04rest"), 0},
		{"xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1}, 0},
		{"open quote", []byte("a,b\n1,\"2\n3,4\n"), 2},
		{"bare quote", []byte("a,b\n1,2\"x\n"), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.data)
			var se *SyntaxError
			require.True(t, errors.As(err, &se), "%v", err)
			assert.Equal(t, tt.line, se.Line)
			assert.NotEmpty(t, se.Problem)
		})
	}
}

func TestKey(t *testing.T) {
	assert.Equal(t, Key("Île-de-France"), Key("  ÎLE-DE-FRANCE "))
	assert.Equal(t, Key("Île-de-France"), Key("I\u0302le-de-France"), "decomposed accents")
	assert.NotEqual(t, Key("Ile-de-France"), Key("Île-de-France"))
	assert.Equal(t, Key("STRASSE"), Key("Straße"), "full case folding")
}

func TestRecordReader(t *testing.T) {
	r := NewRecordReader([][]string{{"a"}, {"b"}, {"c"}})
	first, err := r.Read()
	assert.NoError(t, err)
	assert.Equal(t, []string{"a"}, first)
	rest, err := r.ReadAll()
	assert.NoError(t, err)
	assert.Equal(t, [][]string{{"b"}, {"c"}}, rest)
	_, err = r.Read()
	assert.ErrorIs(t, err, io.EOF)
}
