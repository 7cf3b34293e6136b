package console

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// Drawn prints, in the language, what draw did: the commitment, the seed,
// the panel drawn, the alternates and the files written in dir.
func Drawn(w io.Writer, lang message.Lang, dir, seed string, committed *selection.Committed, files []selection.File) {
	record := committed.Record
	say(w, lang, message.CLISummaryCommit, "commitment", record.Commitment)
	say(w, lang, message.CLIDrawSeed, "seed", seed)
	say(w, lang, message.CLIDrawnPeople, "index", record.Draw.Index, "m", record.Lottery.M, "n", len(record.Draw.Selected))
	if d := record.Draw.Dropout; d != nil {
		Dropout(w, lang, d, len(record.Draw.Alternates), true)
	} else if n := len(record.Draw.Alternates); n > 0 {
		say(w, lang, message.CLISummaryAlternate, "n", n, "file", selection.AlternatesFile)
	}
	Written(w, lang, dir, files)
}

// DrawProgress is the progress line of draw in its phase, in the
// language (message.Phase names it).
func DrawProgress(lang message.Lang, phase string, elapsed time.Duration) string {
	return text(lang, message.CLIDrawProgress, "phase", message.Phase(phase)) + elapsedText(elapsed, lang)
}

// Replaced prints, in the language, what replace did: who withdrew, who
// replaces them and by which lottery, the seed, the commitment and the
// files written in dir.
func Replaced(w io.Writer, lang message.Lang, dir string, r *selection.Replacement) {
	say(w, lang, message.CLIWithdrew, "ids", strings.Join(r.Dropped, ", "))
	say(w, lang, message.CLIReplacedBy, "ids", strings.Join(r.Record.Draw.Selected, ", "), "candidates", r.Candidates, "onsome", r.OnSome, "minimum", Percent(r.Minimum, lang))
	say(w, lang, message.CLIReplaceSeed, "seed", r.Seed)
	say(w, lang, message.CLISummaryCommit, "commitment", r.Record.Commitment)
	say(w, lang, message.CLICompleted, "n", r.Completed, "file", selection.CompletedFile)
	Written(w, lang, dir, r.Files)
}

// ReplaceError prints err, met by replace on the selection in dir, as
// the command's error, in the language: an id of --drop that is given
// twice or is not a member, or no replacements that let the panel meet
// the quotas again (with the bounds left for them that conflict); any
// other error as Error does.
func ReplaceError(w io.Writer, lang message.Lang, command, dir string, err error, interrupted bool) {
	var drop *selection.DropError
	var none *selection.ReplacementError
	switch {
	case errors.As(err, &drop) && drop.Twice:
		Fail(w, lang, command, message.CLIDropTwice, "id", selection.Quote(drop.ID))
	case errors.As(err, &drop) && drop.Replacement:
		Fail(w, lang, command, message.CLIDropNotCompleted, "id", selection.Quote(drop.ID), "dir", dir)
	case errors.As(err, &drop):
		Fail(w, lang, command, message.CLIDropNotDrawn, "id", selection.Quote(drop.ID), "dir", dir)
	case errors.As(err, &none):
		Fail(w, lang, command, message.CLINoReplacements, "why", none.Reason)
		if len(none.Conflicts) > 0 {
			say(w, lang, message.CLILeftForReplacement)
			Conflicts(w, lang, none.Conflicts)
		}
	default:
		Error(w, lang, command, err, interrupted)
	}
}

// RecordError prints, in the language, why the command cannot use the
// record (the file record) of the selection in dir (selection.ReadCommitted,
// ReadReplacing): a record that cannot be read, a lottery drawn already or
// not drawn yet, or a replacement whose earlier selections are missing.
func RecordError(w io.Writer, lang message.Lang, command, dir, record string, err error) {
	var bad *selection.RecordError
	var drawn *selection.AlreadyDrawnError
	var notDrawn *selection.NotDrawnError
	var chain *selection.ChainError
	switch {
	case errors.As(err, &bad):
		Errorf(w, command, "%s: %s", record, ErrorText(bad.Err, lang))
	case errors.As(err, &drawn):
		Fail(w, lang, command, message.CLIAlreadyDrawn, "dir", dir, "seed", strconv.Quote(drawn.Seed), "index", drawn.Index)
	case errors.As(err, &notDrawn):
		Fail(w, lang, command, message.CLINotDrawnYet, "dir", dir)
	case errors.As(err, &chain):
		Fail(w, lang, command, message.CLINeedsOriginal, "dir", dir, "err", ErrorText(chain.Err, lang))
	default:
		Error(w, lang, command, err, false)
	}
}
