package console

import (
	"fmt"
	"io"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// QuotasError prints, in the language, as the command's error, why select
// cannot go on: the conflicts, then the relaxation that would help and
// how to apply it, or why none would.
func QuotasError(w io.Writer, lang message.Lang, command string, qe *selection.QuotasError) {
	Fail(w, lang, command, message.CLINoPanelExact, "k", qe.K)
	if len(qe.Conflicts) > 0 {
		Conflicts(w, lang, qe.Conflicts)
	}
	if qe.Relaxation == nil {
		say(w, lang, message.CLINoRelaxation, "why", qe.NoRelaxation)
		return
	}
	fmt.Fprintln(w)
	say(w, lang, message.CLIWouldHelp, "seats", qe.Relaxation.Seats)
	changes(w, lang, qe.Relaxation)
	say(w, lang, message.CLIRunRelax)
}

// Relaxed prints, in the language, the relaxation select applies.
func Relaxed(w io.Writer, lang message.Lang, r *selection.Relaxed) {
	say(w, lang, message.CLIRelaxed, "seats", r.Seats)
	changes(w, lang, r)
}

// changes lists the changes of a relaxation.
func changes(w io.Writer, lang message.Lang, r *selection.Relaxed) {
	for _, c := range r.Changes {
		fmt.Fprintf(w, "  - %s\n", c.In(lang))
	}
}

// Conflicts prints, in the language, the bounds that conflict.
func Conflicts(w io.Writer, lang message.Lang, conflicts []selection.Conflict) {
	if len(conflicts) == 1 && len(conflicts[0].Bounds) == 0 {
		fmt.Fprintf(w, "  %s.\n", message.Capitalize(conflicts[0].Reason.In(lang)))
		return
	}
	say(w, lang, message.CLIConflictsIntro)
	for j, c := range conflicts {
		if len(c.Bounds) == 0 {
			fmt.Fprintf(w, "\n  %s\n", text(lang, message.CLIEvenWithout, "why", c.Reason))
			continue
		}
		if j == 1 {
			fmt.Fprintf(w, "\n  %s\n", text(lang, message.CLIThereIsMore))
		}
		fmt.Fprintf(w, "\n  %d. %s.\n", j+1, message.Capitalize(c.Reason.In(lang)))
		for _, b := range c.Bounds {
			fmt.Fprintf(w, "       %s %s: %s %d\n", b.Category, b.Value, b.Kind, b.Limit)
		}
	}
}
