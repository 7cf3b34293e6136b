package console

import (
	"fmt"
	"io"
	"time"

	"github.com/tirage/tirage/selection"
)

// Verification prints verify's result: a line per check (OK, FAILED or
// ABSENT), which input files were not checked against the record
// (poolGiven, quotasGiven: whether they were given), the verdict, and
// what these checks cannot prove.
func Verification(w io.Writer, v *selection.Verification, poolGiven, quotasGiven bool) {
	for _, c := range v.Checks {
		status := "OK    "
		switch {
		case !c.OK:
			status = "FAILED"
		case c.Absent:
			status = "ABSENT"
		}
		fmt.Fprintf(w, "%s  %s: %s\n", status, c.Name, c.Detail)
	}
	switch {
	case !poolGiven && !quotasGiven:
		fmt.Fprintf(w, "\nThe input files were not checked against the record; give --pool and --quotas to check them.\n")
	case !poolGiven:
		fmt.Fprintf(w, "\nThe pool file was not checked against the record; give --pool to check it.\n")
	case !quotasGiven:
		fmt.Fprintf(w, "\nThe quota file was not checked against the record; give --quotas to check it.\n")
	}
	if !v.Verified() {
		fmt.Fprintf(w, "\nNOT VERIFIED: %d of %d checks failed.\n", v.Failed, len(v.Checks))
	} else {
		if len(v.Absent) > 0 {
			fmt.Fprintf(w, "\nNot in the folder, so not checked: %s. Everything the record claims was checked from the record itself.\n", selection.JoinAnd(v.Absent))
		}
		fmt.Fprintf(w, "\nVerified: all %d checks passed.\n", len(v.Checks)-len(v.Absent))
	}
	fmt.Fprintf(w, "\nWhat these checks cannot prove:\n")
	for _, s := range v.CannotProve {
		fmt.Fprintf(w, "- %s\n", s)
	}
}

// VerifyProgress is the progress line of verify while it checks what.
func VerifyProgress(what string, elapsed time.Duration) string {
	return fmt.Sprintf("verify: checking %s (%.1fs)", what, elapsed.Seconds())
}
