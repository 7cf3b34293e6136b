package sortition

import (
	"context"
	"fmt"
)

// decomposeInto writes x, per type the expected count of an optimal point
// of the relaxed quota polytope, as a lottery over panels that meet the
// quotas (see decompose) and finishes the instance's lottery with it
// (concrete panels, marginals). It fails with ErrNotDecomposable when x is
// not such a combination, or not found to be one. upper is the bound that
// progress reports carry (+Inf if none).
func (in *instance) decomposeInto(ctx context.Context, x []float64, upper float64) error {
	l := in.l
	d, err := decompose(ctx, in.prob, x, func(step int, rest float64) {
		in.report("decomposition", step, 0, upper, step)
	})
	if err != nil {
		return err
	}
	l.Stats.DecompositionSteps = d.steps
	l.Stats.PricingNodes += d.nodes
	l.Stats.LPIterations += d.iterations
	if d.rest > restTol {
		return fmt.Errorf("%s: %w (%.3g of the probability left)", l.Algorithm, ErrNotDecomposable, d.rest)
	}
	panels, lambda := mergePanels(d.panels, d.lambda)
	return in.finish(panels, lambda)
}
