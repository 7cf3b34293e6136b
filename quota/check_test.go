package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/quota"
)

func TestCountingProblems(t *testing.T) {
	s, err := quota.Parse("q.csv", []byte("feature,value,min,max\n"+
		"gender,female,5,6\ngender,male,5,6\n"+
		"literacy,literate,2,9\nliteracy,non-literate,8,9\n"+
		"area,urban,1,6\narea,rural,1,6\n"))
	require.NoError(t, err)
	tests := []struct {
		name   string
		k      int
		counts quota.Counts
		want   []quota.ProblemKind
	}{
		{"feasible by counting", 10, quota.Counts{{20, 20}, {34, 9}, {30, 10}}, nil},
		{"min above pool", 10, quota.Counts{{20, 20}, {34, 6}, {30, 10}},
			[]quota.ProblemKind{quota.MinAbovePool}},
		{"maxes below k", 13, quota.Counts{{20, 20}, {34, 9}, {30, 10}},
			[]quota.ProblemKind{quota.MaxesBelowK, quota.MaxesBelowK}},
		{"everything", 9, quota.Counts{{20, 2}, {34, 9}, {30, 10}},
			// gender: male 5 > 2; mins 10 > 9; within maxes 6+2 = 8 < 9.
			// literacy: mins 10 > 9.
			[]quota.ProblemKind{quota.MinAbovePool, quota.MinsAboveK, quota.TooFewAvailable, quota.MinsAboveK}},
		{"value absent from the pool", 10, quota.Counts{{20, 20}, {40, 0}, {30, 10}},
			// non-literate 8 > 0; within maxes 9+0 < 10.
			[]quota.ProblemKind{quota.MinAbovePool, quota.TooFewAvailable}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []quota.ProblemKind
			for _, p := range s.CountingProblems(tt.k, tt.counts) {
				got = append(got, p.Kind)
				assert.NotEmpty(t, p.String())
				assert.NotEmpty(t, p.Category)
			}
			assert.Equal(t, tt.want, got)
		})
	}
	p := s.CountingProblems(10, quota.Counts{{20, 20}, {34, 6}, {30, 10}})
	assert.Equal(t, `literacy "non-literate": at least 8 required, but the pool has only 6`, p[0].String())
	assert.Equal(t, "non-literate", p[0].Value)
	p = s.CountingProblems(13, quota.Counts{{20, 20}, {34, 9}, {30, 10}})
	assert.Equal(t, "gender: the maxes add up to 12, less than the panel size 13", p[0].String())
}
