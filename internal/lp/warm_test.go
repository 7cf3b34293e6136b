package lp

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randFeasibleTiny returns a tiny integer LP that has the integer point x0
// feasible (often degenerate, with equality rows and free columns).
func randFeasibleTiny(rng *rand.Rand, n, m int) *denseLP {
	p := &denseLP{}
	x0 := make([]float64, n)
	for j := 0; j < n; j++ {
		p.c = append(p.c, float64(rng.IntN(7)-3))
		x0[j] = float64(rng.IntN(5) - 2)
		var lo, up float64
		switch rng.IntN(5) {
		case 0:
			lo, up = math.Inf(-1), math.Inf(1)
		case 1:
			lo, up = x0[j]-float64(rng.IntN(2)), math.Inf(1)
		case 2:
			lo, up = math.Inf(-1), x0[j]+float64(rng.IntN(2))
		default:
			lo, up = x0[j]-float64(rng.IntN(3)), x0[j]+float64(rng.IntN(3))
		}
		p.colLo = append(p.colLo, lo)
		p.colUp = append(p.colUp, up)
	}
	for i := 0; i < m; i++ {
		row := make([]float64, n)
		s := 0.0
		for j := range row {
			if rng.IntN(3) > 0 {
				row[j] = float64(rng.IntN(5) - 2)
			}
			s += row[j] * x0[j]
		}
		p.a = append(p.a, row)
		var lo, up float64
		switch rng.IntN(4) {
		case 0:
			lo, up = s, s
		case 1:
			lo, up = s-float64(rng.IntN(3)), math.Inf(1)
		case 2:
			lo, up = math.Inf(-1), s+float64(rng.IntN(3))
		default:
			lo, up = s-float64(rng.IntN(3)), s+float64(rng.IntN(3))
		}
		p.rowLo = append(p.rowLo, lo)
		p.rowUp = append(p.rowUp, up)
	}
	return p
}

func TestBruteForceFeasibleTiny(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	counts := map[Status]int{}
	for it := 0; it < 1000; it++ {
		p := randFeasibleTiny(rng, 1+rng.IntN(4), 1+rng.IntN(3))
		_, obj1 := bruteForce(p, 1e4)
		_, obj2 := bruteForce(p, 1e5)
		want := Optimal
		if obj2 < obj1-1e-6 {
			want = Unbounded
		}
		md := p.build()
		st := solveOK(t, md)
		counts[st]++
		if st != want {
			t.Fatalf("instance %d: status %v, want %v (%+v)", it, st, want, p)
		}
		if st == Optimal {
			if math.Abs(md.Objective()-obj1) > 1e-9 {
				t.Fatalf("instance %d: objective %v, want %v", it, md.Objective(), obj1)
			}
			checkCert(t, md, 1e-9)
		}
	}
	t.Logf("statuses: %v", counts)
}

// modify applies a random change to both p and md.
func modify(rng *rand.Rand, p *denseLP, md *Model) string {
	n := p.n()
	switch rng.IntN(5) {
	case 0: // add a row
		row := make([]float64, n)
		for j := range row {
			if rng.IntN(2) == 0 {
				row[j] = float64(rng.IntN(5) - 2)
			}
		}
		lo, up := randBounds(rng)
		p.a = append(p.a, row)
		p.rowLo = append(p.rowLo, lo)
		p.rowUp = append(p.rowUp, up)
		md.addDenseRow(row, lo, up)
		return "row"
	case 1: // change a cost
		j := rng.IntN(n)
		c := float64(rng.IntN(7) - 3)
		p.c[j] = c
		md.SetCost(j, c)
		return "cost"
	case 2: // change column bounds
		j := rng.IntN(n)
		lo, up := randBounds(rng)
		p.colLo[j], p.colUp[j] = lo, up
		md.SetColBounds(j, lo, up)
		return "col"
	case 3: // change row bounds
		if p.m() == 0 {
			return "none"
		}
		i := rng.IntN(p.m())
		lo, up := randBounds(rng)
		p.rowLo[i], p.rowUp[i] = lo, up
		md.SetRowBounds(i, lo, up)
		return "rowbounds"
	default: // add a column with coefficients
		lo, up := randBounds(rng)
		c := float64(rng.IntN(7) - 3)
		var idx []int
		var val []float64
		for i := range p.a {
			v := 0.0
			if rng.IntN(2) == 0 {
				v = float64(rng.IntN(5) - 2)
			}
			p.a[i] = append(p.a[i], v)
			if v != 0 {
				idx = append(idx, i)
				val = append(val, v)
			}
		}
		p.c = append(p.c, c)
		p.colLo = append(p.colLo, lo)
		p.colUp = append(p.colUp, up)
		md.AddColCoefs(c, lo, up, idx, val)
		return "addcol"
	}
}

