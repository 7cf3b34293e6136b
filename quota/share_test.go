package quota_test

import (
	"bytes"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/quota"
)

// TestSharesRule checks the documented rule on hand-computed cases: the
// quota k·s of each value, largest remainders, ties to the first value in
// the file, then target ± tolerance clipped to [0, k].
func TestSharesRule(t *testing.T) {
	tests := []struct {
		name     string
		k        int
		rows     string // value,share,tolerance (value names only)
		min, max []int
	}{
		// 25.25 and 24.75: 25 + 24, the seat left to the larger remainder.
		{"remainder", 50, "f,50.5%,\nm,49.5%,", []int{25, 25}, []int{25, 25}},
		{"tolerance", 50, "f,50.5%,1\nm,49.5%,1", []int{24, 24}, []int{26, 26}},
		// 50.5 and 49.5: equal remainders, the first value wins.
		{"tie to the first", 100, "f,0.505,\nm,0.495,", []int{51, 49}, []int{51, 49}},
		{"tie of four", 10, "a,25%,\nb,25%,\nc,25%,\nd,25%,", []int{3, 3, 2, 2}, []int{3, 3, 2, 2}},
		{"odd panel", 7, "a,0.5,\nb,0.5,", []int{4, 3}, []int{4, 3}},
		// 99.9% in all: divided by their sum, a third each.
		{"rounded percentages", 30, "a,33.3%,\nb,33.3%,\nc,33.3%,", []int{10, 10, 10}, []int{10, 10, 10}},
		// 100.2% in all: divided by their sum, a third each again.
		{"a little over", 30, "a,33.4%,\nb,33.4%,\nc,33.4%,", []int{10, 10, 10}, []int{10, 10, 10}},
		// 11.52, 6.72, 4.8, 0.96: floors 11+6+4+0 = 21; the 3 seats left go to
		// the remainders 0.96, 0.8 and 0.72.
		{"several remainders", 24, "a,48%,\nb,28%,\nc,20%,\nd,4%,", []int{11, 7, 5, 1}, []int{11, 7, 5, 1}},
		// A tolerance never takes the bounds below 0 or above k.
		{"clipped", 5, "a,2%,2\nb,98%,2", []int{0, 3}, []int{2, 5}},
		{"zero share", 20, "a,0%,\nb,100%,1", []int{0, 19}, []int{0, 20}},
		{"decimal comma", 40, "a,\"37,5%\",\nb,\"62,5%\",", []int{15, 25}, []int{15, 25}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("feature,value,share,tolerance\n")
			for _, row := range strings.Split(tt.rows, "\n") {
				b.WriteString("c," + row + "\n")
			}
			q, err := quota.Parse("q.csv", []byte(b.String()))
			require.NoError(t, err)
			require.True(t, q.HasShares())
			assert.Zero(t, q.PanelSize())
			d := q.ForPanel(tt.k)
			assert.Equal(t, tt.k, d.PanelSize())
			var mins, maxes []int
			for _, v := range d.Categories[0].Values {
				mins = append(mins, v.Min)
				maxes = append(maxes, v.Max)
			}
			assert.Equal(t, tt.min, mins, "mins")
			assert.Equal(t, tt.max, maxes, "maxes")
			// The set read is unchanged.
			assert.Zero(t, q.Categories[0].Values[0].Max)
		})
	}
}

func TestSharesPartialCategory(t *testing.T) {
	// Shares for some values, min and max for the others: the shared values
	// get round(k·Σs) seats (halves up) between them.
	q, err := quota.Parse("q.csv", []byte("feature,value,share,min,max\nc,a,0.25,,\nc,b,0.25,,\nc,x,,3,9\n"))
	require.NoError(t, err)
	d := q.ForPanel(25) // 6.25 + 6.25 = 12.5 → 13 seats: 7 and 6
	assert.Equal(t, []int{7, 6, 3}, []int{d.Categories[0].Values[0].Min, d.Categories[0].Values[1].Min, d.Categories[0].Values[2].Min})
	assert.Equal(t, 9, d.Categories[0].Values[2].Max)
}

