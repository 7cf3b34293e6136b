package console

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// Dropout prints, in the language, the figures of alternates chosen for
// dropouts, and the file that lists them when written.
func Dropout(w io.Writer, lang message.Lang, d *selection.DropoutRecord, alternates int, written bool) {
	if written {
		say(w, lang, message.CLIAltChosenIn, "n", alternates, "file", selection.AlternatesFile)
	} else {
		say(w, lang, message.CLIAltChosen, "n", alternates)
	}
	say(w, lang, message.CLIAltLoss, "loss", message.Decimal(float64(d.TotalLoss)/float64(d.Scenarios), 3, lang), "s", d.Scenarios,
		"n", alternates, "bound", message.Decimal(float64(d.LowerBound)/float64(d.Scenarios), 3, lang))
	say(w, lang, message.CLIAltFresh, "s", d.EvaluationScenarios)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "            %s\n", text(lang, message.CLIAltHeader))
	for _, f := range d.Figures {
		s := d.EvaluationScenarios
		fmt.Fprintf(tw, "            %s\t%s\t%s\t%s\n", figureSetName(lang, f.Set), message.Decimal(f.ExpectedLoss(s), 3, lang),
			spacedPercent(f.MeetRate(s), lang), spacedPercent(float64(f.Full)/float64(s), lang))
	}
	tw.Flush()
}

// spacedPercent writes a share as a percentage with one decimal and a
// space before the sign: 12.5 % in English, 12,5 % in French.
func spacedPercent(p float64, lang message.Lang) string {
	if lang == message.English {
		return message.Decimal(100*p, 1, lang) + " %"
	}
	return message.Percent(p, 1, lang)
}

// figureSetNames are the codes of the names of the sets of alternates of
// the figures.
var figureSetNames = map[string]message.Code{"none": message.CLISetNone, "scaled": message.CLISetScaled, "ranked": message.CLISetRanked, "chosen": message.CLISetChosen}

// figureSetName names a set of alternates of the figures for the console.
func figureSetName(lang message.Lang, set string) string {
	if code, ok := figureSetNames[set]; ok {
		return text(lang, code)
	}
	return set
}

// Model prints the model's table as a partner can read it, in the
// language.
func Model(w io.Writer, lang message.Lang, rows []selection.ModelRow, file string) {
	defer say(w, lang, message.CLIModelWritten, "file", file)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, text(lang, message.CLIModelHeader))
	for _, r := range rows {
		feature, value := r.Feature, r.Value
		if feature == "" {
			feature, value = text(lang, message.CLIModelEveryone), text(lang, message.CLIModelBase)
		} else if r.Reference {
			value = text(lang, message.CLIModelReference, "value", value)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", feature, value, message.Decimal(r.Factor, 3, lang), spacedPercent(r.Stay, lang),
			text(lang, message.CLIModelAttended, "attended", r.Attended, "people", r.People))
	}
	tw.Flush()
}

// FromAlternates prints, in the language, a replacement from the
// alternates into dir, and on errw the warnings about households.
func FromAlternates(w, errw io.Writer, lang message.Lang, dir string, r *selection.AlternatesReplacement) {
	a := r.Record.Replaces.FromAlternates
	say(w, lang, message.CLIWithdrew, "ids", strings.Join(r.Dropped, ", "))
	if len(a.Declined) > 0 {
		say(w, lang, message.CLIDeclined, "ids", strings.Join(a.Declined, ", "))
	}
	called := text(lang, message.CLINobody)
	if len(a.Called) > 0 {
		called = strings.Join(a.Called, ", ")
	}
	say(w, lang, message.CLICalled, "ids", called, "available", len(a.Available))
	status := message.New(message.CLIMeetsEvery)
	if a.Loss > 0 {
		status = message.New(message.CLILossFrom, "loss", a.Loss)
	}
	say(w, lang, message.CLICompletedStatus, "n", len(r.Completed), "status", status, "file", selection.CompletedFile)
	for _, pair := range r.SharedHouseholds {
		say(errw, lang, message.CLIWarnHousehold, "a", pair[0], "b", pair[1])
	}
	say(w, lang, message.CLISummaryCommit, "commitment", r.Record.Commitment)
	Written(w, lang, dir, r.Files)
}

// ComparePanel prints, in the language, the illustrative draw compare
// makes of the objective's lottery with the seed.
func ComparePanel(w io.Writer, lang message.Lang, algorithm, seed string) {
	fmt.Fprintln(w)
	say(w, lang, message.CLIComparePanel, "algorithm", algorithm, "seed", strconv.Quote(seed))
}
