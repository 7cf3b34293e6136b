package selection_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

var when = time.Date(2026, 4, 24, 3, 6, 40, 0, time.UTC)

func fixed() time.Time { return when }

// Two women and one man; a panel of 2 needs one of each: the man is on
// every panel, each woman on half of them.
const (
	genderQuotas = "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n"
	threePeople  = "id,name,gender\na,Ana,female\nb,Bea,female\nc,Cem,male\n"
)

func TestRun(t *testing.T) {
	p := testpool.Pool(t, genderQuotas, threePeople)
	res, err := selection.Run(context.Background(), selection.Input{Pool: p, K: 2, Panels: 10, Seed: "s", Now: fixed})
	require.NoError(t, err)
	// 10 panels are below the format's minimum: raised, and said so.
	assert.Equal(t, 10, res.RequestedPanels)
	assert.Equal(t, audit.MinUniformPanels, res.Uniform.M)
	assert.Equal(t, []int{500, 500, 1000}, res.Uniform.Tickets)
	r := res.Record
	require.NotNil(t, r.Draw)
	assert.Contains(t, r.Draw.Selected, "c")
	assert.Len(t, r.Draw.Selected, 2)
	require.Len(t, r.Steps, 4)
	for i, step := range []string{audit.StepInputsRead, audit.StepLotteryComputed, audit.StepCommitted, audit.StepDrawn} {
		assert.Equal(t, step, r.Steps[i].Step)
		assert.Equal(t, "2026-04-24T03:06:40Z", r.Steps[i].Time)
	}
	assert.Equal(t, "id", r.Settings.IDColumn)

	// The same selection, committed only: the same commitment, no draw.
	committed, err := selection.Run(context.Background(), selection.Input{Pool: p, K: 2, Panels: 10, CommitOnly: true, Now: fixed})
	require.NoError(t, err)
	assert.Nil(t, committed.Record.Draw)
	assert.Equal(t, r.Commitment, committed.Record.Commitment)
	assert.Len(t, committed.Record.Steps, 3)
}

func TestRunErrors(t *testing.T) {
	p := testpool.Pool(t, genderQuotas, threePeople)
	// A panel of 2 needs one of each gender, age and area, and no two
	// people differ in all three: counting sees nothing, yet no panel
	// exists.
	infeasible := testpool.Pool(t, "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\nage,young,1,1\nage,old,1,1\narea,urban,1,1\narea,rural,1,1\n",
		"id,gender,age,area\np1,female,young,urban\np2,male,old,urban\np3,female,old,rural\np4,male,young,rural\n")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		in   selection.Input
		code int
		want string
		as   any
	}{
		{"no pool", context.Background(), selection.Input{K: 1, Seed: "s"}, selection.CodeInput, "no pool", nil},
		{"k too large", context.Background(), selection.Input{Pool: p, K: 4, Seed: "s"}, selection.CodeInput, "larger than the pool", nil},
		{"k zero", context.Background(), selection.Input{Pool: p, K: 0, Seed: "s"}, selection.CodeInput, "at least 1", nil},
		{"no seed", context.Background(), selection.Input{Pool: p, K: 2}, selection.CodeInput, "the seed is empty", nil},
		{"seed and commit", context.Background(), selection.Input{Pool: p, K: 2, Seed: "s", CommitOnly: true}, selection.CodeInput, "leave out the seed", nil},
		{"bad seed", context.Background(), selection.Input{Pool: p, K: 2, Seed: "\xff"}, selection.CodeInput, "UTF-8", nil},
		{"panels", context.Background(), selection.Input{Pool: p, K: 2, Seed: "s", Panels: -1}, selection.CodeInput, "number of panels", nil},
		{"households", context.Background(), selection.Input{Pool: p, K: 2, Seed: "s", Households: []string{"address"}}, selection.CodeInput, `household column "address"`, nil},
		{"counting", context.Background(), selection.Input{Pool: p, K: 3, Seed: "s"}, selection.CodeSelection, "the maxes add up to 2", new(*selection.CountingError)},
		{"infeasible", context.Background(), selection.Input{Pool: infeasible, K: 2, Seed: "s"}, selection.CodeSelection, "no panel of 2 people meets all the quotas", new(*sortition.InfeasibleError)},
		{"cancelled", cancelled, selection.Input{Pool: p, K: 2, Seed: "s"}, selection.CodeSelection, "canceled", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := selection.Run(tt.ctx, tt.in)
			require.Error(t, err)
			assert.Nil(t, res)
			assert.Equal(t, tt.code, selection.CodeOf(err))
			assert.Contains(t, err.Error(), tt.want)
			if tt.as != nil {
				assert.True(t, errors.As(err, tt.as), "%T", err)
			}
		})
	}
	assert.Equal(t, selection.CodeInternal, selection.CodeOf(errors.New("plain")))
}

func TestCountingErrorListsProblems(t *testing.T) {
	err := &selection.CountingError{Problems: []quota.Problem{{Reason: message.New(message.CountMinsAboveK, "category", "age", "sum", 9, "k", 8)}, {Reason: message.New(message.CountMaxesBelowK, "category", "sex", "sum", 7, "k", 8)}}}
	assert.Equal(t, "the quotas cannot be met: age: the mins add up to 9, more than the panel size 8; sex: the maxes add up to 7, less than the panel size 8", err.Error())
	assert.Equal(t, "les quotas ne peuvent pas être respectés : age : les minimums font 9 au total, plus que la taille du panel, 8; sex : les maximums font 7 au total, moins que la taille du panel, 8", err.Reason().In(message.French))
	assert.True(t, strings.HasPrefix(err.Error(), "the quotas cannot be met"))
}
