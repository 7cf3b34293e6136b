package console

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tirage/tirage/selection"
)

// Drawn prints what draw did: the commitment, the seed, the panel drawn,
// the alternates and the files written in dir.
func Drawn(w io.Writer, dir, seed string, committed *selection.Committed, files []selection.File) {
	record := committed.Record
	fmt.Fprintf(w, "Commitment: %s\n", record.Commitment)
	fmt.Fprintf(w, "Seed:     %s\n", seed)
	fmt.Fprintf(w, "Drawn:    panel %d of %d, counting from 0: %d people\n", record.Draw.Index, record.Lottery.M, len(record.Draw.Selected))
	if d := record.Draw.Dropout; d != nil {
		Dropout(w, d, len(record.Draw.Alternates), true)
	} else if n := len(record.Draw.Alternates); n > 0 {
		fmt.Fprintf(w, "Alternates: %d, ranked, in %s\n", n, selection.AlternatesFile)
	}
	Written(w, dir, files)
}

// DrawProgress is the progress line of draw in its phase.
func DrawProgress(phase string, elapsed time.Duration) string {
	return fmt.Sprintf("draw: %s (%.1fs)", phase, elapsed.Seconds())
}

// Replaced prints what replace did: who withdrew, who replaces them and
// by which lottery, the seed, the commitment and the files written in
// dir.
func Replaced(w io.Writer, dir string, r *selection.Replacement) {
	fmt.Fprintf(w, "Withdrew: %s\n", strings.Join(r.Dropped, ", "))
	fmt.Fprintf(w, "Replaced by: %s, drawn by the maximin lottery over the completions: %d people could replace, %d of them on some completion, each with a chance of at least %s\n",
		strings.Join(r.Record.Draw.Selected, ", "), r.Candidates, r.OnSome, Percent(r.Minimum))
	fmt.Fprintf(w, "Seed:     %s (derived from the original commitment, seed and withdrawals)\n", r.Seed)
	fmt.Fprintf(w, "Commitment: %s\n", r.Record.Commitment)
	fmt.Fprintf(w, "Completed: the new panel of %d, in %s\n", r.Completed, selection.CompletedFile)
	Written(w, dir, r.Files)
}

// ReplaceError prints err, met by replace on the selection in dir, as
// the command's error: an id of --drop that is given twice or is not a
// member, or no replacements that let the panel meet the quotas again
// (with the bounds left for them that conflict); any other error as Error
// does.
func ReplaceError(w io.Writer, command, dir string, err error, interrupted bool) {
	var drop *selection.DropError
	var none *selection.ReplacementError
	switch {
	case errors.As(err, &drop) && drop.Twice:
		Errorf(w, command, "%s is given twice in --drop", selection.Quote(drop.ID))
	case errors.As(err, &drop) && drop.Replacement:
		Errorf(w, command, "%s is not a member of the completed panel in %s", selection.Quote(drop.ID), dir)
	case errors.As(err, &drop):
		Errorf(w, command, "%s is not a member of the panel drawn in %s", selection.Quote(drop.ID), dir)
	case errors.As(err, &none):
		Errorf(w, command, "no replacements let the panel meet the quotas again: %s.", none.Reason)
		if len(none.Conflicts) > 0 {
			fmt.Fprintln(w, "With the members who stay, what is left of the quotas for the replacements:")
			Conflicts(w, none.Conflicts)
		}
	default:
		Error(w, command, err, interrupted)
	}
}
