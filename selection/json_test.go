package selection_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/selection"
)

// request is a small request: three people in an order that is not the
// ids' sorted order, so that key order shows.
const request = `{
  "pool": [
    {"id": "zoe", "name": "Zoé", "gender": "female", "age": 31},
    {"id": "adam", "name": "Adam", "gender": "male", "age": null},
    {"id": "mia", "name": "Mia", "gender": "Female", "age": true}
  ],
  "quotas": [
    {"feature": "gender", "value": "female", "min": 1, "max": 1},
    {"feature": "gender", "value": "male", "min": "1", "max": 1}
  ],
  "k": 2,
  "seed": "public seed",
  "options": {"panels": 10}
}`

func handle(t *testing.T, req string, env selection.Env) (int, string) {
	t.Helper()
	var out bytes.Buffer
	code := selection.HandleJSON(context.Background(), strings.NewReader(req), &out, env)
	assert.True(t, strings.HasSuffix(out.String(), "}\n"), out.String())
	assert.True(t, json.Valid(out.Bytes()), out.String())
	return code, out.String()
}

func TestParseRequest(t *testing.T) {
	req, err := selection.ParseRequest([]byte(request))
	require.NoError(t, err)
	require.Len(t, req.Pool, 3)
	assert.Equal(t, []string{"id", "name", "gender", "age"}, req.Pool[0].Columns)
	assert.Equal(t, []string{"zoe", "Zoé", "female", "31"}, req.Pool[0].Values)
	assert.Equal(t, []string{"adam", "Adam", "male", ""}, req.Pool[1].Values)
	assert.Equal(t, "true", req.Pool[2].Values[3])
	assert.Equal(t, selection.QuotaRow{Feature: "gender", Value: "male", Min: "1", Max: "1"}, req.Quotas[1])
	assert.Equal(t, 2, req.K)
	assert.Equal(t, "public seed", req.Seed)
	assert.Equal(t, 10, req.Options.Panels)

	// A row writes back in its order.
	data, err := json.Marshal(req.Pool[0])
	require.NoError(t, err)
	assert.Equal(t, `{"id":"zoe","name":"Zoé","gender":"female","age":"31"}`, string(data))
}

func TestHandleJSON(t *testing.T) {
	code, out := handle(t, request, selection.Env{Now: fixed, Tool: audit.Tool{Name: "tirage", Version: "test"}})
	require.Equal(t, 0, code, out)

	// The members in order, the probabilities in pool order.
	assert.True(t, strings.HasPrefix(out, `{"selected":[`), out)
	probabilities := out[strings.Index(out, `"probabilities":`):strings.Index(out, `,"audit":`)]
	assert.Equal(t, `"probabilities":{"zoe":0.5,"adam":1,"mia":0.5}`, probabilities)
	assert.NotContains(t, out, `"files"`)

	var resp struct {
		Selected      []string
		Probabilities map[string]float64
		Audit         json.RawMessage
	}
	require.NoError(t, json.Unmarshal([]byte(out), &resp))
	assert.Len(t, resp.Selected, 2)
	assert.Contains(t, resp.Selected, "adam") // the only man is on every panel
	record, err := audit.ParseRecord(resp.Audit)
	require.NoError(t, err)
	assert.Equal(t, "public seed", record.Draw.Seed)
	assert.Equal(t, resp.Selected, record.Draw.Selected)
	// The digests are those of the members as sent.
	poolText := request[strings.Index(request, "["):strings.Index(request, `,
  "quotas"`)]
	sum := sha256.Sum256([]byte(poolText))
	assert.Equal(t, hex.EncodeToString(sum[:]), record.Inputs.Pool.SHA256)
	assert.Equal(t, selection.RequestPoolPath, record.Inputs.Pool.Path)
	// The ids and quota values only: no name in the record.
	assert.NotContains(t, string(resp.Audit), "Zoé")

	// Same request, same bytes.
	code2, out2 := handle(t, request, selection.Env{Now: fixed, Tool: audit.Tool{Name: "tirage", Version: "test"}})
	assert.Equal(t, 0, code2)
	assert.Equal(t, out, out2)
}

