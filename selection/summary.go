package selection

import (
	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

// The names of the files of a selection folder (FolderFiles), and of its
// public folder, as audit/SPEC.md gives them.
const (
	RecordFile        = audit.RecordFile
	PanelFile         = audit.PanelFile
	RemainingFile     = audit.RemainingFile
	ProbabilitiesFile = audit.ProbabilitiesFile
	ReceiptsFile      = audit.ReceiptsFile
	AlternatesFile    = audit.AlternatesFile
	CompletedFile     = audit.CompletedFile
	PublicDir         = audit.PublicDir
)

// The audit format's requirements on the uniform lottery (audit/SPEC.md
// 3.1), which Run raises the number of panels to meet: at least
// MinUniformPanels panels, and everyone's tickets within MaxShiftTickets
// of M times their exact probability.
const (
	MinUniformPanels = audit.MinUniformPanels
	MaxShiftTickets  = audit.MaxShiftTickets
)

// Summary is what a console says of a selection: the numbers of the
// lottery, its rounding and the draw, and who has probability 0.
type Summary struct {
	// People is the size of the pool, K the panel's.
	People, K int
	// Algorithm names the objective; Panels is the number of panels of
	// the exact lottery.
	Algorithm string
	Panels    int
	// Minimum is the exact lottery's minimum probability of selection;
	// UpperBound its certified bound when Certified; Estimated says that
	// the probabilities were estimated from Runs runs.
	Minimum, UpperBound  float64
	Certified, Estimated bool
	Runs                 int
	// Equal is k/n, everyone's chance were chances equal.
	Equal float64
	// M is the number of panels of the uniform lottery, RequestedPanels
	// the number asked for; UniformMinimum its minimum probability and
	// MaxShift its largest change from the exact lottery.
	M, RequestedPanels       int
	UniformMinimum, MaxShift float64
	// Commitment is the record's commitment.
	Commitment string
	// Drawn is set once the panel is drawn: with Seed, SeedPhrase (where
	// the seed came from, as a reason), SeedGenerated (tirage made it), the
	// panel's Index and the number of Alternates.
	Drawn         bool
	Seed          string
	SeedPhrase    message.Reason
	SeedGenerated bool
	Index         int
	Alternates    int
	// Dropout, when the alternates were chosen for the dropouts to come,
	// is the record's account of them (audit/SPEC.md 7.2): the claimed
	// loss, its bound and the figures.
	Dropout *DropoutRecord
	// Zero lists who has probability 0 in the lottery drawn from, in pool
	// order.
	Zero []ZeroProbability
}

// ZeroProbability is a person who cannot be selected: their id and why,
// in a sentence, or Reason "" when the exact lottery gives them a chance
// but they hold no ticket of the uniform lottery (Rounded).
type ZeroProbability struct {
	ID     string
	Reason message.Reason
}

// summarize returns the summary of a selection of the pool.
func summarize(pool *sortition.Pool, res *Result) Summary {
	l, u, r := res.Lottery, res.Uniform, res.Record
	s := Summary{
		People: len(pool.People), K: l.K, Algorithm: l.Algorithm, Panels: len(l.Panels),
		Minimum: l.MinProbability, UpperBound: l.UpperBound, Certified: Certified(l.Algorithm), Estimated: l.Estimated, Runs: l.Stats.Runs,
		Equal: float64(l.K) / float64(len(pool.People)),
		M:     u.M, RequestedPanels: res.RequestedPanels, UniformMinimum: u.Minimum, MaxShift: u.MaxShift,
		Commitment: r.Commitment,
		Zero:       ZeroProbabilities(pool, l, u),
	}
	if d := r.Draw; d != nil {
		s.Drawn, s.Seed, s.SeedPhrase, s.SeedGenerated = true, d.Seed, audit.SeedKindReason(d.SeedKind), d.SeedKind == audit.SeedGenerated
		s.Index, s.Alternates, s.Dropout = d.Index, len(d.Alternates), d.Dropout
	}
	return s
}

// ZeroProbabilities returns who has probability 0 in the uniform lottery
// u drawn from the exact lottery l of the pool: their tickets, not only
// the exclusions of the exact lottery, with the exclusion's reason.
func ZeroProbabilities(pool *sortition.Pool, l *sortition.Lottery, u *sortition.Uniform) []ZeroProbability {
	reason := map[int]message.Reason{}
	for _, x := range l.Excluded {
		reason[x.Person] = x.Reason
	}
	var zero []ZeroProbability
	for i, t := range u.Tickets {
		if t == 0 {
			zero = append(zero, ZeroProbability{ID: pool.People[i].ID, Reason: reason[i]})
		}
	}
	return zero
}

// Tool names the program that makes a record, and its version
// (audit.Tool).
type Tool = audit.Tool
