package sortition

import (
	"context"
	"errors"
	"fmt"
)

// ErrNotDecomposable is returned by Nash and Goldilocks when the optimal
// point of the relaxed quota polytope is not a combination of panels that
// meet the quotas.
var ErrNotDecomposable = errors.New("the relaxed optimum is not a combination of panels that meet the quotas")

// decomposeInto writes x, per type the expected count of an optimal point
// of the relaxed quota polytope, as a lottery over panels that meet the
// quotas (see decompose) and finishes the instance's lottery with it
// (concrete panels, marginals). It fails with ErrNotDecomposable when x is
// not such a combination, or not found to be one. upper is the bound that
// progress reports carry (+Inf if none).
func (in *instance) decomposeInto(ctx context.Context, x []float64, upper float64) error {
	d, err := in.decompose(ctx, x, upper)
	if err != nil {
		return err
	}
	if d.rest > restTol {
		return fmt.Errorf("%s: %w (%.3g of the probability left)", in.l.Algorithm, ErrNotDecomposable, d.rest)
	}
	panels, lambda := mergePanels(d.panels, d.lambda)
	return in.finish(panels, lambda)
}
