package web

// The one file of this package that calls the library's workflows: check,
// select, draw, verify and compare call package selection's functions as
// cmd/tirage does (ReadInputs, Check, Prepare, SelectFrom, ReadCommitted,
// DrawContext, Verify, CompareInputs), on files given as bytes, and render
// the engine's reasons in the page's language. The files in the zips are
// the files the command writes.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
)

// progressEvery is how often the engine's progress is passed on.
const progressEvery = 250 * time.Millisecond

// inputError is an error of the request's inputs: the reason of the code
// with its arguments (as message.New), rendered in the request's language
// when the error is answered (asError).
func inputError(code message.Code, pairs ...any) *Error {
	return reasonError(message.New(code, pairs...))
}

// reasonError is an error of the request's inputs that is the reason r.
func reasonError(r message.Reason) *Error {
	return &Error{Code: selection.CodeInput, Message: r.String(), Reason: &r}
}

// baseName returns the name of a file without any folder.
func baseName(name string) string {
	return path.Base(strings.ReplaceAll(name, `\`, "/"))
}

// inputFile returns a file given to the page as the library reads it: its
// name without a folder, and FILE.xlsx:SHEET when a sheet is named, as
// the command's --pool FILE.xlsx:SHEET.
func inputFile(f File, sheet string) selection.File {
	name := baseName(f.Name)
	if sheet = strings.TrimSpace(sheet); sheet != "" {
		name += ":" + sheet
	}
	return selection.File{Name: name, Content: f.Data}
}

// recordedSheet returns the input file with the sheet that the record
// names for it (recorded is FILE.xlsx:SHEET) when the file is a workbook
// given without a sheet: a draw or a verification reads the sheet the
// selection read.
func recordedSheet(f selection.File, recorded string) selection.File {
	if _, sheet := splitSheet(f.Name); sheet == "" && strings.EqualFold(path.Ext(f.Name), ".xlsx") {
		if _, s := splitSheet(recorded); s != "" {
			f.Name += ":" + s
		}
	}
	return f
}

// splitSheet splits FILE.xlsx:SHEET into the file and the sheet.
func splitSheet(name string) (file, sheet string) {
	file = selection.InputFile(name)
	if file != name {
		sheet = name[len(file)+1:]
	}
	return file, sheet
}

// pageLang returns the language a request asks for: "" when none is
// given (the caller's default).
func pageLang(code string) (message.Lang, error) {
	if code == "" {
		return "", nil
	}
	lang, err := message.ParseLang(code)
	if err != nil {
		return "", reasonError(message.ReasonOf(err))
	}
	return lang, nil
}

// orEnglish returns lang, or English for none.
func orEnglish(lang message.Lang) message.Lang {
	if lang == "" {
		return message.English
	}
	return lang
}

// readInputs reads and validates the pool and quota files, as `tirage
// check`, `compare` and `select` do (selection.ReadInputs).
func readInputs(in Inputs) (*selection.Inputs, error) {
	switch {
	case len(in.Quotas.Data) == 0:
		return nil, inputError(message.WebChooseQuotas)
	case len(in.Pool.Data) == 0:
		return nil, inputError(message.WebChoosePool)
	case in.K < 1:
		return nil, inputError(message.WebPanelSize, "k", in.K)
	}
	return selection.ReadInputs(inputFile(in.Pool, in.PoolSheet), inputFile(in.Quotas, in.QuotasSheet), in.K, in.IDColumn)
}

// check is `tirage check`: the counts per value, whether the quotas can be
// met, the conflicts and the smallest relaxation; with Relax, the check of
// the relaxed quotas, as select --relax would use them.
func check(ctx context.Context, req CheckRequest, progress func(Progress)) (*CheckResponse, error) {
	lang, err := pageLang(req.Lang)
	if err != nil {
		return nil, err
	}
	in, err := readInputs(req.Inputs)
	if err != nil {
		return nil, err
	}
	progress(Progress{Step: "check"})
	return checkInputs(ctx, in, req.Inputs, orEnglish(lang))
}

func checkInputs(ctx context.Context, in *selection.Inputs, req Inputs, lang message.Lang) (*CheckResponse, error) {
	c, err := selection.Check(ctx, in, req.Households)
	if err != nil {
		return nil, err
	}
	out := &CheckResponse{People: len(in.Pool.People), K: in.K, Feasible: c.Feasible, Notices: texts(in.Notices, lang)}
	if w := in.IDs; w != nil {
		out.IDs = &IDWarning{Kind: w.Kind, Count: w.Count, Of: w.Of, Example: w.Example, Column: w.Column, InNameColumn: w.InNameColumn}
	}
	if h := c.Households; h != nil {
		out.Households = &Household{Households: h.Households, Shared: h.Shared, InShared: h.InShared, Largest: h.Largest}
	}
	for _, cf := range c.Conflicts {
		conflict := Conflict{Reason: cf.Reason.In(lang), Bounds: []Bound{}}
		for _, b := range cf.Bounds {
			conflict.Bounds = append(conflict.Bounds, Bound{Category: b.Category, Value: b.Value, Kind: b.Kind, Limit: b.Limit})
		}
		out.Conflicts = append(out.Conflicts, conflict)
	}
	if !c.NoRelaxation.IsZero() {
		out.NoRelaxation = c.NoRelaxation.In(lang)
	}
	if r := c.Relaxation; r != nil {
		file, _ := splitSheet(in.QuotaFile.Path)
		name := strings.TrimSuffix(file, path.Ext(file)) + "-relaxed.csv"
		out.Relaxation = &Relaxation{Seats: r.Seats, Changes: texts(r.Changes, lang), QuotaFile: File{Name: name, Data: c.QuotaFile}}
		if req.Relax {
			relaxed, _, err := selection.Prepare(ctx, in, req.Households, true)
			if err != nil {
				return nil, err
			}
			if c, err = selection.Check(ctx, relaxed, req.Households); err != nil {
				return nil, err
			}
			out.Relaxed, out.Feasible = true, c.Feasible
		}
	}
	out.Categories = categories(c.Counts, len(in.Pool.People), lang)
	out.ExcludedCount = len(c.Excluded)
	for _, x := range c.Excluded[:min(len(c.Excluded), MaxListed)] {
		out.Excluded = append(out.Excluded, Excluded{ID: x.ID, Line: x.Line, Reason: x.Reason.In(lang)})
	}
	return out, nil
}

// categories groups the check's counts by category.
func categories(counts []selection.QuotaCount, people int, lang message.Lang) []Category {
	var out []Category
	for _, row := range counts {
		if len(out) == 0 || out[len(out)-1].Name != row.Category {
			out = append(out, Category{Name: row.Category})
		}
		cat := &out[len(out)-1]
		band := ""
		if !row.Band.IsZero() {
			band = row.Band.In(lang)
		}
		cat.Values = append(cat.Values, Value{Name: row.Value, Count: row.Count, Share: float64(row.Count) / float64(max(1, people)),
			Min: row.Min, Max: row.Max, Band: band, TargetShare: row.Share, Tolerance: row.Tolerance})
	}
	return out
}

// seedOf returns the seed a request gives, as select's and draw's --seed
// and --seed-numbers do: its text, or the canonical form of public
// numbers (numbers set); generate reports that tirage is to make one.
func seedOf(s Seed) (seed string, numbers, generate bool, err error) {
	switch s.Kind {
	case "", "text":
		if s.Text == "" {
			return "", false, false, inputError(message.CLISeedEmpty)
		}
		return s.Text, false, false, nil
	case "numbers":
		seed, err := selection.SeedFromNumbers(s.Text)
		if err != nil {
			return "", false, false, inputError(message.WebSeedNumbers, "error", message.ReasonOf(err))
		}
		return seed, true, false, nil
	case "generate":
		if s.Text != "" {
			return "", false, false, inputError(message.WebSeedGenerated)
		}
		return "", false, true, nil
	}
	return "", false, false, inputError(message.WebSeedKind, "kind", fmt.Sprintf("%q", s.Kind))
}

// bylineOf returns the report language of a byline ("" when none is
// given), and checks its organisation and contact.
func bylineOf(b Byline) (message.Lang, error) {
	if err := report.CheckByline(b.Organisation, b.Contact); err != nil {
		return "", reasonError(message.ReasonOf(err))
	}
	return pageLang(b.Lang)
}

// selectPanel is `tirage select`: the inputs read (ReadInputs), the quotas
// decided and, with Relax, relaxed (Prepare), then the lottery, the
// commitment, the draw unless commit-only and the folder's files
// (SelectFrom), as two zips.
func (a *API) selectPanel(ctx context.Context, req SelectRequest, progress func(Progress)) (*Outcome, error) {
	lang, err := bylineOf(req.Byline)
	if err != nil {
		return nil, err
	}
	lang = orEnglish(lang)
	if _, err := selection.Algorithm(req.Algorithm); err != nil {
		return nil, reasonError(message.ReasonOf(err))
	}
	var seed string
	var numbers, generate bool
	switch {
	case req.Alternates < 0:
		return nil, inputError(message.WebAlternates, "n", req.Alternates)
	case req.CommitOnly && req.Alternates > 0:
		return nil, inputError(message.WebCommitAlternates)
	case req.CommitOnly && (req.Seed.Text != "" || req.Seed.Kind == "generate"):
		return nil, inputError(message.WebCommitSeed)
	case !req.CommitOnly:
		if seed, numbers, generate, err = seedOf(req.Seed); err != nil {
			return nil, err
		}
		if generate && req.SeedSource != "" {
			return nil, inputError(message.WebSeedSourceGenerate)
		}
	}
	in, err := readInputs(req.Inputs)
	if err != nil {
		return nil, err
	}
	prepared, relaxed, err := selection.Prepare(ctx, in, req.Households, req.Relax)
	var unmet *selection.QuotasError
	if errors.As(err, &unmet) {
		inputs := req.Inputs
		inputs.Relax = false
		c, cerr := checkInputs(ctx, in, inputs, lang)
		if cerr != nil {
			return nil, cerr
		}
		return nil, &Error{Code: selection.CodeSelection, Message: message.New(message.NoPanel, "k", in.K).In(lang), Check: c}
	}
	if err != nil {
		return nil, err
	}
	opt := selection.SelectOptions{
		Households: req.Households, Algorithm: req.Algorithm,
		Seed: seed, SeedNumbers: numbers, SeedSource: req.SeedSource, CommitOnly: req.CommitOnly, Alternates: req.Alternates,
		Lang: lang, Organisation: req.Organisation, Contact: req.Contact,
		Tool: a.Tool, Now: a.Now, Progress: throttle("lottery", lang, progress, progressEvery),
	}
	if generate {
		opt.NewSeed = selection.NewSeed
	}
	sel, err := selection.SelectFrom(ctx, prepared, opt)
	if err != nil {
		return nil, err
	}
	progress(Progress{Step: "files"})
	out, err := outcome(sel.Files, sel.Record)
	if err != nil {
		return nil, err
	}
	if relaxed != nil {
		out.Summary.Relaxation = texts(relaxed.Changes, lang)
	}
	out.Notices = texts(in.Notices, lang)
	return out, nil
}

// outcome makes the summary and the zips of a selection folder's files.
func outcome(files []selection.File, record *audit.Record) (*Outcome, error) {
	out := &Outcome{Summary: summarize(record)}
	for _, file := range files {
		if file.Name == report.HTMLFile {
			out.Report = string(file.Content)
		}
	}
	name := "tirage-" + record.Commitment[:min(12, len(record.Commitment))]
	zips := newPacker()
	public, err := zips.publicZip(files)
	if err != nil {
		return nil, err
	}
	private, err := zips.zip(files)
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

// draw is `tirage draw`: the panel of a committed lottery
// (ReadCommitted), drawn with a seed that did not exist at the commitment
// (DrawContext). The organisation and contact left empty, and the
// language when none is given, are those of the committed report, as
// the command keeps them.
func (a *API) draw(ctx context.Context, req DrawRequest, progress func(Progress)) (*Outcome, error) {
	lang, err := bylineOf(req.Byline)
	if err != nil {
		return nil, err
	}
	bundle, err := bundleFS(req.Bundle)
	if err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(bundle, audit.RecordFile)
	if err != nil {
		return nil, inputError(message.WebNoRecord, "file", audit.RecordFile)
	}
	committed, err := selection.ReadCommitted(data)
	if err != nil {
		return nil, err
	}
	if len(req.Pool.Data) == 0 {
		return nil, inputError(message.WebChooseDrawPool, "file", committed.PoolName())
	}
	seed, numbers, generate, err := seedOf(req.Seed)
	if err != nil {
		return nil, err
	}
	if generate {
		return nil, inputError(message.WebDrawSeed)
	}
	kept := selection.ReportSettingsOf(selection.Dir{FS: bundle})
	if lang == "" {
		lang = kept.Lang
	}
	if req.Organisation == "" {
		req.Organisation = kept.Organisation
	}
	if req.Contact == "" {
		req.Contact = kept.Contact
	}
	pool := recordedSheet(inputFile(req.Pool, req.PoolSheet), committed.PoolName())
	files, err := selection.DrawContext(ctx, committed, selection.DrawInput{
		Pool: pool, Seed: seed, SeedNumbers: numbers, Alternates: req.Alternates,
		Lang: lang, Organisation: req.Organisation, Contact: req.Contact, Now: a.Now,
		Phase: func(phase string) {
			progress(Progress{Step: "draw", Phase: phase, PhaseText: message.Phase(phase).In(orEnglish(lang))})
		},
	})
	if err != nil {
		return nil, err
	}
	progress(Progress{Step: "files"})
	return outcome(files, committed.Record)
}

// verify is `tirage verify` on the files of one selection, or of a
// replacement and the selections it replaces (selection.Verify with
// --original): the selection verified is the one of the chain that no
// other replaces.
func verify(ctx context.Context, req VerifyRequest, progress func(Progress)) (*VerifyResponse, error) {
	lang, err := pageLang(req.Lang)
	if err != nil {
		return nil, err
	}
	lang = orEnglish(lang)
	dir, originals, err := bundleChain(req.Bundle)
	if err != nil {
		return nil, err
	}
	in := selection.VerifyInput{Dir: dir, Originals: originals}
	var record *audit.Record
	if data, err := fs.ReadFile(dir.FS, audit.RecordFile); err == nil {
		record, _ = audit.ParseRecord(data) // nil when unreadable: a check says why
	}
	recorded := func(f func(r *audit.Record) string) string {
		if record == nil {
			return ""
		}
		return f(record)
	}
	if req.Pool != nil && len(req.Pool.Data) > 0 {
		f := recordedSheet(inputFile(*req.Pool, req.PoolSheet), recorded(func(r *audit.Record) string { return r.Inputs.Pool.Path }))
		in.Pool = &f
	}
	if req.Quotas != nil && len(req.Quotas.Data) > 0 {
		f := recordedSheet(inputFile(*req.Quotas, req.QuotasSheet), recorded(func(r *audit.Record) string { return r.Inputs.Quotas.Path }))
		in.Quotas = &f
	}
	start := time.Now()
	in.Progress = func(what string) {
		progress(Progress{Step: "verify", Phase: what, PhaseText: message.Phase(what).In(lang), Seconds: time.Now().Sub(start).Seconds()})
	}
	v := selection.Verify(ctx, in)
	out := &VerifyResponse{PoolChecked: in.Pool != nil, QuotasChecked: in.Quotas != nil, Failed: v.Failed, Verified: v.Verified(),
		Chain: len(originals), CannotProve: texts(v.CannotProve, lang)}
	for _, c := range v.Checks {
		status := "OK"
		switch {
		case !c.OK:
			status = "FAILED"
		case c.Absent:
			status = "ABSENT"
		}
		out.Checks = append(out.Checks, CheckResult{Name: c.Name, Label: c.Title.In(lang), Status: status, Detail: c.Reason.In(lang), Title: c.Title, Reason: c.Reason})
	}
	return out, nil
}

// compare is `tirage compare` (selection.CompareInputs).
func compare(ctx context.Context, req CompareRequest, progress func(Progress)) (*CompareResponse, error) {
	lang, err := pageLang(req.Lang)
	if err != nil {
		return nil, err
	}
	names := req.Algorithms
	if len(names) == 0 {
		names = selection.Algorithms
	}
	in, err := readInputs(req.Inputs)
	if err != nil {
		return nil, err
	}
	rows, err := selection.CompareInputs(ctx, in, req.Households, names, throttle("lottery", orEnglish(lang), progress, progressEvery))
	if err != nil {
		return nil, err
	}
	n := len(in.Pool.People)
	out := &CompareResponse{People: n, K: in.K, Equal: float64(in.K) / float64(n)}
	for _, c := range rows {
		row := Comparison{Algorithm: c.Algorithm, Minimum: c.Minimum, Maximum: c.Maximum, Gini: c.Gini,
			GeometricMean: c.GeometricMean, BelowEqual: c.BelowEqual, Certified: c.Certified, Estimated: c.Estimated,
			Seconds: c.Elapsed.Seconds()}
		if c.Err != nil {
			row.Error = errorText(c.Err, orEnglish(lang))
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// texts renders reasons in the language.
func texts(reasons []message.Reason, lang message.Lang) []string {
	out := make([]string, len(reasons))
	for i, r := range reasons {
		out[i] = r.In(lang)
	}
	return out
}
