package selection

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/sortition"
)

// The JSON interface: a platform sends one Request and receives one
// Response, or an error object. doc/json.md specifies both.

// Request is a selection request: the pool as rows of column → text, the
// quota rows, the panel size, the seed and the options.
type Request struct {
	// Pool holds one Row per person, in pool order.
	Pool []Row `json:"pool"`
	// Quotas holds one QuotaRow per quota value.
	Quotas []QuotaRow `json:"quotas"`
	// K is the panel size.
	K int `json:"k"`
	// Seed is the seed text of the draw, used exactly as written.
	Seed string `json:"seed,omitempty"`
	// Options are the optional settings.
	Options Options `json:"options"`

	// poolBytes and quotasBytes are the pool and quotas members exactly as
	// sent, when the request was parsed from JSON.
	poolBytes, quotasBytes []byte
}

// Options are a request's optional settings.
type Options struct {
	// IDColumn names the pool column holding the ids (default "id"; when
	// there is none, people are numbered from 1 in pool order).
	IDColumn string `json:"id_column,omitempty"`
	// Households names pool columns identifying a household: at most one
	// person per household on the panel.
	Households []string `json:"households,omitempty"`
	// Algorithm names the lottery's objective, one of Algorithms (the
	// names of sortition.Objectives); "" is DefaultAlgorithm, leximin.
	Algorithm string `json:"algorithm,omitempty"`
	// Panels is the number M of panels of the uniform lottery (default
	// 1000).
	Panels int `json:"panels,omitempty"`
	// SeedNumbers gives public random numbers as the seed, in the form of
	// the command's --seed-numbers (RFC 3797); instead of Seed.
	SeedNumbers string `json:"seed_numbers,omitempty"`
	// SeedSource names where the seed comes from, as select's
	// --seed-source (Input.SeedSource): recorded and committed, so that
	// with CommitOnly it is announced before the seed exists.
	SeedSource string `json:"seed_source,omitempty"`
	// CommitOnly commits to the lottery without drawing: no seed, no
	// panel, and the audit record's draw is null.
	CommitOnly bool `json:"commit_only,omitempty"`
	// Alternates is the number of ranked alternates to draw with the
	// panel (Input.Alternates); 0 for none.
	Alternates int `json:"alternates,omitempty"`
	// Files adds to the response the files `tirage select` writes, as
	// text (FolderFiles): the private ones, audit.json (in its canonical
	// layout, as `tirage verify` expects it) included, and the public
	// ones, named public/….
	Files bool `json:"files,omitempty"`
	// Lang is the language of the report files: "en" (default) or "fr".
	Lang string `json:"lang,omitempty"`
	// Organisation and Contact are printed at the top of the report
	// files: who organises the selection and how to reach them, on one
	// line each, at most report.MaxOrganisation and report.MaxContact
	// characters.
	Organisation string `json:"organisation,omitempty"`
	Contact      string `json:"contact,omitempty"`
	// Relax applies the smallest relaxation of the quotas when they cannot
	// be met as given, as select's --relax; it is recorded in the audit
	// record's relaxation.
	Relax bool `json:"relax,omitempty"`
	// DropoutColumn, or DropoutModel, choose the Alternates for the
	// dropouts to come, as select's --dropout-column and --dropout-model
	// (DropoutOptions): each person's dropout rate is read from the pool
	// column, or given by the model (the object `tirage dropout-model`
	// writes, recorded by the SHA-256 of its bytes as sent, under the
	// name RequestDropoutModelPath). Scenarios is the number of
	// scenarios (0 for DefaultScenarios).
	DropoutColumn string          `json:"dropout_column,omitempty"`
	DropoutModel  json.RawMessage `json:"dropout_model,omitempty"`
	Scenarios     int             `json:"scenarios,omitempty"`
}

// dropout returns the options' dropout settings.
func (o *Options) dropout() DropoutOptions {
	d := DropoutOptions{Column: o.DropoutColumn, Scenarios: o.Scenarios}
	if len(o.DropoutModel) > 0 && string(o.DropoutModel) != "null" {
		d.Model = File{Name: RequestDropoutModelPath, Content: o.DropoutModel}
	}
	return d
}

