package main

import (
	"flag"
	"runtime"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// dropoutFlags are the flags that choose alternates for the dropouts to
// come (select, draw, compare).
type dropoutFlags struct {
	column, model string
	scenarios     int
}

func (f *dropoutFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.column, "dropout-column", "", "")
	fs.StringVar(&f.model, "dropout-model", "", "")
	f.scenarios = selection.DefaultScenarios
	fs.Var(&countFlag{p: &f.scenarios, min: 1, max: selection.MaxScenarios, what: message.CountScenarios}, "scenarios", "")
}

// request returns the request of alternates chosen for dropouts
// (selection.DropoutOptions.Request), printing what is wrong with the
// flags; nil, true when none was asked for.
func (f *dropoutFlags) request(e *env, alternates int, progress *console.Progress) (*selection.DropoutRequest, bool) {
	opt := selection.DropoutOptions{Column: f.column, Model: selection.File{Name: f.model}, Scenarios: f.scenarios}
	if err := opt.Check(alternates, selection.FlagNames); err != nil {
		e.fail(nil, err)
		return nil, false
	}
	if f.model != "" {
		var ok bool
		if opt.Model, ok = e.readInput(f.model, "dropout model"); !ok {
			return nil, false
		}
	}
	r, err := opt.Request(alternates, selection.FlagNames)
	if err != nil {
		e.fail(nil, err)
		return nil, false
	}
	if r == nil {
		return nil, true
	}
	r.Workers, r.Progress = runtime.GOMAXPROCS(0), progress.Dropout(f.scenarios)
	return r, true
}

var dropoutModelCommand = &command{
	name: "dropout-model",
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var mf modelFlags
		fs.Var(&mf.histories, "history", "")
		fs.StringVar(&mf.features, "features", "", "")
		fs.StringVar(&mf.quotas, "quotas", "", "")
		fs.StringVar(&mf.attended, "attended", selection.DefaultAttendedColumn, "")
		fs.Float64Var(&mf.smoothing, "smoothing", selection.DefaultSmoothing, "")
		fs.StringVar(&mf.out, "out", "", "")
		return func(args []string) int {
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
	if !e.required(missing) {
		return exitUsage
	}
	in := selection.ModelInput{Features: selection.SplitList(mf.features), Attended: mf.attended, Smoothing: mf.smoothing}
	if mf.quotas != "" {
		f, ok := e.readInput(mf.quotas, "quota file")
		if !ok {
			return exitUsage
		}
		in.Quotas = &f
	}
	for _, name := range mf.histories {
		f, ok := e.readInput(name, "history file")
		if !ok {
			return exitUsage
		}
		in.Histories = append(in.Histories, f)
	}
	m, err := selection.FitDropoutModel(in)
	if err != nil {
		return e.fail(nil, err)
	}
	if err := selection.WriteFile(mf.out, m.File); err != nil {
		e.tell(message.CLICannotWrite, "file", mf.out, "err", err.Error())
		return exitWrite
	}
	console.Model(e.stdout, e.lang, m.Table, mf.out)
	return exitOK
}
