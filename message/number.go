package message

import (
	"strconv"
	"strings"
)

// separators returns the thousands separator and the decimal mark of the
// language: a comma and a point in English (and any language other than
// French), a narrow no-break space and a comma in French.
func separators(lang Lang) (thousands, decimal string) {
	if lang == French {
		return "\u202f", ","
	}
	return ",", "."
}

// Int writes a whole number with the language's thousands separator:
// 1,234 in English, 1 234 in French.
func Int(n int, lang Lang) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sep, _ := separators(lang)
			b.WriteString(sep)
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
	_, mark := separators(lang)
	return strings.Replace(s, ".", mark, 1)
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

// Exact writes x as the exact value an auditor compares, the same in every
// language: Go's shortest form that reads back to x (0.12307692307088058,
// 1e-06), with a point (doc.go). A float64 argument of a reason is
// written so.
func Exact(x float64) string {
	return strconv.FormatFloat(x, 'g', -1, 64)
}