// Row is one person of the pool: the column names and their texts, in the
// order of the JSON object.
type Row struct {
	Columns []string
	Values  []string
}

// UnmarshalJSON reads a JSON object of column → text, keeping its order. A
// number or a boolean is taken as its JSON text, null as empty text.
func (r *Row) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return message.Errorf(message.JSONPersonNotObj)
	}
	r.Columns, r.Values = nil, nil
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name := tok.(string) // object keys are strings
		if seen[name] {
			return message.Errorf(message.JSONColumnTwice, "column", strconv.Quote(name))
		}
		seen[name] = true
		var value string
		tok, err = dec.Token()
		if err != nil {
			return err
		}
		switch v := tok.(type) {
		case string:
			value = v
		case json.Number:
			value = v.String()
		case bool:
			value = strconv.FormatBool(v)
		case nil:
		default:
			return message.Errorf(message.JSONValueNotText, "column", strconv.Quote(name))
		}
		r.Columns = append(r.Columns, name)
		r.Values = append(r.Values, value)
	}
	_, err = dec.Token() // the closing brace
	return err
}

// MarshalJSON writes the row as an object of column → text in its order.
func (r Row) MarshalJSON() ([]byte, error) {
	if len(r.Columns) != len(r.Values) {
		return nil, fmt.Errorf("a row has %d columns and %d values", len(r.Columns), len(r.Values))
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range r.Columns {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, c)
		b.WriteByte(':')
		writeJSONString(&b, r.Values[i])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// QuotaRow is one quota value with its bounds, as in a quota file's
// feature,value,min,max[,min_flex,max_flex] row, or with a target share
// (and a tolerance) as in its share column. Bounds are numbers or texts
// holding whole numbers; MinFlex and MaxFlex may be left out.
type QuotaRow struct {
	Feature string `json:"feature"`
	Value   string `json:"value"`
	Min     Bound  `json:"min"`
	Max     Bound  `json:"max"`
	MinFlex Bound  `json:"min_flex,omitempty"`
	MaxFlex Bound  `json:"max_flex,omitempty"`
	// Share is a target share of the panel instead of Min and Max: a
	// fraction such as 0.505 or a percentage such as "50.5%", as in a
	// quota file's share column; Tolerance is the number of seats its
	// bounds may stray from the target (quota.Set.ForPanel).
	Share     Bound `json:"share,omitempty"`
	Tolerance Bound `json:"tolerance,omitempty"`
}

// Bound is a quota bound as written in the request: the text of a JSON
// number or string ("" when absent or null). It is checked as a quota
// file's cell is.
type Bound string

// UnmarshalJSON accepts a number, a string or null; anything else is kept
// as its JSON text, which the quota check then refuses.
func (b *Bound) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case json.Number:
		*b = Bound(v.String())
	case string:
		*b = Bound(v)
	case nil:
		*b = ""
	default:
		// A list or an object: kept as written, for the quota check to
		// report.
		*b = Bound(bytes.TrimSpace(data))
	}
	return nil
}

// MarshalJSON writes a bound that is a whole number in its plain decimal
// form (no sign +, no leading zero) as a number, and any other text as a
// string, so that it reads back as the same text.
func (b Bound) MarshalJSON() ([]byte, error) {
	if n, err := strconv.Atoi(string(b)); err == nil && strconv.Itoa(n) == string(b) {
		return []byte(b), nil
	}
	return json.Marshal(string(b))
}