func TestHandleJSONFilesVerify(t *testing.T) {
	// With "files", the response holds the files select writes; they
	// verify as a selection's folder.
	req := strings.Replace(request, `"options": {"panels": 10}`, `"options": {"panels": 10, "files": true, "lang": "fr"}`, 1)
	code, out := handle(t, req, selection.Env{Now: fixed})
	require.Equal(t, 0, code, out)
	var resp struct {
		Audit json.RawMessage
		Files map[string]string
	}
	require.NoError(t, json.Unmarshal([]byte(out), &resp))
	names := []string{"probabilities.csv", "receipts.csv", "panel.csv", "remaining.csv", "report.html", "report.md", "audit.json",
		"public/audit.json", "public/probabilities.csv", "public/receipts.csv", "public/panel.csv", "public/report.html", "public/report.md"}
	// In the order select writes them.
	last := -1
	for _, name := range names {
		i := strings.Index(out, `"`+name+`":`)
		require.Greater(t, i, last, name)
		last = i
	}
	assert.Len(t, resp.Files, len(names))
	assert.Contains(t, resp.Files["report.md"], "# Rapport d'équité")
	// panel.csv and remaining.csv hold the pool's rows, names included.
	assert.Contains(t, resp.Files["panel.csv"]+resp.Files["remaining.csv"], "Zoé")
	fsys := fstest.MapFS{}
	for name, content := range resp.Files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	for _, c := range audit.Verify(context.Background(), audit.VerifyInput{Dir: fsys}) {
		assert.True(t, c.OK, "%s: %s", c.Name, c.Detail)
	}
	// The public folder verifies alone, and holds no name.
	public, err := fs.Sub(fsys, "public")
	require.NoError(t, err)
	for _, c := range audit.Verify(context.Background(), audit.VerifyInput{Dir: public}) {
		assert.True(t, c.OK, "public: %s: %s", c.Name, c.Detail)
	}
	for name, content := range resp.Files {
		if strings.HasPrefix(name, "public/") {
			assert.NotContains(t, content, "Zoé", name)
		}
	}
	// audit.json is the record of the response, in its canonical layout.
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, []byte(resp.Files["audit.json"])))
	assert.Equal(t, string(resp.Audit), compact.String())
}

func TestHandleJSONCommitOnly(t *testing.T) {
	req := strings.Replace(request, `"seed": "public seed",`, ``, 1)
	req = strings.Replace(req, `"options": {"panels": 10}`, `"options": {"panels": 10, "commit_only": true}`, 1)
	code, out := handle(t, req, selection.Env{Now: fixed})
	require.Equal(t, 0, code, out)
	assert.True(t, strings.HasPrefix(out, `{"selected":[],"probabilities":{"zoe":0.5,"adam":1,"mia":0.5},"audit":{`), out)
	assert.Contains(t, out, `"draw":null`)
}

func TestHandleJSONSeeds(t *testing.T) {
	noSeed := strings.Replace(request, `"seed": "public seed",`, ``, 1)
	code, out := handle(t, noSeed, selection.Env{Now: fixed})
	assert.Equal(t, selection.CodeInput, code)
	assert.Contains(t, out, `the request has no \"seed\"`)

	fresh := strings.Repeat("0f", audit.SeedBytes)
	generate := selection.Env{Now: fixed, NewSeed: func() (string, error) { return fresh, nil }}
	code, out = handle(t, noSeed, generate)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, `"seed":"`+fresh+`","seed_kind":"generated"`)
	// A generated seed has no source to announce.
	sourced := strings.Replace(noSeed, `"options": {"panels": 10}`, `"options": {"panels": 10, "seed_source": "the lottery of Friday"}`, 1)
	code, out = handle(t, sourced, generate)
	assert.Equal(t, selection.CodeInput, code)
	assert.Contains(t, out, `options.seed_source`)

	numbers := strings.Replace(noSeed, `"options": {"panels": 10}`, `"options": {"panels": 10, "seed_numbers": "22 17 20 / 9"}`, 1)
	code, out = handle(t, numbers, selection.Env{Now: fixed})
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, `"seed":"17.20.22./9./","seed_kind":"rfc3797"`)
	code, out = handle(t, request, selection.Env{Now: fixed})
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, `"seed":"public seed","seed_kind":"text"`)

	// The source announced with a commitment is committed.
	committed := strings.Replace(sourced, `"options": {`, `"options": {"commit_only": true, `, 1)
	code, out = handle(t, committed, selection.Env{Now: fixed})
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, `"seed_source":"the lottery of Friday"`)
	assert.Contains(t, out, `"draw":null`)
}

