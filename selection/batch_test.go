package selection

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/message"
)

func TestBatchCode(t *testing.T) {
	code := func(codes ...int) int {
		var out []PartnerOutcome
		for _, c := range codes {
			out = append(out, PartnerOutcome{Code: c})
		}
		return BatchCode(out)
	}
	assert.Equal(t, 0, code(0, 0))
	assert.Equal(t, CodeSelection, code(0, 2))
	assert.Equal(t, CodeSelection, code(1, 2))
	assert.Equal(t, CodeInternal, code(1, 3, 0))
}

func TestCheckPartnerName(t *testing.T) {
	for _, name := range []string{"north", "Sud-2026", "a_b.c", "x", "COM", "COM10", "LPT", "nul_", "summary-2", "summaryx.csv", "con-txt", "CONSOLE", strings.Repeat("a", 64)} {
		assert.NoError(t, CheckPartnerName(name), name)
	}
	tests := []struct{ name, want string }{
		{"", "the partner name is empty"},
		{"also good", `the partner name "also good" holds ' '`},
		{"Sénégal", `holds 'é'`},
		{"a/b", `holds '/'`},
		{`a\b`, `holds '\\'`},
		{"a:b", `holds ':'`},
		{"tab\there", `holds '\t'`},
		{".hidden", "starts or ends with a dot"},
		{"..", "starts or ends with a dot"},
		{"trailing.", "starts or ends with a dot"},
		{"summary", "is reserved (SUMMARY)"},
		{"Summary.csv", "is reserved (SUMMARY)"},
		{"SUMMARY.txt.bak", "is reserved (SUMMARY)"},
		{"CON", "is reserved (CON)"},
		{"con", "is reserved (CON)"},
		{"Prn.txt", "is reserved (PRN)"},
		{"aux", "is reserved (AUX)"},
		{"nul.txt", "is reserved (NUL)"},
		{"com1", "is reserved (COM1)"},
		{"COM9.csv", "is reserved (COM9)"},
		{"lpt0", "is reserved (LPT0)"},
		{"LPT5.tar.gz", "is reserved (LPT5)"},
		{strings.Repeat("a", 65), "is 65 characters long, more than 64"},
	}
	for _, tt := range tests {
		err := CheckPartnerName(tt.name)
		if assert.Error(t, err, tt.name) {
			assert.Contains(t, err.Error(), tt.want, tt.name)
		}
	}
}

func TestManifestAlgorithm(t *testing.T) {
	partner := func(algorithm string) Partner {
		ps, _, err := ParseManifest("manifest.csv", []byte("partner,pool,quotas,k,algorithm\na,p.csv,q.csv,3,"+algorithm+"\n"))
		require.NoError(t, err)
		require.Len(t, ps, 1)
		return ps[0]
	}
	assert.Empty(t, partner("").Algorithm) // select's default, leximin
	assert.Equal(t, "maximin", partner("maximin").Algorithm)
	assert.Equal(t, `the algorithm must be leximin, maximin, nash, goldilocks or legacy, not "fairest"`, partner("fairest").Problem)
}

func TestManifestEveryOption(t *testing.T) {
	// Every setting of select has its column.
	ps, sep, err := ParseManifest("manifest.csv", []byte("partner;pool;quotas;k;alternates;relax;households;commit_only;panels\n"+
		"a;p.csv;q.csv;3;2;yes;address, postcode;no;2000\n"+
		"b;p.csv;q.csv;3;two;;;;\n"+
		"c;p.csv;q.csv;3;;maybe;;;\n"))
	require.NoError(t, err)
	assert.Equal(t, ';', sep)
	require.Len(t, ps, 3)
	assert.Equal(t, 2, ps[0].Alternates)
	assert.True(t, ps[0].Relax)
	assert.Equal(t, []string{"address", "postcode"}, ps[0].Households)
	assert.False(t, ps[0].CommitOnly)
	assert.Equal(t, 2000, ps[0].Panels)
	assert.Empty(t, ps[0].Problem)
	assert.Contains(t, ps[1].Problem, "alternates must be a whole number")
	assert.Equal(t, `relax must be yes or no, not "maybe"`, ps[2].Problem)
	// The problems as data, to say in French; a failed partner's outcome
	// carries them.
	assert.Equal(t, `relax doit valoir yes ou no, et non "maybe"`, ps[2].ProblemReason.In(message.French))
	assert.Equal(t, ps[1].Problem, ps[1].ProblemReason.String())
	assert.NotEqual(t, ps[1].Problem, ps[1].ProblemReason.In(message.French))
	out := RunBatch(ps[2:3], 1, func(Partner) PartnerOutcome { panic("not run") }, nil)
	assert.Equal(t, ps[2].ProblemReason, out[0].Reason)
}