// ParseRequest reads a JSON request: one object with the members of
// Request and no others. The digests of the audit record are those of the
// pool and quotas members exactly as they are written in data.
func ParseRequest(data []byte) (*Request, error) {
	var raw struct {
		Pool    json.RawMessage `json:"pool"`
		Quotas  json.RawMessage `json:"quotas"`
		K       json.RawMessage `json:"k"`
		Seed    json.RawMessage `json:"seed"`
		Options json.RawMessage `json:"options"`
	}
	if err := decodeStrict(data, &raw); err != nil {
		return nil, describeJSONError(err, message.New(message.JSONTheRequest), []string{"pool", "quotas", "k", "seed", "options"})
	}
	var req Request
	if raw.Pool == nil || string(raw.Pool) == "null" {
		return nil, message.Errorf(message.JSONNoPool)
	}
	if raw.Quotas == nil || string(raw.Quotas) == "null" {
		return nil, message.Errorf(message.JSONNoQuotas, "object", quotaObject)
	}
	if raw.K == nil {
		return nil, message.Errorf(message.JSONNoK)
	}
	var err error
	if req.Pool, err = decodeList[Row](raw.Pool, poolName, nil); err != nil {
		return nil, err
	}
	if req.Quotas, err = decodeList[QuotaRow](raw.Quotas, quotasName, []string{"feature", "value", "min", "max", "min_flex", "max_flex", "share", "tolerance"}); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw.K, &req.K); err != nil {
		return nil, message.Errorf(message.JSONKNotWhole, "value", string(raw.K))
	}
	if raw.Seed != nil && string(raw.Seed) != "null" {
		if err := json.Unmarshal(raw.Seed, &req.Seed); err != nil {
			return nil, message.Errorf(message.JSONSeedNotText, "value", string(raw.Seed))
		}
	}
	if raw.Options != nil && string(raw.Options) != "null" {
		if err := decodeStrict(raw.Options, &req.Options); err != nil {
			return nil, describeJSONError(err, message.New(message.Verbatim, "name", "options"), []string{"id_column", "households", "algorithm", "panels", "seed_numbers", "seed_source", "commit_only", "alternates", "files", "lang", "organisation", "contact", "relax", "dropout_column", "dropout_model", "scenarios"})
		}
	}
	req.poolBytes, req.quotasBytes = raw.Pool, raw.Quotas
	return &req, nil
}

// decodeStrict decodes one JSON value into v, refusing unknown members and
// anything after the value.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return message.Errorf(message.JSONTrailing)
	}
	return nil
}

// decodeList decodes a JSON list of objects, naming the element in errors
// as in pool[3]; members lists the members an element may have (nil for
// any).
func decodeList[T any](data []byte, name string, members []string) ([]T, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, message.Errorf(message.JSONNotList, "name", strconv.Quote(name))
	}
	out := make([]T, len(items))
	for i, item := range items {
		where := message.New(message.Verbatim, "name", fmt.Sprintf("%s[%d]", name, i))
		if err := decodeStrict(item, &out[i]); err != nil {
			return nil, describeJSONError(err, where, members)
		}
	}
	return out, nil
}

// describeJSONError rewrites a decoding error of the object at where in
// the request's terms, as a *message.Error; members lists the members it
// may have. Go's own words on a syntax error stay English.
func describeJSONError(err error, where message.Reason, members []string) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		if typeErr.Field != "" {
			where = message.New(message.Verbatim, "name", where.String()+"."+typeErr.Field)
		}
		return message.Errorf(message.JSONWrongType, "where", where, "kind", jsonKind(typeErr.Type.Kind().String()), "value", typeErr.Value)
	}
	var syntaxErr *json.SyntaxError
	if errors.Is(err, io.EOF) {
		return message.Errorf(message.JSONEmpty, "where", where)
	}
	if errors.As(err, &syntaxErr) || errors.Is(err, io.ErrUnexpectedEOF) {
		return message.Errorf(message.JSONSyntax, "where", where, "error", strings.TrimPrefix(err.Error(), "json: "))
	}
	if name, ok := strings.CutPrefix(strings.TrimPrefix(err.Error(), "json: "), "unknown field "); ok {
		return message.Errorf(message.JSONUnknownMember, "where", where, "name", name, "members", members)
	}
	return message.Errorf(message.JSONAt, "where", where, "error", jsonReason(err))
}