func TestWarmStartTiny(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for it := 0; it < 300; it++ {
		p := randFeasibleTiny(rng, 2+rng.IntN(2), 1+rng.IntN(2))
		md := p.build()
		solveOK(t, md)
		for step := 0; step < 4 && p.n() <= 5 && p.m() <= 3; step++ {
			what := modify(rng, p, md)
			st := solveOK(t, md)
			feas, obj1 := bruteForce(p, 1e4)
			_, obj2 := bruteForce(p, 1e5)
			want := Optimal
			switch {
			case !feas:
				want = Infeasible
			case obj2 < obj1-1e-6:
				want = Unbounded
			}
			if st != want {
				t.Fatalf("instance %d step %d (%s): status %v, want %v", it, step, what, st, want)
			}
			if st == Optimal {
				if math.Abs(md.Objective()-obj1) > 1e-9 {
					t.Fatalf("instance %d step %d (%s): objective %v, want %v", it, step, what, md.Objective(), obj1)
				}
				checkCert(t, md, 1e-9)
			}
		}
	}
}

func TestWarmStartRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for it := 0; it < 40; it++ {
		p := randNonDegenerate(rng, 20+rng.IntN(20), 10+rng.IntN(10))
		md := p.build()
		solveOK(t, md)
		for step := 0; step < 10; step++ {
			what := modify(rng, p, md)
			st := solveOK(t, md)
			cold := p.build()
			stc := solveOK(t, cold)
			if st != stc {
				t.Fatalf("instance %d step %d (%s): warm %v, cold %v", it, step, what, st, stc)
			}
			if st == Optimal {
				if math.Abs(md.Objective()-cold.Objective()) > 1e-8*(1+math.Abs(cold.Objective())) {
					t.Fatalf("instance %d step %d (%s): warm %v, cold %v", it, step, what, md.Objective(), cold.Objective())
				}
				checkCert(t, md, 1e-8)
			}
			if st != Optimal {
				// restart from a fresh copy so that the sequence continues
				// from a solvable model
				p = randNonDegenerate(rng, 20+rng.IntN(20), 10+rng.IntN(10))
				md = p.build()
				solveOK(t, md)
			}
		}
	}
}

func TestBasisRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	p := randNonDegenerate(rng, 40, 20)
	md := p.build()
	if st := solveOK(t, md); st != Optimal {
		t.Fatal(st)
	}
	obj := md.Objective()
	x0 := md.X(nil)
	b := md.Basis()
	// wreck the basis by solving a different problem
	for j := 0; j < 40; j += 3 {
		md.SetCost(j, -md.Cost(j))
	}
	solveOK(t, md)
	for j := 0; j < 40; j += 3 {
		md.SetCost(j, -md.Cost(j))
	}
	if err := md.SetBasis(b); err != nil {
		t.Fatal(err)
	}
	if st := solveOK(t, md); st != Optimal {
		t.Fatal(st)
	}
	if it := md.Iterations(); it != 0 {
		t.Fatalf("restored optimal basis needed %d iterations", it)
	}
	if math.Abs(md.Objective()-obj) > 1e-12 {
		t.Fatalf("objective %v, want %v", md.Objective(), obj)
	}
	x1 := md.X(nil)
	for j := range x0 {
		if math.Abs(x0[j]-x1[j]) > 1e-12 {
			t.Fatalf("x differs at %d: %v vs %v", j, x0[j], x1[j])
		}
	}
	// a singular / wrongly sized basis is repaired
	bad := Basis{Cols: make([]VarStatus, 40), Rows: make([]VarStatus, 20)}
	for j := range bad.Cols {
		bad.Cols[j] = Basic
	}
	for i := range bad.Rows {
		bad.Rows[i] = AtLower
	}
	if err := md.SetBasis(bad); err != nil {
		t.Fatal(err)
	}
	if st := solveOK(t, md); st != Optimal || math.Abs(md.Objective()-obj) > 1e-9 {
		t.Fatalf("%v %v", st, md.Objective())
	}
	checkCert(t, md, 1e-9)
}

// pricing builds a pricing-shaped LP: maximise Σ w_t c_t s.t. Σ c = k, quota
// rows per feature value, 0 ≤ c ≤ 1.
type pricingData struct {
	n, k   int
	w      []float64
	groups [][]int // feature value -> people
	lo, up []float64
}

func randPricing(rng *rand.Rand, n, k, features, values int) *pricingData {
	d := &pricingData{n: n, k: k}
	for t := 0; t < n; t++ {
		d.w = append(d.w, rng.Float64())
	}
	for f := 0; f < features; f++ {
		g := make([][]int, values)
		for t := 0; t < n; t++ {
			v := rng.IntN(values)
			if rng.IntN(3) == 0 {
				v = 0 // skewed
			}
			g[v] = append(g[v], t)
		}
		for _, people := range g {
			if len(people) == 0 {
				continue
			}
			share := float64(len(people)) / float64(n) * float64(k)
			d.groups = append(d.groups, people)
			d.lo = append(d.lo, math.Max(0, math.Floor(share)-1))
			d.up = append(d.up, math.Ceil(share)+1)
		}
	}
	return d
}

func (d *pricingData) newModel() *Model {
	md := NewModel()
	idx := make([]int, d.n)
	val := make([]float64, d.n)
	for t := 0; t < d.n; t++ {
		md.AddCol(-d.w[t], 0, 1)
		idx[t], val[t] = t, 1
	}
	md.AddRow(idx, val, float64(d.k), float64(d.k))
	for g, people := range d.groups {
		val := make([]float64, len(people))
		for t := range val {
			val[t] = 1
		}
		md.AddRow(people, val, d.lo[g], d.up[g])
	}
	return md
}

