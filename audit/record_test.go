package audit_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/sortition"
)

// tinyPool is two women and a man with names and e-mails; a panel of 2
// needs one woman and one man.
func tinyPool(t *testing.T) *sortition.Pool {
	t.Helper()
	return testpool.Pool(t, "feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n", "id,name,email,gender\n"+
		"a1,Ann,ann@example.org,Female\nb2,Bob,bob@example.org,male\nc3,Cat,cat@example.org,female\n")
}

// tinySelection is the maximin lottery of tinyPool, written by hand: the
// man is on both panels, each woman on one, so everyone but the man has
// 1/2; the weights 1/2 on each woman give every panel weight 1/2, which
// certifies it. The uniform lottery over 4 panels holds each panel twice.
func tinySelection(t *testing.T) audit.Selection {
	p := tinyPool(t)
	l := &sortition.Lottery{Algorithm: "maximin", K: 2, MinProbability: 0.5, UpperBound: 0.5,
		Panels:    []sortition.Panel{{Probability: 0.5, Members: []int{0, 1}}, {Probability: 0.5, Members: []int{1, 2}}},
		Marginals: []float64{0.5, 1, 0.5},
		Weights:   []float64{0.5, 0, 0.5},
	}
	u := &sortition.Uniform{M: 4, Panels: [][]int{{0, 1}, {0, 1}, {1, 2}, {1, 2}}, Tickets: []int{2, 4, 2},
		ExactMinimum: 0.5, Minimum: 0.5, MaxShift: 0}
	return audit.Selection{
		Tool:      audit.Tool{Name: "tirage", Version: "test"},
		PoolFile:  audit.File{Path: "p.csv", SHA256: strings.Repeat("ab", 32)},
		QuotaFile: audit.File{Path: "q<&>.csv", SHA256: strings.Repeat("cd", 32)},
		Pool:      p,
		K:         2,
		Settings:  audit.Settings{IDColumn: "id", Gap: 1e-6},
		Lottery:   l,
		Uniform:   u,
	}
}

// The compact canonical JSON of tinySelection's quota table and people,
// and of its committed part, written out by hand from SPEC.md.
const (
	tinyQuotasJSON = `[{"category":"gender","values":["female","male"],"min":[1,1],"max":[1,1]}]`
	tinyPeopleJSON = `{"columns":["id","gender"],"rows":[["a1","female"],["b2","male"],["c3","female"]],"households":[]}`
)

