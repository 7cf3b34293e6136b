package main

import (
	"flag"
	"strconv"
	"strings"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// countFlag is a whole-number flag written in decimal digits only, at
// least min (and at most max when max > 0), read by selection.CountIn. The
// standard flag package reads 030 as octal 24 and accepts 0x1e and 1_000;
// a partner who types them means something else, so they are refused with
// a clear message.
type countFlag struct {
	p        *int
	min, max int
	what     message.Code // what the number is, for messages: message.CountPanelSize
	err      error        // the last value's error, in any language (Err)
}

// Err returns the error of the last value given, a *message.Error that
// console.FlagError renders in the console's language (the flag package
// keeps only its English words).
func (f *countFlag) Err() error { return f.err }

// String returns the flag's value in decimal.
func (f *countFlag) String() string {
	if f == nil || f.p == nil {
		return ""
	}
	return strconv.Itoa(*f.p)
}

// Set reads s and keeps it when it is in range.
func (f *countFlag) Set(s string) error {
	n, err := selection.CountIn(s, f.what, f.min, f.max)
	if err == nil {
		*f.p = n
	}
	f.err = err
	return err
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
