package sortition

import (
	"errors"
	"fmt"
	"math"
)

// DefaultUniformPanels is the default number of panels of a uniform lottery.
const DefaultUniformPanels = 1000

// Uniform is a lottery over M panels, each drawn with probability exactly
// 1/M, that approximates an exact lottery (Flanigan, Kehne and Procaccia,
// "Fair Sortition Made Transparent", NeurIPS 2021). A person's probability
// is their number of tickets, the panels that contain them, divided by M.
type Uniform struct {
	// M is the number of panels.
	M int
	// Panels are the M panels, in the order an index in [0, M) picks them.
	// Members are indices into Pool.People, ascending. A panel may occur
	// more than once.
	Panels [][]int
	// Tickets[i] is the number of Panels that contain person i.
	Tickets []int
	// ExactMinimum is the exact lottery's minimum probability (Optimum).
	ExactMinimum float64
	// Minimum is the smallest Tickets[i]/M over the people who can be on a
	// panel.
	Minimum float64
	// MaxShift is the largest |Tickets[i]/M − Marginals[i]| over everyone.
	MaxShift float64
}

// Uniform rounds the lottery to a uniform lottery over m panels, each one
// of the lottery's panels. The rounding is deterministic.
//
// Interim method: the panel at each of the points (j + ½)/m, j = 0…m−1, of
// the lottery's cumulative distribution (systematic sampling).
func (l *Lottery) Uniform(m int) (*Uniform, error) {
	if m < 1 {
		return nil, fmt.Errorf("a uniform lottery needs at least 1 panel, not %d", m)
	}
	if len(l.Panels) == 0 {
		return nil, errors.New("the lottery has no panels")
	}
	n := len(l.Marginals)
	u := &Uniform{M: m, Tickets: make([]int, n), ExactMinimum: l.Optimum}
	for j := 0; j < m; j++ {
		p := l.Panels[l.Draw((float64(j)+0.5)/float64(m))]
		u.Panels = append(u.Panels, p.Members)
		for _, i := range p.Members {
			u.Tickets[i]++
		}
	}
	u.summarise(l)
	return u, nil
}

// summarise sets Minimum and MaxShift from Tickets.
func (u *Uniform) summarise(l *Lottery) {
	excluded := make([]bool, len(u.Tickets))
	for _, e := range l.Excluded {
		excluded[e.Person] = true
	}
	u.Minimum = 1
	u.MaxShift = 0
	for i, t := range u.Tickets {
		p := float64(t) / float64(u.M)
		if !excluded[i] && p < u.Minimum {
			u.Minimum = p
		}
		u.MaxShift = math.Max(u.MaxShift, math.Abs(p-l.Marginals[i]))
	}
}
