// Package stream is tirage's deterministic random stream derived from a seed
// text (audit/SPEC.md); audit and dropout both draw from it.
package stream

import (
	"crypto/sha256"
	"encoding/binary"
)

// Domain separates the stream's hashes from any other use of SHA-256.
const Domain = "tirage-stream-v1\x00"

// Stream is a deterministic random stream derived from a seed text. It is
// defined so that another implementation can reproduce it exactly.
//
// The stream is a sequence of bytes made of 32-byte blocks. Block i, for
// i = 0, 1, 2, …, is the SHA-256 digest of the concatenation of
//
//	the 16 bytes "tirage-stream-v1", then one zero byte,
//	the seed text's bytes exactly as given (UTF-8, no trimming, no terminator),
//	i as an unsigned 64-bit integer, 8 bytes big-endian.
//
// Bytes are consumed in order, block after block, and never reused. The
// methods use them as follows:
//
//   - Uint64 takes the next 8 bytes as a big-endian unsigned integer.
//   - Float64 takes x = Uint64() and returns (x >> 11) / 2^53: its top 53
//     bits as a fraction, a multiple of 2^-53 in [0, 1).
//   - IntN(n) computes r = 2^64 mod n and repeats x = Uint64() until
//     x < 2^64 − r (so x is below the largest multiple of n that does not
//     exceed 2^64; when n divides 2^64 no value is rejected), then returns
//     x mod n. Every result in [0, n) is then exactly equally likely.
//
// With the seed "tirage", the first three Uint64 values are
// 0xf48b97ae70942ee1, 0xf5fd389fdd3a6a88 and 0xdfe0b6fc4812d682 (the first
// 24 bytes of block 0), and the first Float64 of a new stream is
// 0.9552550125959703.
//
// A Stream is not safe for concurrent use.
type Stream struct {
	prefix []byte   // the domain, then the seed: what each block hashes before i
	next   uint64   // index of the next block to compute
	block  [32]byte // the current block
	used   int      // bytes of block consumed; 32 when it is spent
}

// New returns the stream for the seed text.
func New(seed string) *Stream {
	return WithDomain(Domain, []byte(seed))
}

// WithDomain returns the stream whose block i is the SHA-256 digest of
// domain, then seed, then i as 8 bytes big-endian. New and audit's draw
// differ only in their domain and seed.
func WithDomain(domain string, seed []byte) *Stream {
	prefix := make([]byte, 0, len(domain)+len(seed))
	prefix = append(append(prefix, domain...), seed...)
	return &Stream{prefix: prefix, used: sha256.Size}
}

// byte returns the next byte of the stream.
func (s *Stream) byte() byte {
	if s.used == len(s.block) {
		h := sha256.New()
		h.Write(s.prefix)
		var i [8]byte
		binary.BigEndian.PutUint64(i[:], s.next)
		h.Write(i[:])
		h.Sum(s.block[:0])
		s.next++
		s.used = 0
	}
	b := s.block[s.used]
	s.used++
	return b
}

// Uint64 returns the next 8 bytes of the stream as a big-endian integer.
func (s *Stream) Uint64() uint64 {
	var x uint64
	for range 8 {
		x = x<<8 | uint64(s.byte())
	}
	return x
}

// Float64 returns a number in [0, 1): the top 53 bits of the next Uint64
// divided by 2^53.
func (s *Stream) Float64() float64 {
	return float64(s.Uint64()>>11) / (1 << 53)
}

// IntN returns a uniformly distributed integer in [0, n), by rejection
// sampling as described on Stream. It panics if n is 0.
func (s *Stream) IntN(n uint64) uint64 {
	if n == 0 {
		panic("stream: Stream.IntN(0)")
	}
	r := -n % n // 2^64 mod n
	for {
		x := s.Uint64()
		if r == 0 || x < -r { // -r is 2^64 − r when r > 0
			return x % n
		}
	}
}
