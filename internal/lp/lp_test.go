package lp

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	gonumlp "gonum.org/v1/gonum/optimize/convex/lp"

	"gonum.org/v1/gonum/mat"
)

func TestSimple(t *testing.T) {
	// min -x - 2y  s.t. x + y ≤ 4, x + 3y ≤ 6, 0 ≤ x ≤ 5, y ≥ 0
	md := NewModel()
	x := md.AddCol(-1, 0, 5)
	y := md.AddCol(-2, 0, math.Inf(1))
	r0 := md.AddRow([]int{x, y}, []float64{1, 1}, math.Inf(-1), 4)
	r1 := md.AddRow([]int{x, y}, []float64{1, 3}, math.Inf(-1), 6)
	if st := solveOK(t, md); st != Optimal {
		t.Fatalf("status %v", st)
	}
	if got := md.Objective(); math.Abs(got+5) > 1e-12 {
		t.Fatalf("objective %v, want -5", got)
	}
	xs := md.X(nil)
	if math.Abs(xs[x]-3) > 1e-12 || math.Abs(xs[y]-1) > 1e-12 {
		t.Fatalf("x = %v", xs)
	}
	yd := md.RowDuals(nil)
	// at upper bounds, so duals ≤ 0: -1 = y0 + y1, -2 = y0 + 3 y1 → y1 = -1/2, y0 = -1/2
	if math.Abs(yd[r0]+0.5) > 1e-12 || math.Abs(yd[r1]+0.5) > 1e-12 {
		t.Fatalf("duals %v", yd)
	}
	checkCert(t, md, 1e-12)
}

func TestDualSign(t *testing.T) {
	md := NewModel()
	x := md.AddCol(1, 0, math.Inf(1))
	r := md.AddRow([]int{x}, []float64{1}, 1, math.Inf(1))
	if st := solveOK(t, md); st != Optimal {
		t.Fatal(st)
	}
	if y := md.RowDuals(nil)[r]; y != 1 {
		t.Fatalf("dual %v, want 1", y)
	}
	if d := md.ReducedCosts(nil)[x]; d != 0 {
		t.Fatalf("reduced cost %v", d)
	}
}

func TestNoRows(t *testing.T) {
	md := NewModel()
	md.AddCol(1, -1, 2)
	md.AddCol(-1, -1, 2)
	md.AddCol(0, math.Inf(-1), math.Inf(1))
	if st := solveOK(t, md); st != Optimal || md.Objective() != -3 {
		t.Fatalf("%v %v", st, md.Objective())
	}
	md.AddCol(-1, 0, math.Inf(1))
	if st := solveOK(t, md); st != Unbounded {
		t.Fatalf("%v", st)
	}
}

func TestBruteForceTiny(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	counts := map[Status]int{}
	for it := 0; it < 1500; it++ {
		p := randTiny(rng)
		feas, obj1 := bruteForce(p, 1e4)
		_, obj2 := bruteForce(p, 1e5)
		want := Optimal
		switch {
		case !feas:
			want = Infeasible
		case obj2 < obj1-1e-6:
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
				t.Fatalf("instance %d: objective %v, want %v (%+v)", it, md.Objective(), obj1, p)
			}
			checkCert(t, md, 1e-9)
		}
	}
	t.Logf("statuses: %v", counts)
}

// randNonDegenerate returns a random boxed LP with real data.
func randNonDegenerate(rng *rand.Rand, n, m int) *denseLP {
	p := &denseLP{}
	x0 := make([]float64, n)
	for j := 0; j < n; j++ {
		p.c = append(p.c, rng.NormFloat64())
		lo := -rng.Float64() * 3
		up := rng.Float64() * 3
		p.colLo = append(p.colLo, lo)
		p.colUp = append(p.colUp, up)
		x0[j] = lo + rng.Float64()*(up-lo)
	}
	for i := 0; i < m; i++ {
		row := make([]float64, n)
		s := 0.0
		for j := range row {
			row[j] = rng.NormFloat64()
			s += row[j] * x0[j]
		}
		p.a = append(p.a, row)
		switch rng.IntN(3) {
		case 0:
			p.rowLo = append(p.rowLo, s-rng.Float64())
			p.rowUp = append(p.rowUp, math.Inf(1))
		case 1:
			p.rowLo = append(p.rowLo, math.Inf(-1))
			p.rowUp = append(p.rowUp, s+rng.Float64())
		default:
			p.rowLo = append(p.rowLo, s-rng.Float64())
			p.rowUp = append(p.rowUp, s+rng.Float64())
		}
	}
	return p
}

