package audit

import "github.com/tirage/tirage/internal/stream"

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
// Bytes are consumed in order, block after block, and never reused:
// Uint64 takes the next 8 bytes big-endian, Float64 returns (Uint64() >>
// 11) / 2^53, and IntN(n) rejects the values at or above the largest
// multiple of n not above 2^64 and returns the first other one mod n. It is
// implemented in internal/stream, which package dropout shares.
//
// With the seed "tirage", the first three Uint64 values are
// 0xf48b97ae70942ee1, 0xf5fd389fdd3a6a88 and 0xdfe0b6fc4812d682 (the first
// 24 bytes of block 0), and the first Float64 of a new stream is
// 0.9552550125959703.
//
// A Stream is not safe for concurrent use.
type Stream = stream.Stream

// NewStream returns the stream for the seed text.
func NewStream(seed string) *Stream { return stream.New(seed) }

// newStream returns the stream whose block i is the SHA-256 digest of
// domain, then seed, then i as 8 bytes big-endian. NewStream and DrawIndex
// differ only in their domain and seed.
func newStream(domain string, seed []byte) *Stream { return stream.WithDomain(domain, seed) }
