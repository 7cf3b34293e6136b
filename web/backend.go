package web

// The one file of this package that calls the library's workflows: the
// check, select, draw, verify and compare of cmd/tirage, on files given as
// bytes. (When those workflows are functions of package selection, these
// become calls to them.)

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/tirage/tirage/message"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

// progressEvery is how often the engine's progress is passed on.
const progressEvery = 250 * time.Millisecond

// loaded is a selection's validated inputs.
type loaded struct {
	quotas              *quota.Set
	pool                *sortition.Pool
	poolFile, quotaFile audit.File
	notices             []string
}

// inputError is an error of the request's inputs.
func inputError(format string, args ...any) *Error {
	return &Error{Code: selection.CodeInput, Message: fmt.Sprintf(format, args...)}
}

// baseName returns the name of a file without any folder.
func baseName(name string) string {
	return path.Base(strings.ReplaceAll(name, `\`, "/"))
}

// load reads and validates the pool and quota files, as `tirage check`
// and `tirage select` do.
func load(in Inputs) (*loaded, error) {
	switch {
	case len(in.Quotas.Data) == 0:
		return nil, inputError("choose the quota file")
	case len(in.Pool.Data) == 0:
		return nil, inputError("choose the pool file")
	case in.K < 1:
		return nil, inputError("the panel size must be a whole number of 1 or more, not %d", in.K)
	}
	quotaName, poolName := baseName(in.Quotas.Name), baseName(in.Pool.Name)
	q, err := quota.Parse(quotaName, in.Quotas.Data)
	if err != nil {
		return nil, err
	}
	q = q.ForPanel(in.K)
	p, err := sortition.ParsePool(poolName, in.Pool.Data, q, sortition.PoolOptions{IDColumn: in.IDColumn})
	if err != nil {
		return nil, err
	}
	if err := p.CheckPanelSize(in.K); err != nil {
		return nil, err
	}
	if len(in.Households) > 0 {
		if _, err := p.Households(in.Households); err != nil {
			return nil, inputError("%v", err)
		}
	}
	return &loaded{quotas: q, pool: p,
		poolFile:  audit.File{Path: poolName, SHA256: sha256Hex(in.Pool.Data)},
		quotaFile: audit.File{Path: quotaName, SHA256: sha256Hex(in.Quotas.Data)},
		notices:   texts(append(append([]message.Reason(nil), q.Notices...), p.Notices...)),
	}, nil
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// check is `tirage check`: the counts per value, whether the quotas can be
// met, the conflicts and the smallest relaxation.
func check(ctx context.Context, req CheckRequest, progress func(Progress)) (*CheckResponse, error) {
	in, err := load(req.Inputs)
	if err != nil {
		return nil, err
	}
	progress(Progress{Step: "check"})
	return checkLoaded(ctx, in, req.Inputs)
}

func checkLoaded(ctx context.Context, in *loaded, req Inputs) (*CheckResponse, error) {
	p, k := in.pool, req.K
	out := &CheckResponse{People: len(p.People), K: k, Notices: in.notices}
	if len(req.Households) > 0 {
		household, err := p.Households(req.Households)
		if err != nil {
			return nil, inputError("%v", err)
		}
		s := sortition.SummarizeHouseholds(household)
		out.Households = &Household{Households: s.Households, Shared: s.Shared, InShared: s.InShared, Largest: s.Largest}
	}
	problem, err := p.Problem(k, req.Households)
	if err != nil {
		return nil, inputError("%v", err)
	}
	f, err := sortition.CheckFeasibility(ctx, problem)
	if err != nil {
		return nil, err
	}
	quotas := p.Quotas
	out.Feasible = f.Feasible
	excluded := f.Excluded
	if !f.Feasible {
		for _, c := range f.Conflicts {
			conflict := Conflict{Reason: c.Reason.String(), Bounds: []Bound{}}
			for _, b := range c.Bounds {
				cat := p.Quotas.Categories[b.Category]
				conflict.Bounds = append(conflict.Bounds, Bound{Category: cat.Name, Value: cat.Values[b.Value].Name, Kind: b.Kind.String(), Limit: b.Limit})
			}
			out.Conflicts = append(out.Conflicts, conflict)
		}
		r, err := sortition.MinimalRelaxation(ctx, problem)
		var infeasible *sortition.InfeasibleError
		switch {
		case errors.As(err, &infeasible):
			out.NoRelaxation = infeasible.Reason.String()
		case err != nil:
			return nil, err
		default:
			var buf bytes.Buffer
			if err := r.Quotas.WriteCSV(&buf, p.Delimiter); err != nil {
				return nil, err
			}
			name := strings.TrimSuffix(in.quotaFile.Path, path.Ext(in.quotaFile.Path)) + "-relaxed.csv"
			out.Relaxation = &Relaxation{Seats: r.Seats, Changes: describeChanges(p.Quotas, r), QuotaFile: File{Name: name, Data: buf.Bytes()}}
			if req.Relax {
				relaxed := *p
				relaxed.Quotas = r.Quotas
				relaxedProblem, err := relaxed.Problem(k, req.Households)
				if err != nil {
					return nil, inputError("%v", err)
				}
				g, err := sortition.CheckFeasibility(ctx, relaxedProblem)
				if err != nil {
					return nil, err
				}
				quotas, out.Relaxed, out.Feasible, excluded = r.Quotas, true, g.Feasible, g.Excluded
			}
		}
	}
	counts := p.Counts()
	for ci, c := range quotas.Categories {
		cat := Category{Name: c.Name}
		var bands []quota.Band
		if ci < len(p.Banded) && p.Banded[ci] {
			bands = c.Bands()
		}
		for vi, v := range c.Values {
			value := Value{Name: v.Name, Count: counts[ci][vi], Share: float64(counts[ci][vi]) / float64(len(p.People)), Min: v.Min, Max: v.Max}
			if bands != nil {
				value.Band = bands[vi].String()
			}
			cat.Values = append(cat.Values, value)
		}
		out.Categories = append(out.Categories, cat)
	}
	out.ExcludedCount = len(excluded)
	for j, x := range excluded {
		if j == MaxListed {
			break
		}
		out.Excluded = append(out.Excluded, Excluded{ID: p.People[x.Person].ID, Line: p.People[x.Person].Line, Reason: x.Reason.String()})
	}
	return out, nil
}

func describeChanges(q *quota.Set, r *sortition.Relaxation) []string {
	changes := []string{}
	for _, c := range r.Changes {
		changes = append(changes, c.Describe(q).String())
	}
	return changes
}

// seedOf returns the seed text and kind a request gives: its text, public
// numbers in the canonical form of RFC 3797, or one generated here.
func seedOf(s Seed) (string, audit.SeedKind, error) {
	switch s.Kind {
	case "", "text":
		return s.Text, audit.SeedText, nil
	case "numbers":
		seed, err := audit.SeedFromNumbers(s.Text)
		if err != nil {
			return "", "", inputError("the seed's numbers: %v", err)
		}
		return seed, audit.SeedNumbers, nil
	case "generate":
		if s.Text != "" {
			return "", "", inputError("a seed that tirage generates is not given: leave the seed empty, or choose another kind of seed")
		}
		seed, err := audit.NewSeed()
		return seed, audit.SeedGenerated, err
	}
	return "", "", inputError("the kind of seed must be text, numbers or generate, not %q", s.Kind)
}

// langOf returns the report language of a byline ("" is English), and
// checks its organisation and contact.
func langOf(b Byline) (report.Lang, error) {
	if err := report.CheckByline(b.Organisation, b.Contact); err != nil {
		return "", inputError("%v", err)
	}
	if b.Lang == "" {
		return report.English, nil
	}
	lang, err := report.ParseLang(b.Lang)
	if err != nil {
		return "", inputError("%v", err)
	}
	return lang, nil
}

// selectPanel is `tirage select`: the lottery, the commitment, the draw
// unless commit-only, and the folder's files as two zips.
func (a *API) selectPanel(ctx context.Context, req SelectRequest, progress func(Progress)) (*Outcome, error) {
	lang, err := langOf(req.Byline)
	if err != nil {
		return nil, err
	}
	if _, err := selection.Algorithm(req.Algorithm); err != nil {
		return nil, inputError("%v", err)
	}
	var seed string
	var kind audit.SeedKind
	if req.CommitOnly {
		if req.Seed.Text != "" {
			return nil, inputError("a lottery that is only committed draws nothing: leave the seed empty, and draw once it is public")
		}
	} else if seed, kind, err = seedOf(req.Seed); err != nil {
		return nil, err
	}
	in, err := load(req.Inputs)
	if err != nil {
		return nil, err
	}
	pool := in.pool
	var relaxation *sortition.Relaxation
	problem, err := pool.Problem(req.K, req.Households)
	if err != nil {
		return nil, inputError("%v", err)
	}
	r, err := sortition.MinimalRelaxation(ctx, problem)
	var noRelaxation *sortition.InfeasibleError
	switch {
	case errors.As(err, &noRelaxation):
	case err != nil:
		return nil, err
	case r.Seats > 0 && req.Relax:
		relaxed := *pool
		relaxed.Quotas = r.Quotas
		pool, relaxation = &relaxed, r
	}
	if noRelaxation != nil || (r != nil && r.Seats > 0 && !req.Relax) {
		c, cerr := checkLoaded(ctx, in, req.Inputs)
		if cerr != nil {
			return nil, cerr
		}
		return nil, &Error{Code: selection.CodeSelection, Message: fmt.Sprintf("the quotas cannot be met: no panel of %d people meets them all (exact search)", req.K), Check: c}
	}
	res, err := selection.Run(ctx, selection.Input{
		Pool: pool, PoolFile: in.poolFile, QuotaFile: in.quotaFile, K: req.K,
		Households: req.Households, Relaxation: relaxation, Algorithm: req.Algorithm,
		Seed: seed, SeedKind: kind, SeedSource: req.SeedSource, CommitOnly: req.CommitOnly,
		Alternates: req.Alternates, Tool: a.Tool, Now: a.Now,
		Progress: throttle("lottery", progress, progressEvery),
	})
	if err != nil {
		return nil, err
	}
	progress(Progress{Step: "files"})
	out, err := outcome(selection.Folder{Record: res.Record, Pool: pool, Lang: lang, Organisation: req.Organisation, Contact: req.Contact})
	if err != nil {
		return nil, err
	}
	if relaxation != nil {
		out.Summary.Relaxation = describeChanges(in.pool.Quotas, relaxation)
	}
	out.Notices = in.notices
	return out, nil
}

// outcome makes the files of a selection folder, its summary and its zips.
func outcome(f selection.Folder) (*Outcome, error) {
	files, err := selection.FolderFiles(f)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Summary: summarize(f.Record)}
	for _, file := range files {
		if file.Name == report.HTMLFile {
			out.Report = string(file.Content)
		}
	}
	name := "tirage-" + f.Record.Commitment[:min(12, len(f.Record.Commitment))]
	public, err := PublicZip(files)
	if err != nil {
		return nil, err
	}
	private, err := Zip(files)
	if err != nil {
		return nil, err
	}
	out.Public = File{Name: name + "-public.zip", Data: public}
	out.Private = File{Name: name + "-private.zip", Data: private}
	return out, nil
}

// summarize returns what select prints, from the record.
func summarize(r *audit.Record) Summary {
	l := r.Lottery
	s := Summary{
		People: len(r.People.Rows), K: r.K, Algorithm: l.Algorithm,
		Minimum: l.Optimum, Certified: selection.Certified(l.Algorithm),
		Equal:          float64(r.K) / float64(max(1, len(r.People.Rows))),
		UniformMinimum: l.UniformMinimum, Panels: l.M, Commitment: r.Commitment,
	}
	if s.Certified {
		s.UpperBound = l.UpperBound
	}
	if r.Draw != nil {
		s.Drawn, s.Seed, s.SeedKind, s.Index = true, r.Draw.Seed, string(r.Draw.SeedKind), r.Draw.Index
		s.Selected, s.Alternates = len(r.Draw.Selected), len(r.Draw.Alternates)
	}
	if tickets, _, err := r.Tickets(); err == nil {
		for _, t := range tickets {
			if t == 0 {
				s.Zero++
			}
		}
	}
	return s
}

// draw is `tirage draw`: the panel of a committed lottery, drawn with a
// seed that did not exist at the commitment.
func (a *API) draw(ctx context.Context, req DrawRequest, progress func(Progress)) (*Outcome, error) {
	lang, err := langOf(req.Byline)
	if err != nil {
		return nil, err
	}
	bundle, err := bundleFS(req.Bundle)
	if err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(bundle, audit.RecordFile)
	if err != nil {
		return nil, inputError("the committed selection has no %s: choose the files of the folder that select wrote with commit only (or its zip)", audit.RecordFile)
	}
	record, err := audit.ParseRecord(data)
	if err != nil {
		return nil, inputError("%s: %v", audit.RecordFile, err)
	}
	if record.Draw != nil {
		return nil, inputError("this lottery has already been drawn (seed %q, panel %d); a committed lottery is drawn once", record.Draw.Seed, record.Draw.Index)
	}
	if len(req.Pool.Data) == 0 {
		return nil, inputError("choose the pool file the lottery was committed with (%s)", record.Inputs.Pool.Path)
	}
	if got := sha256Hex(req.Pool.Data); got != record.Inputs.Pool.SHA256 {
		return nil, inputError("the pool file %s is not the one the lottery was committed with: its SHA-256 is %s, the committed one %s", baseName(req.Pool.Name), got, record.Inputs.Pool.SHA256)
	}
	q, err := record.QuotaSet()
	if err != nil {
		return nil, inputError("the record's quota table is invalid: %v", err)
	}
	pool, err := sortition.ParsePool(baseName(req.Pool.Name), req.Pool.Data, q, sortition.PoolOptions{IDColumn: record.Settings.IDColumn})
	if err != nil {
		return nil, err
	}
	seed, kind, err := seedOf(req.Seed)
	if err != nil {
		return nil, err
	}
	if kind == audit.SeedGenerated {
		return nil, inputError("a committed lottery is drawn with the public seed announced for it: give its text or numbers")
	}
	if seed == "" {
		return nil, inputError("the seed is empty; give the seed text")
	}
	if req.Alternates < 0 || req.Alternates > len(record.People.Rows)-record.K {
		return nil, inputError("the number of alternates must be between 0 and %d, the number of people off the panel, not %d", max(0, len(record.People.Rows)-record.K), req.Alternates)
	}
	progress(Progress{Step: "draw"})
	now := time.Now
	if a.Now != nil {
		now = a.Now
	}
	if _, err := record.DrawSeed(audit.Seed{Text: seed, Kind: kind}, now()); err != nil {
		return nil, inputError("cannot draw: %v", err)
	}
	if err := record.DrawAlternates(req.Alternates); err != nil {
		return nil, inputError("cannot draw: %v", err)
	}
	progress(Progress{Step: "files"})
	return outcome(selection.Folder{Record: record, Pool: pool, Lang: lang, Organisation: req.Organisation, Contact: req.Contact})
}

// verify is `tirage verify` on a bundle's files.
func verify(ctx context.Context, req VerifyRequest, progress func(Progress)) (*VerifyResponse, error) {
	bundle, err := bundleFS(req.Bundle)
	if err != nil {
		return nil, err
	}
	in := audit.VerifyInput{Dir: bundle}
	if req.Pool != nil && len(req.Pool.Data) > 0 {
		in.Pool, in.PoolName = req.Pool.Data, baseName(req.Pool.Name)
	}
	if req.Quotas != nil && len(req.Quotas.Data) > 0 {
		in.Quotas, in.QuotasName = req.Quotas.Data, baseName(req.Quotas.Name)
	}
	start := time.Now()
	in.Progress = func(what string) {
		progress(Progress{Step: "verify", Phase: what, Seconds: time.Since(start).Seconds()})
	}
	out := &VerifyResponse{PoolChecked: in.Pool != nil, QuotasChecked: in.Quotas != nil}
	for _, c := range audit.Verify(ctx, in) {
		status := "OK"
		switch {
		case !c.OK:
			status = "FAILED"
			out.Failed++
		case c.Absent:
			status = "ABSENT"
		}
		out.Checks = append(out.Checks, CheckResult{Name: c.Name, Status: status, Detail: c.Detail, Title: c.Title, Reason: c.Reason})
	}
	out.Verified = out.Failed == 0
	var record *audit.Record
	if data, err := fs.ReadFile(bundle, audit.RecordFile); err == nil {
		record, _ = audit.ParseRecord(data) // nil when unreadable: a check says why
	}
	out.CannotProve = texts(audit.CannotProve(record))
	return out, nil
}

// compare is `tirage compare`.
func compare(ctx context.Context, req CompareRequest, progress func(Progress)) (*CompareResponse, error) {
	names := req.Algorithms
	if len(names) == 0 {
		names = selection.Algorithms
	}
	for _, name := range names {
		if _, err := selection.Algorithm(name); err != nil {
			return nil, inputError("%v", err)
		}
	}
	in, err := load(req.Inputs)
	if err != nil {
		return nil, err
	}
	n := len(in.pool.People)
	out := &CompareResponse{People: n, K: req.K, Equal: float64(req.K) / float64(n)}
	problem, err := in.pool.Problem(req.K, req.Households)
	if err != nil {
		return nil, inputError("%v", err)
	}
	opt := sortition.Options{Progress: throttle("lottery", progress, progressEvery)}
	for _, c := range selection.Compare(ctx, problem, opt, names, 0) {
		row := Comparison{Algorithm: c.Algorithm, Minimum: c.Minimum, Maximum: c.Maximum, Gini: c.Gini,
			GeometricMean: c.GeometricMean, BelowEqual: c.BelowEqual, Certified: c.Certified, Estimated: c.Estimated,
			Seconds: c.Elapsed.Seconds()}
		if c.Err != nil {
			row.Error = c.Err.Error()
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// texts renders reasons in English: the web app's pages show the engine's
// reasons in English for now (the page's own text is translated).
func texts(reasons []message.Reason) []string {
	out := make([]string, len(reasons))
	for i, r := range reasons {
		out[i] = r.String()
	}
	return out
}
