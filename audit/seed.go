package audit

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
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
