package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// testFile reads a file of the repository's testdata as a File.
func testFile(t *testing.T, parts ...string) File {
	t.Helper()
	p := filepath.Join(append([]string{"..", "testdata"}, parts...)...)
	data, err := os.ReadFile(p)
	require.NoError(t, err)
	return File{Name: filepath.Base(p), Data: data}
}

// call runs op on req through API.Call and decodes the result into out,
// returning the *Error when the call fails.
func call(t *testing.T, op string, req, out any) *Error {
	t.Helper()
	body, err := json.Marshal(req)
	require.NoError(t, err)
	api := &API{Tool: audit.Tool{Name: "tirage", Version: "test"}}
	data, err := api.Call(context.Background(), op, body, nil)
	if err != nil {
		var e *Error
		require.ErrorAs(t, err, &e)
		return e
	}
	require.NoError(t, json.Unmarshal(data, out))
	return nil
}

// unzip returns the files of a zip.
func unzip(t *testing.T, data []byte) fstest.MapFS {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	m := fstest.MapFS{}
	for _, f := range z.File {
		r, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(r)
		require.NoError(t, err)
		m[f.Name] = &fstest.MapFile{Data: b}
	}
	return m
}

// failed returns the names of the failed checks.
func failed(checks []audit.Check) []string {
	var out []string
	for _, c := range checks {
		if !c.OK {
			out = append(out, c.Name+": "+c.Detail)
		}
	}
	return out
}

func TestSelectGivesZipsThatVerify(t *testing.T) {
	pool, quotas := testFile(t, "example", "pool.csv"), testFile(t, "example", "quotas.csv")
	var o Outcome
	require.Nil(t, call(t, "select", SelectRequest{Inputs: Inputs{Pool: pool, Quotas: quotas, K: 30}, Seed: Seed{Text: "example"}}, &o))
	assert.Equal(t, 30, o.Summary.Selected)
	assert.Equal(t, "leximin", o.Summary.Algorithm)
	assert.InDelta(t, o.Summary.UpperBound, o.Summary.Minimum, 1e-6)
	assert.Contains(t, o.Report, "<html")

	public := unzip(t, o.Public.Data)
	assert.Contains(t, public, audit.RecordFile)
	for name, f := range public {
		assert.NotRegexp(t, `@example\.org|Chestnut|Gonçalves`, string(f.Data), "personal data in the public %s", name)
	}
	checks := audit.Verify(context.Background(), audit.VerifyInput{Dir: public, Pool: pool.Data, PoolName: pool.Name, Quotas: quotas.Data, QuotasName: quotas.Name})
	assert.Empty(t, failed(checks))
	private := unzip(t, o.Private.Data)
	assert.Contains(t, private, "remaining.csv")
	assert.Contains(t, private, "public/audit.json")

	// The same files give the same zip, whenever it is made.
	var sf []selection.File
	for name, f := range public {
		sf = append(sf, selection.File{Name: name, Content: f.Data})
	}
	sort.Slice(sf, func(i, j int) bool { return sf[i].Name < sf[j].Name })
	first, err := Zip(sf)
	require.NoError(t, err)
	second, err := Zip(sf)
	require.NoError(t, err)
	assert.Equal(t, first, second)

	// verify, through the API, on the zip and on the files, then tampered.
	var v VerifyResponse
	require.Nil(t, call(t, "verify", VerifyRequest{Bundle: []File{o.Public}, Pool: &pool, Quotas: &quotas}, &v))
	assert.True(t, v.Verified, "%+v", v.Checks)
	assert.NotEmpty(t, v.CannotProve)
	var files []File
	for name, f := range public {
		data := f.Data
		if name == audit.PanelFile {
			lines := strings.Split(string(data), "\n")
			lines[1], lines[2] = lines[2], lines[1]+"x"
			data = []byte(strings.Join(lines, "\n"))
		}
		files = append(files, File{Name: name, Data: data})
	}
	require.Nil(t, call(t, "verify", VerifyRequest{Bundle: files}, &v))
	assert.False(t, v.Verified)
	assert.Positive(t, v.Failed)
	// Each check's name and detail come as data too, read back from the
	// JSON: the same sentences in English, and others in French.
	for _, c := range v.Checks {
		assert.Equal(t, c.Detail, c.Reason.String(), c.Name)
		assert.Equal(t, c.Name, c.Title.String())
		assert.NotEqual(t, c.Detail, c.Reason.In(message.French), c.Name)
	}
}

