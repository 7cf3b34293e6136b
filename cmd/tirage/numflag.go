package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/tirage/tirage/selection"
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
	n, err := selection.ParseCount(s, f.what)
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

// given returns the names of the flags given on the command line.
func given(fs *flag.FlagSet) map[string]bool {
	g := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { g[f.Name] = true })
	return g
}

// foldersFlag collects the folders of a flag given several times, in order.
type foldersFlag []string

func (f *foldersFlag) String() string { return strings.Join(*f, ", ") }

func (f *foldersFlag) Set(dir string) error {
	*f = append(*f, dir)
	return nil
}