// jsonReason is the reason of an error a Row or a Bound returned while
// decoding, or Go's words (ErrorText) for json's own.
func jsonReason(err error) message.Reason {
	if r := message.ReasonOf(err); r.Code != message.ErrorText {
		return r
	}
	return message.New(message.ErrorText, "text", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKind names a Go kind as JSON calls it.
func jsonKind(kind string) message.Reason {
	switch kind {
	case "slice", "array":
		return message.New(message.JSONKindList)
	case "struct", "map":
		return message.New(message.JSONKindObject)
	case "string":
		return message.New(message.JSONKindText)
	case "int", "int64":
		return message.New(message.JSONKindWhole)
	case "bool":
		return message.New(message.JSONKindBool)
	}
	return message.New(message.Verbatim, "name", kind)
}

// Env is what a JSON selection takes from its caller rather than the
// request.
type Env struct {
	// Tool names the program, for the audit record.
	Tool audit.Tool
	// Now gives the time of each step; nil means time.Now.
	Now func() time.Time
	// Progress, if not nil, receives the computation's progress.
	Progress func(sortition.Progress)
	// NewSeed makes a fresh seed for a request that has none and is not
	// commit-only; when nil, such a request is refused.
	NewSeed func() (string, error)
	// Workers is the number of goroutines of the search for alternates
	// chosen for dropouts (Dropout.Workers); the result does not depend
	// on it.
	Workers int
}

// Response is the result of a request: the ids of the selected people (in
// pool order; empty when only committed), everyone's probability of
// selection, tickets/M, in pool order, the audit record and, when asked
// for, the files.
type Response struct {
	Selected []string
	// Alternates are the ids of the ranked alternates, best first
	// (Options.Alternates); empty when none were asked for.
	Alternates    []string
	Probabilities []Probability
	Audit         *audit.Record
	// Files are the files `tirage select` writes (Options.Files), in the
	// order it writes them; nil when not asked for.
	Files []File
}

// Probability is one person's probability of selection.
type Probability struct {
	ID          string
	Probability float64
}

// File is one output file: its name and content.
type File struct {
	Name    string
	Content []byte
}

// MarshalJSON writes {"selected": [...], "alternates": [...] (only when
// there are alternates), "probabilities": {id: p, ...},
// "audit": {...}, "files": {name: text, ...}} with the probabilities and
// the files in their order (not sorted by key, as a Go map would be), the
// audit record in its compact canonical form, and no HTML escaping.
func (r *Response) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"selected":[`)
	for i, id := range r.Selected {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, id)
	}
	if len(r.Alternates) > 0 {
		b.WriteString(`],"alternates":[`)
		for i, id := range r.Alternates {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, id)
		}
	}
	b.WriteString(`],"probabilities":{`)
	for i, p := range r.Probabilities {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, p.ID)
		b.WriteByte(':')
		num, err := json.Marshal(p.Probability)
		if err != nil {
			return nil, err
		}
		b.Write(num)
	}
	b.WriteString(`},"audit":`)
	record, err := r.Audit.MarshalIndent()
	if err != nil {
		return nil, err
	}
	if err := json.Compact(&b, record); err != nil {
		return nil, err
	}
	if r.Files != nil {
		b.WriteString(`,"files":{`)
		for i, f := range r.Files {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, f.Name)
			b.WriteByte(':')
			writeJSONString(&b, string(f.Content))
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// writeJSONString writes s as a JSON string, without HTML escaping.
func writeJSONString(b *bytes.Buffer, s string) {
	var enc bytes.Buffer
	e := json.NewEncoder(&enc)
	e.SetEscapeHTML(false)
	e.Encode(s) // a string always encodes
	b.Write(bytes.TrimSuffix(enc.Bytes(), []byte("\n")))
}

// ErrorResponse is the JSON form of a failed request:
// {"error": {"code": 2, "message": "…", …}}.
type ErrorResponse struct {
	Error ErrorBody `json:"error"`
}

// ErrorBody is a failed request: the code (the command's exit code), the
// message in the request's language, and the reasons as data
// (doc/json.md, "Errors").
type ErrorBody struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	// Reason is the message as data, a code and its numbers: why no panel
	// can be selected when the quotas cannot be met, or what is wrong
	// with the request (not for the pool's and quotas' problems, which
	// Problems lists).
	Reason *message.Reason `json:"reason,omitempty"`
	// Conflicts are the sets of bounds that cannot hold together, and
	// Relaxation the smallest change of the bounds that lets a panel meet
	// them (or why none does), when the quotas cannot be met.
	Conflicts  []JSONConflict  `json:"conflicts,omitempty"`
	Relaxation *JSONRelaxation `json:"relaxation,omitempty"`
	// Problems lists the problems of the pool and the quotas, each with
	// where it is (pool[i] or quotas[i]), its column, value and kind.
	Problems []JSONProblem `json:"problems,omitempty"`
}

// Select makes the selection a request asks for. Its error is an *Error
// with the command's exit code: CodeInput for a request that is wrong
// (the message names the member, such as pool[3], and the problem),
// CodeSelection for quotas that cannot be met, CodeInternal for a bug.
func Select(ctx context.Context, req *Request, env Env) (*Response, error) {
	inputErr := func(err error) (*Response, error) { return nil, &Error{Code: CodeInput, Err: err} }
	settings := req.settings()
	lang, err := settings.report(report.English, requestNames)
	if err != nil {
		return nil, err
	}
	if _, err := Algorithm(req.Options.Algorithm); err != nil {
		return nil, flagError(requestNames.algorithm, err)
	}
	if req.Options.Panels < 0 {
		return inputErr(message.Errorf(message.JSONPanelsBelowOne, "n", req.Options.Panels))
	}
	dropout, err := req.Options.dropout().Request(req.Options.Alternates, JSONNames)
	if err != nil {
		return nil, err
	}
	if dropout != nil {
		dropout.Workers = env.Workers
	}

	quotaData, quotaLines, err := quotaCSV(req.Quotas)
	if err != nil {
		return inputErr(err)
	}
	quotas := File{Name: quotasName, Content: quotaData}
	poolData, poolLines, err := poolCSV(req.Pool)
	if err != nil {
		if _, qerr := ReadQuotas(quotas, req.K); qerr != nil {
			return inputErr(relocate(qerr, quotasName, quotaLines)) // the quotas' problems first
		}
		return inputErr(err)
	}
	in, err := ReadInputs(File{Name: poolName, Content: poolData}, quotas, req.K, req.Options.IDColumn)
	var fileErr *InputFileError
	switch {
	case errors.As(err, &fileErr):
		// A value nobody in the pool has is the quotas' fault.
		return inputErr(relocate(relocate(fileErr.Err, quotasName, quotaLines), poolName, poolLines))
	case err != nil:
		return inputErr(message.Errorf(message.JSONAt, "where", message.New(message.Verbatim, "name", `"k"`), "error", inputReason(err)))
	}
	pool := in.Pool

	seed, numbers := req.Seed, false
	newSeed := env.NewSeed
	switch {
	case req.Seed != "" && req.Options.SeedNumbers != "":
		_, err := settings.seed(requestNames)
		return nil, err
	case req.Options.CommitOnly && (req.Seed != "" || req.Options.SeedNumbers != ""):
		return inputErr(message.Errorf(message.JSONCommitSeed))
	case req.Options.SeedNumbers != "":
		if seed, err = settings.seed(requestNames); err != nil {
			return nil, err
		}
		numbers = true
	case seed == "" && !req.Options.CommitOnly:
		if env.NewSeed == nil {
			return inputErr(message.Errorf(message.JSONNoSeed))
		}
		if req.Options.SeedSource != "" {
			return inputErr(message.Errorf(message.JSONSeedSource))
		}
	}
	poolBytes, quotasBytes := req.poolBytes, req.quotasBytes
	if poolBytes == nil {
		if poolBytes, err = json.Marshal(req.Pool); err != nil {
			return inputErr(err)
		}
	}
	if quotasBytes == nil {
		if quotasBytes, err = json.Marshal(req.Quotas); err != nil {
			return inputErr(err)
		}
	}
	in.PoolFile = audit.File{Path: RequestPoolPath, SHA256: sha256Hex(poolBytes)}
	in.QuotaFile = audit.File{Path: RequestQuotasPath, SHA256: sha256Hex(quotasBytes)}
	in, _, err = Prepare(ctx, in, req.Options.Households, req.Options.Relax)
	if err != nil {
		return nil, err
	}
	in.PoolFile = audit.File{Path: RequestPoolPath, SHA256: sha256Hex(poolBytes)}
	in.QuotaFile = audit.File{Path: RequestQuotasPath, SHA256: sha256Hex(quotasBytes)}
	res, err := SelectFrom(ctx, in, SelectOptions{
		Households:   req.Options.Households,
		Algorithm:    req.Options.Algorithm,
		Panels:       req.Options.Panels,
		Seed:         seed,
		SeedNumbers:  numbers,
		NewSeed:      newSeed,
		SeedSource:   req.Options.SeedSource,
		CommitOnly:   req.Options.CommitOnly,
		Alternates:   req.Options.Alternates,
		Dropout:      dropout,
		Lang:         lang,
		Organisation: req.Options.Organisation,
		Contact:      req.Options.Contact,
		NoFiles:      !req.Options.Files,
		Tool:         env.Tool,
		Now:          env.Now,
		Progress:     env.Progress,
	})
	if err != nil {
		return nil, err
	}
	record := res.Record
	resp := &Response{Selected: []string{}, Audit: record, Files: res.Files}
	if record.Draw != nil {
		resp.Selected = append(resp.Selected, record.Draw.Selected...)
		resp.Alternates = append(resp.Alternates, record.Draw.Alternates...)
	}
	tickets, _, err := record.Tickets()
	if err != nil {
		return nil, &Error{Code: CodeInternal, Err: err}
	}
	for i, t := range tickets {
		resp.Probabilities = append(resp.Probabilities, Probability{ID: pool.People[i].ID, Probability: float64(t) / float64(record.Lottery.M)})
	}
	return resp, nil
}

// settings returns the request's seed, objective and report settings, as
// select's flags give them (Settings).
func (req *Request) settings() Settings {
	o := req.Options
	return Settings{Algorithm: o.Algorithm, Seed: req.Seed, SeedNumbers: o.SeedNumbers, SeedGiven: req.Seed != "", NumbersGiven: o.SeedNumbers != "",
		Lang: o.Lang, LangGiven: o.Lang != "", Organisation: o.Organisation, Contact: o.Contact}
}

// The names the audit record gives the inputs of a JSON request: they are
// members of the request, not files.
const (
	RequestPoolPath   = "(request).pool"
	RequestQuotasPath = "(request).quotas"
	// RequestDropoutModelPath names the dropout model of a request's
	// options (Options.DropoutModel).
	RequestDropoutModelPath = "(request).options.dropout_model"
)

// The names of the request's members in error messages, and the shape
// of a quota object.
const (
	poolName    = "pool"
	quotasName  = "quotas"
	quotaObject = `{"feature", "value", "min", "max"}`
)

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// HandleJSON is `tirage select --json` as a function: it reads one JSON
// request from in, makes the selection and writes one JSON response to out,
// followed by a newline, or {"error": {"code": …, "message": …}}, and
// returns the code: 0 on success, else the error's code (1, 2 or 3, as the
// command's exit codes).
func HandleJSON(ctx context.Context, in io.Reader, out io.Writer, env Env) int {
	resp, lang, err := handle(ctx, in, env)
	if err != nil {
		body := errorBody(err, lang)
		code := body.Code
		data, merr := json.Marshal(ErrorResponse{Error: body})
		if merr != nil {
			data = []byte(`{"error":{"code":3,"message":"cannot write the error"}}`)
			code = CodeInternal
		}
		out.Write(append(data, '\n'))
		return code
	}
	data, err := resp.MarshalJSON()
	if err != nil {
		data, _ = json.Marshal(ErrorResponse{Error: ErrorBody{Code: CodeInternal, Message: err.Error()}})
		out.Write(append(data, '\n'))
		return CodeInternal
	}
	if _, err := out.Write(append(data, '\n')); err != nil {
		return CodeInternal
	}
	return 0
}

// handle reads and serves a request; lang is the language of its messages
// (requestLang).
func handle(ctx context.Context, in io.Reader, env Env) (resp *Response, lang message.Lang, err error) {
	lang = message.English
	data, err := io.ReadAll(in)
	if err != nil {
		return nil, lang, &Error{Code: CodeInput, Err: message.Errorf(message.JSONUnreadable, "error", message.ReasonOf(err))}
	}
	lang = requestLang(data)
	req, err := ParseRequest(data)
	if err != nil {
		return nil, lang, &Error{Code: CodeInput, Err: err}
	}
	resp, err = Select(ctx, req, env)
	return resp, lang, err
}

// requestLang returns the language a request's "options.lang" names,
// read leniently so that a request refused for another member is still
// answered in its language; English when it names none, one tirage does
// not speak, or the request is not JSON.
func requestLang(data []byte) message.Lang {
	var r struct {
		Options struct {
			Lang string `json:"lang"`
		} `json:"options"`
	}
	if json.Unmarshal(data, &r) == nil {
		if lang, err := message.ParseLang(r.Options.Lang); err == nil {
			return lang
		}
	}
	return message.English
}

// poolCSV writes the pool rows as CSV, every field quoted: the header holds
// every column in the order they first appear, and a row leaves a column
// it does not give empty. It returns the row of the request (from 0) that
// starts on each line of the CSV, -1 for the header.
func poolCSV(rows []Row) ([]byte, map[int]int, error) {
	if len(rows) == 0 {
		return nil, nil, message.Errorf(message.JSONPoolEmpty)
	}
	var header []string
	col := map[string]int{}
	for _, r := range rows {
		for _, c := range r.Columns {
			if _, ok := col[c]; !ok {
				if strings.ContainsAny(c, "\r\n") {
					return nil, nil, message.Errorf(message.JSONColumnBreak, "column", strconv.Quote(c))
				}
				col[c] = len(header)
				header = append(header, c)
			}
		}
	}
	records := make([][]string, len(rows))
	for i, r := range rows {
		records[i] = make([]string, len(header))
		for j, c := range r.Columns {
			records[i][col[c]] = r.Values[j]
		}
	}
	data, lines := quotedCSV(header, records)
	return data, lines, nil
}

// quotaCSV writes the quota rows as a quota file of the
// feature,value,min,max,min_flex,max_flex format, every field quoted, and
// the row of the request that starts on each line.
func quotaCSV(rows []QuotaRow) ([]byte, map[int]int, error) {
	if len(rows) == 0 {
		return nil, nil, message.Errorf(message.JSONQuotasEmpty, "object", quotaObject)
	}
	header := []string{"feature", "value", "min", "max", "min_flex", "max_flex"}
	shares := false
	for _, r := range rows {
		shares = shares || r.Share != "" || r.Tolerance != ""
	}
	if shares {
		header = append(header, "share", "tolerance")
	}
	records := make([][]string, len(rows))
	for i, r := range rows {
		records[i] = []string{r.Feature, r.Value, string(r.Min), string(r.Max), string(r.MinFlex), string(r.MaxFlex)}
		if shares {
			records[i] = append(records[i], string(r.Share), string(r.Tolerance))
		}
	}
	data, lines := quotedCSV(header, records)
	return data, lines, nil
}

// quotedCSV writes a header and records with every field quoted, and
// returns for each line on which a record starts the record's index (-1
// for the header).
func quotedCSV(header []string, records [][]string) ([]byte, map[int]int) {
	var b bytes.Buffer
	lines := map[int]int{}
	line := 1
	write := func(i int, fields []string) {
		lines[line] = i
		for j, f := range fields {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
			line += strings.Count(f, "\n")
		}
		b.WriteByte('\n')
		line++
	}
	write(-1, header)
	for i, r := range records {
		write(i, r)
	}
	return b.Bytes(), lines
}

// relocate rewrites the input errors about a CSV made from request rows so
// that they name the request's rows, as in pool[3], instead of lines. The
// CSV is called member; errors about other files are left as they are.
func relocate(err error, member string, lines map[int]int) error {
	var list *quota.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	out := &quota.ErrorList{Omitted: list.Omitted}
	for _, e := range list.Errs {
		c := *e
		if e.File != member {
			out.Errs = append(out.Errs, &c)
			continue
		}
		c.File = member
		if i, ok := lines[e.Line]; ok && i >= 0 {
			c.File = fmt.Sprintf("%s[%d]", member, i)
		}
		c.Line = 0
		out.Errs = append(out.Errs, &c)
	}
	return out
}