func TestHandleJSONErrors(t *testing.T) {
	with := func(old, new string) string {
		require.Contains(t, request, old)
		return strings.Replace(request, old, new, 1)
	}
	tests := []struct {
		name, req string
		code      int
		want      string
	}{
		{"not JSON", "{", 2, "the request is not valid JSON"},
		{"not an object", "[]", 2, "the request must be an object"},
		{"unknown member", `{"pool": [], "quota": []}`, 2, `the request has an unknown member \"quota\"`},
		{"no pool", `{"quotas": [], "k": 1}`, 2, `the request has no \"pool\"`},
		{"no k", with(`"k": 2,`, ``), 2, `the request has no \"k\"`},
		{"k text", with(`"k": 2,`, `"k": "2",`), 2, `\"k\" must be a whole number`},
		{"k too large", with(`"k": 2,`, `"k": 4,`), 2, `\"k\": the panel size 4 is larger than the pool (3 people)`},
		{"empty pool", with(request[strings.Index(request, `"pool"`):strings.Index(request, `"quotas"`)], `"pool": [], `), 2, `\"pool\" is empty`},
		{"pool row not an object", with(`{"id": "adam", "name": "Adam", "gender": "male", "age": null}`, `["adam"]`), 2, "pool[1]"},
		{"pool value an object", with(`"age": null`, `"age": {}`), 2, `pool[1]: the value of \"age\" must be text`},
		{"duplicate column", with(`"age": null`, `"age": 1, "age": 2`), 2, `pool[1]: the column \"age\" is given twice`},
		{"unknown value", with(`"gender": "male"`, `"gender": "mal"`), 2, `pool[1], column \"gender\": \"mal\" is not a value of gender in the quotas (did you mean \"male\"?)`},
		{"duplicate id", with(`{"id": "adam"`, `{"id": "zoe"`), 2, `pool[1], column \"id\": the id \"zoe\" is already used`},
		{"bad bound", with(`"min": "1"`, `"min": "one"`), 2, `quotas[1], column \"min\": min must be a whole number, 0 or more, not \"one\"`},
		{"bound a list", with(`"min": "1"`, `"min": [1]`), 2, `quotas[1], column \"min\": min must be a whole number`},
		{"unknown quota member", with(`"min": "1"`, `"minimum": "1"`), 2, `quotas[1] has an unknown member \"minimum\"`},
		{"quota column missing", with(`"gender": "male", "age": null`, `"sex": "male"`), 2, `pool[1], column \"gender\": the value of gender is empty`},
		{"bad option", with(`"panels": 10`, `"panel": 10`), 2, `options has an unknown member \"panel\"`},
		{"bad lang", with(`"panels": 10`, `"lang": "de"`), 2, `options.lang`},
		{"two seeds", with(`"panels": 10`, `"seed_numbers": "1 2"`), 2, `give \"seed\" or \"options.seed_numbers\", not both`},
		{"bad households", with(`"panels": 10`, `"households": ["address"]`), 2, `household column \"address\" is not in the pool`},
		{"counting", with(`"k": 2,`, `"k": 3,`), 1, "the quotas cannot be met: no panel of 3 people meets them all (exact search)"},
		{"infeasible", with(`"min": "1", "max": 1`, `"min": 0, "max": 0`), 1, "the quotas cannot be met"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := handle(t, tt.req, selection.Env{Now: fixed})
			assert.Equal(t, tt.code, code, out)
			assert.True(t, strings.HasPrefix(out, fmt.Sprintf(`{"error":{"code":%d,"message":"`, tt.code)), out)
			assert.Contains(t, out, tt.want)
		})
	}
}

