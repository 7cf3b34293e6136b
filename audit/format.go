package audit

// The constants of the format that decide fairness (SPEC.md, section 3.1).
// Verification reads none of them from the record: a record that claims
// another gap, or whose uniform lottery is further from its exact lottery,
// does not verify.
const (
	// CertifiedGap is the largest difference between a certified
	// lottery's upper_bound and its optimum: settings.gap must be exactly
	// this value.
	CertifiedGap = 1e-6
	// MinUniformPanels is the smallest number m of panels of the uniform
	// lottery.
	MinUniformPanels = 1000
	// MaxShiftTickets is the largest difference, in tickets, between a
	// person's tickets and m times their exact probability:
	// |tickets − m·π| ≤ MaxShiftTickets for everyone.
	MaxShiftTickets = 4
	// MaxDropoutScenarios is the largest number of dropout scenarios of
	// either sample of alternates chosen for dropouts (SPEC.md 7.2.7), so
	// that verifying a record takes bounded time and memory.
	MaxDropoutScenarios = 100000
)

// The tolerances of verification (SPEC.md, section 9.4): the absolute
// slack allowed to comparisons of values computed in floating point.
// Everything else is compared exactly.
const (
	// SumTolerance is allowed to a sum that must be 1: the probabilities
	// of the exact lottery, the weights of a certificate.
	SumTolerance = 1e-9
	// ProbabilityTolerance is allowed between a probability recomputed
	// from the panels and the one the record states (the optimum, the
	// uniform minimum and shift), and between two leximin levels that
	// must not decrease.
	ProbabilityTolerance = 1e-9
	// LevelTolerance is allowed between a leximin level, a value of the
	// linear program, and the exact probabilities of the people the
	// record fixes at it or above it, recomputed from the panels of a
	// decomposition made in floating point: a tenth of CertifiedGap, and
	// a hundredth of one ticket of the largest uniform lottery.
	LevelTolerance = 1e-7
	// BoundTolerance is allowed above a certified bound: the heaviest
	// panel under a certificate's weights, and the gap between the
	// optimum and the upper bound.
	BoundTolerance = 1e-9
)

// The names of the tolerances, for the margins verification measures.
const (
	tolSum         = "sum"
	tolProbability = "probability"
	tolBound       = "bound"
	tolLevel       = "level"
)

var tolerances = map[string]float64{tolSum: SumTolerance, tolProbability: ProbabilityTolerance, tolBound: BoundTolerance, tolLevel: LevelTolerance}
