package report

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/sortition"
)

func TestTextComplete(t *testing.T) {
	// Every sentence is written in every language with the same blanks to
	// fill, and the French ones are translations, not copies.
	en := reflect.ValueOf(*texts[English])
	for _, lang := range Langs {
		tx, ok := texts[lang]
		require.True(t, ok, lang)
		v := reflect.ValueOf(*tx)
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			if m, ok := v.Field(i).Interface().(map[string]string); ok {
				for step := range en.Field(i).Interface().(map[string]string) {
					assert.NotEmpty(t, m[step], "%s: %s[%s]", lang, name, step)
				}
				continue
			}
			s, base := v.Field(i).String(), en.Field(i).String()
			assert.NotEmpty(t, s, "%s: %s", lang, name)
			assert.Equal(t, strings.Count(base, "%s"), strings.Count(s, "%s"), "%s: %s has other blanks than in English", lang, name)
			if lang != English && len(base) > 4 {
				assert.NotEqual(t, base, s, "%s: %s is not translated", lang, name)
			}
		}
	}
}

func TestNearestRank(t *testing.T) {
	// The smallest rank r (from 1) with r ≥ level·n/100.
	assert.Equal(t, 0, nearestRank(10, 3))    // 0.3 → rank 1
	assert.Equal(t, 1, nearestRank(50, 3))    // 1.5 → rank 2
	assert.Equal(t, 2, nearestRank(90, 3))    // 2.7 → rank 3
	assert.Equal(t, 49, nearestRank(50, 100)) // 50 → rank 50
	assert.Equal(t, 0, nearestRank(10, 1))
}

func TestShellQuote(t *testing.T) {
	assert.Equal(t, "tirage verify . --pool ../a/pool.csv", command("tirage", "verify", ".", "--pool", "../a/pool.csv"))
	assert.Equal(t, "'my pool.csv'", shellQuote("my pool.csv"))
	assert.Equal(t, `'it'\''s'`, shellQuote("it's"))
	assert.Equal(t, "'$HOME'", shellQuote("$HOME"))
	assert.Equal(t, "''", shellQuote(""))
}

func TestNumberFormats(t *testing.T) {
	en := &Report{Lang: English, M: 1000}
	fr := &Report{Lang: French, M: 1000}
	assert.Equal(t, "1,234,567", en.num(1234567))
	assert.Equal(t, "1\u202f234\u202f567", fr.num(1234567))
	assert.Equal(t, "999", en.num(999))
	assert.Equal(t, "12.3%", en.ticketPercent(123))
	assert.Equal(t, "12,3\u202f%", fr.ticketPercent(123))
	assert.Equal(t, "12.35%", (&Report{Lang: English, M: 2000}).ticketPercent(247))
	assert.Equal(t, 8, oneIn(123, 1000)) // 1000/123 = 8.13
	assert.Equal(t, 2, oneIn(500, 1000))
	assert.Equal(t, 3, oneIn(400, 1000)) // 2.5 rounds up
	assert.Equal(t, "2026-04-24 03:06:40 UTC", displayTime("2026-04-24T03:06:40Z"))
	assert.Equal(t, "a, b and c", en.listAnd([]string{"a", "b", "c"}))
	assert.Equal(t, "a et b", fr.listAnd([]string{"a", "b"}))
}

// TestObjectivesExplained checks that the report can say what every
// objective of the registry did, in every language, and that the French
// paragraph is a translation, not a copy.
func TestObjectivesExplained(t *testing.T) {
	for _, o := range sortition.Objectives() {
		for _, lang := range Langs {
			assert.NotEmpty(t, o.About[string(lang)], "%s: %s", o.Name, lang)
			if lang != English {
				assert.NotEqual(t, o.About[string(English)], o.About[string(lang)], "%s: %s is not translated", o.Name, lang)
			}
			r := &Report{Lang: lang, Algorithm: o.Name}
			assert.Equal(t, o.About[string(lang)], r.objective())
		}
	}
	r := &Report{Lang: French, Algorithm: "magic"}
	assert.Equal(t, "Cette sélection a utilisé la loterie magic.", r.objective())
}
