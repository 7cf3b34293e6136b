package dropout

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/sortition"
)

// Model is the multiplicative dropout model: a person whose value of
// feature f is v_f stays (attends) with probability
//
//	P(stay) = Base · Π_f Factor(f, v_f),
//
// the product taken left to right in the order of Features, in IEEE
// binary64, and capped at 1; their dropout rate is 1 − P(stay). Each
// feature has a reference value, its most common in the histories, whose
// factor is 1, so that Base is the chance of staying of a person with the
// reference value of every feature. A value the model has not seen has
// factor 1.
type Model struct {
	Base     float64   `json:"base"`
	Features []Feature `json:"features"`
	// Smoothing is the strength λ of the pull of every factor towards 1
	// (see Fit).
	Smoothing float64 `json:"smoothing"`
	// Histories describe the files the model was fitted on.
	Histories []Source `json:"histories,omitempty"`
}

// Feature is one feature of a Model with its values' factors.
type Feature struct {
	Name   string   `json:"name"`
	Values []Factor `json:"values"`
}

// Factor is a value's factor, with the counts it was fitted from.
type Factor struct {
	Value     string  `json:"value"`
	Factor    float64 `json:"factor"`
	Reference bool    `json:"reference,omitempty"`
	// People is the number of past panel members with the value, Attended
	// how many of them attended.
	People   int `json:"people"`
	Attended int `json:"attended"`
}

// Source identifies a history file.
type Source struct {
	Name     string `json:"name"`
	SHA256   string `json:"sha256"`
	People   int    `json:"people"`
	Attended int    `json:"attended"`
}

// Stay returns the probability of staying of a person whose value of
// feature f is values[f] (compared by quota.Key).
func (m *Model) Stay(values []string) float64 {
	s := m.Base
	for f, feat := range m.Features {
		key := table.Key(values[f])
		for _, v := range feat.Values {
			if table.Key(v.Value) == key {
				s *= v.Factor
				break
			}
		}
	}
	return min(1, s)
}

// Rates returns the dropout rate 1 − Stay of every person of the pool,
// their values read from the pool's columns named as the features.
func (m *Model) Rates(pool *sortition.Pool) ([]float64, error) {
	columns, _ := table.Columns(pool.Header)
	idx := make([]int, len(m.Features))
	for f, feat := range m.Features {
		i, ok := columns[table.Key(feat.Name)]
		if !ok {
			return nil, fmt.Errorf("the dropout model's feature %q is not a column of the pool; the columns are: %s", feat.Name, strings.Join(pool.Header, ", "))
		}
		idx[f] = i
	}
	rates := make([]float64, len(pool.People))
	values := make([]string, len(idx))
	for i, p := range pool.People {
		for f, c := range idx {
			values[f] = p.Fields[c]
		}
		rates[i] = 1 - m.Stay(values)
	}
	return rates, nil
}

// Check reports a model that cannot be applied: a base or factor that is
// not a positive finite number, a base above 1, or a feature or value
// named twice.
func (m *Model) Check() error {
	if !(m.Base > 0 && m.Base <= 1) {
		return fmt.Errorf("the dropout model's base %v is not a probability above 0", m.Base)
	}
	names := map[string]bool{}
	for _, f := range m.Features {
		if names[table.Key(f.Name)] {
			return fmt.Errorf("the dropout model names the feature %q twice", f.Name)
		}
		names[table.Key(f.Name)] = true
		vals := map[string]bool{}
		for _, v := range f.Values {
			if vals[table.Key(v.Value)] {
				return fmt.Errorf("the dropout model names the value %q of %q twice", v.Value, f.Name)
			}
			vals[table.Key(v.Value)] = true
			if !(v.Factor > 0) || math.IsInf(v.Factor, 0) {
				return fmt.Errorf("the dropout model's factor for %s = %s is %v, not a positive number", f.Name, v.Value, v.Factor)
			}
		}
	}
	return nil
}

// ReadModel decodes a model from its JSON form (as encoding/json writes a
// Model) and checks it.
func ReadModel(data []byte) (*Model, error) {
	var m Model
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("the dropout model cannot be read: %w", err)
	}
	if err := m.Check(); err != nil {
		return nil, err
	}
	return &m, nil
}

// Row is one line of a model's table: a value of a feature (Feature ""
// for the base line) with its factor, the chance of staying of a person
// with that value and the reference value of every other feature, and the
// counts observed.
type Row struct {
	Feature, Value   string
	Factor, Stay     float64
	Reference        bool
	People, Attended int
}

// Table returns the model as the lines of a table a partner can read: the
// base first, then every value of every feature.
func (m *Model) Table() []Row {
	people, attended := 0, 0
	for _, s := range m.Histories {
		people += s.People
		attended += s.Attended
	}
	rows := []Row{{Factor: 1, Stay: m.Base, People: people, Attended: attended}}
	for _, f := range m.Features {
		for _, v := range f.Values {
			rows = append(rows, Row{Feature: f.Name, Value: v.Value, Factor: v.Factor, Stay: min(1, m.Base*v.Factor),
				Reference: v.Reference, People: v.People, Attended: v.Attended})
		}
	}
	return rows
}

// ErrNoHistory is returned by Fit without histories.
var ErrNoHistory = errors.New("no history to fit a dropout model on")
