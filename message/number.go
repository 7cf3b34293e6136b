package message

import (
	"strconv"
	"strings"
)

// thousands is the thousands separator of each language: a comma in
// English, a narrow no-break space in French.
var thousands = map[Lang]string{English: ",", French: "\u202f"}

// decimalMark is the decimal separator of each language.
var decimalMark = map[Lang]string{English: ".", French: ","}

// Int writes a whole number with the language's thousands separator:
// 1,234 in English, 1 234 in French.
func Int(n int, lang Lang) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(thousands[lang])
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Decimal writes x with the given number of decimals and the language's
// decimal mark: 12.5 in English, 12,5 in French.
func Decimal(x float64, decimals int, lang Lang) string {
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	return strings.Replace(s, ".", decimalMark[lang], 1)
}

// Percent writes the probability p as a percentage with the given number
// of decimals: 12.31% in English, 12,31 % in French (a narrow no-break
// space before the sign).
func Percent(p float64, decimals int, lang Lang) string {
	s := Decimal(100*p, decimals, lang)
	if lang == French {
		return s + "\u202f%"
	}
	return s + "%"
}
