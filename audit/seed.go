package audit

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
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
