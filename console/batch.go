package console

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// BatchSummary prints the summary of a batch as a table, in the language,
// one row per partner, then each failure's message in full.
func BatchSummary(w io.Writer, lang message.Lang, partners []selection.Partner, results []selection.PartnerOutcome) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t\n", text(lang, message.CLIBatchHeader))
	ok := 0
	for i, p := range partners {
		r := results[i]
		status, people, k, lowest, seed, panel := text(lang, message.CLIBatchOK), "", "", "", "", ""
		if r.Code != 0 {
			status = text(lang, message.CLIBatchFailed, "code", r.Code)
		} else {
			ok++
		}
		if rec := r.Record; rec != nil {
			people, k, lowest = fmt.Sprint(len(rec.People.Rows)), fmt.Sprint(rec.K), Percent(rec.Lottery.UniformMinimum, lang)
			panel = text(lang, message.CLINotDrawn)
			if rec.Draw != nil {
				seed, panel = rec.Draw.Seed, text(lang, message.CLIPanelOf, "index", rec.Draw.Index, "m", rec.Lottery.M)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", p.Name, status, people, k, lowest, seed, panel)
	}
	tw.Flush()
	fmt.Fprintln(w)
	if ok == len(partners) {
		say(w, lang, message.CLIBatchAllSelected, "ok", ok, "n", len(partners))
		return
	}
	say(w, lang, message.CLIBatchSomeFailed, "ok", ok, "n", len(partners), "failed", len(partners)-ok)
	for i, p := range partners {
		if results[i].Code == 0 {
			continue
		}
		fmt.Fprintln(w)
		say(w, lang, message.CLIBatchPartner, "name", p.Name, "line", p.Line)
		msg := results[i].Message
		if r := results[i].Reason; !r.IsZero() {
			msg = r.In(lang)
		}
		for _, l := range strings.Split(msg, "\n") {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
}

// BatchProgress is the progress line, in the language, of a batch of
// total partners, in the state s after elapsed.
func BatchProgress(lang message.Lang, s selection.BatchState, total int, elapsed time.Duration) string {
	line := text(lang, message.CLIBatchProgress, "done", s.Done, "n", total)
	if s.Failed > 0 {
		line += text(lang, message.CLIBatchProgressFail, "failed", s.Failed)
	}
	if len(s.Running) > 0 {
		line += text(lang, message.CLIBatchRunning, "names", strings.Join(s.Running, ", "))
	}
	return line + elapsedText(elapsed, lang)
}

// BatchWritten prints, in the language, where the batch's summary table
// was written.
func BatchWritten(w io.Writer, lang message.Lang, summary string) {
	say(w, lang, message.CLIWrittenFile, "file", summary)
}
