package audit_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
)

// The expected seeds were computed with Python's hashlib from the
// definition in SPEC.md (replacement_seed in testdata/vectors/reference.py).
func TestReplacementSeed(t *testing.T) {
	seed, err := audit.ReplacementSeed(strings.Repeat("00", 32), "example", []string{"v002", "v004"})
	require.NoError(t, err)
	assert.Equal(t, "69c3ed5bc4d459d236615b00e6455ac11ad68e3e7d55f19eb524d4348fd0d299", seed)
	seed, err = audit.ReplacementSeed(strings.Repeat("ab", 32), "é", nil)
	require.NoError(t, err)
	assert.Equal(t, "146e1a865deb22bbf8cf487972644961a2180e52b639a475aeedc9d1bf5ead46", seed)
	// The withdrawals are delimited: moving a character between two ids
	// changes the seed.
	a, _ := audit.ReplacementSeed(strings.Repeat("00", 32), "s", []string{"ab", "c"})
	b, _ := audit.ReplacementSeed(strings.Repeat("00", 32), "s", []string{"a", "bc"})
	assert.NotEqual(t, a, b)
	_, err = audit.ReplacementSeed("abc", "s", nil)
	assert.Error(t, err)
}