// TestBranchAndBound runs a depth-first branch and bound on small pricing
// problems with warm-started children (SetBasis + SetColBounds → dual
// simplex) and compares every node LP with a cold solve and the integer
// optimum with enumeration.
func TestBranchAndBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for it := 0; it < 12; it++ {
		d := randPricing(rng, 14, 5, 2, 3)
		md := d.newModel()
		best := math.Inf(1)
		nodes := 0
		var rec func(depth int)
		rec = func(depth int) {
			nodes++
			st := solveOK(t, md)
			// compare with a cold solve of the same node
			cold := d.newModel()
			for j := 0; j < d.n; j++ {
				lo, up := md.ColBounds(j)
				cold.SetColBounds(j, lo, up)
			}
			stc := solveOK(t, cold)
			if st != stc {
				t.Fatalf("node status warm %v cold %v", st, stc)
			}
			if st != Optimal {
				return
			}
			if math.Abs(md.Objective()-cold.Objective()) > 1e-9 {
				t.Fatalf("node objective warm %v cold %v", md.Objective(), cold.Objective())
			}
			checkCert(t, md, 1e-9)
			if md.Objective() >= best-1e-9 {
				return
			}
			x := md.X(nil)
			frac, fv := -1, 0.0
			for j, v := range x {
				if f := math.Abs(v - math.Round(v)); f > 1e-7 && f > fv {
					frac, fv = j, f
				}
			}
			if frac < 0 {
				best = md.Objective()
				return
			}
			b := md.Basis()
			lo, up := md.ColBounds(frac)
			for _, val := range []float64{1, 0} {
				if err := md.SetBasis(b); err != nil {
					t.Fatal(err)
				}
				md.SetColBounds(frac, val, val)
				rec(depth + 1)
				md.SetColBounds(frac, lo, up)
			}
		}
		rec(0)
		// enumeration
		want := math.Inf(1)
		for mask := 0; mask < 1<<d.n; mask++ {
			cnt := 0
			obj := 0.0
			for tt := 0; tt < d.n; tt++ {
				if mask>>tt&1 == 1 {
					cnt++
					obj -= d.w[tt]
				}
			}
			if cnt != d.k {
				continue
			}
			ok := true
			for g, people := range d.groups {
				s := 0
				for _, tt := range people {
					s += mask >> tt & 1
				}
				if float64(s) < d.lo[g] || float64(s) > d.up[g] {
					ok = false
					break
				}
			}
			if ok && obj < want {
				want = obj
			}
		}
		if math.Abs(best-want) > 1e-9 && !(math.IsInf(best, 1) && math.IsInf(want, 1)) {
			t.Fatalf("instance %d: B&B %v, enumeration %v (%d nodes)", it, best, want, nodes)
		}
	}
}

func TestPricingCostChanges(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	d := randPricing(rng, 600, 40, 4, 5)
	md := d.newModel()
	if st := solveOK(t, md); st != Optimal {
		t.Fatal(st)
	}
	checkCert(t, md, 1e-9)
	for round := 0; round < 5; round++ {
		for j := 0; j < d.n; j++ {
			d.w[j] = rng.Float64()
			md.SetCost(j, -d.w[j])
		}
		if st := solveOK(t, md); st != Optimal {
			t.Fatal(st)
		}
		checkCert(t, md, 1e-9)
		cold := d.newModel()
		solveOK(t, cold)
		if math.Abs(md.Objective()-cold.Objective()) > 1e-9 {
			t.Fatalf("warm %v cold %v", md.Objective(), cold.Objective())
		}
	}
}

func TestMasterIncremental(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	panels, people := 300, 1000
	if testing.Short() {
		panels, people = 100, 300
	}
	d := randMaster(rng, panels, people, people/10)
	cold := d.newModel()
	for p := range d.panels {
		d.addPanel(cold, p)
	}
	if st := solveOK(t, cold); st != Optimal {
		t.Fatal(st)
	}
	checkCert(t, cold, 1e-9)
	inc := d.newModel()
	iters := 0
	for p := range d.panels {
		d.addPanel(inc, p)
		if st := solveOK(t, inc); st != Optimal {
			t.Fatal(st)
		}
		iters += inc.Iterations()
		if p%50 == 0 {
			checkCert(t, inc, 1e-9)
		}
	}
	checkCert(t, inc, 1e-9)
	if math.Abs(inc.Objective()-cold.Objective()) > 1e-9 {
		t.Fatalf("incremental %v, cold %v", inc.Objective(), cold.Objective())
	}
	t.Logf("objective %v, cold iterations %d, incremental iterations %d", cold.Objective(), cold.Iterations(), iters)
}

