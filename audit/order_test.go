package audit_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
)

// TestVerifyHouseholdNumbering re-seals a record whose household numbers
// are those of the pool, but not in order of first appearance (SPEC.md
// 4.2, check 5): verify refuses it, even without the input files that
// would show the canonical digest is not the pool's.
func TestVerifyHouseholdNumbering(t *testing.T) {
	s, _ := exampleSelection(t, true)
	editRecord(true, func(r *audit.Record) {
		h := r.People.Households
		require.NotEmpty(t, h)
		for i := range h { // swap households 0 and 1
			switch h[i] {
			case 0:
				h[i] = 1
			case 1:
				h[i] = 0
			}
		}
		d, err := r.PeopleDigest()
		require.NoError(t, err)
		r.Inputs.Pool.CanonicalSHA256 = d
	})(t, s, nil)
	for _, c := range audit.Verify(context.Background(), s.input(false)) {
		if c.Name == "people" {
			assert.False(t, c.OK)
			assert.Contains(t, c.Detail, "in order of first appearance")
			return
		}
	}
	t.Fatal("no people check")
}

// TestRelaxationOrder: the relaxation's entries are in the order of the
// quota table, a value's min before its max (SPEC.md 3, check 4); the
// same entries in another order are refused.
func TestRelaxationOrder(t *testing.T) {
	r := &audit.Record{Quotas: []audit.Category{
		{Name: "gender", Values: []string{"female", "male"}, Min: []int{3, 2}, Max: []int{7, 6}},
		{Name: "area", Values: []string{"rural", "urban"}, Min: []int{1, 4}, Max: []int{5, 8}},
	}}
	inOrder := []audit.RelaxedBound{
		{Category: "gender", Value: "female", Bound: "min", From: 4, To: 3},
		{Category: "gender", Value: "female", Bound: "max", From: 6, To: 7},
		{Category: "area", Value: "rural", Bound: "min", From: 2, To: 1},
	}
	r.Relaxation = inOrder
	table, err := r.FileQuotas()
	require.NoError(t, err)
	assert.Equal(t, []int{4, 2}, table[0].Min)
	assert.Equal(t, []int{6, 6}, table[0].Max)
	for _, swap := range [][2]int{{0, 1}, {1, 2}, {0, 2}} {
		r.Relaxation = slices.Clone(inOrder)
		r.Relaxation[swap[0]], r.Relaxation[swap[1]] = r.Relaxation[swap[1]], r.Relaxation[swap[0]]
		_, err := r.FileQuotas()
		require.Error(t, err, "%v", swap)
		assert.Contains(t, err.Error(), "in the order of quotas")
	}
}
