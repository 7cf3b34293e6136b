package console

import (
	"fmt"
	"io"
	"time"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// Verification prints verify's result in the language: a line per check
// (OK, FAILED or ABSENT), which input files were not checked against the
// record (poolGiven, quotasGiven: whether they were given), the verdict,
// and what these checks cannot prove.
func Verification(w io.Writer, lang message.Lang, v *selection.Verification, poolGiven, quotasGiven bool) {
	for _, c := range v.Checks {
		status := message.CLIVerifyOK
		switch {
		case !c.OK:
			status = message.CLIVerifyFailed
		case c.Absent:
			status = message.CLIVerifyAbsent
		}
		say(w, lang, message.CLICheckLine, "status", fmt.Sprintf("%-6s", text(lang, status)),
			"name", c.Title.In(lang), "detail", c.Reason.In(lang))
	}
	switch {
	case !poolGiven && !quotasGiven:
		fmt.Fprintln(w)
		say(w, lang, message.CLIInputsUnchecked)
	case !poolGiven:
		fmt.Fprintln(w)
		say(w, lang, message.CLIPoolUnchecked)
	case !quotasGiven:
		fmt.Fprintln(w)
		say(w, lang, message.CLIQuotasUnchecked)
	}
	fmt.Fprintln(w)
	if !v.Verified() {
		say(w, lang, message.CLINotVerified, "failed", v.Failed, "n", len(v.Checks))
	} else {
		if len(v.Absent) > 0 {
			say(w, lang, message.CLINotInFolder, "files", v.Absent)
			fmt.Fprintln(w)
		}
		say(w, lang, message.CLIVerified, "n", len(v.Checks)-len(v.Absent))
	}
	fmt.Fprintln(w)
	say(w, lang, message.CLICannotProve)
	for _, s := range v.CannotProve {
		fmt.Fprintf(w, "- %s\n", s.In(lang))
	}
}

// VerifyProgress is the progress line of verify while it checks what, in
// the language (what is the code selection.VerifyInput's Progress gives,
// or the name of a phase: message.Phase).
func VerifyProgress(lang message.Lang, what string, elapsed time.Duration) string {
	return text(lang, message.CLIVerifyProgress, "what", message.Phase(what)) + elapsedText(elapsed, lang)
}
