package quota

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/tirage/tirage/message"
)

// Bands of numbers.
//
// Pools record ages in years; quotas are on age bands. When every value of
// a category is a band ("16-29", "30-44", "60+", "<18", "18 à 29",
// "65 ans et plus", "18 to 29", "65 and over", "de 18 a 29 años", "65 y
// más"…), a pool cell holding a whole number is placed in the band that
// contains it (sortition.ParsePool). ParseBand gives the rule.

// Band is a range of whole numbers, from Lo to Hi inclusive. A band with no
// upper end ("60+") has Hi = NoLimit.
type Band struct {
	Lo, Hi int
}

// Contains reports whether n is in the band.
func (b Band) Contains(n int) bool { return b.Lo <= n && n <= b.Hi }

// String writes the band as a range: "16 to 29", "60 or more".
func (b Band) String() string { return b.Reason().String() }

// Reason is the band as a range, to render in a language: "16 to 29",
// "60 or more"; "16 à 29", "60 ou plus".
func (b Band) Reason() message.Reason {
	if b.Hi == NoLimit {
		return message.New(message.BandOpen, "lo", b.Lo)
	}
	return message.New(message.BandRange, "lo", b.Lo, "hi", b.Hi)
}

const num = `(\d{1,9})`

// The forms of a band, on a name normalised by bandKey. Each gives the
// band from its numbers.
var bandForms = []struct {
	re   *regexp.Regexp
	band func(a, b int) Band
}{
	// 16-29, 18 à 29, de 18 a 29, from 18 to 29, entre 18 et 29, 18 y 29
	{regexp.MustCompile(`^(?:de |from |entre |between |desde |del )?` + num + ` ?(?:-|a|to|et|and|y|hasta|al) ?` + num + `$`), func(a, b int) Band { return Band{a, b} }},
	// 60+, 60 et plus, 60 and over, 60 or older, 60 y mas, >=60, à partir de 60
	{regexp.MustCompile(`^` + num + ` ?(?:\+|(?:et|and|y|ou|or|o|&)? ?(?:plus|\+|more|over|older|above|up|mas|superieur))$`), func(a, _ int) Band { return Band{a, NoLimit} }},
	{regexp.MustCompile(`^(?:>= ?|≥ ?|a partir de |des |desde |from |at least |au moins |al menos )` + num + `$`), func(a, _ int) Band { return Band{a, NoLimit} }},
	// >60, plus de 60, more than 60, over 60, mas de 60
	{regexp.MustCompile(`^(?:> ?|plus de |more than |over |above |older than |mas de )` + num + `$`), func(a, _ int) Band { return Band{a + 1, NoLimit} }},
	// <18, moins de 18, under 18, less than 18, menos de 18
	{regexp.MustCompile(`^(?:< ?|moins de |less than |under |below |younger than |menos de )` + num + `$`), func(a, _ int) Band { return Band{0, a - 1} }},
	// <=17, jusqu'à 17, up to 17, hasta 17, 17 et moins, 17 and under
	{regexp.MustCompile(`^(?:<= ?|≤ ?|jusqu'a |up to |hasta |at most |au plus )` + num + `$`), func(a, _ int) Band { return Band{0, a} }},
	{regexp.MustCompile(`^` + num + ` ?(?:et|and|y|ou|or|o|&)? ?(?:moins|less|under|younger|below|menos)$`), func(a, _ int) Band { return Band{0, a} }},
}

// unitWords are the words of a band's unit that bandKey drops.
var unitWords = regexp.MustCompile(`\b(?:ans|an|annees|years|year|yrs|yr|y\.o\.|yo|anos|ano|old)\b\.?`)

// bandKey is the form in which ParseBand reads a name: Key without accents
// and without the words of the unit, white space collapsed.
func bandKey(name string) string {
	k := unitWords.ReplaceAllString(headerKey(name), " ")
	return strings.Join(strings.Fields(k), " ")
}

// ParseBand reads a value name as a band of whole numbers, in English,
// French or Spanish, with or without the unit (ans, years, años), and with
// any dash: "16-29", "16 – 29 ans", "de 18 à 29 ans", "18 to 29", "entre 18
// et 29" (both ends included); "60+", "60 ans et plus", "65 and over", "65
// or older", "65 y más", "≥ 65", "à partir de 65" (65 and more); "plus de
// 65", "over 65", "> 65" (66 and more); "<18", "moins de 18 ans", "under
// 18", "menos de 18" (up to 17); "≤ 17", "jusqu'à 17", "up to 17", "17 et
// moins", "17 and under" (up to 17). A range whose ends are reversed, or
// any other name, is not a band.
func ParseBand(name string) (Band, bool) {
	k := bandKey(name)
	for _, f := range bandForms {
		m := f.re.FindStringSubmatch(k)
		if m == nil {
			continue
		}
		a, _ := strconv.Atoi(m[1])
		b := 0
		if len(m) > 2 {
			b, _ = strconv.Atoi(m[2])
		}
		band := f.band(a, b)
		if band.Lo > band.Hi || band.Hi < 0 {
			return Band{}, false
		}
		return band, true
	}
	return Band{}, false
}

// Bands returns the band of each value of the category when every value is
// a band (ParseBand), and nil otherwise.
func (c *Category) Bands() []Band {
	if len(c.Values) == 0 {
		return nil
	}
	out := make([]Band, len(c.Values))
	for i, v := range c.Values {
		b, ok := ParseBand(v.Name)
		if !ok {
			return nil
		}
		out[i] = b
	}
	return out
}

// ParseWholeNumber reads a pool cell as a whole number of 0 or more, as
// bands count them: decimal digits, with surrounding white space and an
// optional zero fraction (34, 34.0 or 34,0 as spreadsheets write it).
func ParseWholeNumber(s string) (int, bool) {
	t := strings.TrimSpace(s)
	if i := strings.IndexAny(t, ".,"); i > 0 && strings.Trim(t[i+1:], "0") == "" {
		t = t[:i]
	}
	if t == "" || len(t) > 9 {
		return 0, false
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(t)
	return n, err == nil
}
