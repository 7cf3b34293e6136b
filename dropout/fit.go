package dropout

import (
	"fmt"
	"math"
	"strings"

	"github.com/tirage/tirage/internal/table"
)

// DefaultSmoothing is the smoothing strength λ used by Fit when none is
// given.
const DefaultSmoothing = 1.0

// MaxStay caps the fitted chance of staying of every past panel member:
// the likelihood is maximised over the models that give each of them at
// most MaxStay, so that a group in which everyone attended gets a high
// chance of staying rather than certainty.
const MaxStay = 0.999

// FitOptions control Fit.
type FitOptions struct {
	// Smoothing is λ: the log-likelihood is penalised by λ/2 · Σ (log
	// β_{f,v})², a Gaussian prior of variance 1/λ on every log-factor
	// centred on 0 (factor 1, like the reference value). A value seen in
	// few people keeps a factor near 1; one seen in many is fitted from
	// the data. 0 gives DefaultSmoothing; a negative value no smoothing.
	Smoothing float64
}

// Fit fits the multiplicative model (Model) to the histories by maximum
// penalised likelihood: it maximises
//
//	Σ_i [y_i · log p_i + (1 − y_i) · log(1 − p_i)] − λ/2 · Σ_{f,v} (log β_{f,v})²
//
// over the members i of every history (y_i = 1 when they attended, p_i
// their chance of staying under the model), subject to p_i ≤ MaxStay. In
// the log-factors this is a concave maximisation over a polytope, solved by
// Newton's method with a backtracking line search that keeps every p_i
// below MaxStay. The histories must have the same features.
func Fit(histories []*History, opt FitOptions) (*Model, error) {
	if len(histories) == 0 {
		return nil, ErrNoHistory
	}
	lambda := opt.Smoothing
	switch {
	case lambda == 0:
		lambda = DefaultSmoothing
	case lambda < 0:
		lambda = 0
	}
	d, err := newDesign(histories)
	if err != nil {
		return nil, err
	}
	theta := d.maximise(lambda)
	return d.model(theta, lambda), nil
}

// design is the fitting problem: the members grouped by their values, each
// group with the parameters it uses.
type design struct {
	m       *Model
	params  int     // 1 + the non-reference values
	param   [][]int // per feature and value: its parameter, 0 for the reference
	rows    [][]int // per group: its parameters
	n, a    []float64
	people  int
	present int
}

func newDesign(histories []*History) (*design, error) {
	features := histories[0].Features
	m := &Model{}
	index := make([]map[string]int, len(features))
	for f, name := range features {
		m.Features = append(m.Features, Feature{Name: strings.TrimSpace(name)})
		index[f] = map[string]int{}
	}
	type group struct{ n, a int }
	groups := map[string]*group{}
	var order []string
	var groupValues [][]int
	d := &design{m: m}
	for _, h := range histories {
		if len(h.Features) != len(features) {
			return nil, fmt.Errorf("%s has %d features, %s %d", h.Name, len(h.Features), histories[0].Name, len(features))
		}
		for f := range features {
			if table.Key(h.Features[f]) != table.Key(features[f]) {
				return nil, fmt.Errorf("the feature %d of %s is %q, not %q", f+1, h.Name, h.Features[f], features[f])
			}
		}
		src := Source{Name: h.Name, SHA256: h.SHA256, People: len(h.Values)}
		for i, vals := range h.Values {
			ids := make([]int, len(vals))
			for f, v := range vals {
				j, ok := index[f][table.Key(v)]
				if !ok {
					j = len(m.Features[f].Values)
					index[f][table.Key(v)] = j
					m.Features[f].Values = append(m.Features[f].Values, Factor{Value: v})
				}
				ids[f] = j
				m.Features[f].Values[j].People++
				if h.Attended[i] {
					m.Features[f].Values[j].Attended++
				}
			}
			key := fmt.Sprint(ids)
			g, ok := groups[key]
			if !ok {
				g = &group{}
				groups[key] = g
				order = append(order, key)
				groupValues = append(groupValues, ids)
			}
			g.n++
			if h.Attended[i] {
				g.a++
				src.Attended++
			}
		}
		d.people += src.People
		d.present += src.Attended
		m.Histories = append(m.Histories, src)
	}
	d.params = 1
	for f := range m.Features {
		vals := m.Features[f].Values
		ref := 0
		for j, v := range vals {
			if v.People > vals[ref].People {
				ref = j
			}
		}
		vals[ref].Reference = true
		p := make([]int, len(vals))
		for j := range vals {
			if j != ref {
				p[j] = d.params
				d.params++
			}
		}
		d.param = append(d.param, p)
	}
	for gi, key := range order {
		var ps []int
		for f, j := range groupValues[gi] {
			if p := d.param[f][j]; p > 0 {
				ps = append(ps, p)
			}
		}
		d.rows = append(d.rows, ps)
		d.n = append(d.n, float64(groups[key].n))
		d.a = append(d.a, float64(groups[key].a))
	}
	return d, nil
}

