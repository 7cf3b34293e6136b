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
		fs.Var(&countFlag{p: &bf.jobs, min: 1, what: "the number of jobs"}, "jobs", "")
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

// partnerJob is one partner's selection: the flags select runs with, or
// the problem found in its row of the manifest.
type partnerJob struct {
	partner selection.Partner
	folder  string
	in      inputFlags
	sf      selectFlags
}

// readManifest reads the manifest and returns one job per partner and the
// manifest's separator (that of summary.csv), or an error when the manifest
// cannot be used at all.
func readManifest(path, out string, force bool) ([]partnerJob, rune, error) {
	data, err := os.ReadFile(selection.InputFile(path))
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read the manifest: %v", err)
	}
	partners, sep, err := selection.ParseManifest(path, data)
	if err != nil {
		return nil, 0, err
	}
	jobs := make([]partnerJob, len(partners))
	for i, p := range partners {
		jobs[i] = makeJob(p, filepath.Dir(path), out, force)
	}
	return jobs, sep, nil
}

// makeJob turns a partner's row into the flags of its selection, its
// files found from base, the manifest's folder.
func makeJob(p selection.Partner, base, out string, force bool) partnerJob {
	j := partnerJob{partner: p, folder: filepath.Join(out, p.Name)}
	p = p.InFolder(base)
	j.in = inputFlags{pool: p.Pool, quotas: p.Quotas, idColumn: p.IDColumn, k: p.K, households: strings.Join(p.Households, ",")}
	j.sf = selectFlags{settings: p.Settings(), out: j.folder, force: force, quiet: true, relax: p.Relax,
		dropout: dropoutFlags{column: p.DropoutColumn, model: p.DropoutModel, scenarios: p.Scenarios}}
	if j.sf.dropout.scenarios == 0 {
		j.sf.dropout.scenarios = selection.DefaultScenarios
	}
	return j
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
	jobs, sep, err := readManifest(manifest, bf.out, bf.force)
	if err != nil {
		return e.usageError("%s", e.say(err))
	}
	lock, err := selection.LockBeside(bf.out)
	if err != nil {
		return e.fail(nil, err)
	}
	defer lock.Release()

	partners := make([]selection.Partner, len(jobs))
	folder := map[string]*partnerJob{}
	for i := range jobs {
		partners[i], folder[jobs[i].partner.Name] = jobs[i].partner, &jobs[i]
	}
	setState, stop := console.TrackState(e.newProgress(e.stderr, bf.quiet), time.Now(), selection.BatchState{}, func(s selection.BatchState, elapsed time.Duration) string {
		return console.BatchProgress(e.lang, s, len(jobs), elapsed)
	})
	results := selection.RunBatch(partners, bf.jobs, func(p selection.Partner) selection.PartnerOutcome {
		return runPartner(e, folder[p.Name])
	}, setState)
	stop()
	for i := range results {
		results[i].Folder = jobs[i].folder
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

// runPartner runs one partner's selection as 'tirage select' would, with
// its messages kept rather than printed.
func runPartner(e *env, j *partnerJob) (res selection.PartnerOutcome) {
	var stdout, stderr bytes.Buffer
	pe := &env{stdout: &stdout, stderr: &stderr, name: "select", getenv: e.getenv, selected: func(s *selection.Selected) { res.Record = s.Record }}
	res.Code = runSelect(pe, &j.in, &j.sf)
	res.Message = strings.TrimSpace(strings.ReplaceAll(stderr.String(), "tirage select: ", ""))
	if res.Code != exitOK {
		os.Remove(j.folder) // the folder select made, if it is empty
	}
	return res
}
