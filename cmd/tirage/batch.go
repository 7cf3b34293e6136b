package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

var batchCommand = &command{
	name: "batch",
	arg:  message.CLIArgManifest,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var bf batchFlags
		fs.StringVar(&bf.out, "out", "", "")
		bf.jobs = runtime.NumCPU()
		fs.Var(&countFlag{p: &bf.jobs, min: 1, what: message.CountJobs}, "jobs", "")
		fs.BoolVar(&bf.force, "force", false, "")
		fs.BoolVar(&bf.quiet, "quiet", false, "")
		return func(args []string) int {
			return runBatch(e, args[0], &bf)
		}
	},
}

// batchFlags are batch's flags.
type batchFlags struct {
	out          string
	jobs         int
	force, quiet bool
}

func runBatch(e *env, manifest string, bf *batchFlags) int {
	if bf.out == "" {
		return e.usage(message.CLIMissingFlag, "flag", "--out", "command", e.name)
	}
	if bf.jobs < 1 {
		return e.usage(message.CLIAtLeastOne, "flag", "--jobs", "n", bf.jobs)
	}
	if err := selection.CheckBatchFolder(bf.out, bf.force); err != nil {
		return e.fail(nil, err)
	}
	data, err := os.ReadFile(selection.InputFile(manifest))
	if err != nil {
		return e.usageError(fmt.Errorf("cannot read the manifest: %v", err))
	}
	partners, sep, err := selection.ParseManifest(manifest, data)
	if err != nil {
		return e.usageError(err)
	}
	lock, err := selection.LockBeside(bf.out)
	if err != nil {
		return e.fail(nil, err)
	}
	defer lock.Release()

	setState, stop := console.TrackState(e.newProgress(e.stderr, bf.quiet), time.Now(), selection.BatchState{}, func(s selection.BatchState, elapsed time.Duration) string {
		return console.BatchProgress(e.lang, s, len(partners), elapsed)
	})
	results := selection.RunBatch(partners, bf.jobs, func(p selection.Partner) selection.PartnerOutcome {
		return runPartner(e, p, filepath.Dir(manifest), filepath.Join(bf.out, p.Name), bf.force)
	}, setState)
	stop()
	for i := range results {
		results[i].Folder = filepath.Join(bf.out, partners[i].Name)
	}

	summary := filepath.Join(bf.out, selection.SummaryFile)
	data, summaryErr := selection.BatchSummary(sep, partners, results)
	if summaryErr == nil {
		summaryErr = selection.WriteFile(summary, data)
	}
	console.BatchSummary(e.stdout, e.lang, partners, results)
	if summaryErr != nil {
		return e.fail(nil, &selection.WriteError{Kind: selection.WriteSingleFile, Path: summary, Err: summaryErr})
	}
	console.BatchWritten(e.stdout, e.lang, summary)
	return selection.BatchCode(results)
}

// runPartner runs the partner's selection as 'tirage select' would, its
// files found from base, the manifest's folder, into folder, with its
// messages kept rather than printed.
func runPartner(e *env, p selection.Partner, base, folder string, force bool) (res selection.PartnerOutcome) {
	var stdout, stderr bytes.Buffer
	pe := &env{stdout: &stdout, stderr: &stderr, name: "select", lang: e.lang, getenv: e.getenv, selected: func(s *selection.Selected) { res.Record = s.Record }}
	p = p.InFolder(base)
	in := inputFlags{pool: p.Pool, quotas: p.Quotas, idColumn: p.IDColumn, k: p.K, households: strings.Join(p.Households, ",")}
	sf := selectFlags{settings: p.Settings(), out: folder, force: force, quiet: true, relax: p.Relax,
		dropout: dropoutFlags{column: p.DropoutColumn, model: p.DropoutModel, scenarios: p.Scenarios}}
	if sf.dropout.scenarios == 0 {
		sf.dropout.scenarios = selection.DefaultScenarios
	}
	res.Code = runSelect(pe, &in, &sf)
	res.Message = strings.TrimSpace(strings.ReplaceAll(stderr.String(), "tirage select: ", ""))
	if res.Code != exitOK {
		os.Remove(folder) // the folder select made, if it is empty
	}
	return res
}
