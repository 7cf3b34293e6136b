package web

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// The back end calls the library's workflows as the command does: the
// same inputs, seed and options give the files `tirage select` and
// `tirage draw` write, byte for byte.

var (
	testTool = audit.Tool{Name: "tirage", Version: "test"}
	testNow  = func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }
)

// callAt is call with a fixed tool and clock.
func callAt(t *testing.T, op string, req, out any) {
	t.Helper()
	api := &API{Tool: testTool, Now: testNow}
	body, err := json.Marshal(req)
	require.NoError(t, err)
	data, err := api.Call(context.Background(), op, body, nil)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, out))
}

// cutPublic returns the name of a file of public/ inside it.
func cutPublic(name string) (string, bool) {
	return strings.CutPrefix(name, audit.PublicDir+"/")
}

// assertSameFiles asserts that the zips of the outcome hold the files of
// the selection folder: the private zip all of them, the public zip those
// of public/.
func assertSameFiles(t *testing.T, want []selection.File, o Outcome) {
	t.Helper()
	private, public := unzip(t, o.Private.Data), unzip(t, o.Public.Data)
	nPublic := 0
	for _, f := range want {
		got, ok := private[f.Name]
		if assert.True(t, ok, "the private zip has %s", f.Name) {
			assert.Equal(t, string(f.Content), string(got.Data), "%s", f.Name)
		}
		if name, ok := cutPublic(f.Name); ok {
			nPublic++
			if got, ok := public[name]; assert.True(t, ok, "the public zip has %s", name) {
				assert.Equal(t, f.Content, got.Data, "public %s", name)
			}
		}
	}
	assert.Len(t, private, len(want))
	assert.Len(t, public, nPublic)
}

func TestSelectWritesTheCommandsFiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		dir   []string
		k     int
		relax bool
	}{
		{"example", []string{"example"}, 30, false},
		{"relaxed", []string{"conflicts", "min_above_pool"}, 10, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pool, quotas := testFile(t, append(tc.dir, "pool.csv")...), testFile(t, append(tc.dir, "quotas.csv")...)
			req := SelectRequest{
				Inputs:     Inputs{Pool: pool, Quotas: quotas, K: tc.k, Households: []string{"address1", "postcode"}, Relax: tc.relax},
				Byline:     Byline{Lang: "fr", Organisation: "Assemblée", Contact: "a@example.org"},
				Seed:       Seed{Text: "7 19 23 / 3", Kind: "numbers"},
				Algorithm:  "maximin",
				Alternates: 3,
				SeedSource: "a public draw",
			}
			if tc.name == "relaxed" {
				req.Households = nil
			}
			var o Outcome
			callAt(t, "select", req, &o)

			// tirage select --pool … --quotas … --k … --households … --relax
			// --algorithm maximin --seed-numbers … --seed-source … --alternates 3
			// --lang fr --organisation … --contact …
			in, err := selection.ReadInputs(selection.File{Name: pool.Name, Content: pool.Data}, selection.File{Name: quotas.Name, Content: quotas.Data}, tc.k, "")
			require.NoError(t, err)
			in, relaxed, err := selection.Prepare(context.Background(), in, req.Households, tc.relax)
			require.NoError(t, err)
			assert.Equal(t, tc.relax, relaxed != nil)
			seed, err := selection.SeedFromNumbers(req.Seed.Text)
			require.NoError(t, err)
			sel, err := selection.SelectFrom(context.Background(), in, selection.SelectOptions{
				Households: req.Households, Algorithm: "maximin", Panels: selection.DefaultPanels,
				Seed: seed, SeedNumbers: true, SeedSource: req.SeedSource, Alternates: 3,
				Lang: message.French, Organisation: req.Organisation, Contact: req.Contact, Tool: testTool, Now: testNow,
			})
			require.NoError(t, err)
			assertSameFiles(t, sel.Files, o)
		})
	}
}

func TestDrawWritesTheCommandsFiles(t *testing.T) {
	pool, quotas := testFile(t, "example", "pool.csv"), testFile(t, "example", "quotas.csv")
	var committed, drawn Outcome
	callAt(t, "select", SelectRequest{Inputs: Inputs{Pool: pool, Quotas: quotas, K: 30}, CommitOnly: true, Byline: Byline{Lang: "fr", Organisation: "Assemblée"}}, &committed)
	// Without a byline, the draw keeps the committed report's, as tirage draw.
	callAt(t, "draw", DrawRequest{Bundle: []File{committed.Private}, Pool: pool, Seed: Seed{Text: "example"}, Alternates: 2}, &drawn)

	// tirage draw DIR --seed example --alternates 2 --pool pool.csv
	record, ok := unzip(t, committed.Private.Data)[audit.RecordFile]
	require.True(t, ok)
	c, err := selection.ReadCommitted(record.Data)
	require.NoError(t, err)
	files, err := selection.Draw(c, selection.DrawInput{Pool: selection.File{Name: pool.Name, Content: pool.Data}, Seed: "example", Alternates: 2,
		Lang: message.French, Organisation: "Assemblée", Now: testNow})
	require.NoError(t, err)
	assertSameFiles(t, files, drawn)
}

