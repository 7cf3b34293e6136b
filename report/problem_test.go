package report_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/sortition"
)

// problemOf poses the pool's panels of k with the household rule of the
// columns (none without), failing the test when it cannot.
func problemOf(tb testing.TB, pool *sortition.Pool, k int, households ...string) *sortition.Problem {
	tb.Helper()
	p, err := pool.Problem(k, households)
	require.NoError(tb, err)
	return p
}
