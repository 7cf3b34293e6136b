package lp

import "math"

// sparseLU is the LU factorisation of the kernel K (kr × kc, square when
// valid) computed by Gaussian elimination with Markowitz pivoting and
// threshold partial pivoting (relative 0.1 within the pivot column).
//
// Step s eliminates with the pivot K[pr[s], pc[s]] = piv[s]. The L factor
// is stored by steps (the multipliers of the rows eliminated at step s,
// column form), the U factor by steps too (row pr[s] of the reduced matrix
// at step s without its pivot, row form). Then K = L·U with L unit lower
// and U upper triangular in pivot order.
//
// The active submatrix is kept densely (a, with the structural pattern nz)
// together with row and column pattern lists, so fill is found in O(1) and
// a dense tail costs no more than a dense LU; both dense arrays are cleared
// through the pattern lists after the factorisation.
type sparseLU struct {
	kr, kc  int
	pr, pc  []int32
	piv     []float64
	lStart  []int32
	lIdx    []int32 // kernel rows
	lVal    []float64
	uStart  []int32
	uIdx    []int32 // kernel columns
	uVal    []float64
	a       []float64 // active matrix, row-major kr × kc
	nz      []bool
	rowList [][]int32
	colList [][]int32
	rcnt    []int32
	ccnt    []int32
	rowDone []bool
	colDone []bool
}

func resizeI32(dst []int32, n int) []int32 {
	if cap(dst) < n {
		return make([]int32, n)
	}
	return dst[:n]
}

func resizeBool(dst []bool, n int) []bool {
	if cap(dst) < n {
		return make([]bool, n)
	}
	return dst[:n]
}

// luReset prepares an empty kr × kc kernel. The dense arrays are all zero
// (false) between factorisations.
func (f *factor) luReset(kr, kc int) {
	l := &f.lu
	l.kr, l.kc = kr, kc
	if n := kr * kc; cap(l.a) < n {
		l.a = make([]float64, n)
		l.nz = make([]bool, n)
	} else {
		l.a = l.a[:n]
		l.nz = l.nz[:n]
	}
	if cap(l.rowList) < kr {
		l.rowList = append(l.rowList[:cap(l.rowList)], make([][]int32, kr-cap(l.rowList))...)
	}
	l.rowList = l.rowList[:kr]
	for r := range l.rowList {
		l.rowList[r] = l.rowList[r][:0]
	}
	if cap(l.colList) < kc {
		l.colList = append(l.colList[:cap(l.colList)], make([][]int32, kc-cap(l.colList))...)
	}
	l.colList = l.colList[:kc]
	for c := range l.colList {
		l.colList[c] = l.colList[c][:0]
	}
	l.pr, l.pc, l.piv = l.pr[:0], l.pc[:0], l.piv[:0]
	l.lStart, l.lIdx, l.lVal = append(l.lStart[:0], 0), l.lIdx[:0], l.lVal[:0]
	l.uStart, l.uIdx, l.uVal = append(l.uStart[:0], 0), l.uIdx[:0], l.uVal[:0]
}

// luSet stores the kernel entry (r, c); each entry is set at most once.
func (f *factor) luSet(r, c int, v float64) {
	l := &f.lu
	p := r*l.kc + c
	l.a[p] = v
	if !l.nz[p] {
		l.nz[p] = true
		l.rowList[r] = append(l.rowList[r], int32(c))
		l.colList[c] = append(l.colList[c], int32(r))
	}
}

