package lp

import "math"

// factor represents B⁻¹ for the basis matrix B whose column at position p is
// the column of [A | −I] of the basic variable at p.
//
// The base factorisation exploits the slack structure: with S the rows whose
// slack is basic and R the others, B is (after permutation) block triangular
// with the kernel K = A[R, basic structural columns] (square) and −I on S.
// K is factorised by a sparse LU (see sparseLU). Updates
// are kept in product form: eta matrices for basis changes, and "append"
// operations for rows added with a basic slack after the factorisation.
type factor struct {
	m0, k    int // rows covered by the base factorisation, kernel size
	m        int // current dimension (m0 + appended rows)
	kcol     []int
	kpos     []int
	krow     []int // kernel row ids, in pivot order
	slackPos []int // row (< m0) -> position of its basic slack, or -1
	posSlack []int // position (< m0) -> row of its basic slack, or -1
	colMax   []float64
	rmap     []int
	ops      []etaOp
	opNnz    int
	wk, tmp  []float64
	wk2      []float64
	wc, wc2  []float64
	tmp2     []float64
	lu       sparseLU
}

type etaOp struct {
	app bool // append operation (new row with basic slack at position r)
	r   int
	piv float64
	idx []int32
	val []float64
}

func resizeInt(dst []int, n int) []int {
	if cap(dst) < n {
		return make([]int, n)
	}
	return dst[:n]
}

// build factorises the basis given by heads hd (unified ids, n columns, m
// rows). If the basis is singular (or not square), it returns the positions
// whose structural columns could not be pivoted and the rows left without a
// pivot; the factorisation is then invalid.
func (f *factor) build(mdl *Model, hd []int, n, m int) (dropped, unpiv []int) {
	f.m0, f.m = m, m
	f.ops = f.ops[:0]
	f.opNnz = 0
	np := len(hd)
	f.slackPos = resizeInt(f.slackPos, m)
	f.posSlack = resizeInt(f.posSlack, np)
	for i := range f.slackPos {
		f.slackPos[i] = -1
	}
	f.kcol, f.kpos, f.krow = f.kcol[:0], f.kpos[:0], f.krow[:0]
	for p, v := range hd {
		f.posSlack[p] = -1
		if v >= n {
			f.slackPos[v-n] = p
			f.posSlack[p] = v - n
		} else {
			f.kcol = append(f.kcol, v)
			f.kpos = append(f.kpos, p)
		}
	}
	f.rmap = resizeInt(f.rmap, m)
	for i := 0; i < m; i++ {
		f.rmap[i] = -1
		if f.slackPos[i] < 0 {
			f.rmap[i] = len(f.krow)
			f.krow = append(f.krow, i)
		}
	}
	kr, kc := len(f.krow), len(f.kcol)
	f.colMax = resize(f.colMax, kc)
	f.luReset(kr, kc)
	for c, j := range f.kcol {
		cm := 0.0
		vals := mdl.colVal[j]
		for t, i := range mdl.colIdx[j] {
			if int(i) >= m {
				continue
			}
			a := vals[t]
			if math.Abs(a) > cm {
				cm = math.Abs(a)
			}
			if r := f.rmap[i]; r >= 0 {
				f.luSet(r, c, a)
			}
		}
		f.colMax[c] = cm
	}
	droppedC, unpivR := f.luFactor(kr, kc)
	for _, c := range droppedC {
		dropped = append(dropped, f.kpos[c])
	}
	for _, r := range unpivR {
		unpiv = append(unpiv, f.krow[r])
	}
	f.k = kr
	f.wk = resize(f.wk, kr)
	f.wk2 = resize(f.wk2, kr)
	f.wc = resize(f.wc, kc)
	f.wc2 = resize(f.wc2, kc)
	f.tmp = resize(f.tmp, m)
	f.tmp2 = resize(f.tmp2, m)
	return dropped, unpiv
}

func (f *factor) numOps() int { return len(f.ops) }

// ftran overwrites v (row space, length ≥ f.m) with B⁻¹v (position space).
func (f *factor) ftran(mdl *Model, v []float64) {
	k, m0 := f.k, f.m0
	wk := f.wk[:k]
	for i := 0; i < k; i++ {
		wk[i] = v[f.krow[i]]
	}
	wk = f.luSolve(wk, f.wc[:k])
	tmp := f.tmp[:m0]
	for p := 0; p < m0; p++ {
		if i := f.posSlack[p]; i >= 0 {
			tmp[p] = -v[i]
		}
	}
	for c := 0; c < k; c++ {
		z := wk[c]
		tmp[f.kpos[c]] = z
		if z == 0 {
			continue
		}
		j := f.kcol[c]
		vals := mdl.colVal[j]
		for t, i := range mdl.colIdx[j] {
			if int(i) < m0 {
				if p := f.slackPos[i]; p >= 0 {
					tmp[p] += float64(vals[t] * z)
				}
			}
		}
	}
	copy(v[:m0], tmp)
	for oi := range f.ops {
		op := &f.ops[oi]
		if op.app {
			s := -v[op.r]
			for t, q := range op.idx {
				s += float64(op.val[t] * v[q])
			}
			v[op.r] = s
			continue
		}
		xr := v[op.r] / op.piv
		v[op.r] = xr
		if xr == 0 {
			continue
		}
		for t, q := range op.idx {
			v[q] -= float64(op.val[t] * xr)
		}
	}
}

