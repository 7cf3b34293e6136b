package audit_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

func smallPool(t *testing.T) *sortition.Pool {
	t.Helper()
	q, err := quota.Parse("q.csv", []byte("feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n"))
	require.NoError(t, err)
	p, err := sortition.ParsePool("p.csv", []byte("id,name,email,gender\n"+
		"a1,Ann,ann@example.org,female\nb2,Bob,bob@example.org,male\nc3,Cat,cat@example.org,female\n"), q, sortition.PoolOptions{})
	require.NoError(t, err)
	return p
}

func TestNewLottery(t *testing.T) {
	p := smallPool(t)
	l := &sortition.Lottery{Algorithm: "maximin", K: 2, Optimum: 0.5, UpperBound: 0.5000001,
		Panels: []sortition.Panel{{Probability: 0.5, Members: []int{0, 1}}, {Probability: 0.5, Members: []int{1, 2}}}}
	got := audit.NewLottery(l, p)
	assert.Equal(t, audit.Lottery{Algorithm: "maximin", Optimum: 0.5, UpperBound: 0.5000001,
		Distribution: []audit.Panel{{Probability: 0.5, Members: []string{"a1", "b2"}}, {Probability: 0.5, Members: []string{"b2", "c3"}}}}, got)
	assert.Equal(t, []string{"c3", "a1"}, audit.IDs(p, []int{2, 0}))
}

func TestRecordJSON(t *testing.T) {
	p := smallPool(t)
	l := &sortition.Lottery{Algorithm: "maximin", K: 2, Optimum: 0.5, UpperBound: 0.5,
		Panels: []sortition.Panel{{Probability: 0.5, Members: []int{0, 1}}, {Probability: 0.5, Members: []int{1, 2}}}}
	r := &audit.Record{
		Format:   audit.Format,
		Tool:     audit.Tool{Name: "tirage", Version: "devel"},
		Inputs:   audit.Inputs{Pool: audit.File{Path: "p.csv", SHA256: "ab"}, Quotas: audit.File{Path: "q<&>.csv", SHA256: "cd"}},
		K:        2,
		Settings: audit.Settings{IDColumn: "id"},
		Lottery:  audit.NewLottery(l, p),
		Seed:     "tirage",
		Draw:     audit.Draw{U: 0.9552550125959703, PanelIndex: 1},
		Selected: []string{"b2", "c3"},
	}
	b, err := r.MarshalIndent()
	require.NoError(t, err)
	want := `{
  "format": "tirage-audit/0",
  "tool": {
    "name": "tirage",
    "version": "devel"
  },
  "inputs": {
    "pool": {
      "path": "p.csv",
      "sha256": "ab"
    },
    "quotas": {
      "path": "q<&>.csv",
      "sha256": "cd"
    }
  },
  "k": 2,
  "settings": {
    "id_column": "id",
    "households": []
  },
  "lottery": {
    "algorithm": "maximin",
    "optimum": 0.5,
    "upper_bound": 0.5,
    "distribution": [
      {
        "probability": 0.5,
        "members": ["a1", "b2"]
      },
      {
        "probability": 0.5,
        "members": ["b2", "c3"]
      }
    ]
  },
  "seed": "tirage",
  "draw": {
    "u": 0.9552550125959703,
    "panel_index": 1
  },
  "selected": ["b2", "c3"]
}
`
	assert.Equal(t, want, string(b))
	assert.Nil(t, r.Settings.Households, "MarshalIndent does not change the record")

	again, err := r.MarshalIndent()
	require.NoError(t, err)
	assert.Equal(t, b, again)

	var back audit.Record
	require.NoError(t, json.Unmarshal(b, &back))
	back.Settings.Households = nil
	assert.Equal(t, *r, back)

	for _, s := range []string{"Ann", "Bob", "@", "female"} {
		assert.NotContains(t, string(b), s)
	}

	r.Lottery.UpperBound = math.Inf(1)
	_, err = r.MarshalIndent()
	assert.Error(t, err)
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

func TestIndentKeepsStringsIntact(t *testing.T) {
	r := &audit.Record{Format: audit.Format, Seed: `a,"[b]" {c}: \ d`, Selected: []string{`x,y`, `"]`, `{`}}
	data, err := r.MarshalIndent()
	require.NoError(t, err)
	require.True(t, json.Valid(data), "%s", data)
	var back audit.Record
	require.NoError(t, json.Unmarshal(data, &back))
	require.Equal(t, r.Seed, back.Seed)
	require.Equal(t, r.Selected, back.Selected)
	require.Contains(t, string(data), `"selected": ["x,y", "\"]", "{"]`)
}
