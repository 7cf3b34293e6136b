package table

import (
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/message"
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
			assert.False(t, se.Problem.IsZero())
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

func TestKeyNormalises(t *testing.T) {
	same := [][]string{
		{"Tranche d'âge", "Tranche d’âge", "tranche dʼâge", "Tranche  d'âge", "Tranche\u00A0d'âge "},
		{"16-29", "16–29", "16—29", "16\u221229"},
		{"Île-de-France", "Île–de–France"},
	}
	for _, group := range same {
		for _, s := range group[1:] {
			assert.Equal(t, Key(group[0]), Key(s), "%q and %q", group[0], s)
		}
	}
	assert.Equal(t, "a b", Key("\u202Fa \t b\u00A0"))
	assert.NotEqual(t, Key("ab"), Key("a b"), "white space between words is kept")
}

func TestQuoteIsBounded(t *testing.T) {
	assert.Equal(t, `"Supérieur"`, Quote("Supérieur"))
	long := strings.Repeat("é", 1<<20)
	q := Quote(long)
	assert.Equal(t, MaxQuoted+len(`""`)+1, utf8.RuneCountInString(q), "cut to MaxQuoted characters and …")
	assert.True(t, strings.HasSuffix(q, `…"`))
	assert.Equal(t, `"a", "b" and 3 more`, QuoteList([]string{"a", "b", "c", "d", "e"}, 2).String())
	assert.Equal(t, `"a", "b" et 3 autres`, QuoteList([]string{"a", "b", "c", "d", "e"}, 2).In(message.French))
	assert.Equal(t, "2, 3, 4 and 1 more", LineList([]int{2, 3, 4, 5}, 3).String())
	assert.Equal(t, "2, 3, 4", LineList([]int{2, 3, 4}, 3).In(message.French))
}

func TestDistance(t *testing.T) {
	assert.Equal(t, 1, Distance("Supérieure", "Supérieur"))
	assert.Equal(t, 0, Distance("SUPÉRIEUR", " supérieur"), "after normalisation")
	assert.Equal(t, 3, Distance("kitten", "sitting"))
	assert.Equal(t, 100, Distance(strings.Repeat("a", 1<<20), ""), "long strings are compared on 100 characters")
	i, d := Closest("Tranche d'age", []string{"id", "Région", "Tranche d’âge"})
	assert.Equal(t, 2, i)
	assert.Equal(t, 1, d)
	i, _ = Closest("x", nil)
	assert.Equal(t, -1, i)
	assert.True(t, Near("Supérieure", "Supérieur"))
	assert.True(t, Near("H", "M"))
	assert.False(t, Near("Sexe", "Genre"))
}
