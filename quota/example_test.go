package quota_test

import (
	"errors"
	"fmt"

	"github.com/tirage/tirage/quota"
)

// Every problem in a file is reported with its line, column and value.
func ExampleParse() {
	_, err := quota.Parse("quotas.csv", []byte("feature;value;min;max\r\ngender;female;two;3\r\ngender;male;4;3\r\n"))
	var list *quota.ErrorList
	if errors.As(err, &list) {
		for _, e := range list.Errs {
			fmt.Printf("%v (line %d, %s)\n", e, e.Line, e.Kind)
		}
	}
	// Output:
	// quotas.csv, line 2, column "min": min must be a whole number, 0 or more, not "two" (line 2, bad bound)
	// quotas.csv, line 3, column "min": min 4 is greater than max 3 (line 3, min above max)
}

// Bands are read in English, French or Spanish; a pool that gives ages in
// years has each person placed in the band that contains their age.
func ExampleParseBand() {
	for _, name := range []string{"16-29", "18 à 29 ans", "65 ans et plus", "over 65", "<18", "Femme"} {
		b, ok := quota.ParseBand(name)
		if !ok {
			fmt.Printf("%-15s not a band\n", name)
			continue
		}
		fmt.Printf("%-15s %s\n", name, b)
	}
	// Output:
	// 16-29           16 to 29
	// 18 à 29 ans     18 to 29
	// 65 ans et plus  65 or more
	// over 65         66 or more
	// <18             0 to 17
	// Femme           not a band
}