func TestErrorLinesWithLineBreaks(t *testing.T) {
	// A value with line breaks spans lines of the CSV made from the rows:
	// the error still names the right row.
	req := strings.Replace(request, `"name": "Adam"`, `"name": "Adam\nof\nthe garden"`, 1)
	req = strings.Replace(req, `"gender": "Female"`, `"gender": "femme"`, 1)
	code, out := handle(t, req, selection.Env{Now: fixed})
	assert.Equal(t, 2, code)
	assert.Contains(t, out, `pool[2], column \"gender\": \"femme\"`)
}

func TestRequestBuiltInGo(t *testing.T) {
	// A request made in Go, not parsed: its digests are those of the
	// members' JSON encoding.
	req := &selection.Request{
		Pool: []selection.Row{
			{Columns: []string{"id", "gender"}, Values: []string{"a", "female"}},
			{Columns: []string{"id", "gender"}, Values: []string{"b", "male"}},
		},
		Quotas: []selection.QuotaRow{{Feature: "gender", Value: "female", Min: "1", Max: "1"}, {Feature: "gender", Value: "male", Min: "0", Max: "1"}},
		K:      1,
		Seed:   "s",
	}
	resp, err := selection.Select(context.Background(), req, selection.Env{Now: fixed})
	require.NoError(t, err)
	assert.Equal(t, []string{"a"}, resp.Selected)
	assert.Equal(t, []selection.Probability{{ID: "a", Probability: 1}, {ID: "b", Probability: 0}}, resp.Probabilities)
	sum := sha256.Sum256([]byte(`[{"id":"a","gender":"female"},{"id":"b","gender":"male"}]`))
	assert.Equal(t, hex.EncodeToString(sum[:]), resp.Audit.Inputs.Pool.SHA256)
	sum = sha256.Sum256([]byte(`[{"feature":"gender","value":"female","min":1,"max":1},{"feature":"gender","value":"male","min":0,"max":1}]`))
	assert.Equal(t, hex.EncodeToString(sum[:]), resp.Audit.Inputs.Quotas.SHA256)
}

func TestDocumentedExample(t *testing.T) {
	// The requests in doc/json.md are valid and select; the second
	// chooses its alternates for dropouts, as the text says.
	doc, err := os.ReadFile(filepath.Join("..", "doc", "json.md"))
	require.NoError(t, err)
	blocks := strings.Split(string(doc), "```json\n{\n  \"pool\"")
	require.Len(t, blocks, 3, "doc/json.md has two example requests")
	for i, block := range blocks[1:] {
		body := `{"pool"` + block[:strings.Index(block, "```")]
		code, out := handle(t, body, selection.Env{Now: fixed})
		require.Equal(t, 0, code, out)
		if i == 1 {
			var resp struct {
				Alternates []string
				Audit      audit.Record
			}
			require.NoError(t, json.Unmarshal([]byte(out), &resp))
			assert.Equal(t, []string{"p4", "p1"}, resp.Alternates)
			require.NotNil(t, resp.Audit.Draw.Dropout)
			assert.Equal(t, "dropout", resp.Audit.Draw.Dropout.Column)
			assert.Contains(t, string(doc), "`alternates` are then `"+`["p4","p1"]`+"`")
		}
	}
}

