package dropout

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// truth is the model the simulated histories are drawn from: the
// reference values (factor 1) are the most common ones.
var truth = struct {
	base    float64
	names   []string
	values  [][]string
	shares  [][]float64
	factors [][]float64
}{
	base:    0.93,
	names:   []string{"age", "area", "literacy"},
	values:  [][]string{{"16-24", "25-64", "65+"}, {"urban", "rural"}, {"literate", "limited", "non-literate"}},
	shares:  [][]float64{{0.25, 0.5, 0.25}, {0.6, 0.4}, {0.7, 0.2, 0.1}},
	factors: [][]float64{{0.8, 1, 1.03}, {1, 0.85}, {1, 0.9, 0.75}},
}

// simulateHistory returns a history file of n members drawn from truth.
func simulateHistory(r *rand.Rand, n int) []byte {
	var b strings.Builder
	b.WriteString("id,age,area,literacy,attended\n")
	for i := range n {
		stay := truth.base
		fmt.Fprintf(&b, "h%d", i)
		for f := range truth.names {
			u, j := r.Float64(), 0
			for ; j < len(truth.shares[f])-1 && u >= truth.shares[f][j]; j++ {
				u -= truth.shares[f][j]
			}
			stay *= truth.factors[f][j]
			fmt.Fprintf(&b, ",%s", truth.values[f][j])
		}
		answer := []string{"no", "yes", "non", "oui", "0", "1"}[2*r.IntN(3)+boolInt(r.Float64() < stay)]
		fmt.Fprintf(&b, ",%s\n", answer)
	}
	return []byte(b.String())
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// The fitted factors are within 0.03 of the true ones, and the base within
// 0.02, from 30,000 simulated past panel members (their standard errors
// are about 0.01).
func TestFitRecoversTheModel(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	var hs []*History
	for j := range 3 {
		h, err := ParseHistory(fmt.Sprintf("past%d.csv", j), simulateHistory(r, 10000), truth.names, "")
		if err != nil {
			t.Fatal(err)
		}
		hs = append(hs, h)
	}
	m, err := Fit(hs, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(m.Base-truth.base) > 0.02 {
		t.Errorf("base %.4f, true %.4f", m.Base, truth.base)
	}
	for f, feat := range m.Features {
		for _, v := range feat.Values {
			j := indexOf(truth.values[f], v.Value)
			if want := truth.factors[f][j]; math.Abs(v.Factor-want) > 0.03 || v.Reference != (want == 1) {
				t.Errorf("%s = %s: factor %.4f (reference %v), true %.4f", feat.Name, v.Value, v.Factor, v.Reference, want)
			}
		}
	}
	if len(m.Histories) != 3 || m.Histories[0].People != 10000 || len(m.Histories[0].SHA256) != 64 {
		t.Errorf("histories %+v", m.Histories)
	}
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// A value seen in only three people, who all dropped out, keeps a factor
// nearer 1 with smoothing than without, and below 1.
func TestFitSmoothsRareValues(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	data := string(simulateHistory(r, 2000)) + "x1,16-24,urban,illiterate-rare,no\nx2,25-64,rural,illiterate-rare,no\nx3,65+,urban,illiterate-rare,no\n"
	h, err := ParseHistory("past.csv", []byte(data), truth.names, "attended")
	if err != nil {
		t.Fatal(err)
	}
	factor := func(lambda float64) float64 {
		m, err := Fit([]*History{h}, FitOptions{Smoothing: lambda})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range m.Features[2].Values {
			if v.Value == "illiterate-rare" {
				return v.Factor
			}
		}
		t.Fatal("the rare value is missing")
		return 0
	}
	smooth, raw := factor(0), factor(-1)
	if !(raw < smooth && smooth < 1) || smooth < 0.3 {
		t.Errorf("rare value's factor: %.4f smoothed, %.4f without smoothing", smooth, raw)
	}
}

func TestModelJSONRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	h, err := ParseHistory("past.csv", simulateHistory(r, 500), truth.names, "")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Fit([]*History{h}, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadModel(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m, back) {
		t.Fatalf("the model changed through JSON:\n%+v\n%+v", m, back)
	}
	bad := strings.Replace(string(data), `"base":`, `"base":-`, 1)
	if _, err := ReadModel([]byte(bad)); err == nil {
		t.Fatal("a negative base was accepted")
	}
	rows := m.Table()
	if len(rows) != 1+3+2+3 || rows[0].Stay != m.Base || rows[0].People != 500 {
		t.Fatalf("table %+v", rows)
	}
}

func TestModelRates(t *testing.T) {
	m := &Model{Base: 0.9, Features: []Feature{
		{Name: "Area", Values: []Factor{{Value: "urban", Factor: 1, Reference: true}, {Value: "rural", Factor: 0.5}}},
	}}
	q := &quota.Set{}
	q.Add("area", quota.Value{Name: "urban", Max: 1})
	q.Add("area", quota.Value{Name: "rural", Max: 1})
	pool := testpool.Over(t, q, "id,area\na,Urban\nb,rural \n", sortition.PoolOptions{})
	rates, err := m.Rates(pool)
	if err != nil {
		t.Fatal(err)
	}
	base, half := 0.9, 0.5 // binary64 arithmetic, as the model's
	if rates[0] != 1-base || rates[1] != 1-base*half {
		t.Fatalf("rates %v", rates)
	}
}

func TestParseHistoryErrors(t *testing.T) {
	_, err := ParseHistory("past.csv", []byte("age,area\n16-24,urban\n"), []string{"age"}, "")
	var list *quota.ErrorList
	if !errors.As(err, &list) || list.Errs[0].Kind != quota.MissingColumn {
		t.Fatalf("missing attended column: %v", err)
	}
	_, err = ParseHistory("past.csv", []byte("age,attended\n16-24,yes\n65+,maybe\n"), []string{"age"}, "")
	if !errors.As(err, &list) || list.Errs[0].Line != 3 || list.Errs[0].Value != "maybe" {
		t.Fatalf("bad answer: %v", err)
	}
	h, err := ParseHistory("past.csv", []byte("age;Attended\n16-24;Oui\n65+;NON\n"), []string{"AGE"}, "")
	if err != nil || !h.Attended[0] || h.Attended[1] {
		t.Fatalf("oui/non: %+v, %v", h, err)
	}
}
