// Package testpool makes the pools and quota sets that tests write as CSV
// text: one helper in place of a quota.Parse and a sortition.ParsePool
// followed by error checks in every package's tests. It is for tests only;
// a test that checks a parse error calls quota.Parse or sortition.ParsePool
// itself.
package testpool

import (
	"testing"

	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// File names the text is parsed under, as errors and notices name them.
const (
	QuotaFile = "quotas.csv"
	PoolFile  = "pool.csv"
)

// Quotas parses a quota file given as text, failing the test on an error.
func Quotas(tb testing.TB, text string) *quota.Set {
	tb.Helper()
	q, err := quota.Parse(QuotaFile, []byte(text))
	if err != nil {
		tb.Fatalf("testpool: the quotas do not parse: %v", err)
	}
	return q
}

// Pool parses a pool given as text over quotas given as text, failing the
// test on an error.
func Pool(tb testing.TB, quotas, people string) *sortition.Pool {
	tb.Helper()
	return Over(tb, Quotas(tb, quotas), people, sortition.PoolOptions{})
}

// Over parses a pool given as text over a quota set, with options, failing
// the test on an error.
func Over(tb testing.TB, q *quota.Set, people string, opt sortition.PoolOptions) *sortition.Pool {
	tb.Helper()
	p, err := sortition.ParsePool(PoolFile, []byte(people), q, opt)
	if err != nil {
		tb.Fatalf("testpool: the pool does not parse: %v", err)
	}
	return p
}

// Problem poses the pool's panels of k with the household rule of the
// columns (none without), failing the test when it cannot.
func Problem(tb testing.TB, pool *sortition.Pool, k int, households ...string) *sortition.Problem {
	tb.Helper()
	p, err := pool.Problem(k, households)
	if err != nil {
		tb.Fatalf("testpool: no problem of panels of %d: %v", k, err)
	}
	return p
}

// Numbered poses the pool's panels of k with the household rule of
// household numbers (nil: none), failing the test when it cannot.
func Numbered(tb testing.TB, pool *sortition.Pool, k int, household []int) *sortition.Problem {
	tb.Helper()
	p, err := sortition.NewProblem(pool, k, household)
	if err != nil {
		tb.Fatalf("testpool: no problem of panels of %d: %v", k, err)
	}
	return p
}