func tinyCommittedJSON() string {
	return `{"format":"` + audit.Format + `","tool":{"name":"tirage","version":"test"},` +
		`"inputs":{"pool":{"path":"p.csv","sha256":"` + strings.Repeat("ab", 32) + `","canonical_sha256":"` + sha256Hex(tinyPeopleJSON) + `"},` +
		`"quotas":{"path":"q<&>.csv","sha256":"` + strings.Repeat("cd", 32) + `","canonical_sha256":"` + sha256Hex(tinyQuotasJSON) + `"}},` +
		`"k":2,"settings":{"id_column":"id","households":[],"gap":0.000001,"seed_source":""},` +
		`"quotas":` + tinyQuotasJSON + `,"people":` + tinyPeopleJSON + `,` +
		`"lottery":{"algorithm":"maximin","optimum":0.5,"upper_bound":0.5,"excluded":[],"weights":[0.5,0,0.5],"levels":[],` +
		`"distribution":[{"probability":0.5,"out":[],"in":["a1","b2"]},{"probability":0.5,"out":["a1"],"in":["c3"]}],` +
		`"m":4,"uniform_minimum":0.5,"max_shift":0,` +
		`"panels":[{"members":["a1","b2"]},{"members":["a1","b2"]},{"members":["b2","c3"]},{"members":["b2","c3"]}]}}`
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestNewRecordCommitment(t *testing.T) {
	r, err := audit.NewRecord(tinySelection(t))
	require.NoError(t, err)
	assert.Equal(t, sha256Hex(tinyQuotasJSON), r.Inputs.Quotas.CanonicalSHA256)
	assert.Equal(t, sha256Hex(tinyPeopleJSON), r.Inputs.Pool.CanonicalSHA256)
	assert.Equal(t, sha256Hex("tirage-commitment-v1\x00"+tinyCommittedJSON()), r.Commitment)
	assert.Nil(t, r.Draw)

	// The commitment covers the committed part only: steps and the draw
	// do not change it, any committed member does.
	r.AddStep(audit.StepInputsRead, time.Unix(0, 0))
	c, err := r.Commit()
	require.NoError(t, err)
	assert.Equal(t, r.Commitment, c)
	r.Lottery.Panels[3].Members[0] = "a1"
	c, err = r.Commit()
	require.NoError(t, err)
	assert.NotEqual(t, r.Commitment, c)
}

func TestRecordLayout(t *testing.T) {
	r, err := audit.NewRecord(tinySelection(t))
	require.NoError(t, err)
	at := time.Date(2026, 5, 1, 12, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	r.AddStep(audit.StepInputsRead, at)
	r.AddStep(audit.StepLotteryComputed, at)
	r.AddStep(audit.StepCommitted, at)
	b, err := r.MarshalIndent()
	require.NoError(t, err)
	want := `{
  "format": "` + audit.Format + `",
  "tool": {
    "name": "tirage",
    "version": "test"
  },
  "inputs": {
    "pool": {
      "path": "p.csv",
      "sha256": "` + strings.Repeat("ab", 32) + `",
      "canonical_sha256": "` + sha256Hex(tinyPeopleJSON) + `"
    },
    "quotas": {
      "path": "q<&>.csv",
      "sha256": "` + strings.Repeat("cd", 32) + `",
      "canonical_sha256": "` + sha256Hex(tinyQuotasJSON) + `"
    }
  },
  "k": 2,
  "settings": {
    "id_column": "id",
    "households": [],
    "gap": 0.000001,
    "seed_source": ""
  },
  "quotas": [
    {
      "category": "gender",
      "values": ["female", "male"],
      "min": [1, 1],
      "max": [1, 1]
    }
  ],
  "people": {
    "columns": ["id", "gender"],
    "rows": [
      ["a1", "female"],
      ["b2", "male"],
      ["c3", "female"]
    ],
    "households": []
  },
  "lottery": {
    "algorithm": "maximin",
    "optimum": 0.5,
    "upper_bound": 0.5,
    "excluded": [],
    "weights": [0.5, 0, 0.5],
    "levels": [],
    "distribution": [
      {
        "probability": 0.5,
        "out": [],
        "in": ["a1", "b2"]
      },
      {
        "probability": 0.5,
        "out": ["a1"],
        "in": ["c3"]
      }
    ],
    "m": 4,
    "uniform_minimum": 0.5,
    "max_shift": 0,
    "panels": [
      {
        "members": ["a1", "b2"]
      },
      {
        "members": ["a1", "b2"]
      },
      {
        "members": ["b2", "c3"]
      },
      {
        "members": ["b2", "c3"]
      }
    ]
  },
  "commitment": "` + r.Commitment + `",
  "draw": null,
  "steps": [
    {
      "step": "inputs read",
      "time": "2026-05-01T10:30:00Z"
    },
    {
      "step": "lottery computed",
      "time": "2026-05-01T10:30:00Z"
    },
    {
      "step": "committed",
      "time": "2026-05-01T10:30:00Z"
    }
  ]
}
`
	assert.Equal(t, want, string(b))

	back, err := audit.ParseRecord(b)
	require.NoError(t, err)
	again, err := back.MarshalIndent()
	require.NoError(t, err)
	assert.Equal(t, b, again)

	for _, s := range []string{"Ann", "Bob", "@", "Female"} {
		assert.NotContains(t, string(b), s, "personal data or the pool's own spelling")
	}

	r.Lottery.UpperBound = math.Inf(1)
	_, err = r.MarshalIndent()
	assert.Error(t, err)
}

func TestDrawPanel(t *testing.T) {
	r, err := audit.NewRecord(tinySelection(t))
	require.NoError(t, err)
	var c [32]byte
	_, err = hex.Decode(c[:], []byte(r.Commitment))
	require.NoError(t, err)
	want, err := audit.DrawIndex(c, "a public seed", 4)
	require.NoError(t, err)

	_, err = r.DrawPanel("bad \xff seed", time.Unix(0, 0))
	assert.Error(t, err)
	tampered := *r
	tampered.K = 3
	_, err = tampered.DrawPanel("a public seed", time.Unix(0, 0))
	assert.ErrorContains(t, err, "does not match its content")

	index, err := r.DrawPanel("a public seed", time.Unix(86400, 0))
	require.NoError(t, err)
	assert.Equal(t, int(want), index)
	require.NotNil(t, r.Draw)
	assert.Equal(t, audit.Draw{Seed: "a public seed", SeedKind: audit.SeedText, Index: index, Selected: r.Lottery.Panels[index].Members}, *r.Draw)
	assert.Equal(t, []audit.Step{{Step: "drawn", Time: "1970-01-02T00:00:00Z"}}, r.Steps)

	_, err = r.DrawPanel("another seed", time.Unix(0, 0))
	assert.ErrorIs(t, err, audit.ErrAlreadyDrawn)
}

func TestParseRecordRefuses(t *testing.T) {
	r, err := audit.NewRecord(tinySelection(t))
	require.NoError(t, err)
	good, err := r.MarshalIndent()
	require.NoError(t, err)
	for name, data := range map[string]string{
		"empty":         "",
		"not JSON":      "hello",
		"truncated":     string(good[:len(good)/2]),
		"old format":    `{"format": "tirage-audit/0"}`,
		"array":         `[1, 2]`,
		"unknown field": strings.Replace(string(good), `"k": 2,`, `"k": 2, "extra": 1,`, 1),
		"wrong type":    strings.Replace(string(good), `"k": 2,`, `"k": "2",`, 1),
		"trailing data": string(good) + "{}",
	} {
		_, err := audit.ParseRecord([]byte(data))
		assert.Error(t, err, name)
	}
	_, err = audit.ParseRecord(good)
	assert.NoError(t, err)
}

func TestHashFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.csv")
	require.NoError(t, os.WriteFile(path, []byte("abc"), 0o644))
	f, err := audit.HashFile(path)
	require.NoError(t, err)
	// SHA-256("abc"), FIPS 180-2 appendix B.1.
	assert.Equal(t, audit.File{Path: path, SHA256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}, f)
	_, err = audit.HashFile(filepath.Join(t.TempDir(), "missing.csv"))
	assert.True(t, os.IsNotExist(err) || strings.Contains(err.Error(), "no such file"))
}

func TestLayoutKeepsStringsIntact(t *testing.T) {
	r := &audit.Record{Format: audit.Format, Draw: &audit.Draw{Seed: "a,\"[b]\" {c}: \\ d\u2028<&>\x01", Selected: []string{`x,y`, `"]`, `{`}}}
	data, err := r.MarshalIndent()
	require.NoError(t, err)
	require.True(t, json.Valid(data), "%s", data)
	back, err := audit.ParseRecord(data)
	require.NoError(t, err)
	require.Equal(t, r.Draw, back.Draw)
	require.Contains(t, string(data), `"selected": ["x,y", "\"]", "{"]`)
	// SPEC.md: no HTML escaping; U+2028 and control characters escaped.
	require.Contains(t, string(data), `"seed": "a,\"[b]\" {c}: \\ d\u2028<&>\u0001"`)
}

func TestNoNegativeZero(t *testing.T) {
	r := &audit.Record{Format: audit.Format, Lottery: audit.Lottery{Weights: []float64{math.Copysign(0, -1), 1e-7, 1e21, 123456789.5}}}
	data, err := r.MarshalIndent()
	require.NoError(t, err)
	assert.Contains(t, string(data), `"weights": [0, 1e-7, 1e+21, 123456789.5]`)
}

func TestParseRecordPreviousFormat(t *testing.T) {
	// A tirage-audit/1 record is refused with the reason, not read with
	// rules it was not made under.
	_, err := audit.ParseRecord([]byte(`{"format": "tirage-audit/1", "k": 2}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the previous version of the format")
	_, err = audit.ParseRecord([]byte(`{"format": "tirage-audit/3"}`))
	assert.ErrorContains(t, err, `not "tirage-audit/2"`)
}
