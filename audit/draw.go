package audit

import (
	"crypto/sha256"
	"errors"
)

// drawDomain separates the draw's hashes from any other use of SHA-256.
const drawDomain = "tirage-draw-v1\x00"

// DrawIndex returns the index in [0, m) of the panel that the seed draws
// from the lottery whose commitment is given (audit/SPEC.md, "The draw").
//
// It reads the stream whose block j is the SHA-256 digest of the 15 bytes
// "tirage-draw-v1", one zero byte, the 32 bytes of the commitment, the seed
// text's bytes exactly as given, and j as 8 bytes big-endian, and returns
// IntN(m) of it: the first 8-byte big-endian word x below 2^64 − (2^64 mod m),
// reduced modulo m. Only integers are involved; every index is exactly
// equally likely. It fails when m is 0.
func DrawIndex(commitment [sha256.Size]byte, seed string, m uint64) (uint64, error) {
	if m == 0 {
		return 0, errors.New("a lottery over 0 panels has no index to draw")
	}
	s := newStream(drawDomain, append(commitment[:], seed...))
	return s.IntN(m), nil
}