// TestHandleJSONDropoutModel: a request's dropout model is the object
// `tirage dropout-model` writes, recorded by the digest of its bytes as
// sent; settings that cannot be used are errors that name them, in the
// request's language.
func TestHandleJSONDropoutModel(t *testing.T) {
	m, err := selection.FitDropoutModel(selection.ModelInput{
		Histories: []selection.File{file(t, "dropout", "history2024.csv")}, Features: []string{"gender"}})
	require.NoError(t, err)
	model := bytes.TrimSpace(m.File)
	pool := `[{"id":"a","gender":"female"},{"id":"b","gender":"female"},{"id":"c","gender":"male"},{"id":"d","gender":"male"},{"id":"e","gender":"male"}]`
	quotas := `[{"feature":"gender","value":"female","min":1,"max":1},{"feature":"gender","value":"male","min":1,"max":1}]`
	req := func(options string) string {
		return `{"pool":` + pool + `,"quotas":` + quotas + `,"k":2,"seed":"s","options":{` + options + `}}`
	}
	code, out := handle(t, req(`"alternates":2,"scenarios":50,"dropout_model":`+string(model)), selection.Env{Now: fixed, Workers: 2})
	require.Equal(t, 0, code, out)
	var resp struct{ Audit audit.Record }
	require.NoError(t, json.Unmarshal([]byte(out), &resp))
	d := resp.Audit.Draw.Dropout
	require.NotNil(t, d)
	sum := sha256.Sum256(model)
	assert.Equal(t, selection.RequestDropoutModelPath, d.Model)
	assert.Equal(t, hex.EncodeToString(sum[:]), d.ModelSHA256)
	assert.Equal(t, 50, d.Scenarios)

	for _, c := range []struct{ options, lang, message string }{
		{`"alternates":2,"dropout_column":"x","dropout_model":` + string(model), "en", `give \"options.dropout_column\" or \"options.dropout_model\", not both`},
		{`"dropout_column":"x"`, "fr", `\"options.dropout_column\" choisit les suppléants pour les désistements à venir : donnez leur nombre avec \"options.alternates\"`},
		{`"alternates":2,"dropout_column":"x","scenarios":100001`, "en", `\"options.scenarios\" must be between 1 and 100000, not 100001`},
		{`"alternates":2,"dropout_model":{"base":2}`, "en", `(request).options.dropout_model: `},
		{`"alternates":2,"dropout_column":"nope"`, "en", `there is no dropout column`},
	} {
		code, out := handle(t, req(c.options+`,"lang":"`+c.lang+`"`), selection.Env{Now: fixed})
		assert.Equal(t, selection.CodeInput, code, out)
		assert.Contains(t, out, `"message":"`+c.message, c.options)
	}
}

func TestSelectJSONAlternates(t *testing.T) {
	req, err := selection.ParseRequest([]byte(`{"pool":[{"id":"a","g":"f"},{"id":"b","g":"m"},{"id":"c","g":"f"},{"id":"d","g":"m"},{"id":"e","g":"f"}],
		"quotas":[{"feature":"g","value":"f","min":1,"max":1},{"feature":"g","value":"m","min":1,"max":1}],"k":2,"seed":"s","options":{"alternates":2}}`))
	require.NoError(t, err)
	resp, err := selection.Select(context.Background(), req, selection.Env{Tool: audit.Tool{Name: "tirage", Version: "test"}})
	require.NoError(t, err)
	require.Len(t, resp.Alternates, 2)
	assert.Equal(t, resp.Audit.Draw.Alternates, resp.Alternates)
	b, err := resp.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(b), fmt.Sprintf(`],"alternates":["%s","%s"],"probabilities":`, resp.Alternates[0], resp.Alternates[1]))
}

// unmetRequest asks for 3 women from a pool of 2.
const unmetRequest = `{
  "pool": [
    {"id": "a", "gender": "female"},
    {"id": "b", "gender": "female"},
    {"id": "c", "gender": "male"},
    {"id": "d", "gender": "male"}
  ],
  "quotas": [
    {"feature": "gender", "value": "female", "min": 3, "max": 3},
    {"feature": "gender", "value": "male", "min": 0, "max": 3}
  ],
  "k": 3,
  "seed": "public seed"OPTIONS
}`

