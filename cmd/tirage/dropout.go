package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/dropout"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

// dropoutFlags are the flags that choose alternates for the dropouts to
// come (select, draw).
type dropoutFlags struct {
	column, model string
	scenarios     int
}

func (f *dropoutFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.column, "dropout-column", "", "with --alternates, choose them for the dropouts to come, each person's dropout rate read from the pool's column `NAME` (0.15 or 15%)")
	fs.StringVar(&f.model, "dropout-model", "", "with --alternates, choose them for the dropouts to come, the rates given by the model `MODEL.json` ('tirage dropout-model')")
	f.scenarios = dropout.DefaultScenarios
	fs.Var(&countFlag{p: &f.scenarios, min: 1, max: audit.MaxDropoutScenarios, what: "the number of scenarios"}, "scenarios", "the number `S` of dropout scenarios the alternates are chosen on, and of the fresh ones they are compared on")
}

// given reports whether rates were asked for.
func (f *dropoutFlags) given() bool { return f.column != "" || f.model != "" }

// resolve reads the dropout rates of the pool's people, printing what is
// wrong; nil, true when none were asked for.
func (f *dropoutFlags) resolve(e *env, pool *sortition.Pool, poolName string, alternates int, progress *progressPrinter) (*selection.Dropout, bool) {
	if !f.given() {
		return nil, true
	}
	var d *selection.Dropout
	var err error
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
	case f.column != "":
		if d, err = selection.ColumnRates(pool, poolName, f.column); err != nil {
			reportInputError(e, "pool file", err)
			return nil, false
		}
	default:
		data, rerr := os.ReadFile(f.model)
		if rerr != nil {
			reportInputError(e, "dropout model", rerr)
			return nil, false
		}
		if d, err = selection.ModelRates(pool, f.model, data); err != nil {
			e.errorf("%s: %v", f.model, err)
			return nil, false
		}
	}
	d.Scenarios, d.EvaluationScenarios = f.scenarios, f.scenarios
	d.Workers = runtime.GOMAXPROCS(0)
	var start time.Time
	d.Progress = func(p dropout.Progress) {
		if start.IsZero() {
			start = time.Now()
		}
		progress.show(time.Since(start), func() string {
			return fmt.Sprintf("choosing alternates for dropouts: %s, %d chosen, average loss %.3f over %d scenarios", p.Stage, p.Size, float64(p.TotalLoss)/float64(f.scenarios), f.scenarios)
		})
	}
	return d, true
}