// eta returns group g's log chance of staying.
func (d *design) eta(theta []float64, g int) float64 {
	e := theta[0]
	for _, p := range d.rows[g] {
		e += theta[p]
	}
	return e
}

// objective returns the penalised log-likelihood.
func (d *design) objective(theta []float64, lambda float64) float64 {
	v := 0.0
	for g := range d.rows {
		e := d.eta(theta, g)
		v += d.a[g] * e
		if d.n[g] > d.a[g] {
			v += (d.n[g] - d.a[g]) * math.Log(-math.Expm1(e))
		}
	}
	for _, t := range theta[1:] {
		v -= lambda / 2 * t * t
	}
	return v
}

// maximise runs Newton's method from every factor 1 and the base at the
// overall attendance rate.
func (d *design) maximise(lambda float64) []float64 {
	P := d.params
	theta := make([]float64, P)
	rate := (float64(d.present) + 0.5) / (float64(d.people) + 1)
	theta[0] = math.Log(min(rate, MaxStay*0.99))
	etaMax := math.Log(MaxStay)
	grad := make([]float64, P)
	hess := make([]float64, P*P)
	next := make([]float64, P)
	for iter := 0; iter < 200; iter++ {
		clear(grad)
		clear(hess)
		for g, ps := range d.rows {
			e := d.eta(theta, g)
			q := -math.Expm1(e) // 1 − p
			p := 1 - q
			gr := d.a[g] - (d.n[g]-d.a[g])*p/q
			h := (d.n[g] - d.a[g]) * p / (q * q)
			idx := append([]int{0}, ps...)
			for _, i := range idx {
				grad[i] += gr
				for _, j := range idx {
					hess[i*P+j] += h
				}
			}
		}
		for i := 1; i < P; i++ {
			grad[i] -= lambda * theta[i]
			hess[i*P+i] += lambda
		}
		for i := range P {
			hess[i*P+i] += 1e-9
		}
		step := solveSymmetric(hess, grad, P)
		slope := 0.0
		for i := range P {
			slope += grad[i] * step[i]
		}
		if !(slope > 1e-12) {
			break
		}
		t := 1.0
		for g, ps := range d.rows {
			de := step[0]
			for _, p := range ps {
				de += step[p]
			}
			if de > 0 {
				t = min(t, 0.99*(etaMax-d.eta(theta, g))/de)
			}
		}
		f0 := d.objective(theta, lambda)
		for ; t > 1e-12; t /= 2 {
			for i := range P {
				next[i] = theta[i] + t*step[i]
			}
			if d.objective(next, lambda) >= f0+1e-4*t*slope {
				break
			}
		}
		if t <= 1e-12 {
			break
		}
		copy(theta, next)
	}
	return theta
}

// model returns the fitted model.
func (d *design) model(theta []float64, lambda float64) *Model {
	m := d.m
	m.Base = math.Exp(theta[0])
	m.Smoothing = lambda
	for f := range m.Features {
		for j := range m.Features[f].Values {
			m.Features[f].Values[j].Factor = 1
			if p := d.param[f][j]; p > 0 {
				m.Features[f].Values[j].Factor = math.Exp(theta[p])
			}
		}
	}
	return m
}

// solveSymmetric solves A x = b for the symmetric positive definite n×n
// matrix A (row-major) by Cholesky factorisation; A is overwritten.
func solveSymmetric(a, b []float64, n int) []float64 {
	for j := range n {
		s := a[j*n+j]
		for k := range j {
			s -= a[j*n+k] * a[j*n+k]
		}
		l := math.Sqrt(max(s, 1e-300))
		a[j*n+j] = l
		for i := j + 1; i < n; i++ {
			s := a[i*n+j]
			for k := range j {
				s -= a[i*n+k] * a[j*n+k]
			}
			a[i*n+j] = s / l
		}
	}
	x := append([]float64(nil), b...)
	for i := range n {
		for k := range i {
			x[i] -= a[i*n+k] * x[k]
		}
		x[i] /= a[i*n+i]
	}
	for i := n - 1; i >= 0; i-- {
		for k := i + 1; k < n; k++ {
			x[i] -= a[k*n+i] * x[k]
		}
		x[i] /= a[i*n+i]
	}
	return x
}
