package audit_test

import (
	"crypto/sha256"
	"encoding/binary"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
)

// The first Uint64 values of the stream for the seed "tirage", computed by
// hand with
//
//	python3 -c "import hashlib,struct; b=hashlib.sha256(b'tirage-stream-v1\x00tirage'+struct.pack('>Q',0)).digest(); print([hex(x) for x in struct.unpack('>4Q',b)])"
//
// and, for the fifth, the same with block 1.
const (
	vector0 = 0xf48b97ae70942ee1
	vector1 = 0xf5fd389fdd3a6a88
	vector2 = 0xdfe0b6fc4812d682
	vector3 = 0x3d99c7124ac9fe06 // the last 8 bytes of block 0
	vector4 = 0x23dacbdda8f8813b // the first 8 bytes of block 1
	// vectorFloat is (vector0 >> 11) / 2^53, as python3 prints it.
	vectorFloat = 0.9552550125959703
)

// block computes block i of the stream for seed directly from the
// definition.
func block(seed string, i uint64) []byte {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], i)
	sum := sha256.Sum256(append(append([]byte("tirage-stream-v1\x00"), seed...), n[:]...))
	return sum[:]
}

func TestStreamVectors(t *testing.T) {
	s := audit.NewStream("tirage")
	got := []uint64{s.Uint64(), s.Uint64(), s.Uint64(), s.Uint64(), s.Uint64()}
	assert.Equal(t, []uint64{vector0, vector1, vector2, vector3, vector4}, got)

	// The same from the definition, computed here with crypto/sha256.
	b0, b1 := block("tirage", 0), block("tirage", 1)
	want := []uint64{
		binary.BigEndian.Uint64(b0[0:]), binary.BigEndian.Uint64(b0[8:]),
		binary.BigEndian.Uint64(b0[16:]), binary.BigEndian.Uint64(b0[24:]),
		binary.BigEndian.Uint64(b1[0:]),
	}
	assert.Equal(t, want, got)

	assert.Equal(t, vectorFloat, audit.NewStream("tirage").Float64())
}

func TestStreamFromDefinition(t *testing.T) {
	// Over several blocks, and for seeds that differ only slightly.
	for _, seed := range []string{"", "tirage", "tirage ", "Tirage", "2026-05-01 public draw: 17 4 33", "élection"} {
		s := audit.NewStream(seed)
		for i := range uint64(5) {
			b := block(seed, i)
			for j := 0; j < 32; j += 8 {
				require.Equal(t, binary.BigEndian.Uint64(b[j:]), s.Uint64(), "seed %q block %d offset %d", seed, i, j)
			}
		}
	}
	assert.NotEqual(t, audit.NewStream("tirage").Uint64(), audit.NewStream("tirage ").Uint64())
}

func TestStreamDeterministic(t *testing.T) {
	a, b := audit.NewStream("seed"), audit.NewStream("seed")
	for range 1000 {
		require.Equal(t, a.Uint64(), b.Uint64())
		require.Equal(t, a.Float64(), b.Float64())
		require.Equal(t, a.IntN(7), b.IntN(7))
	}
}

func TestFloat64(t *testing.T) {
	s := audit.NewStream("floats")
	r := audit.NewStream("floats")
	sum := 0.0
	const n = 20000
	for range n {
		f := s.Float64()
		require.GreaterOrEqual(t, f, 0.0)
		require.Less(t, f, 1.0)
		require.Equal(t, float64(r.Uint64()>>11)/(1<<53), f)
		sum += f
	}
	assert.InDelta(t, 0.5, sum/n, 0.01)
}

func TestIntN(t *testing.T) {
	s := audit.NewStream("intn")
	for _, n := range []uint64{1, 2, 3, 7, 10, 200, 1 << 32, 1<<63 + 1, 1 << 63, ^uint64(0)} {
		for range 200 {
			require.Less(t, s.IntN(n), n, "n = %d", n)
		}
	}
	// Roughly uniform over a small range.
	counts := make([]int, 6)
	const draws = 60000
	for range draws {
		counts[s.IntN(6)]++
	}
	for v, c := range counts {
		assert.InDelta(t, draws/6, c, 500, "value %d", v)
	}
	assert.Panics(t, func() { s.IntN(0) })
}

func TestIntNRejection(t *testing.T) {
	// For n = 2^63 + 1, 2^64 mod n = 2^63 − 1, so values ≥ 2^63 + 1 are
	// rejected: IntN must return x mod n for the first value x below that,
	// skipping the others.
	const n = 1<<63 + 1
	ref := audit.NewStream("tirage")
	var want uint64
	skipped := 0
	for {
		x := ref.Uint64()
		if x < n {
			want = x % n
			break
		}
		skipped++
	}
	require.Greater(t, skipped, 0, "the vectors start with values above 2^63, so some are rejected")
	assert.Equal(t, want, audit.NewStream("tirage").IntN(n))

	// A power of two divides 2^64: nothing is rejected, the result is
	// the low bits.
	assert.Equal(t, uint64(vector0%1024), audit.NewStream("tirage").IntN(1024))
	assert.Equal(t, uint64(vector0), audit.NewStream("tirage").IntN(1<<63)|(vector0&(1<<63)))
	// n = 3: 2^64 mod 3 = 1, only 2^64 − 1 is rejected.
	assert.Equal(t, uint64(vector0%3), audit.NewStream("tirage").IntN(3))
}

func TestNewSeed(t *testing.T) {
	hex32 := regexp.MustCompile(`^[0-9a-f]{32}$`)
	seen := map[string]bool{}
	for range 20 {
		s, err := audit.NewSeed()
		require.NoError(t, err)
		assert.Regexp(t, hex32, s)
		assert.False(t, seen[s], "repeated seed %s", s)
		seen[s] = true
	}
}