func TestHandleJSONConflicts(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			req := strings.Replace(unmetRequest, "OPTIONS", `, "options": {"lang": "`+lang+`"}`, 1)
			code, out := handle(t, req, selection.Env{Now: fixed})
			require.Equal(t, 1, code, out)
			var resp struct {
				Error struct {
					Code      int
					Message   string
					Conflicts []struct {
						Bounds []struct {
							Feature, Value, Bound string
							Limit                 int
						}
						Reason struct {
							Code string
							Args map[string]any
						}
						Message string
					}
					Relaxation struct {
						Seats   int
						Changes []struct {
							Feature, Value, Bound string
							From, To              int
							Message               string
						}
					}
				}
			}
			require.NoError(t, json.Unmarshal([]byte(out), &resp), out)
			e := resp.Error
			require.Len(t, e.Conflicts, 1, out)
			c := e.Conflicts[0]
			require.Len(t, c.Bounds, 1)
			assert.Equal(t, "gender", c.Bounds[0].Feature)
			assert.Equal(t, "female", c.Bounds[0].Value)
			assert.Equal(t, "min", c.Bounds[0].Bound)
			assert.Equal(t, 3, c.Bounds[0].Limit)
			assert.Equal(t, "conflict-min-above-pool", c.Reason.Code)
			assert.Equal(t, 2.0, c.Reason.Args["pool"])
			assert.Equal(t, 1, e.Relaxation.Seats)
			require.Len(t, e.Relaxation.Changes, 1)
			ch := e.Relaxation.Changes[0]
			assert.Equal(t, []any{"gender", "female", "min", 3, 2}, []any{ch.Feature, ch.Value, ch.Bound, ch.From, ch.To})
			if lang == "en" {
				assert.Equal(t, `at least 3 people with gender "female" are required, but the pool has only 2`, c.Message)
				assert.Equal(t, `lower the min of gender "female" from 3 to 2`, ch.Message)
			} else {
				assert.Equal(t, `il faut au moins 3 personnes avec gender "female", mais le vivier n'en compte que 2`, c.Message)
				assert.Equal(t, `abaisser le min de gender "female" de 3 à 2`, ch.Message)
			}
		})
	}
	// Quotas that no relaxation within the flex limits can meet.
	req := strings.Replace(unmetRequest, `"min": 3, "max": 3}`, `"min": 3, "max": 3, "min_flex": 3}`, 1)
	code, out := handle(t, strings.Replace(req, "OPTIONS", "", 1), selection.Env{Now: fixed})
	require.Equal(t, 1, code, out)
	assert.Contains(t, out, `"relaxation":{"seats":0,"changes":[],"none":{"code":"no-relaxation"},"message":"no relaxation of the quotas within their min_flex and max_flex lets a panel meet them"}`)
}

func TestHandleJSONRelax(t *testing.T) {
	req := strings.Replace(unmetRequest, "OPTIONS", `, "options": {"relax": true, "panels": 10}`, 1)
	code, out := handle(t, req, selection.Env{Now: fixed})
	require.Equal(t, 0, code, out)
	var resp struct {
		Selected []string
		Audit    json.RawMessage
	}
	require.NoError(t, json.Unmarshal([]byte(out), &resp))
	assert.Len(t, resp.Selected, 3)
	record, err := audit.ParseRecord(resp.Audit)
	require.NoError(t, err)
	require.Len(t, record.Relaxation, 1, "the relaxation is recorded")
	// Both women are on every panel: the relaxed min is 2.
	assert.Contains(t, resp.Selected, "a")
	assert.Contains(t, resp.Selected, "b")

	// Relax changes nothing when the quotas can be met.
	code, out = handle(t, strings.Replace(request, `"panels": 10`, `"panels": 10, "relax": true`, 1), selection.Env{Now: fixed})
	require.Equal(t, 0, code, out)
	assert.NotContains(t, out, `"relaxation"`)
}

func TestHandleJSONShares(t *testing.T) {
	req := strings.Replace(unmetRequest, `"min": 3, "max": 3}`, `"share": "50%", "tolerance": 1}`, 1)
	req = strings.Replace(req, `"min": 0, "max": 3}`, `"share": 0.5}`, 1)
	req = strings.Replace(req, `"k": 3`, `"k": 2`, 1)
	code, out := handle(t, strings.Replace(req, "OPTIONS", `, "options": {"panels": 10}`, 1), selection.Env{Now: fixed})
	require.Equal(t, 0, code, out)
	var resp struct{ Audit json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(out), &resp))
	record, err := audit.ParseRecord(resp.Audit)
	require.NoError(t, err)
	// 50% of 2 is 1 seat, ± 1 for women, exactly 1 for men.
	require.Len(t, record.Quotas, 1)
	q := record.Quotas[0]
	assert.Equal(t, []int{0, 1}, q.Min, "%+v", q)
	assert.Equal(t, []int{2, 1}, q.Max, "%+v", q)

	// A share and min: refused as in a quota file.
	bad := strings.Replace(req, `"share": 0.5}`, `"share": 0.5, "min": 1}`, 1)
	code, out = handle(t, strings.Replace(bad, "OPTIONS", "", 1), selection.Env{Now: fixed})
	assert.Equal(t, 2, code)
	assert.Contains(t, out, `quotas[1], column \"share\": the row gives a share and min or max`)
	assert.Contains(t, out, `"kind":"bad-share"`)
}