// TestSharesSumToK checks the promise of the rule on random shares that add
// up to 1: the targets add up to k, each within one seat of k·s, so the
// mins add up to at most k and the maxes to at least k.
func TestSharesSumToK(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 7))
	for i := 0; i < 500; i++ {
		n := 2 + rng.IntN(6)
		cuts := make([]int, n-1)
		for j := range cuts {
			cuts[j] = rng.IntN(1001)
		}
		var b strings.Builder
		b.WriteString("feature,value,share\n")
		prev := 0
		sorted := append([]int(nil), cuts...)
		for a := range sorted {
			for c := a + 1; c < len(sorted); c++ {
				if sorted[c] < sorted[a] {
					sorted[a], sorted[c] = sorted[c], sorted[a]
				}
			}
		}
		shares := make([]int, n) // per mille
		for j := 0; j < n; j++ {
			next := 1000
			if j < n-1 {
				next = sorted[j]
			}
			shares[j] = next - prev
			fmt.Fprintf(&b, "c,v%d,%d.%d%%\n", j, shares[j]/10, shares[j]%10)
			prev = next
		}
		q, err := quota.Parse("q.csv", []byte(b.String()))
		require.NoError(t, err, b.String())
		k := 1 + rng.IntN(300)
		d := q.ForPanel(k)
		sum := 0
		for j, v := range d.Categories[0].Values {
			require.Equal(t, v.Min, v.Max)
			exact := new(big.Rat).SetFrac64(int64(k*shares[j]), 1000)
			diff := new(big.Rat).Sub(new(big.Rat).SetInt64(int64(v.Min)), exact)
			require.True(t, diff.Abs(diff).Cmp(big.NewRat(1, 1)) < 0, "target %d for %v", v.Min, exact)
			sum += v.Min
		}
		require.Equal(t, k, sum, b.String())
	}
}

func TestSharesErrors(t *testing.T) {
	tests := []struct {
		name, rows, want string
	}{
		{"not a number", "c,a,half,,,", `not "half"`},
		{"above one", "c,a,50,,,", "share 50 is more than 1: write 50% for a percentage"},
		{"above 100%", "c,a,120%,,,", "more than 100%"},
		{"negative", "c,a,-0.2,,,", `not "-0.2"`},
		{"share and bounds", "c,a,0.5,,2,3\nc,b,0.5,,,", "give either a share"},
		{"tolerance without share", "c,a,,1,2,3", "a tolerance but no share"},
		{"bad tolerance", "c,a,0.5,x,,\nc,b,0.5,,,", `tolerance must be a whole number`},
		{"over 100%", "c,a,60%,,,\nc,b,60%,,,", "the shares of c add up to 120%"},
		{"under 100%", "c,a,40%,,,\nc,b,40%,,,", "the shares of c add up to 80%"},
		{"partial over", "c,a,80%,,,\nc,b,30%,,,\nc,x,,,0,3", "add up to 110%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := quota.Parse("q.csv", []byte("feature,value,share,tolerance,min,max\n"+tt.rows+"\n"))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "q.csv, line 2")
		})
	}
	// Without a share column, min and max are required as before.
	_, err := quota.Parse("q.csv", []byte("feature,value,min\nc,a,1\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `no "max" column`)
}

func TestSharesFile(t *testing.T) {
	q, err := quota.ReadFile(testdata("shares", "quotas.csv"))
	require.NoError(t, err)
	d := q.ForPanel(30)
	want := map[string][2]int{
		// gender: 15.15, 14.25, 0.6 → 15, 14, and the seat left to nonbinary (0.6)
		"female": {14, 16}, "male": {13, 15}, "nonbinary": {0, 2},
		// age: 6, 7.5, 7.5, 9 → 6, 8, 7, 9 (the tie to 30-44, first)
		"16-29": {4, 8}, "30-44": {6, 10}, "45-59": {5, 9}, "60+": {7, 11},
		"none": {3, 6},
		// literacy: 24, 3, 3
		"literate": {24, 24}, "limited": {2, 4}, "non-literate": {2, 4},
		// region: capital alone, 9.99 → round(9.99) = 10 seats
		"capital": {8, 12}, "north": {5, 8},
	}
	for _, c := range d.Categories {
		for _, v := range c.Values {
			if w, ok := want[v.Name]; ok {
				assert.Equal(t, w, [2]int{v.Min, v.Max}, v.Name)
			}
		}
	}
	// Written out, the derived bounds read back as plain bounds.
	var b bytes.Buffer
	require.Error(t, q.WriteCSV(&b, ','), "shares need a panel size first")
	require.NoError(t, d.WriteCSV(&b, ','))
	back, err := quota.Parse("back.csv", b.Bytes())
	require.NoError(t, err)
	assert.False(t, back.HasShares())
	assert.Equal(t, bounds(d), bounds(back))
}