func TestCommitThenDraw(t *testing.T) {
	pool, quotas := testFile(t, "example", "pool.csv"), testFile(t, "example", "quotas.csv")
	var committed, drawn Outcome
	require.Nil(t, call(t, "select", SelectRequest{Inputs: Inputs{Pool: pool, Quotas: quotas, K: 30}, CommitOnly: true, SeedSource: "a public draw"}, &committed))
	assert.False(t, committed.Summary.Drawn)
	require.Nil(t, call(t, "draw", DrawRequest{Bundle: []File{committed.Private}, Pool: pool, Seed: Seed{Text: "example"}, Alternates: 3}, &drawn))
	assert.True(t, drawn.Summary.Drawn)
	assert.Equal(t, committed.Summary.Commitment, drawn.Summary.Commitment)
	assert.Equal(t, 3, drawn.Summary.Alternates)
	checks := audit.Verify(context.Background(), audit.VerifyInput{Dir: unzip(t, drawn.Public.Data), Pool: pool.Data, PoolName: pool.Name, Quotas: quotas.Data, QuotasName: quotas.Name})
	assert.Empty(t, failed(checks))

	// Drawn once only; the pool must be the committed one.
	var again Outcome
	e := call(t, "draw", DrawRequest{Bundle: []File{drawn.Private}, Pool: pool, Seed: Seed{Text: "example"}}, &again)
	require.NotNil(t, e)
	assert.Contains(t, e.Message, "already been drawn")
	other := pool
	other.Data = append(append([]byte(nil), pool.Data...), '\n')
	e = call(t, "draw", DrawRequest{Bundle: []File{committed.Private}, Pool: other, Seed: Seed{Text: "example"}}, &again)
	require.NotNil(t, e)
	assert.Contains(t, e.Message, "not the one the lottery was committed with")

	// The same refusals on the French pages.
	fr := Byline{Lang: "fr"}
	e = call(t, "draw", DrawRequest{Bundle: []File{drawn.Private}, Pool: pool, Seed: Seed{Text: "example"}, Byline: fr}, &again)
	require.NotNil(t, e)
	assert.Contains(t, e.Message, "la loterie a déjà été tirée")
	e = call(t, "draw", DrawRequest{Bundle: []File{committed.Private}, Pool: other, Seed: Seed{Text: "example"}, Byline: fr}, &again)
	require.NotNil(t, e)
	assert.Contains(t, e.Message, "n'est pas celui avec lequel la loterie a été engagée")
}

func TestInfeasibleQuotasAndTheRelaxation(t *testing.T) {
	pool, quotas := testFile(t, "conflicts", "min_above_pool", "pool.csv"), testFile(t, "conflicts", "min_above_pool", "quotas.csv")
	in := Inputs{Pool: pool, Quotas: quotas, K: 10}
	var c CheckResponse
	require.Nil(t, call(t, "check", CheckRequest{Inputs: in}, &c))
	assert.False(t, c.Feasible)
	require.Len(t, c.Conflicts, 1)
	assert.Contains(t, c.Conflicts[0].Reason, "non-literate")
	require.NotNil(t, c.Relaxation)
	assert.Equal(t, 2, c.Relaxation.Seats)
	assert.Contains(t, string(c.Relaxation.QuotaFile.Data), "non-literate,6,10")

	// select refuses, with the check; relaxed, it selects and verifies
	// against the quota file as given.
	var o Outcome
	e := call(t, "select", SelectRequest{Inputs: in, Seed: Seed{Text: "example"}}, &o)
	require.NotNil(t, e)
	assert.Equal(t, 1, e.Code)
	require.NotNil(t, e.Check)
	assert.NotNil(t, e.Check.Relaxation)

	in.Relax = true
	require.Nil(t, call(t, "check", CheckRequest{Inputs: in}, &c))
	assert.True(t, c.Feasible)
	assert.True(t, c.Relaxed)
	require.Nil(t, call(t, "select", SelectRequest{Inputs: in, Seed: Seed{Text: "example"}}, &o))
	assert.Equal(t, []string{`lower the min of literacy "non-literate" from 8 to 6`}, o.Summary.Relaxation)
	checks := audit.Verify(context.Background(), audit.VerifyInput{Dir: unzip(t, o.Public.Data), Pool: pool.Data, PoolName: pool.Name, Quotas: quotas.Data, QuotasName: quotas.Name})
	assert.Empty(t, failed(checks))
}