func TestHandleJSONErrorsInFrench(t *testing.T) {
	req := strings.Replace(request, `"gender": "male"`, `"gender": "mal"`, 1)
	req = strings.Replace(req, `"panels": 10`, `"panels": 10, "lang": "fr"`, 1)
	code, out := handle(t, req, selection.Env{Now: fixed})
	assert.Equal(t, 2, code)
	assert.Contains(t, out, `"message":"pool[1], colonne \"gender\" : \"mal\" n'est pas une valeur de gender dans les quotas (vouliez-vous dire \"male\" ?)`)
	assert.Contains(t, out, `"suggestion":"male"`)
	assert.NotContains(t, out, "is not a value")
}

// TestHandleJSONRequestErrorsInFrench: a request that names French is
// refused in French, with the reason as data, even when it is refused for
// its structure (an unknown member, a member of the wrong type), before
// the rest is read.
func TestHandleJSONRequestErrorsInFrench(t *testing.T) {
	fr := strings.Replace(request, `"panels": 10`, `"panels": 10, "lang": "fr"`, 1)
	with := func(old, new string) string {
		require.Contains(t, fr, old)
		return strings.Replace(fr, old, new, 1)
	}
	tests := []struct {
		name, req, message, code string
	}{
		{"unknown member", with(`"k": 2,`, `"k": 2, "seeds": 1,`), `la requête a un membre inconnu, \"seeds\" ; ses membres sont pool, quotas, k, seed et options`, "json-unknown-member"},
		{"k text", with(`"k": 2,`, `"k": "2",`), `\"k\" doit être un nombre entier, et non \"2\"`, "json-k-not-whole"},
		{"pool row not an object", with(`{"id": "adam", "name": "Adam", "gender": "male", "age": null}`, `["adam"]`), `pool[1] : une personne doit être un objet de noms de colonnes et de textes`, "json-at"},
		{"duplicate column", with(`"age": null`, `"age": 1, "age": 2`), `pool[1] : la colonne \"age\" est donnée deux fois`, "json-at"},
		{"quotas a number", with(`"k": 2,`, `"k": 2, "quotas": 3,`), `\"quotas\" doit être une liste d'objets`, "json-not-list"},
		{"option of the wrong type", with(`"panels": 10`, `"panels": "dix"`), `options.panels doit être un nombre entier, et non une valeur JSON de type string`, "json-wrong-type"},
		{"commit only with a seed", with(`"panels": 10`, `"panels": 10, "commit_only": true`), `\"options.commit_only\" ne tire rien`, "json-commit-seed"},
		{"k too large", with(`"k": 2,`, `"k": 4,`), `\"k\" : la taille du panel`, "json-at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := handle(t, tt.req, selection.Env{Now: fixed})
			assert.Equal(t, 2, code, out)
			assert.Contains(t, out, `"message":"`+tt.message, out)
			assert.Contains(t, out, `"reason":{"code":"`+tt.code+`"`, out)
		})
	}

	// The same request in English: the English words, the same reason.
	code, out := handle(t, strings.Replace(request, `"k": 2,`, `"k": "2",`, 1), selection.Env{Now: fixed})
	assert.Equal(t, 2, code)
	assert.Contains(t, out, `{"error":{"code":2,"message":"\"k\" must be a whole number, not \"2\"","reason":{"code":"json-k-not-whole","args":{"value":"\"2\""}}}}`)
}
