package console

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/tirage/tirage/selection"
)

// Dropout prints the figures of alternates chosen for dropouts, and
// the file that lists them when written.
func Dropout(w io.Writer, d *selection.DropoutRecord, alternates int, written bool) {
	where := ""
	if written {
		where = ", in " + selection.AlternatesFile
	}
	fmt.Fprintf(w, "Alternates: %d, chosen for the dropouts to come, in calling order%s\n", alternates, where)
	fmt.Fprintf(w, "          average loss %.3f over %d scenarios (no set of %d can do better than %.3f)\n",
		float64(d.TotalLoss)/float64(d.Scenarios), d.Scenarios, alternates, float64(d.LowerBound)/float64(d.Scenarios))
	fmt.Fprintf(w, "          over %d fresh scenarios:\n", d.EvaluationScenarios)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "            alternates\texpected loss\tevery quota met\tfull panel")
	for _, f := range d.Figures {
		s := d.EvaluationScenarios
		fmt.Fprintf(tw, "            %s\t%.3f\t%.1f %%\t%.1f %%\n", figureSetName(f.Set), f.ExpectedLoss(s), 100*f.MeetRate(s), 100*float64(f.Full)/float64(s))
	}
	tw.Flush()
}

// figureSetName names a set of alternates of the figures for the console.
func figureSetName(set string) string {
	switch set {
	case "scaled":
		return "scaled quotas"
	case "ranked":
		return "ranked list"
	case "chosen":
		return "chosen (these)"
	}
	return set
}

// Model prints the model's table as a partner can read it.
func Model(w io.Writer, rows []selection.ModelRow) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "feature\tvalue\tfactor\tchance of attending\tattended")
	for _, r := range rows {
		feature, value := r.Feature, r.Value
		if feature == "" {
			feature, value = "(everyone)", "base: the commonest value of every feature"
		} else if r.Reference {
			value += " (reference)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.1f %%\t%d of %d\n", feature, value, r.Factor, 100*r.Stay, r.Attended, r.People)
	}
	tw.Flush()
}

// FromAlternates prints a replacement from the alternates into dir, and
// on errw the warnings about households.
func FromAlternates(w, errw io.Writer, dir string, r *selection.AlternatesReplacement) {
	a := r.Record.Replaces.FromAlternates
	fmt.Fprintf(w, "Withdrew: %s\n", strings.Join(r.Dropped, ", "))
	if len(a.Declined) > 0 {
		fmt.Fprintf(w, "Declined: %s (alternates passed over)\n", strings.Join(a.Declined, ", "))
	}
	called := "nobody"
	if len(a.Called) > 0 {
		called = strings.Join(a.Called, ", ")
	}
	fmt.Fprintf(w, "Called:   %s, of the %d alternates available, in calling order: the replacement step (audit/SPEC.md 7.2.3)\n", called, len(a.Available))
	status := "meets every quota"
	if a.Loss > 0 {
		status = fmt.Sprintf("is %d from the quotas and a full panel (the loss: people missing from a bound, and empty seats)", a.Loss)
	}
	fmt.Fprintf(w, "Completed: the new panel of %d %s, in %s\n", len(r.Completed), status, selection.CompletedFile)
	for _, pair := range r.SharedHouseholds {
		fmt.Fprintf(errw, "warning: %s and %s, both on the new panel, share a household: alternates are called by quota values only (doc/alternates.md)\n", pair[0], pair[1])
	}
	fmt.Fprintf(w, "Commitment: %s\n", r.Record.Commitment)
	Written(w, dir, r.Files)
}