func TestInputProblemsAtTheirPlace(t *testing.T) {
	pool := testFile(t, "example", "pool.csv")
	quotas := File{Name: "quotas.csv", Data: []byte("feature,value,min,max\ngender,female,14,seventeen\n")}
	var c CheckResponse
	e := call(t, "check", CheckRequest{Inputs: Inputs{Pool: pool, Quotas: quotas, K: 30}}, &c)
	require.NotNil(t, e)
	assert.Equal(t, 2, e.Code)
	require.NotEmpty(t, e.Problems)
	assert.Equal(t, "quotas.csv", e.Problems[0].File)
	assert.Equal(t, 2, e.Problems[0].Line)

	e = call(t, "nothing", struct{}{}, &c)
	require.NotNil(t, e)
	assert.Contains(t, e.Message, "no operation")
	e = call(t, "check", map[string]any{"pool": pool, "unknown": 1}, &c)
	require.NotNil(t, e)
	assert.Contains(t, e.Message, "unknown")
}

func TestCompare(t *testing.T) {
	pool, quotas := testFile(t, "example", "pool.csv"), testFile(t, "example", "quotas.csv")
	var c CompareResponse
	require.Nil(t, call(t, "compare", CompareRequest{Inputs: Inputs{Pool: pool, Quotas: quotas, K: 30}, Algorithms: []string{"maximin", "leximin"}}, &c))
	require.Len(t, c.Rows, 2)
	assert.InDelta(t, c.Rows[0].Minimum, c.Rows[1].Minimum, 1e-6)
	assert.True(t, c.Rows[0].Certified)
}