func TestReasonsInThePagesLanguage(t *testing.T) {
	pool, quotas := testFile(t, "conflicts", "min_above_pool", "pool.csv"), testFile(t, "conflicts", "min_above_pool", "quotas.csv")
	var c CheckResponse
	callAt(t, "check", CheckRequest{Inputs: Inputs{Pool: pool, Quotas: quotas, K: 10}, Lang: "fr"}, &c)
	require.Len(t, c.Conflicts, 1)
	assert.Contains(t, c.Conflicts[0].Reason, "personnes")
	require.NotNil(t, c.Relaxation)
	assert.Contains(t, c.Relaxation.Changes[0], "non-literate")
	assert.NotContains(t, c.Relaxation.Changes[0], "lower the min")

	// select refuses in French, with the check in French.
	e := call(t, "select", SelectRequest{Inputs: Inputs{Pool: pool, Quotas: quotas, K: 10}, Byline: Byline{Lang: "fr"}, Seed: Seed{Text: "x"}}, &Outcome{})
	require.NotNil(t, e)
	assert.Equal(t, "aucun panel de 10 personnes ne respecte tous les quotas", e.Message)
	assert.Equal(t, c.Conflicts, e.Check.Conflicts)

	// An input file's problems, in French.
	bad := File{Name: "quotas.csv", Data: []byte("feature,value,min,max\ngender,female,14,seventeen\n")}
	e = call(t, "check", CheckRequest{Inputs: Inputs{Pool: testFile(t, "example", "pool.csv"), Quotas: bad, K: 30}, Lang: "fr"}, &c)
	require.NotNil(t, e)
	assert.Contains(t, e.Message, "problème")
	require.NotEmpty(t, e.Problems)
	en := call(t, "check", CheckRequest{Inputs: Inputs{Pool: testFile(t, "example", "pool.csv"), Quotas: bad, K: 30}}, &c)
	assert.NotEqual(t, en.Problems[0].Message, e.Problems[0].Message)

	// The verify checks that carry a reason, and what they cannot prove.
	var o Outcome
	callAt(t, "select", SelectRequest{Inputs: Inputs{Pool: testFile(t, "example", "pool.csv"), Quotas: testFile(t, "example", "quotas.csv"), K: 30}, Seed: Seed{Text: "example"}}, &o)
	var fr, english VerifyResponse
	callAt(t, "verify", VerifyRequest{Bundle: []File{o.Public}, Lang: "fr"}, &fr)
	callAt(t, "verify", VerifyRequest{Bundle: []File{o.Public}}, &english)
	assert.True(t, fr.Verified)
	assert.NotEqual(t, english.CannotProve, fr.CannotProve)
	v := selection.Verify(context.Background(), selection.VerifyInput{Dir: selection.Dir{FS: unzip(t, o.Public.Data)}})
	require.Len(t, fr.Checks, len(v.Checks))
	for i, c := range v.Checks {
		if c.Reason.IsZero() {
			assert.Equal(t, c.Detail, fr.Checks[i].Detail)
		} else {
			assert.Equal(t, c.Reason.In(message.French), fr.Checks[i].Detail)
		}
	}
}

func TestCheckWarnsOfPersonalIDs(t *testing.T) {
	var c CheckResponse
	callAt(t, "check", CheckRequest{Inputs: Inputs{Pool: testFile(t, "example", "pool.csv"), Quotas: testFile(t, "example", "quotas.csv"), K: 30, IDColumn: "email"}}, &c)
	require.NotNil(t, c.IDs)
	assert.Equal(t, "email", c.IDs.Kind)
	assert.Equal(t, "email", c.IDs.Column)
	assert.Equal(t, c.People, c.IDs.Of)
	var plain CheckResponse
	callAt(t, "check", CheckRequest{Inputs: Inputs{Pool: testFile(t, "example", "pool.csv"), Quotas: testFile(t, "example", "quotas.csv"), K: 30}}, &plain)
	assert.Nil(t, plain.IDs)
}