func TestManifestDropout(t *testing.T) {
	// The dropout columns are select's --dropout-column, --dropout-model
	// and --scenarios, checked as DropoutOptions are.
	ps, _, err := ParseManifest("manifest.csv", []byte("partner,pool,quotas,k,alternates,dropout_column,dropout_model,scenarios\n"+
		"a,p.csv,q.csv,3,2,dropout,,200\n"+
		"b,p.csv,q.csv,3,2,,model.json,\n"+
		"c,p.csv,q.csv,3,2,dropout,model.json,\n"+
		"d,p.csv,q.csv,3,,dropout,,\n"+
		"e,p.csv,q.csv,3,2,dropout,,0\n"+
		"f,p.csv,q.csv,3,2,dropout,,100001\n"))
	require.NoError(t, err)
	require.Len(t, ps, 6)
	assert.Equal(t, Partner{Name: "a", Line: 2, Pool: "p.csv", Quotas: "q.csv", K: 3, Alternates: 2, DropoutColumn: "dropout", Scenarios: 200}, ps[0])
	assert.Equal(t, "model.json", ps[1].DropoutModel)
	assert.Empty(t, ps[1].Problem)
	assert.Equal(t, "give dropout_column or dropout_model, not both", ps[2].Problem)
	assert.Equal(t, "dropout_column chooses alternates for the dropouts to come: give their number with the alternates column", ps[3].Problem)
	assert.Equal(t, "scenarios must be between 1 and 100000, not 0", ps[4].Problem)
	assert.Equal(t, "scenarios must be between 1 and 100000, not 100001", ps[5].Problem)
}

func TestRunBatch(t *testing.T) {
	partners := []Partner{{Name: "a"}, {Name: "b", Problem: "k must be at least 1, not 0"}, {Name: "c"}, {Name: "d"}}
	var states []BatchState
	outcomes := RunBatch(partners, 2, func(p Partner) PartnerOutcome {
		switch p.Name {
		case "c":
			panic("boom")
		case "d":
			return PartnerOutcome{Code: CodeSelection, Message: "no panel"}
		}
		return PartnerOutcome{Message: "fine " + p.Name}
	}, func(s BatchState) { states = append(states, s) })
	require.Len(t, outcomes, 4)
	assert.Equal(t, PartnerOutcome{Message: "fine a"}, outcomes[0])
	assert.Equal(t, PartnerOutcome{Code: CodeInput, Message: "k must be at least 1, not 0"}, outcomes[1])
	assert.Equal(t, CodeInternal, outcomes[2].Code)
	assert.Contains(t, outcomes[2].Message, "internal error: boom")
	assert.Equal(t, CodeSelection, outcomes[3].Code)
	assert.Equal(t, CodeInternal, BatchCode(outcomes))
	last := states[len(states)-1]
	assert.Equal(t, 4, last.Done)
	assert.Equal(t, 3, last.Failed)
	assert.Empty(t, last.Running)
	assert.Len(t, states, 8, "a state when each partner starts and ends")
}

func TestPartnerInFolder(t *testing.T) {
	abs, err := filepath.Abs("q.csv")
	require.NoError(t, err)
	p := Partner{Pool: "p.csv", Quotas: abs, DropoutModel: "m/model.json"}.InFolder(filepath.Join("x", "y"))
	assert.Equal(t, filepath.Join("x", "y", "p.csv"), p.Pool)
	assert.Equal(t, abs, p.Quotas)
	assert.Equal(t, filepath.Join("x", "y", "m", "model.json"), p.DropoutModel)
	assert.Empty(t, Partner{}.InFolder("x").DropoutModel)
}
