package report

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGini(t *testing.T) {
	tests := []struct {
		name    string
		tickets []int
		want    float64 // Σ_i Σ_j |t_i − t_j| / (2·n·Σ t), worked out by hand
	}{
		{"no one", nil, 0},
		{"no tickets", []int{0, 0}, 0},
		{"equal", []int{7, 7, 7}, 0},
		{"one of two", []int{0, 1}, 2.0 / 4},               // |0−1|·2 / (2·2·1)
		{"one of three", []int{1, 0, 0}, 4.0 / 6},          // 4 ordered pairs differ by 1 / (2·3·1)
		{"1 to 4", []int{4, 1, 3, 2}, 20.0 / 80},           // 2·(3+2+1+1+2+1) / (2·4·10)
		{"two levels", []int{10, 30, 10, 30}, 160.0 / 640}, // 4 unlike pairs, both orders, differ by 20 / (2·4·80)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Gini(tt.tickets))
		})
	}
}

func TestGiniDoesNotModifyTickets(t *testing.T) {
	tickets := []int{3, 1, 2}
	Gini(tickets)
	assert.Equal(t, []int{3, 1, 2}, tickets)
}

func TestGeometricMean(t *testing.T) {
	tests := []struct {
		name    string
		tickets []int
		m       int
		want    float64 // worked out by hand
	}{
		{"no one", nil, 10, 0},
		{"no panels", []int{1}, 0, 0},
		{"one person", []int{3}, 10, 0.3},
		{"certain", []int{5, 5}, 5, 1},
		{"square root", []int{1, 4}, 4, 0.5},           // √(1·4)/4
		{"cube root", []int{1, 2, 4}, 8, 0.25},         // ∛8/8
		{"powers of two", []int{2, 8, 2, 8}, 16, 0.25}, // ⁴√256/16
		{"a zero", []int{5, 0, 5}, 10, 0},
		{"√6", []int{2, 3}, 1, math.Sqrt(6)}, // math.Sqrt is correctly rounded
		{"small", []int{1, 1, 1}, 1000, 0.001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, GeometricMean(tt.tickets, tt.m))
		})
	}
}

func TestGeometricMeanBetweenMinAndMean(t *testing.T) {
	tickets := []int{123, 124, 150, 200, 215, 800, 1000}
	g := GeometricMean(tickets, 1000)
	// The geometric mean lies between the smallest value and the
	// arithmetic mean (AM–GM inequality).
	assert.Greater(t, g, 0.123)
	assert.Less(t, g, (123.0+124+150+200+215+800+1000)/7/1000)
	// And it agrees with the float64 formula to rounding.
	sum := 0.0
	for _, x := range tickets {
		sum += math.Log(float64(x) / 1000)
	}
	assert.InDelta(t, math.Exp(sum/7), g, 1e-15)
}
