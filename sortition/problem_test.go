package sortition_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// TestNewProblemChecks checks that a problem is refused for a panel size the
// pool cannot give, household numbers that are not one per person, and an
// unknown household column, and that a problem keeps what it was given.
func TestNewProblemChecks(t *testing.T) {
	pool := exampleInstance(t)
	n := len(pool.People)
	var inputErr *quota.InputError
	for _, k := range []int{0, -1, n + 1} {
		_, err := sortition.NewProblem(pool, k, nil)
		require.ErrorAs(t, err, &inputErr, "k = %d", k)
		assert.Equal(t, quota.BadPanelSize, inputErr.Kind)
		_, err = pool.Problem(k, []string{"address1"})
		require.ErrorAs(t, err, &inputErr, "k = %d", k)
	}
	_, err := sortition.NewProblem(pool, 30, make([]int, 3))
	require.ErrorContains(t, err, "3 household numbers for")
	_, err = sortition.NewProblem(nil, 30, nil)
	require.Error(t, err)
	_, err = pool.Problem(30, []string{"no such column"})
	require.ErrorContains(t, err, "household column")

	household, err := pool.Households([]string{"address1", "postcode"})
	require.NoError(t, err)
	p, err := pool.Problem(30, []string{"address1", "postcode"})
	require.NoError(t, err)
	assert.Same(t, pool, p.Pool())
	assert.Equal(t, 30, p.K())
	assert.Equal(t, household, p.Household())
	p, err = pool.Problem(30, nil)
	require.NoError(t, err)
	assert.Nil(t, p.Household())

	// Every objective solves the problem it is given.
	l, err := sortition.Maximin(context.Background(), p, sortition.MaximinOptions{})
	require.NoError(t, err)
	assert.Equal(t, 30, l.K)
}

// TestProblemWith checks that a problem takes another household rule or
// other quotas without its panel size being checked again, and keeps the
// rest.
func TestProblemWith(t *testing.T) {
	pool := exampleInstance(t)
	p, err := pool.Problem(30, nil)
	require.NoError(t, err)
	h, err := p.WithHouseholds([]string{"address1", "postcode"})
	require.NoError(t, err)
	household, err := pool.Households([]string{"address1", "postcode"})
	require.NoError(t, err)
	assert.Equal(t, household, h.Household())
	assert.Same(t, pool, h.Pool())
	assert.Equal(t, 30, h.K())
	_, err = p.WithHouseholds([]string{"no such column"})
	require.ErrorContains(t, err, "household column")

	q := pool.Quotas.ForPanel(30)
	r := h.WithQuotas(q)
	assert.Same(t, q, r.Pool().Quotas)
	assert.NotSame(t, pool, r.Pool(), "the pool is a copy")
	assert.NotSame(t, q, pool.Quotas, "the problem's pool is left as it was")
	assert.Equal(t, household, r.Household())
	assert.Equal(t, pool.People, r.Pool().People)
}
