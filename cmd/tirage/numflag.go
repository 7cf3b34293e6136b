package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tirage/tirage/internal/table"
)

// countFlag is a whole-number flag written in decimal digits only, at
// least min (and at most max when max > 0). The standard flag package
// reads 030 as octal 24 and accepts 0x1e and 1_000; a partner who types
// them means something else, so they are refused with a clear message.
type countFlag struct {
	p        *int
	min, max int
	what     string // what the number is, for messages: "the panel size"
}

// String returns the flag's value in decimal.
func (f *countFlag) String() string {
	if f == nil || f.p == nil {
		return ""
	}
	return strconv.Itoa(*f.p)
}

// Set reads s (parseCount) and keeps it when it is in range.
func (f *countFlag) Set(s string) error {
	n, err := parseCount(s, f.what)
	if err != nil {
		return err
	}
	if n < f.min {
		return fmt.Errorf("%s must be at least %d, not %d", f.what, f.min, n)
	}
	if f.max > 0 && n > f.max {
		return fmt.Errorf("%s must be at most %d, not %d", f.what, f.max, n)
	}
	*f.p = n
	return nil
}

// parseCount reads a whole number written in decimal digits, with an
// optional minus sign, without leading zeros, underscores or another base;
// what names it in the error. The caller checks its range.
func parseCount(s, what string) (int, error) {
	t := strings.TrimSpace(s)
	unsigned := strings.TrimPrefix(t, "-")
	if unsigned == "" || strings.Trim(unsigned, "0123456789") != "" {
		return 0, fmt.Errorf("%s must be a whole number written with the digits 0 to 9 (such as 30), not %s", what, table.Quote(t))
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return 0, fmt.Errorf("%s %s is too large", what, table.Cut(t, 40))
	}
	if len(unsigned) > 1 && unsigned[0] == '0' {
		return 0, fmt.Errorf("%s %s starts with 0: write it without leading zeros (%d), so that nobody reads it as an octal number", what, t, n)
	}
	return n, nil
}
