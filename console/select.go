package console

import (
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// maxListed is the number of people with zero probability listed by id.
const maxListed = 20

// Summary prints what select did, in the language: the pool, the
// lottery, its uniform form, the commitment, the draw, the files written
// and who cannot be selected.
func Summary(w io.Writer, lang message.Lang, poolPath, dir string, s selection.Summary, files []selection.File) {
	say(w, lang, message.CLISummaryPool, "file", poolPath, "n", s.People)
	say(w, lang, message.CLISummaryPanel, "k", s.K)
	say(w, lang, message.CLISummaryLottery, "algorithm", s.Algorithm, "panels", s.Panels)
	bound := message.New(message.CLINoCertificate)
	if s.Certified {
		bound = message.New(message.CLIUpperBound, "bound", Percent(s.UpperBound, lang))
	}
	if s.Estimated {
		bound = message.New(message.CLIEstimated, "runs", s.Runs, "bound", bound)
	}
	say(w, lang, message.CLISummaryMinimum, "minimum", Percent(s.Minimum, lang), "bound", bound, "equal", Percent(s.Equal, lang))
	say(w, lang, message.CLISummaryUniform, "m", s.M, "minimum", Percent(s.UniformMinimum, lang), "shift", message.Decimal(100*s.MaxShift, 2, lang))
	say(w, lang, message.CLISummaryCommit, "commitment", s.Commitment)
	if !s.Drawn {
		say(w, lang, message.CLISummaryNotDrawn, "dir", dir)
	} else {
		say(w, lang, message.CLISummarySeed, "seed", s.Seed, "kind", s.SeedPhrase)
		if s.SeedGenerated {
			say(w, lang, message.CLISeedGenerated)
		} else {
			say(w, lang, message.CLISeedKnown)
		}
		say(w, lang, message.CLISummaryDrawn, "index", s.Index, "m", s.M)
		if s.Dropout != nil {
			Dropout(w, lang, s.Dropout, s.Alternates, true)
		} else if s.Alternates > 0 {
			say(w, lang, message.CLISummaryAlternate, "n", s.Alternates, "file", selection.AlternatesFile)
		}
	}
	Written(w, lang, dir, files)
	if len(s.Zero) == 0 {
		say(w, lang, message.CLINobodyZero)
		return
	}
	fmt.Fprintln(w)
	say(w, lang, message.CLIZeroCount, "n", len(s.Zero))
	for j, z := range s.Zero {
		if j == maxListed {
			fmt.Fprintf(w, "  %s\n", text(lang, message.CLIAndMoreIn, "n", len(s.Zero)-maxListed, "file", selection.ProbabilitiesFile))
			break
		}
		why := z.Reason
		if why.IsZero() {
			why = message.New(message.CLINoTicket, "m", s.M)
		}
		fmt.Fprintf(w, "  %s\n", text(lang, message.CLIZeroLine, "id", z.ID, "why", why))
	}
}

// Raised prints, in the language, the notice that the uniform lottery has
// more panels than were asked for, and why.
func Raised(w io.Writer, lang message.Lang, s selection.Summary) {
	if s.M != s.RequestedPanels {
		notice(w, lang, message.New(message.CLIPanelsRaised, "m", s.M, "requested", s.RequestedPanels, "why", raisedReason(s.RequestedPanels)))
	}
}

// notice prints a notice: "notice: " and the reason, in the language.
func notice(w io.Writer, lang message.Lang, r message.Reason) {
	say(w, lang, message.CLINotice, "text", r.In(lang))
}

// GeneratedSeed prints, in the language, the notice that tirage generated
// the seed, which is not a public seed.
func GeneratedSeed(w io.Writer, lang message.Lang, seed string) {
	notice(w, lang, message.New(message.CLISeedGeneratedNotice, "seed", seed, "file", selection.RecordFile))
}

// RequestSeed prints, in the language, the notice that a JSON request has
// no seed, and the seed used.
func RequestSeed(w io.Writer, lang message.Lang, seed string) {
	notice(w, lang, message.New(message.CLIRequestSeed, "seed", seed))
}

// raisedReason says why the number of panels was raised from requested.
func raisedReason(requested int) message.Reason {
	if requested < selection.MinUniformPanels {
		return message.New(message.CLIPanelsMinimum, "min", selection.MinUniformPanels, "tickets", selection.MaxShiftTickets)
	}
	return message.New(message.CLIPanelsUnfaithful, "requested", requested, "tickets", selection.MaxShiftTickets, "file", selection.RecordFile)
}

// fileNames returns the names of the files, the private ones (outside
// public/) and the public ones (inside it, without the prefix).
func fileNames(files []selection.File) (private, public []string) {
	for _, f := range files {
		if rest, ok := strings.CutPrefix(f.Name, selection.PublicDir+"/"); ok {
			public = append(public, rest)
		} else {
			private = append(private, path.Clean(f.Name))
		}
	}
	return private, public
}

// Written prints, in the language, where the files went: the private
// ones, and the public folder to publish.
func Written(w io.Writer, lang message.Lang, dir string, files []selection.File) {
	private, public := fileNames(files)
	say(w, lang, message.CLIWritten, "dir", dir, "files", strings.Join(private, ", "))
	say(w, lang, message.CLIPublish, "dir", filepath.Join(dir, selection.PublicDir), "files", strings.Join(public, ", "))
}
