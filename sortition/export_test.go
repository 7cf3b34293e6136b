package sortition

import "context"

// LeximinByColumns is Leximin computed by column generation alone, without
// decomposing the relaxation's leximin point.
func LeximinByColumns(ctx context.Context, p *Problem, opt LeximinOptions) (*Lottery, error) {
	return leximin(ctx, p, opt, true)
}