// btran overwrites v (position space, length ≥ f.m) with B⁻ᵀv (row space).
func (f *factor) btran(mdl *Model, v []float64) {
	for oi := len(f.ops) - 1; oi >= 0; oi-- {
		op := &f.ops[oi]
		if op.app {
			dp := v[op.r]
			v[op.r] = -dp
			if dp == 0 {
				continue
			}
			for t, q := range op.idx {
				v[q] += float64(op.val[t] * dp)
			}
			continue
		}
		s := v[op.r]
		for t, q := range op.idx {
			s -= float64(op.val[t] * v[q])
		}
		v[op.r] = s / op.piv
	}
	k, m0 := f.k, f.m0
	tmp := f.tmp[:m0]
	for p := 0; p < m0; p++ {
		if i := f.posSlack[p]; i >= 0 {
			tmp[i] = -v[p]
		}
	}
	wk := f.wk[:k]
	for c := 0; c < k; c++ {
		s := v[f.kpos[c]]
		j := f.kcol[c]
		vals := mdl.colVal[j]
		for t, i := range mdl.colIdx[j] {
			if int(i) < m0 && f.slackPos[i] >= 0 {
				s -= float64(vals[t] * tmp[i])
			}
		}
		wk[c] = s
	}
	wk = f.luSolveT(wk, f.wk2[:k])
	for i := 0; i < k; i++ {
		tmp[f.krow[i]] = wk[i]
	}
	copy(v[:m0], tmp)
}

// addEta records the basis change at position r, where col = B⁻¹a_q is the
// entering column in position space.
func (f *factor) addEta(r int, col []float64) {
	op := etaOp{r: r, piv: col[r]}
	for i, a := range col[:f.m] {
		if i != r && a != 0 && math.Abs(a) > 1e-14 {
			op.idx = append(op.idx, int32(i))
			op.val = append(op.val, a)
		}
	}
	f.opNnz += len(op.idx) + 1
	f.ops = append(f.ops, op)
}

// addRow records a row appended at position p = f.m with its slack basic;
// idx/val are the new row's coefficients at the basis positions.
func (f *factor) addRow(idx []int32, val []float64) {
	op := etaOp{app: true, r: f.m, idx: idx, val: val}
	f.opNnz += len(idx) + 1
	f.ops = append(f.ops, op)
	f.m++
}

// ftran2 is ftran applied to two vectors at once (one pass over the
// factors).
func (f *factor) ftran2(mdl *Model, v, w []float64) {
	k, m0 := f.k, f.m0
	wk := f.wk[:k]
	wk2 := f.wk2[:k]
	for i := 0; i < k; i++ {
		wk[i] = v[f.krow[i]]
		wk2[i] = w[f.krow[i]]
	}
	wk, wk2 = f.luSolve2(wk, wk2, f.wc[:k], f.wc2[:k])
	tmp := f.tmp[:m0]
	tmp2 := f.tmp2[:m0]
	for p := 0; p < m0; p++ {
		if i := f.posSlack[p]; i >= 0 {
			tmp[p] = -v[i]
			tmp2[p] = -w[i]
		}
	}
	for c := 0; c < k; c++ {
		z, z2 := wk[c], wk2[c]
		tmp[f.kpos[c]] = z
		tmp2[f.kpos[c]] = z2
		if z == 0 && z2 == 0 {
			continue
		}
		j := f.kcol[c]
		vals := mdl.colVal[j]
		for t, i := range mdl.colIdx[j] {
			if int(i) < m0 {
				if p := f.slackPos[i]; p >= 0 {
					tmp[p] += float64(vals[t] * z)
					tmp2[p] += float64(vals[t] * z2)
				}
			}
		}
	}
	copy(v[:m0], tmp)
	copy(w[:m0], tmp2)
	for oi := range f.ops {
		op := &f.ops[oi]
		if op.app {
			s, s2 := -v[op.r], -w[op.r]
			for t, q := range op.idx {
				s += float64(op.val[t] * v[q])
				s2 += float64(op.val[t] * w[q])
			}
			v[op.r], w[op.r] = s, s2
			continue
		}
		xr := v[op.r] / op.piv
		xr2 := w[op.r] / op.piv
		v[op.r], w[op.r] = xr, xr2
		if xr == 0 && xr2 == 0 {
			continue
		}
		for t, q := range op.idx {
			a := op.val[t]
			v[q] -= float64(a * xr)
			w[q] -= float64(a * xr2)
		}
	}
}
