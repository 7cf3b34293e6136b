package audit

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/tirage/tirage/message"
)

// SeedBytes is the size of a seed made by NewSeed: 128 bits.
const SeedBytes = 16

// NewSeed returns a fresh random seed from the operating system's secure
// random source: 128 bits written as 32 lowercase hexadecimal digits.
func NewSeed() (string, error) {
	var b [SeedBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("making a random seed: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// SeedFromNumbers returns the canonical seed text of a list of public
// random numbers, in the style of RFC 3797 (section 4): text lists the
// sources in order, separated by "/", each as whole numbers separated by
// spaces, tabs, line feeds, carriage returns or commas (a final "/" is
// allowed). Within each
// source the numbers are sorted in ascending order, since the order in which
// a lottery draws its numbers is not part of the result; each is written in
// decimal without leading zeros and followed by "."; each source ends with
// "/". The order of the sources is kept.
//
// For example the sources "17 20 22 35 38 48 36", "90193202" and "55598744"
// give "17.20.22.35.36.38.48./90193202./55598744./". Numbers may have any
// number of digits; signs, decimal points and anything else are refused.
func SeedFromNumbers(text string) (string, error) {
	sources := strings.Split(text, "/")
	if len(sources) > 1 && strings.TrimSpace(sources[len(sources)-1]) == "" {
		sources = sources[:len(sources)-1]
	}
	var b strings.Builder
	for i, src := range sources {
		numbers := strings.FieldsFunc(src, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == ','
		})
		if len(numbers) == 0 {
			return "", fmt.Errorf("source %d of %q has no numbers; separate sources with \"/\" and the numbers of a source with spaces", i+1, text)
		}
		for j, n := range numbers {
			for _, r := range n {
				if r < '0' || r > '9' {
					return "", fmt.Errorf("%q in source %d is not a whole number written with the digits 0-9", n, i+1)
				}
			}
			if n = strings.TrimLeft(n, "0"); n == "" {
				n = "0"
			}
			numbers[j] = n
		}
		// Numerical order of digit strings without leading zeros: shorter
		// first, then by digits.
		sort.Slice(numbers, func(a, c int) bool {
			if len(numbers[a]) != len(numbers[c]) {
				return len(numbers[a]) < len(numbers[c])
			}
			return numbers[a] < numbers[c]
		})
		for _, n := range numbers {
			b.WriteString(n)
			b.WriteByte('.')
		}
		b.WriteByte('/')
	}
	return b.String(), nil
}

// SeedKind says where the seed of a draw came from (SPEC.md, section 6):
// the record states it, and the report says what each kind means for
// trust.
type SeedKind string

// The kinds of seed.
const (
	// SeedText is text given to tirage, used exactly as written (--seed):
	// meant to be announced in public, such as a named beacon's value.
	SeedText SeedKind = "text"
	// SeedNumbers is a list of public random numbers in the canonical
	// form of RFC 3797 (SeedFromNumbers, --seed-numbers).
	SeedNumbers SeedKind = "rfc3797"
	// SeedGenerated is a seed made by tirage on the computer that ran it
	// (NewSeed): unpredictable, but nobody else saw it made.
	SeedGenerated SeedKind = "generated"
	// SeedDerived is the seed of a replacement, derived from the
	// original's commitment, seed and withdrawals (ReplacementSeed).
	SeedDerived SeedKind = "derived"
)

// checkSeedKind returns why the seed does not have the form its kind
// requires, or the zero Reason.
func checkSeedKind(seed string, kind SeedKind, replacement bool) message.Reason {
	switch kind {
	case SeedText:
	case SeedNumbers:
		if !numbersSeed.MatchString(seed) {
			return message.New(message.SeedNotRFC3797)
		}
		if c, err := SeedFromNumbers(strings.ReplaceAll(seed, ".", " ")); err != nil || c != seed {
			return message.New(message.SeedNotAscending)
		}
	case SeedGenerated:
		if !generatedSeed.MatchString(seed) {
			return message.New(message.SeedNotGenerated, "digits", 2*SeedBytes)
		}
	case SeedDerived:
		if !replacement {
			return message.New(message.SeedDerivedOnly)
		}
	default:
		return message.New(message.SeedKindUnknown, "kind", fmt.Sprintf("%q", kind))
	}
	if replacement && kind != SeedDerived {
		return message.New(message.SeedReplacementKind, "kind", string(kind))
	}
	return message.Reason{}
}

// generatedSeed is the form of a seed made by NewSeed.
var generatedSeed = regexp.MustCompile(`^[0-9a-f]{32}$`)

// numbersSeed is the canonical form of SeedFromNumbers: sources of
// numbers without leading zeros, each followed by ".", each source by "/".
var numbersSeed = regexp.MustCompile(`^(((0|[1-9][0-9]*)\.)+/)+$`)

// SeedKindPhrase describes a kind of seed in a few English words.
func SeedKindPhrase(kind SeedKind) string {
	switch kind {
	case SeedText:
		return "text given to tirage"
	case SeedNumbers:
		return "public numbers in the canonical form of RFC 3797"
	case SeedGenerated:
		return "generated by tirage on the computer that ran it"
	case SeedDerived:
		return "derived from the original selection's"
	}
	return "of unknown kind"
}
