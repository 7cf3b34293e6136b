package console

import (
	"fmt"
	"io"

	"github.com/tirage/tirage/selection"
)

// QuotasError prints, as the command's error, why select cannot go on:
// the conflicts, then the relaxation that would help and how to apply it,
// or why none would.
func QuotasError(w io.Writer, command string, qe *selection.QuotasError) {
	Errorf(w, command, "the quotas cannot be met: no panel of %d people meets them all (exact search).", qe.K)
	if len(qe.Conflicts) > 0 {
		Conflicts(w, qe.Conflicts)
	}
	if qe.Relaxation == nil {
		fmt.Fprintf(w, "No relaxation: %s.\n", qe.NoRelaxation)
		return
	}
	r := qe.Relaxation
	fmt.Fprintf(w, "\nThe smallest relaxation that would let a panel meet them is %d %s:\n", r.Seats, plural(r.Seats, "seat", "seats"))
	changes(w, r)
	fmt.Fprintf(w, "Run select again with --relax to apply it (it is then recorded in %s), or write it to a quota file with 'tirage check … --relax-out FILE'.\n", selection.RecordFile)
}

// Relaxed prints the relaxation select applies.
func Relaxed(w io.Writer, r *selection.Relaxed) {
	fmt.Fprintf(w, "The quotas cannot be met as given; they are relaxed by %d %s, the fewest possible (recorded in audit.json):\n", r.Seats, plural(r.Seats, "seat", "seats"))
	changes(w, r)
}

// changes lists the changes of a relaxation.
func changes(w io.Writer, r *selection.Relaxed) {
	for _, c := range r.Changes {
		fmt.Fprintf(w, "  - %s\n", c)
	}
}

// Conflicts prints the bounds that conflict.
func Conflicts(w io.Writer, conflicts []selection.Conflict) {
	if len(conflicts) == 1 && len(conflicts[0].Bounds) == 0 {
		fmt.Fprintf(w, "  %s.\n", capitalize(conflicts[0].Reason.String()))
		return
	}
	fmt.Fprintln(w, "These bounds conflict: each set below cannot hold together, but without any one of its bounds the rest can.")
	for j, c := range conflicts {
		if len(c.Bounds) == 0 {
			fmt.Fprintf(w, "\n  Even without those bounds: %s.\n", c.Reason)
			continue
		}
		if j == 1 {
			fmt.Fprintln(w, "\n  Setting those aside, there is more:")
		}
		fmt.Fprintf(w, "\n  %d. %s.\n", j+1, capitalize(c.Reason.String()))
		for _, b := range c.Bounds {
			fmt.Fprintf(w, "       %s %s: %s %d\n", b.Category, b.Value, b.Kind, b.Limit)
		}
	}
}

// capitalize returns s with its first letter in upper case.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
