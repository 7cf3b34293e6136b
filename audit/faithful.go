package audit

import (
	"fmt"
	"math"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

// UnfaithfulError reports that no uniform lottery over at most
// sortition.MaxUniformPanels panels that the rounding finds is faithful to
// the exact lottery as the format requires (SPEC.md, section 3.1).
type UnfaithfulError struct {
	// M is the largest number of panels tried, and Reason why its
	// rounding is not faithful.
	M      int
	Reason string
}

// Error explains the failure.
func (e *UnfaithfulError) Error() string {
	return fmt.Sprintf("the lottery cannot be rounded to panels drawn with equal probability without changing someone's chance more than the format allows: with %d panels, %s; fewer people, or quotas that give everyone a larger chance, would help", e.M, e.Reason)
}

// FaithfulUniform rounds the lottery to a uniform lottery that the format
// accepts (SPEC.md, section 3.1): over m panels when that rounding is
// faithful; otherwise over the smallest number of panels above m, among
// 1000, 1200, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000, 10000, … up
// to sortition.MaxUniformPanels, whose rounding is (m is raised to
// MinUniformPanels first). A rounding is faithful when everyone with a
// positive exact probability holds a ticket and everyone's tickets are
// within MaxShiftTickets of m times their exact probability. It returns an
// *UnfaithfulError when no number of panels up to the largest is
// faithful.
func FaithfulUniform(l *sortition.Lottery, m int) (*sortition.Uniform, error) {
	id := func(i int) string { return fmt.Sprintf("person %d of the pool", i+1) }
	var last *UnfaithfulError
	for _, c := range panelCandidates(max(m, MinUniformPanels), l.Marginals) {
		u, err := l.Uniform(c)
		if err != nil {
			return nil, err
		}
		why := faithfulness(u.M, u.Tickets, l.Marginals, id)
		if why.IsZero() {
			return u, nil
		}
		last = &UnfaithfulError{M: c, Reason: why.String()}
	}
	return nil, last
}

// panelCandidates returns m, then the numbers of panels worth trying above
// it, in increasing order: those of the form {1, 1.2, 1.5, 2, 2.5, 3, 4, 5,
// 6, 8}·10^j at which the smallest positive exact probability is worth at
// least one ticket, up to sortition.MaxUniformPanels.
func panelCandidates(m int, exact []float64) []int {
	smallest := math.Inf(1)
	for _, p := range exact {
		if p > 0 {
			smallest = math.Min(smallest, p)
		}
	}
	out := []int{m}
	for scale := 100; scale <= sortition.MaxUniformPanels; scale *= 10 {
		for _, f := range []int{10, 12, 15, 20, 25, 30, 40, 50, 60, 80} {
			c := f * scale / 10
			if c > m && c <= sortition.MaxUniformPanels && float64(c)*smallest >= 1 {
				out = append(out, c)
			}
		}
	}
	return out
}

// faithfulness returns why a uniform lottery over m panels, giving tickets
// to the people whose exact probabilities are exact, breaks the format's
// rules (SPEC.md, section 3.1), or "": m must be at least
// MinUniformPanels, everyone must hold within MaxShiftTickets of m times
// their exact probability, and everyone with a positive exact
// probability at least one ticket. ids names people in the reason, which
// is zero when the lottery is faithful.
func faithfulness(m int, tickets []int, exact []float64, ids func(int) string) message.Reason {
	if m < MinUniformPanels {
		return message.New(message.FaithfulFewPanels, "m", m, "min", MinUniformPanels)
	}
	for i, t := range tickets {
		want := float64(m) * exact[i]
		if t == 0 && exact[i] > 0 {
			return message.New(message.FaithfulNoTicket, "who", ids(i), "exact", message.Exact(exact[i]))
		}
		if d := math.Abs(float64(t) - want); d > MaxShiftTickets+ProbabilityTolerance*float64(m) {
			return message.New(message.FaithfulShift, "who", ids(i), "tickets", t, "m", m, "shift", fmt.Sprintf("%.3g", d), "want", fmt.Sprintf("%.3g", want), "exact", message.Exact(exact[i]), "max", MaxShiftTickets)
		}
	}
	return message.Reason{}
}