// gonumSolve solves p with gonum's standard-form simplex via Convert.
func gonumSolve(p *denseLP) (float64, error) {
	n := p.n()
	var g [][]float64
	var h []float64
	addG := func(row []float64, rhs float64) {
		g = append(g, row)
		h = append(h, rhs)
	}
	for j := 0; j < n; j++ {
		e := make([]float64, n)
		e[j] = 1
		addG(e, p.colUp[j])
		e2 := make([]float64, n)
		e2[j] = -1
		addG(e2, -p.colLo[j])
	}
	for i, row := range p.a {
		if !math.IsInf(p.rowUp[i], 1) {
			addG(append([]float64(nil), row...), p.rowUp[i])
		}
		if !math.IsInf(p.rowLo[i], -1) {
			neg := make([]float64, n)
			for j, v := range row {
				neg[j] = -v
			}
			addG(neg, -p.rowLo[i])
		}
	}
	G := mat.NewDense(len(g), n, nil)
	for i, r := range g {
		G.SetRow(i, r)
	}
	c2, a2, b2 := gonumlp.Convert(p.c, G, h, nil, nil)
	obj, _, err := gonumlp.Simplex(c2, a2, b2, 1e-10, nil)
	return obj, err
}

// TestFreeAndEquality mixes free columns and equality rows into random LPs
// and compares warm-started re-solves with cold solves.
func TestFreeAndEquality(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for it := 0; it < 30; it++ {
		p := randNonDegenerate(rng, 15, 10)
		for j := range p.c {
			if rng.IntN(4) == 0 {
				p.colLo[j], p.colUp[j] = math.Inf(-1), math.Inf(1)
			}
		}
		for i := range p.a {
			if rng.IntN(3) == 0 && !math.IsInf(p.rowLo[i], -1) {
				p.rowUp[i] = p.rowLo[i]
			}
		}
		md := p.build()
		st := solveOK(t, md)
		for step := 0; step < 5; step++ {
			j := rng.IntN(p.n())
			p.c[j] = rng.NormFloat64()
			md.SetCost(j, p.c[j])
			i := rng.IntN(p.m())
			p.rowLo[i] -= 0.1
			md.SetRowBounds(i, p.rowLo[i], p.rowUp[i])
			st = solveOK(t, md)
			cold := p.build()
			if stc := solveOK(t, cold); stc != st {
				t.Fatalf("instance %d step %d: warm %v cold %v", it, step, st, stc)
			}
			if st == Optimal {
				if math.Abs(md.Objective()-cold.Objective()) > 1e-8*(1+math.Abs(cold.Objective())) {
					t.Fatalf("instance %d step %d: warm %v cold %v", it, step, md.Objective(), cold.Objective())
				}
				checkCert(t, md, 1e-8)
			}
		}
	}
}

func TestGonumOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	compared := 0
	for it := 0; it < 60; it++ {
		n := 3 + rng.IntN(6)
		m := 2 + rng.IntN(5)
		p := randNonDegenerate(rng, n, m)
		want, err := gonumSolve(p)
		if err != nil {
			continue
		}
		compared++
		md := p.build()
		if st := solveOK(t, md); st != Optimal {
			t.Fatalf("instance %d: status %v", it, st)
		}
		if math.Abs(md.Objective()-want) > 1e-7*(1+math.Abs(want)) {
			t.Fatalf("instance %d: objective %v, gonum %v", it, md.Objective(), want)
		}
		checkCert(t, md, 1e-8)
	}
	if compared < 40 {
		t.Fatalf("only %d instances compared", compared)
	}
}

func TestErrors(t *testing.T) {
	md := NewModel()
	md.AddCol(1, 0, 1)
	md.AddRow([]int{5}, []float64{1}, 0, 1)
	_, err := md.Solve(context.Background())
	var me *ModelError
	if !errors.As(err, &me) || !errors.Is(err, ErrInvalidModel) {
		t.Fatalf("err = %v", err)
	}
	md = NewModel()
	md.AddCol(math.NaN(), 0, 1)
	if _, err := md.Solve(context.Background()); !errors.Is(err, ErrInvalidModel) {
		t.Fatalf("err = %v", err)
	}
	md = NewModel()
	md.SetCost(3, 1)
	md.SetColBounds(-1, 0, 1)
	md.SetRowBounds(0, 0, 1)
	if _, err := md.Solve(context.Background()); !errors.Is(err, ErrInvalidModel) {
		t.Fatalf("err = %v", err)
	}
	if err := md.SetBasis(Basis{Cols: make([]VarStatus, 3)}); err == nil {
		t.Fatal("SetBasis accepted a too long basis")
	}
}

func TestCancel(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	d := randMaster(rng, 100, 300, 30)
	md := d.newModel()
	for p := range d.panels {
		d.addPanel(md, p)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := md.Solve(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	md.SetOptions(Options{MaxIterations: 5})
	_, err := md.Solve(context.Background())
	var ie *IterationLimitError
	if !errors.As(err, &ie) || !errors.Is(err, ErrIterationLimit) || ie.Iterations != 5 {
		t.Fatalf("err = %v", err)
	}
	// continuing with no limit finishes
	md.SetOptions(Options{})
	if st := solveOK(t, md); st != Optimal {
		t.Fatal(st)
	}
	checkCert(t, md, 1e-9)
}
