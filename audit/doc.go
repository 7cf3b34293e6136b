// Package audit makes a selection reproducible and checkable by anyone from
// its published files.
//
// A selection is decided by three things: the inputs (the pool and the
// quotas, identified in the record by their SHA-256 digests), the lottery
// computed from them (a probability distribution over panels that meet the
// quotas), and a seed. The seed is any text: one chosen in public (the
// numbers of a public draw, say), or a fresh random one from NewSeed.
//
// The seed drives a deterministic random stream (Stream), defined from
// SHA-256 alone so that any language can reproduce it; its first number
// u = Float64() picks the panel whose cumulative probability interval
// contains u.
//
// The audit record (Record) is what a selection publishes: the digests of
// its inputs, its settings, the whole lottery with each panel's members by
// id, the seed, the draw and the selected ids. It never holds anything else
// about a person: no names, no contacts, no quota values.
//
// Still to come in this package: verifying a record against its inputs,
// and committing to a lottery before the seed is known.
package audit