func TestDeterministic(t *testing.T) {
	run := func() ([]float64, []float64, int) {
		rng := rand.New(rand.NewPCG(21, 22))
		d := randMaster(rng, 80, 200, 20)
		md := d.newModel()
		it := 0
		for p := range d.panels {
			d.addPanel(md, p)
			if _, err := md.Solve(context.Background()); err != nil {
				t.Fatal(err)
			}
			it += md.Iterations()
		}
		return md.X(nil), md.RowDuals(nil), it
	}
	x1, y1, i1 := run()
	x2, y2, i2 := run()
	if i1 != i2 {
		t.Fatalf("iterations %d vs %d", i1, i2)
	}
	for j := range x1 {
		if math.Float64bits(x1[j]) != math.Float64bits(x2[j]) {
			t.Fatalf("x[%d] differs", j)
		}
	}
	for i := range y1 {
		if math.Float64bits(y1[i]) != math.Float64bits(y2[i]) {
			t.Fatalf("y[%d] differs", i)
		}
	}
}

// TestBranchAndBoundMedium runs a bounded depth-first branch and bound on a
// pricing LP with household rows (n = 300) and checks every warm-started
// node against a cold solve.
func TestBranchAndBoundMedium(t *testing.T) {
	for inst := uint64(0); inst < 3; inst++ {
		bbMedium(t, rand.New(rand.NewPCG(23, 24+inst)))
	}
}

func bbMedium(t *testing.T, rng *rand.Rand) {
	d := randPricing(rng, 300, 30, 6, 3)
	top := make([]int, d.n)
	for j := range top {
		top[j] = j
	}
	slices.SortFunc(top, func(a, b int) int { return cmp.Compare(d.w[b], d.w[a]) })
	build := func() *Model {
		md := d.newModel()
		for g, people := range d.groups { // tight quotas
			share := float64(len(people)) / float64(d.n) * float64(d.k)
			md.SetRowBounds(1+g, math.Floor(share), math.Ceil(share))
		}
		for h := 0; h+2 < 90; h += 3 { // households among the heaviest people
			md.AddRow([]int{top[h], top[h+1], top[h+2]}, []float64{1, 1, 1}, math.Inf(-1), 1)
		}
		return md
	}
	md := build()
	nodes, dualIters := 0, 0
	var rec func()
	rec = func() {
		if nodes >= 150 {
			return
		}
		nodes++
		st := solveOK(t, md)
		if nodes > 1 {
			dualIters += md.Iterations()
		}
		cold := build()
		for j := 0; j < d.n; j++ {
			lo, up := md.ColBounds(j)
			cold.SetColBounds(j, lo, up)
		}
		if stc := solveOK(t, cold); stc != st {
			t.Logf("warm cert %+v", md.Check())
			t.Logf("cold cert %+v iters %d", cold.Check(), cold.Iterations())
			c2 := build()
			for j := 0; j < d.n; j++ {
				lo, up := md.ColBounds(j)
				c2.SetColBounds(j, lo, up)
			}
			c2.SetOptions(Options{NoPerturbation: true})

			t.Logf("cold2 %v", c2.mustSolve(t))
			t.Fatalf("node %d: warm %v cold %v", nodes, st, stc)
		}
		if st != Optimal {
			return
		}
		if math.Abs(md.Objective()-cold.Objective()) > 1e-9 {
			t.Fatalf("node %d: warm %v cold %v", nodes, md.Objective(), cold.Objective())
		}
		checkCert(t, md, 1e-9)
		x := md.X(nil)
		frac, fv := -1, 0.0
		for j, v := range x {
			if f := math.Abs(v - math.Round(v)); f > 1e-7 && f > fv {
				frac, fv = j, f
			}
		}
		if frac < 0 {
			return
		}
		b := md.Basis()
		lo, up := md.ColBounds(frac)
		for _, val := range []float64{1, 0} {
			if err := md.SetBasis(b); err != nil {
				t.Fatal(err)
			}
			md.SetColBounds(frac, val, val)
			rec()
			md.SetColBounds(frac, lo, up)
		}
	}
	rec()
	t.Logf("root status %v; %d nodes, %.1f iterations per child", build().mustSolve(t), nodes, float64(dualIters)/float64(max(nodes-1, 1)))
}

func (m *Model) mustSolve(t *testing.T) Status {
	t.Helper()
	return solveOK(t, m)
}
