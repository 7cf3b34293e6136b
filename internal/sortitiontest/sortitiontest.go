// Package sortitiontest provides helpers for the tests of the packages
// that use sortition, as net/http/httptest does for net/http. It is for
// tests only: its helpers fail the test instead of returning errors.
package sortitiontest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/sortition"
)

// Problem poses the pool's panels of k with the household rule of the
// columns (none without), failing the test when it cannot.
func Problem(tb testing.TB, pool *sortition.Pool, k int, households ...string) *sortition.Problem {
	tb.Helper()
	p, err := pool.Problem(k, households)
	require.NoError(tb, err)
	return p
}

// Numbered poses the pool's panels of k with the household rule of
// household numbers (nil: none), failing the test when it cannot.
func Numbered(tb testing.TB, pool *sortition.Pool, k int, household []int) *sortition.Problem {
	tb.Helper()
	p, err := sortition.NewProblem(pool, k, household)
	require.NoError(tb, err)
	return p
}