// luFactor factorises the kernel set by luSet. It returns the kernel
// columns that could not be pivoted (numerically dependent, relative to
// f.colMax) and the kernel rows left without a pivot.
func (f *factor) luFactor(kr, kc int) (droppedC, unpivR []int) {
	const (
		singTol = 1e-11
		thresh  = 0.1
		nCand   = 4
	)
	l := &f.lu
	l.rcnt = resizeI32(l.rcnt, kr)
	l.ccnt = resizeI32(l.ccnt, kc)
	l.rowDone = resizeBool(l.rowDone, kr)
	l.colDone = resizeBool(l.colDone, kc)
	for r := 0; r < kr; r++ {
		l.rcnt[r] = int32(len(l.rowList[r]))
		l.rowDone[r] = false
	}
	for c := 0; c < kc; c++ {
		l.ccnt[c] = int32(len(l.colList[c]))
		l.colDone[c] = false
	}
	a, nz := l.a, l.nz
	rowsLeft, colsLeft := kr, kc
	var cand [nCand]int
	dropCol := func(c int) {
		droppedC = append(droppedC, c)
		l.colDone[c] = true
		colsLeft--
		for _, r := range l.colList[c] {
			if !l.rowDone[r] {
				l.rcnt[r]--
			}
		}
	}
	for rowsLeft > 0 && colsLeft > 0 {
		// The nCand active columns with the fewest active entries (ties:
		// lowest index).
		nc := 0
		for c := 0; c < kc; c++ {
			if l.colDone[c] {
				continue
			}
			cc := l.ccnt[c]
			if nc == nCand && cc >= l.ccnt[cand[nc-1]] {
				continue
			}
			i := nc
			if nc < nCand {
				nc++
			} else {
				i = nCand - 1
			}
			for i > 0 && l.ccnt[cand[i-1]] > cc {
				cand[i] = cand[i-1]
				i--
			}
			cand[i] = c
		}
		bestR, bestC := -1, -1
		bestM, bestA := int64(math.MaxInt64), 0.0
		restart := false
		for _, c := range cand[:nc] {
			// compact the column's list to its active rows; column max
			list := l.colList[c]
			w := 0
			cmax := 0.0
			for _, r := range list {
				if l.rowDone[r] {
					continue
				}
				list[w] = r
				w++
				if v := math.Abs(a[int(r)*kc+c]); v > cmax {
					cmax = v
				}
			}
			list = list[:w]
			l.colList[c] = list
			if cmax <= singTol*f.colMax[c] || !(cmax < math.Inf(1)) {
				dropCol(c)
				restart = true
				break
			}
			cc := int64(l.ccnt[c] - 1)
			for _, r := range list {
				v := math.Abs(a[int(r)*kc+c])
				if v < thresh*cmax {
					continue
				}
				mk := int64(l.rcnt[r]-1) * cc
				if mk < bestM || (mk == bestM && (v > bestA || (v == bestA && (c < bestC || (c == bestC && int(r) < bestR))))) {
					bestM, bestA, bestR, bestC = mk, v, int(r), c
				}
			}
		}
		if restart {
			continue
		}
		pr, pc := bestR, bestC
		piv := a[pr*kc+pc]
		l.pr = append(l.pr, int32(pr))
		l.pc = append(l.pc, int32(pc))
		l.piv = append(l.piv, piv)
		// U row: the active entries of the pivot row except the pivot.
		u0 := len(l.uIdx)
		for _, c := range l.rowList[pr] {
			if l.colDone[c] {
				continue
			}
			l.ccnt[c]--
			if int(c) == pc {
				continue
			}
			if v := a[pr*kc+int(c)]; v != 0 {
				l.uIdx = append(l.uIdx, c)
				l.uVal = append(l.uVal, v)
			}
		}
		l.uStart = append(l.uStart, int32(len(l.uIdx)))
		uIdx, uVal := l.uIdx[u0:], l.uVal[u0:]
		l.rowDone[pr] = true
		rowsLeft--
		l.colDone[pc] = true
		colsLeft--
		// L column and the update of the rows with an entry in the pivot
		// column.
		for _, r := range l.colList[pc] {
			if l.rowDone[r] {
				continue
			}
			l.rcnt[r]--
			ro := int(r) * kc
			v := a[ro+pc]
			if v == 0 {
				continue
			}
			mult := v / piv
			l.lIdx = append(l.lIdx, r)
			l.lVal = append(l.lVal, mult)
			for t, c := range uIdx {
				p := ro + int(c)
				a[p] -= float64(mult * uVal[t])
				if !nz[p] {
					nz[p] = true
					l.rowList[r] = append(l.rowList[r], c)
					l.colList[c] = append(l.colList[c], r)
					l.rcnt[r]++
					l.ccnt[c]++
				}
			}
		}
		l.lStart = append(l.lStart, int32(len(l.lIdx)))
	}
	for c := 0; c < kc; c++ {
		if !l.colDone[c] {
			droppedC = append(droppedC, c)
		}
	}
	for r := 0; r < kr; r++ {
		if !l.rowDone[r] {
			unpivR = append(unpivR, r)
		}
		ro := r * kc
		for _, c := range l.rowList[r] {
			a[ro+int(c)] = 0
			nz[ro+int(c)] = false
		}
	}
	return droppedC, unpivR
}

