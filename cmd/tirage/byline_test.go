package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The organisation and contact the tests print in reports.
const (
	testOrganisation = "Ville de Saint-Étienne"
	testContact      = "Léa Martin, lea.martin@example.org, 04 77 00 00 00"
)

// assertByline checks that both reports of dir, and those of its public
// folder, print the organisation and the contact.
func assertByline(t *testing.T, dir, organisation, contact string) {
	t.Helper()
	for _, sub := range []string{"", "public"} {
		md := string(readFile(t, filepath.Join(dir, sub, "report.md")))
		assert.True(t, strings.HasPrefix(md, "**"+organisation+"**\n"), md[:min(len(md), 120)])
		assert.Contains(t, md, contact)
		page := string(readFile(t, filepath.Join(dir, sub, "report.html")))
		assert.Contains(t, page, `<p class="organisation" id="organisation">`+organisation+`</p>`)
		assert.Contains(t, page, contact)
	}
}

func TestSelectDrawReplaceKeepByline(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	base := t.TempDir()
	committed := filepath.Join(base, "committed")
	code, _, errOut := selectExample(t, committed, "--commit-only", "--organisation", testOrganisation, "--contact", testContact)
	require.Equal(t, exitOK, code, errOut)
	assertByline(t, committed, testOrganisation, testContact)
	// The record does not hold them: a selection without them has the
	// same audit.json.
	plain := filepath.Join(base, "plain")
	code, _, errOut = selectExample(t, plain, "--commit-only")
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, readFile(t, filepath.Join(plain, "audit.json")), readFile(t, filepath.Join(committed, "audit.json")))
	assert.NotContains(t, string(readFile(t, filepath.Join(plain, "report.html"))), `id="organisation"`)

	// draw keeps them from the report in DIR.
	code, _, errOut = tirage("draw", committed, "--seed", seedA, "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	assertByline(t, committed, testOrganisation, testContact)

	// replace keeps them too.
	r, _ := readRecord(t, committed)
	replaced := filepath.Join(base, "replaced")
	code, _, errOut = tirage("replace", committed, "--drop", r.Draw.Selected[0], "--out", replaced, "--quiet", "--pool", td("example", "pool.csv"))
	require.Equal(t, exitOK, code, errOut)
	assertByline(t, replaced, testOrganisation, testContact)

	// draw's flags replace them.
	code, _, errOut = tirage("draw", plain, "--seed", seedA, "--pool", td("example", "pool.csv"), "--organisation", "Mairie", "--contact", "mairie@example.org")
	require.Equal(t, exitOK, code, errOut)
	assertByline(t, plain, "Mairie", "mairie@example.org")
}

func TestBatchByline(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "manifest.csv")
	pool, err := filepath.Abs(td("example", "pool.csv"))
	require.NoError(t, err)
	quotas, err := filepath.Abs(td("example", "quotas.csv"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(manifest, []byte("partner;pool;quotas;k;seed;organisation;contact\n"+
		"lyon;"+pool+";"+quotas+";30;s;"+testOrganisation+";"+testContact+"\n"+
		"nantes;"+pool+";"+quotas+";30;s;;"+strings.Repeat("x", 301)+"\n"), 0o644))
	out := filepath.Join(dir, "out")
	code, stdout, errOut := tirage("batch", manifest, "--out", out)
	assert.NotEqual(t, exitOK, code) // nantes fails
	assertByline(t, filepath.Join(out, "lyon"), testOrganisation, testContact)
	assert.Contains(t, stdout+errOut, "the contact has 301 characters")
	assert.NoDirExists(t, filepath.Join(out, "nantes"))
}

func TestSelectJSONByline(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	request := strings.Replace(jsonRequest, `"options": {"panels": 10}`, `"options": {"panels": 10, "files": true, "organisation": "`+testOrganisation+`", "contact": "`+testContact+`"}`, 1)
	code, out, errOut := withStdin(t, request, "select", "--json")
	require.Equal(t, exitOK, code, errOut)
	var resp struct{ Files map[string]string }
	require.NoError(t, json.Unmarshal([]byte(out), &resp))
	for _, name := range []string{"report.html", "public/report.html"} {
		assert.Contains(t, resp.Files[name], `<p class="organisation" id="organisation">`+testOrganisation+`</p>`, name)
		assert.Contains(t, resp.Files[name], testContact, name)
	}
	assert.True(t, strings.HasPrefix(resp.Files["report.md"], "**"+testOrganisation+"**\n"))
}
