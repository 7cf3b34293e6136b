package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tirage/tirage/selection"
)

// dropoutFlags are the flags that choose alternates for the dropouts to
// come (select, draw, compare).
type dropoutFlags struct {
	column, model string
	scenarios     int
}

func (f *dropoutFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.column, "dropout-column", "", "with --alternates, choose them for the dropouts to come, each person's dropout rate read from the pool's column `NAME` (0.15 or 15%)")
	fs.StringVar(&f.model, "dropout-model", "", "with --alternates, choose them for the dropouts to come, the rates given by the model `MODEL.json` ('tirage dropout-model')")
	f.scenarios = selection.DefaultScenarios
	fs.Var(&countFlag{p: &f.scenarios, min: 1, max: selection.MaxScenarios, what: "the number of scenarios"}, "scenarios", "the number `S` of dropout scenarios the alternates are chosen on, and of the fresh ones they are compared on")
}

// request returns the request of alternates chosen for dropouts, printing
// what is wrong with the flags; nil, true when none was asked for.
func (f *dropoutFlags) request(e *env, alternates int, progress *progressPrinter) (*selection.DropoutRequest, bool) {
	if f.column == "" && f.model == "" {
		return nil, true
	}
	switch {
	case f.column != "" && f.model != "":
		e.errorf("give --dropout-column or --dropout-model, not both")
		return nil, false
	case alternates == 0:
		flag := "--dropout-model"
		if f.column != "" {
			flag = "--dropout-column"
		}
		e.errorf("%s chooses alternates for the dropouts to come: give their number with --alternates N", flag)
		return nil, false
	}
	r := &selection.DropoutRequest{Column: f.column, Scenarios: f.scenarios, Workers: runtime.GOMAXPROCS(0)}
	if f.model != "" {
		data, err := readInputFile(f.model)
		if err != nil {
			reportInputError(e, "dropout model", err)
			return nil, false
		}
		r.Model = selection.File{Name: f.model, Content: data}
	}
	if progress == nil {
		return r, true
	}
	var start time.Time
	r.Progress = func(p selection.DropoutProgress) {
		if start.IsZero() {
			start = time.Now()
		}
		progress.show(time.Since(start), func() string {
			return fmt.Sprintf("choosing alternates for dropouts: %s, %d chosen, average loss %.3f over %d scenarios", p.Stage, p.Size, float64(p.TotalLoss)/float64(f.scenarios), f.scenarios)
		})
	}
	return r, true
}

// printDropout prints the figures of alternates chosen for dropouts, and
// the file that lists them when written.
func printDropout(w io.Writer, d *selection.DropoutRecord, alternates int, written bool) {
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

var dropoutModelCommand = &command{
	name:    "dropout-model",
	summary: "fit a dropout model on the panels of past assemblies",
	usage:   "dropout-model --history FILE [--history FILE…] (--features COLS | --quotas FILE) [--attended NAME] [--smoothing L] --out MODEL.json",
	help:    helpText("dropout-model"),
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var mf modelFlags
		fs.Var(&mf.histories, "history", "a past panel `FILE` with the feature columns and the attended column; give it once per file")
		fs.StringVar(&mf.features, "features", "", "the feature columns `COLS`, comma-separated")
		fs.StringVar(&mf.quotas, "quotas", "", "take the features from the categories of the quota `FILE`")
		fs.StringVar(&mf.attended, "attended", selection.DefaultAttendedColumn, "the column `NAME` saying whether each member attended")
		fs.Float64Var(&mf.smoothing, "smoothing", selection.DefaultSmoothing, "the smoothing strength `L` (0 for none)")
		fs.StringVar(&mf.out, "out", "", "the model file `MODEL.json` to write")
		return func(args []string) int {
			if len(args) > 0 {
				e.errorf("unexpected argument %s\nRun 'tirage dropout-model -h' for help.", args[0])
				return exitUsage
			}
			return runDropoutModel(e, &mf)
		}
	},
}

// modelFlags are dropout-model's flags.
type modelFlags struct {
	histories                       foldersFlag
	features, quotas, attended, out string
	smoothing                       float64
}

func runDropoutModel(e *env, mf *modelFlags) int {
	var missing []string
	if len(mf.histories) == 0 {
		missing = append(missing, "--history")
	}
	if mf.features == "" && mf.quotas == "" {
		missing = append(missing, "--features or --quotas")
	}
	if mf.out == "" {
		missing = append(missing, "--out")
	}
	if requireFlags(e, missing) != nil {
		return exitUsage
	}
	if mf.smoothing < 0 {
		e.errorf("--smoothing must be 0 or more, not %v", mf.smoothing)
		return exitUsage
	}
	in := selection.ModelInput{Features: selection.SplitList(mf.features), Attended: mf.attended, Smoothing: mf.smoothing}
	read := func(name, what string) (selection.File, bool) {
		data, err := readInputFile(name)
		if err != nil {
			reportInputError(e, what, err)
			return selection.File{}, false
		}
		return selection.File{Name: name, Content: data}, true
	}
	if mf.quotas != "" {
		f, ok := read(mf.quotas, "quota file")
		if !ok {
			return exitUsage
		}
		in.Quotas = &f
	}
	for _, name := range mf.histories {
		f, ok := read(name, "history file")
		if !ok {
			return exitUsage
		}
		in.Histories = append(in.Histories, f)
	}
	m, err := selection.FitDropoutModel(in)
	if err != nil {
		return e.fail(nil, err)
	}
	if err := writeFileAtomic(mf.out, func(w io.Writer) error {
		_, err := w.Write(m.File)
		return err
	}); err != nil {
		e.errorf("cannot write %s: %v", mf.out, err)
		return exitWrite
	}
	printModel(e.stdout, m.Table)
	fmt.Fprintf(e.stdout, "Written: %s\n", mf.out)
	return exitOK
}

// printModel prints the model's table as a partner can read it.
func printModel(w io.Writer, rows []selection.ModelRow) {
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

// printFromAlternates prints a replacement from the alternates.
func printFromAlternates(e *env, dir string, r *selection.AlternatesReplacement) {
	a := r.Record.Replaces.FromAlternates
	w := e.stdout
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
		fmt.Fprintf(e.stderr, "warning: %s and %s, both on the new panel, share a household: alternates are called by quota values only (doc/alternates.md)\n", pair[0], pair[1])
	}
	fmt.Fprintf(w, "Commitment: %s\n", r.Record.Commitment)
	printWritten(w, dir, r.Files)
}