// luSolve solves K w = b for b indexed by kernel rows (destroyed); w,
// indexed by kernel columns, is written to out and returned.
func (f *factor) luSolve(b, out []float64) []float64 {
	l := &f.lu
	ns := len(l.pr)
	lIdx, lVal, lStart := l.lIdx, l.lVal, l.lStart
	for s := 0; s < ns; s++ {
		t := b[l.pr[s]]
		if t == 0 {
			continue
		}
		e1 := lStart[s+1]
		for e := lStart[s]; e < e1; e++ {
			b[lIdx[e]] -= float64(lVal[e] * t)
		}
	}
	uIdx, uVal, uStart := l.uIdx, l.uVal, l.uStart
	for s := ns - 1; s >= 0; s-- {
		acc := b[l.pr[s]]
		e1 := uStart[s+1]
		for e := uStart[s]; e < e1; e++ {
			acc -= float64(uVal[e] * out[uIdx[e]])
		}
		out[l.pc[s]] = acc / l.piv[s]
	}
	return out
}

// luSolve2 is luSolve for two right-hand sides at once.
func (f *factor) luSolve2(b, b2, out, out2 []float64) ([]float64, []float64) {
	l := &f.lu
	ns := len(l.pr)
	lIdx, lVal, lStart := l.lIdx, l.lVal, l.lStart
	for s := 0; s < ns; s++ {
		r := l.pr[s]
		t, t2 := b[r], b2[r]
		if t == 0 && t2 == 0 {
			continue
		}
		e0, e1 := lStart[s], lStart[s+1]
		idx, val := lIdx[e0:e1], lVal[e0:e1]
		for e, i := range idx {
			lv := val[e]
			b[i] -= float64(lv * t)
			b2[i] -= float64(lv * t2)
		}
	}
	uIdx, uVal, uStart := l.uIdx, l.uVal, l.uStart
	for s := ns - 1; s >= 0; s-- {
		r := l.pr[s]
		acc, acc2 := b[r], b2[r]
		e0, e1 := uStart[s], uStart[s+1]
		idx, val := uIdx[e0:e1], uVal[e0:e1]
		for e, c := range idx {
			uv := val[e]
			acc -= float64(uv * out[c])
			acc2 -= float64(uv * out2[c])
		}
		c := l.pc[s]
		out[c] = acc / l.piv[s]
		out2[c] = acc2 / l.piv[s]
	}
	return out, out2
}

// luSolveT solves Kᵀ z = c for c indexed by kernel columns (destroyed); z,
// indexed by kernel rows, is written to out and returned.
func (f *factor) luSolveT(c, out []float64) []float64 {
	l := &f.lu
	ns := len(l.pr)
	uIdx, uVal, uStart := l.uIdx, l.uVal, l.uStart
	for s := 0; s < ns; s++ {
		g := c[l.pc[s]] / l.piv[s]
		out[l.pr[s]] = g
		if g == 0 {
			continue
		}
		e1 := uStart[s+1]
		for e := uStart[s]; e < e1; e++ {
			c[uIdx[e]] -= float64(uVal[e] * g)
		}
	}
	lIdx, lVal, lStart := l.lIdx, l.lVal, l.lStart
	for s := ns - 1; s >= 0; s-- {
		r := l.pr[s]
		acc := out[r]
		e1 := lStart[s+1]
		for e := lStart[s]; e < e1; e++ {
			acc -= float64(lVal[e] * out[lIdx[e]])
		}
		out[r] = acc
	}
	return out
}

// luNnz returns the number of stored entries of L and U.
func (f *factor) luNnz() int { return len(f.lu.lIdx) + len(f.lu.uIdx) + len(f.lu.pr) }
