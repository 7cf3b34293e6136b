package lp

import "math"

// factor represents B⁻¹ for the basis matrix B whose column at position p is
// the column of [A | −I] of the basic variable at p.
//
// The base factorisation exploits the slack structure: with S the rows whose
// slack is basic and R the others, B is (after permutation) block triangular
// with the kernel K = A[R, basic structural columns] (square) and −I on S.
// K is factorised densely (LU with partial pivoting, column-major). Updates
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
	lu       []float64
	ops      []etaOp
	opNnz    int
	wk, tmp  []float64
	wk2      []float64
	tmp2     []float64
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
	f.lu = resize(f.lu, kr*kc)
	for t := range f.lu {
		f.lu[t] = 0
	}
	f.colMax = resize(f.colMax, kc)
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
				f.lu[c*kr+r] = a
			}
		}
		f.colMax[c] = cm
	}
	const singTol = 1e-11
	npiv := 0
	for c := 0; c < kc; c++ {
		col := f.lu[c*kr : (c+1)*kr]
		if npiv == kr {
			dropped = append(dropped, f.kpos[c])
			continue
		}
		best, bi := 0.0, -1
		for i := npiv; i < kr; i++ {
			if a := math.Abs(col[i]); a > best {
				best, bi = a, i
			}
		}
		if bi < 0 || best <= singTol*f.colMax[c] {
			dropped = append(dropped, f.kpos[c])
			continue
		}
		if bi != npiv {
			for c2 := 0; c2 < kc; c2++ {
				o := c2 * kr
				f.lu[o+bi], f.lu[o+npiv] = f.lu[o+npiv], f.lu[o+bi]
			}
			f.krow[bi], f.krow[npiv] = f.krow[npiv], f.krow[bi]
		}
		piv := col[npiv]
		for i := npiv + 1; i < kr; i++ {
			col[i] /= piv
		}
		l := col[npiv+1:]
		for c2 := c + 1; c2 < kc; c2++ {
			c2col := f.lu[c2*kr : (c2+1)*kr]
			g := c2col[npiv]
			if g == 0 {
				continue
			}
			rest := c2col[npiv+1:]
			for i, li := range l {
				rest[i] -= float64(li * g)
			}
		}
		npiv++
	}
	if npiv < kr {
		unpiv = append(unpiv, f.krow[npiv:]...)
	}
	f.k = kr
	f.wk = resize(f.wk, kr)
	f.wk2 = resize(f.wk2, kr)
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
	lu := f.lu
	for c := 0; c < k; c++ {
		t := wk[c]
		if t == 0 {
			continue
		}
		l := lu[c*k+c+1 : (c+1)*k]
		rest := wk[c+1:]
		for i, li := range l {
			rest[i] -= float64(li * t)
		}
	}
	for c := k - 1; c >= 0; c-- {
		t := wk[c] / lu[c*k+c]
		wk[c] = t
		if t == 0 {
			continue
		}
		u := lu[c*k : c*k+c]
		for i, ui := range u {
			wk[i] -= float64(ui * t)
		}
	}
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
	lu := f.lu
	for c := 0; c < k; c++ {
		s := wk[c]
		u := lu[c*k : c*k+c]
		for i, ui := range u {
			s -= float64(ui * wk[i])
		}
		wk[c] = s / lu[c*k+c]
	}
	for i := k - 1; i >= 0; i-- {
		s := wk[i]
		l := lu[i*k+i+1 : (i+1)*k]
		rest := wk[i+1:]
		for t, li := range l {
			s -= float64(li * rest[t])
		}
		wk[i] = s
	}
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
	lu := f.lu
	for c := 0; c < k; c++ {
		t, t2 := wk[c], wk2[c]
		if t == 0 && t2 == 0 {
			continue
		}
		l := lu[c*k+c+1 : (c+1)*k]
		rest := wk[c+1:]
		rest2 := wk2[c+1:]
		rest = rest[:len(l)]
		rest2 = rest2[:len(l)]
		for i, li := range l {
			rest[i] -= float64(li * t)
			rest2[i] -= float64(li * t2)
		}
	}
	for c := k - 1; c >= 0; c-- {
		piv := lu[c*k+c]
		t := wk[c] / piv
		t2 := wk2[c] / piv
		wk[c], wk2[c] = t, t2
		if t == 0 && t2 == 0 {
			continue
		}
		u := lu[c*k : c*k+c]
		a, b := wk[:len(u)], wk2[:len(u)]
		for i, ui := range u {
			a[i] -= float64(ui * t)
			b[i] -= float64(ui * t2)
		}
	}
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
