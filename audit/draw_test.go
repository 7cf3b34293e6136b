package audit_test

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
)

// The vectors in testdata/vectors were computed by reference.py there, a
// second implementation of SPEC.md in Python written from the spec.
func vectorFile(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "vectors", name))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, v))
}

func TestDrawIndexVectors(t *testing.T) {
	var vectors []struct {
		Seed       string
		Commitment string
		M          uint64
		Index      uint64
		Rejected   int
	}
	vectorFile(t, "draw.json", &vectors)
	require.NotEmpty(t, vectors)
	rejections := 0
	for _, v := range vectors {
		var c [32]byte
		n, err := hex.Decode(c[:], []byte(v.Commitment))
		require.NoError(t, err)
		require.Equal(t, 32, n)
		got, err := audit.DrawIndex(c, v.Seed, v.M)
		require.NoError(t, err)
		assert.Equal(t, v.Index, got, "seed %q, m %d", v.Seed, v.M)
		rejections += v.Rejected
	}
	assert.Greater(t, rejections, 4, "the vectors exercise rejection beyond the first block")
	_, err := audit.DrawIndex([32]byte{}, "x", 0)
	assert.Error(t, err)
}

// The worked example of SPEC.md, "The draw".
func TestDrawIndexWorkedExample(t *testing.T) {
	got, err := audit.DrawIndex([32]byte{}, "example", 1000)
	require.NoError(t, err)
	// The first word of block 0 is 0x887efe51760a3386 = 9835578262049928070,
	// below 2^64 − 616 = 18446744073709551000, so the index is
	// 9835578262049928070 mod 1000 = 70.
	assert.Equal(t, uint64(9835578262049928070%1000), got)
}

func TestSeedFromNumbersVectors(t *testing.T) {
	var vectors []struct {
		Numbers string
		Seed    *string
	}
	vectorFile(t, "seeds.json", &vectors)
	require.NotEmpty(t, vectors)
	for _, v := range vectors {
		got, err := audit.SeedFromNumbers(v.Numbers)
		if v.Seed == nil {
			assert.Error(t, err, "%q", v.Numbers)
			continue
		}
		require.NoError(t, err, "%q", v.Numbers)
		assert.Equal(t, *v.Seed, got, "%q", v.Numbers)
	}
}