// printDropout prints the figures of alternates chosen for dropouts, and
// the file that lists them when written.
func printDropout(w io.Writer, r *audit.Record, written bool) {
	d := r.Draw.Dropout
	where := ""
	if written {
		where = ", in " + audit.AlternatesFile
	}
	fmt.Fprintf(w, "Alternates: %d, chosen for the dropouts to come, in calling order%s\n", len(r.Draw.Alternates), where)
	fmt.Fprintf(w, "          average loss %.3f over %d scenarios (no set of %d can do better than %.3f)\n",
		float64(d.TotalLoss)/float64(d.Scenarios), d.Scenarios, len(r.Draw.Alternates), float64(d.LowerBound)/float64(d.Scenarios))
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
	case "none":
		return "none"
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
	help: `Dropout-model fits the chance that a panel member attends, from the panels
of past assemblies: each --history FILE is a past panel, one row per
member, with the feature columns (--features, comma-separated, or the
categories of the quota file --quotas) and a column saying whether they
attended (--attended, default "attended": yes/no, 1/0, true/false,
oui/non, vrai/faux).

The model is multiplicative: P(attend) = base × a factor per feature value,
fitted by maximum likelihood, each factor pulled towards 1 by --smoothing
(default 1; 0 for none), so that a value seen in a few people keeps a
factor near 1 and a group where everyone came gets a high chance, not
certainty (audit/SPEC.md 7.2.8). MODEL.json holds the model and the
SHA-256 of every history file; the table printed says, per value, its
factor, the chance of attending of someone with that value (and the
commonest value of every other feature) and how many attended.

Use it with 'tirage select … --alternates N --dropout-model MODEL.json'
(doc/alternates.md).

It exits 0 when the model was written, 2 when the files or flags are wrong,
and 4 when MODEL.json cannot be written.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var mf modelFlags
		fs.Var(&mf.histories, "history", "a past panel `FILE` with the feature columns and the attended column; give it once per file")
		fs.StringVar(&mf.features, "features", "", "the feature columns `COLS`, comma-separated")
		fs.StringVar(&mf.quotas, "quotas", "", "take the features from the categories of the quota `FILE`")
		fs.StringVar(&mf.attended, "attended", dropout.DefaultAttendedColumn, "the column `NAME` saying whether each member attended")
		fs.Float64Var(&mf.smoothing, "smoothing", dropout.DefaultSmoothing, "the smoothing strength `L` (0 for none)")
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
	var features []string
	if mf.quotas != "" {
		q, err := quota.ReadFile(mf.quotas)
		if err != nil {
			reportInputError(e, "quota file", err)
			return exitUsage
		}
		for _, c := range q.Categories {
			features = append(features, c.Name)
		}
	}
	for _, f := range strings.Split(mf.features, ",") {
		if f = strings.TrimSpace(f); f != "" {
			features = append(features, f)
		}
	}
	var histories []*dropout.History
	for _, name := range mf.histories {
		data, err := readInputFile(name)
		if err != nil {
			reportInputError(e, "history file", err)
			return exitUsage
		}
		h, err := dropout.ParseHistory(name, data, features, mf.attended)
		if err != nil {
			reportInputError(e, "history file", err)
			return exitUsage
		}
		histories = append(histories, h)
	}
	smoothing := mf.smoothing
	if smoothing == 0 {
		smoothing = -1 // FitOptions: negative for none
	}
	m, err := dropout.Fit(histories, dropout.FitOptions{Smoothing: smoothing})
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		e.errorf("internal error: %v", err)
		return exitInternal
	}
	if err := writeFileAtomic(mf.out, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	}); err != nil {
		e.errorf("cannot write %s: %v", mf.out, err)
		return exitWrite
	}
	printModel(e.stdout, m)
	fmt.Fprintf(e.stdout, "Written: %s\n", mf.out)
	return exitOK
}

// printModel prints the model as a table a partner can read.
func printModel(w io.Writer, m *dropout.Model) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "feature\tvalue\tfactor\tchance of attending\tattended")
	for _, r := range m.Table() {
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

// replaceFromAlternates replaces the dropped members of the chain's
// current panel from the original selection's alternates and writes the
// replacement's folder.
func replaceFromAlternates(e *env, dir string, rf *replaceFlags, out *outputFolder, chain audit.Chain, pool *sortition.Pool, dropped []string, now time.Time) int {
	declined := splitColumns(rf.declined)
	record, err := audit.NewAlternatesReplacement(chain, folderName(dir), dropped, declined, audit.Tool{Name: "tirage", Version: version()}, now)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	files, err := selection.AlternatesReplacementFiles(record, chain[0], pool)
	if err != nil {
		e.errorf("internal error: %v\nThis is a bug in tirage; please report it with the command you ran.", err)
		return exitInternal
	}
	if err := out.commit(files); err != nil {
		return outputCode(e, err)
	}
	a := record.Replaces.FromAlternates
	w := e.stdout
	fmt.Fprintf(w, "Withdrew: %s\n", strings.Join(dropped, ", "))
	if len(a.Declined) > 0 {
		fmt.Fprintf(w, "Declined: %s (alternates passed over)\n", strings.Join(a.Declined, ", "))
	}
	called := "nobody"
	if len(a.Called) > 0 {
		called = strings.Join(a.Called, ", ")
	}
	fmt.Fprintf(w, "Called:   %s, of the %d alternates available, in calling order: the replacement step (audit/SPEC.md 7.2.3)\n", called, len(a.Available))
	completed := record.CompletedFromAlternates(chain[0])
	status := "meets every quota"
	if a.Loss > 0 {
		status = fmt.Sprintf("is %d from the quotas and a full panel (the loss: people missing from a bound, and empty seats)", a.Loss)
	}
	fmt.Fprintf(w, "Completed: the new panel of %d %s, in %s\n", len(completed), status, audit.CompletedFile)
	for _, pair := range chain[0].SharedHouseholds(completed) {
		fmt.Fprintf(e.stderr, "warning: %s and %s, both on the new panel, share a household: alternates are called by quota values only (doc/alternates.md)\n", pair[0], pair[1])
	}
	fmt.Fprintf(w, "Commitment: %s\n", record.Commitment)
	printWritten(w, rf.out, files)
	return exitOK
}

// compareAlternates draws an illustrative panel of the objective's
// lottery with the seed, chooses n alternates for dropouts and prints the
// figures of the four sets of alternates.
func compareAlternates(e *env, ctx context.Context, inp *inputs, households []string, algorithm, seed string, n int, d *selection.Dropout) int {
	res, err := selection.Run(ctx, selection.Input{Pool: inp.pool, PoolFile: inp.poolFile, QuotaFile: inp.quotaFile, K: inp.k, Households: households,
		Algorithm: algorithm, Seed: seed, Alternates: n, Dropout: d, Tool: audit.Tool{Name: "tirage", Version: version()}})
	if err != nil {
		return reportSelectionError(e, ctx, err)
	}
	fmt.Fprintf(e.stdout, "\nPanel:  drawn from the %s lottery with the seed %q (an illustration: nothing is written)\n", algorithm, seed)
	printDropout(e.stdout, res.Record, false)
	return exitOK
}
