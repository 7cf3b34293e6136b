package sortition

import "context"

// LeximinByColumns is Leximin computed by column generation alone, without
// decomposing the relaxation's leximin point.
func LeximinByColumns(ctx context.Context, pool *Pool, k int, opt Options) (*Lottery, error) {
	return leximin(ctx, pool, k, opt, true)
}
