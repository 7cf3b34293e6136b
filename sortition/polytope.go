package sortition

import (
	"math"

	"github.com/tirage/tirage/internal/lp"
	"github.com/tirage/tirage/internal/pricing"
)

// quotaRows is the relaxed quota polytope of a pricing problem restricted
// to its live types, row by row: row 0 is Σx = k, then one row per quota
// value, then one per household group (Σx ≤ 1), leaving out the rows
// that hold no live type (their bounds hold at x = 0, as some panel meets
// them). Every type t is bounded by 0 ≤ x_t ≤ s_t besides.
type quotaRows struct {
	lo, hi   []float64   // per row (lo may be −Inf)
	rowTypes [][]int     // per row: the positions (in live) of its types
	rowCoef  [][]float64 // per row: their coefficients
	typeRows [][]int     // per position in live: its rows, ascending
	typeCoef [][]float64 // per position in live: its coefficients in them
	// category[r] is the quota category of a quota value's row, −1 for
	// row 0 and the household rows. Each category's rows add up to row 0
	// (every type has one value per category).
	category []int
}

func newQuotaRows(types int) *quotaRows {
	return &quotaRows{typeRows: make([][]int, types), typeCoef: make([][]float64, types)}
}

// addRow adds the row lo ≤ Σ_i coef[i]·x_{types[i]} ≤ hi (types
// ascending) of the given category (−1 for none).
func (q *quotaRows) addRow(lo, hi float64, types []int, coef []float64, category int) {
	r := len(q.lo)
	q.lo, q.hi = append(q.lo, lo), append(q.hi, hi)
	q.category = append(q.category, category)
	q.rowTypes = append(q.rowTypes, types)
	q.rowCoef = append(q.rowCoef, coef)
	for i, j := range types {
		q.typeRows[j] = append(q.typeRows[j], r)
		q.typeCoef[j] = append(q.typeCoef[j], coef[i])
	}
}

// liveRows poses the relaxed quota polytope of prob over the live types.
func liveRows(prob *pricing.Problem, live []int) *quotaRows {
	pos := make([]int, len(prob.Size))
	for t := range pos {
		pos[t] = -1
	}
	for j, t := range live {
		pos[t] = j
	}
	q := newQuotaRows(len(live))
	add := func(lo, hi float64, types []int, category int) {
		if len(types) == 0 {
			return
		}
		ones := make([]float64, len(types))
		for i := range ones {
			ones[i] = 1
		}
		q.addRow(lo, hi, types, ones, category)
	}
	all := make([]int, len(live))
	for j := range all {
		all[j] = j
	}
	add(float64(prob.K), float64(prob.K), all, -1)
	byValue := make([][]int, len(prob.Lo))
	valueCategory := make([]int, len(prob.Lo))
	for _, t := range live {
		for c, v := range prob.Rows[t] {
			byValue[v] = append(byValue[v], pos[t])
			valueCategory[v] = c
		}
	}
	for v, types := range byValue {
		add(float64(prob.Lo[v]), float64(prob.Hi[v]), types, valueCategory[v])
	}
	for _, g := range prob.Groups {
		var types []int
		for _, t := range g {
			if pos[t] >= 0 {
				types = append(types, pos[t])
			}
		}
		add(math.Inf(-1), 1, types, -1)
	}
	return q
}

// probabilityModel is the relaxed quota polytope as an LP over the types'
// selection probabilities v_t = x_t/s_t: column t is v_t in [0, 1] for a
// live type and fixed at 0 for the others; row 0 is Σ s_t v_t = k, then
// one row per quota value and one per household group, all with
// coefficients s_t. Objectives add their columns and rows to it.
func probabilityModel(prob *pricing.Problem, size []float64, colOf []int) *lp.Model {
	T := len(size)
	m := lp.NewModel()
	for t := 0; t < T; t++ {
		up := 0.0
		if colOf[t] >= 0 {
			up = 1
		}
		m.AddCol(0, 0, up)
	}
	all := make([]int, T)
	for t := range all {
		all[t] = t
	}
	m.AddRow(all, size, float64(prob.K), float64(prob.K))
	byRow := make([][]int, len(prob.Lo))
	for t, rows := range prob.Rows {
		for _, r := range rows {
			byRow[r] = append(byRow[r], t)
		}
	}
	for r, ts := range byRow {
		coef := make([]float64, len(ts))
		for i, t := range ts {
			coef[i] = size[t]
		}
		m.AddRow(ts, coef, float64(prob.Lo[r]), float64(prob.Hi[r]))
	}
	for _, g := range prob.Groups {
		coef := make([]float64, len(g))
		for i, t := range g {
			coef[i] = size[t]
		}
		m.AddRow(g, coef, math.Inf(-1), 1)
	}
	return m
}

// modelRows lists, per type, the rows of probabilityModel (and of
// pricing.Problem.Relaxation, which has the same rows) that count it: row
// 0, its quota values' rows, its household group's row.
func modelRows(prob *pricing.Problem) [][]int {
	rows := make([][]int, len(prob.Size))
	for t, vs := range prob.Rows {
		rows[t] = append(rows[t], 0)
		for _, v := range vs {
			rows[t] = append(rows[t], 1+v)
		}
	}
	for g, ts := range prob.Groups {
		for _, t := range ts {
			rows[t] = append(rows[t], 1+len(prob.Lo)+g)
		}
	}
	return rows
}

// shiftColumn is the column of z when the probabilities of the types in
// shifted are written v_t = z + u_t: each row holds Σ s_t over those of
// its types.
func shiftColumn(rows [][]int, size []float64, shifted []int, numRows int) ([]int, []float64) {
	coef := make([]float64, numRows)
	for _, t := range shifted {
		for _, r := range rows[t] {
			coef[r] += size[t]
		}
	}
	var idx []int
	var val []float64
	for r, c := range coef {
		if c != 0 {
			idx, val = append(idx, r), append(val, c)
		}
	}
	return idx, val
}
