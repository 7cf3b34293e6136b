package console

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tirage/tirage/selection"
)

// BatchSummary prints the summary of a batch as a table, one row per
// partner, then each failure's message in full.
func BatchSummary(w io.Writer, partners []selection.Partner, results []selection.PartnerOutcome) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "partner\tstatus\tpeople\tk\tlowest probability\tseed\tpanel\t")
	ok := 0
	for i, p := range partners {
		r := results[i]
		status, people, k, lowest, seed, panel := "ok", "", "", "", "", ""
		if r.Code != 0 {
			status = fmt.Sprintf("failed (exit %d)", r.Code)
		} else {
			ok++
		}
		if rec := r.Record; rec != nil {
			people, k, lowest = fmt.Sprint(len(rec.People.Rows)), fmt.Sprint(rec.K), Percent(rec.Lottery.UniformMinimum)
			panel = "not drawn"
			if rec.Draw != nil {
				seed, panel = rec.Draw.Seed, fmt.Sprintf("%d of %d", rec.Draw.Index, rec.Lottery.M)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", p.Name, status, people, k, lowest, seed, panel)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d of %d partners selected", ok, len(partners))
	if ok == len(partners) {
		fmt.Fprintln(w, ".")
		return
	}
	fmt.Fprintf(w, "; %d failed:\n", len(partners)-ok)
	for i, p := range partners {
		if results[i].Code == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (manifest line %d):\n", p.Name, p.Line)
		for _, l := range strings.Split(results[i].Message, "\n") {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
}

// BatchProgress is the progress line of a batch of total partners, in
// the state s after elapsed.
func BatchProgress(s selection.BatchState, total int, elapsed time.Duration) string {
	line := fmt.Sprintf("batch: %d of %d partners done", s.Done, total)
	if s.Failed > 0 {
		line += fmt.Sprintf(" (%d failed)", s.Failed)
	}
	if len(s.Running) > 0 {
		line += "; running: " + strings.Join(s.Running, ", ")
	}
	return line + fmt.Sprintf(" (%.1fs)", elapsed.Seconds())
}

// BatchWritten prints where the batch's summary table was written.
func BatchWritten(w io.Writer, summary string) {
	fmt.Fprintf(w, "Written:  %s\n", summary)
}
