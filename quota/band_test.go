package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tirage/tirage/quota"
)

func TestParseBand(t *testing.T) {
	none := quota.NoLimit
	tests := []struct {
		name   string
		lo, hi int
	}{
		{"16-29", 16, 29}, {"16 – 29", 16, 29}, {"16—29 ans", 16, 29}, {"18 à 29", 18, 29}, {"de 18 à 29 ans", 18, 29},
		{"entre 18 et 29 ans", 18, 29}, {"18 to 29", 18, 29}, {"18-29 years", 18, 29}, {"from 18 to 29 years old", 18, 29},
		{"de 18 a 29 años", 18, 29}, {"18 y 29", 18, 29},
		{"60+", 60, none}, {"60 +", 60, none}, {"65 ans et plus", 65, none}, {"65 et plus", 65, none}, {"65 ans ou plus", 65, none},
		{"65 and over", 65, none}, {"65 or older", 65, none}, {"65 years and over", 65, none}, {"65 y más", 65, none},
		{"65 años y más", 65, none}, {"≥65", 65, none}, {">= 65", 65, none}, {"à partir de 65 ans", 65, none},
		{"plus de 65 ans", 66, none}, {"over 65", 66, none}, {"> 65", 66, none}, {"más de 65", 66, none},
		{"<18", 0, 17}, {"moins de 18 ans", 0, 17}, {"under 18", 0, 17}, {"menos de 18 años", 0, 17},
		{"≤ 17", 0, 17}, {"jusqu'à 17 ans", 0, 17}, {"jusqu’à 17 ans", 0, 17}, {"up to 17", 0, 17}, {"17 et moins", 0, 17}, {"17 and under", 0, 17},
	}
	for _, tt := range tests {
		b, ok := quota.ParseBand(tt.name)
		if assert.True(t, ok, tt.name) {
			assert.Equal(t, quota.Band{Lo: tt.lo, Hi: tt.hi}, b, tt.name)
		}
	}
	for _, name := range []string{"Femme", "30-18", "<0", "16-29-44", "18", "Île-de-France", "2024", "Bac+2", "1 enfant", ""} {
		_, ok := quota.ParseBand(name)
		assert.False(t, ok, name)
	}
}

func TestWholeNumber(t *testing.T) {
	for s, want := range map[string]int{"34": 34, " 7 ": 7, "34.0": 34, "34,00": 34, "0": 0} {
		n, ok := quota.ParseWholeNumber(s)
		assert.True(t, ok, s)
		assert.Equal(t, want, n, s)
	}
	for _, s := range []string{"", "-3", "34.5", "3e1", "0x1e", "trente", "1 000", "1234567890"} {
		_, ok := quota.ParseWholeNumber(s)
		assert.False(t, ok, s)
	}
}
