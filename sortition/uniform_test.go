package sortition_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/sortition"
)

func TestUniformCountsTickets(t *testing.T) {
	pool := exampleInstance(t)
	l, err := sortition.Maximin(context.Background(), pool, 30, sortition.Options{})
	require.NoError(t, err)
	u, err := l.Uniform(1000)
	require.NoError(t, err)
	require.Len(t, u.Panels, 1000)
	tickets := make([]int, len(pool.People))
	for _, p := range u.Panels {
		require.Len(t, p, 30)
		for _, i := range p {
			tickets[i]++
		}
	}
	require.Equal(t, tickets, u.Tickets)
	require.LessOrEqual(t, u.Minimum, u.ExactMinimum+u.MaxShift+1e-12)
	_, err = l.Uniform(0)
	require.Error(t, err)
}
