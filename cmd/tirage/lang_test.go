package main

import (
	"os"
)

func init() {
	// The tests expect English unless they ask for French, whatever the
	// language of the machine that runs them.
	os.Setenv("TIRAGE_LANG", "en")
}