func TestHandlerAnswersOnlyThisComputer(t *testing.T) {
	h := Handler(&API{}, Options{Lang: "fr"})
	get := func(host, path string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", path, nil)
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	w := get("127.0.0.1:8080", "/api/info")
	assert.Equal(t, http.StatusOK, w.Code)
	assert.JSONEq(t, `{"backend":"native","lang":"fr"}`, w.Body.String())
	assert.Contains(t, w.Header().Get("Content-Security-Policy"), "default-src 'self'")
	assert.Equal(t, http.StatusOK, get("localhost:8080", "/style.css").Code)
	assert.Equal(t, http.StatusForbidden, get("attacker.example:8080", "/api/info").Code)

	// A page of another site cannot call the API.
	r := httptest.NewRequest("POST", "/api/check", strings.NewReader("{}"))
	r.Host = "127.0.0.1:8080"
	r.Header.Set("Origin", "http://attacker.example")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	assert.Equal(t, http.StatusForbidden, rec.Code)

	// An API error is a line of JSON with the code.
	r = httptest.NewRequest("POST", "/api/check", strings.NewReader(`{"k": 3}`))
	r.Host = "127.0.0.1:8080"
	r.Header.Set("Origin", "http://127.0.0.1:8080")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.JSONEq(t, `{"error":{"code":2,"message":"choose the quota file","reason":{"code":"web-choose-quotas"}}}`, rec.Body.String())
}

func TestBundleFindsTheRecordInAZip(t *testing.T) {
	// The record nearest the top of the zip: the folder's, not public/'s.
	data, err := Zip([]selection.File{{Name: "x/public/audit.json", Content: []byte("[]")}, {Name: "x/audit.json", Content: []byte("{}")}})
	require.NoError(t, err)
	fsys, err := bundleFS([]File{{Name: "bundle.zip", Data: data}})
	require.NoError(t, err)
	got, err := fs.ReadFile(fsys, "audit.json")
	require.NoError(t, err)
	assert.Equal(t, "{}", string(got))
	_, err = bundleFS([]File{{Name: "bad.zip", Data: []byte("not a zip")}})
	assert.ErrorContains(t, err, "not a zip file")
}

func TestWarmUpSelects(t *testing.T) {
	assert.NoError(t, (&API{}).WarmUp(context.Background()))
}

func TestBylineChecked(t *testing.T) {
	var o Outcome
	e := call(t, "select", SelectRequest{Inputs: Inputs{Pool: testFile(t, "example", "pool.csv"), Quotas: testFile(t, "example", "quotas.csv"), K: 30},
		Seed: Seed{Text: "example"}, Byline: Byline{Organisation: "two\nlines"}}, &o)
	require.NotNil(t, e)
	assert.Equal(t, 2, e.Code)
}

// TestRequestErrorsInTheRequestsLanguage makes each of the app's own checks
// of a request fail, in English and in French: every one carries its
// reason, its message is that reason in the request's language, and the
// French says it in French.
func TestRequestErrorsInTheRequestsLanguage(t *testing.T) {
	pool, quotas := testFile(t, "example", "pool.csv"), testFile(t, "example", "quotas.csv")
	in := Inputs{Pool: pool, Quotas: quotas, K: 30}
	notZip := File{Name: "bundle.zip", Data: []byte("not a zip")}
	cases := []struct {
		op   string
		req  func(lang string) any
		code message.Code
	}{
		{"nothing", func(lang string) any { return map[string]string{"lang": lang} }, message.WebNoOperation},
		{"check", func(lang string) any { return map[string]any{"lang": lang, "unknown": 1} }, message.WebBadRequest},
		{"check", func(lang string) any { return CheckRequest{Inputs: Inputs{Pool: pool, K: 30}, Lang: lang} }, message.WebChooseQuotas},
		{"check", func(lang string) any { return CheckRequest{Inputs: Inputs{Quotas: quotas, K: 30}, Lang: lang} }, message.WebChoosePool},
		{"check", func(lang string) any { return CheckRequest{Inputs: Inputs{Pool: pool, Quotas: quotas}, Lang: lang} }, message.WebPanelSize},
		{"select", func(lang string) any { return SelectRequest{Inputs: in, Byline: Byline{Lang: lang}} }, message.CLISeedEmpty},
		{"select", func(lang string) any {
			return SelectRequest{Inputs: in, Byline: Byline{Lang: lang}, Seed: Seed{Text: "x", Kind: "dice"}}
		}, message.WebSeedKind},
		{"select", func(lang string) any {
			return SelectRequest{Inputs: in, Byline: Byline{Lang: lang}, Seed: Seed{Text: "x", Kind: "generate"}}
		}, message.WebSeedGenerated},
		{"select", func(lang string) any {
			return SelectRequest{Inputs: in, Byline: Byline{Lang: lang}, Seed: Seed{Text: "x"}, Alternates: -1}
		}, message.WebAlternates},
		{"select", func(lang string) any {
			return SelectRequest{Inputs: in, Byline: Byline{Lang: lang}, CommitOnly: true, Alternates: 2}
		}, message.WebCommitAlternates},
		{"select", func(lang string) any {
			return SelectRequest{Inputs: in, Byline: Byline{Lang: lang}, CommitOnly: true, Seed: Seed{Text: "x"}}
		}, message.WebCommitSeed},
		{"select", func(lang string) any {
			return SelectRequest{Inputs: in, Byline: Byline{Lang: lang}, Seed: Seed{Kind: "generate"}, SeedSource: "a lottery"}
		}, message.WebSeedSourceGenerate},
		{"draw", func(lang string) any {
			return DrawRequest{Bundle: []File{pool}, Pool: pool, Byline: Byline{Lang: lang}, Seed: Seed{Text: "x"}}
		}, message.WebNoRecord},
		{"verify", func(lang string) any { return VerifyRequest{Lang: lang} }, message.WebChooseBundle},
		{"verify", func(lang string) any { return VerifyRequest{Bundle: []File{notZip}, Lang: lang} }, message.WebBadZip},
	}
	for _, c := range cases {
		t.Run(string(c.code), func(t *testing.T) {
			en := call(t, c.op, c.req("en"), &struct{}{})
			fr := call(t, c.op, c.req("fr"), &struct{}{})
			require.NotNil(t, en)
			require.NotNil(t, fr)
			require.NotNil(t, fr.Reason)
			assert.Equal(t, c.code, fr.Reason.Code)
			assert.Equal(t, fr.Reason.String(), en.Message)
			assert.Equal(t, fr.Reason.In(message.French), fr.Message)
			assert.NotEqual(t, en.Message, fr.Message)
			assert.Equal(t, selection.CodeInput, fr.Code)
		})
	}
}

// TestInputProblemsInFrench checks each bad input file of testdata/bad on
// a French page: the error and each problem are said in other words than
// on an English page (nothing is left in English).
func TestInputProblemsInFrench(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "bad", "*.csv"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		name := filepath.Base(f)
		in := Inputs{Pool: testFile(t, "example", "pool.csv"), Quotas: testFile(t, "bad", name), K: 30}
		if strings.HasPrefix(name, "pool") {
			in = Inputs{Pool: testFile(t, "bad", name), Quotas: testFile(t, "bad", "quotas.csv"), K: 3}
		}
		en := call(t, "check", CheckRequest{Inputs: in, Lang: "en"}, &CheckResponse{})
		fr := call(t, "check", CheckRequest{Inputs: in, Lang: "fr"}, &CheckResponse{})
		require.NotNil(t, en, name)
		require.NotNil(t, fr, name)
		assert.NotEqual(t, en.Message, fr.Message, name)
		require.Len(t, fr.Problems, len(en.Problems), name)
		said := fr.Message
		for i := range en.Problems {
			assert.NotEqual(t, en.Problems[i].Message, fr.Problems[i].Message, name)
			said += "\n" + fr.Problems[i].File + ": " + fr.Problems[i].Message
		}
		for _, english := range []string{"panel size", "comma", " and ", " more", " line "} {
			assert.NotContains(t, said, english, name)
		}
	}
}
