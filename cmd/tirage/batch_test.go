package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/selection"
)

// assertSameTree asserts that two folders hold the same files, byte for
// byte, naming the files that differ (not dumping them).
func assertSameTree(t *testing.T, want, got map[string]string) {
	t.Helper()
	for name, content := range want {
		other, ok := got[name]
		if !assert.True(t, ok, "%s is missing", name) {
			continue
		}
		assert.True(t, content == other, "%s differs", name)
	}
	for name := range got {
		_, ok := want[name]
		assert.True(t, ok, "%s is extra", name)
	}
}

// readTree returns every file under dir by its path relative to dir.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	}))
	return files
}

func TestBatchExample(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	base := t.TempDir()
	out := filepath.Join(base, "out")
	code, stdout, errOut := tirage("batch", td("batch", "manifest.csv"), "--out", out)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "5 of 5 partners selected.")
	assert.Contains(t, stdout, "older-format  ok")
	header, rows := readCSV(t, filepath.Join(out, selection.SummaryFile))
	assert.Equal(t, []string{"partner", "status", "exit_code", "folder", "people", "k", "minimum_probability", "seed", "panel", "message"}, header)
	require.Len(t, rows, 5)
	for i, name := range []string{"north", "sud", "households", "older-format", "committed"} {
		assert.Equal(t, name, rows[i][0])
		assert.Equal(t, "ok", rows[i][1])
		assert.Equal(t, "0", rows[i][2])
		assert.Equal(t, filepath.Join(out, name), rows[i][3])
		assert.Equal(t, "200", rows[i][4])
		assert.Equal(t, "30", rows[i][5])
	}
	assert.Equal(t, "not drawn", rows[4][8])
	older, _ := readRecord(t, filepath.Join(out, "older-format"))
	assert.Equal(t, 2000, older.Lottery.M)
	assert.Equal(t, "maximin", older.Lottery.Algorithm) // as its row asks
	north, _ := readRecord(t, filepath.Join(out, "north"))
	assert.Equal(t, "leximin", north.Lottery.Algorithm) // the default
	assert.Equal(t, fmt.Sprintf("%d of 2000", drawIndex(t, older, "older 2026-04-24")), rows[3][8])
	r, _ := readRecord(t, filepath.Join(out, "households"))
	assert.Equal(t, []string{"address1", "postcode"}, r.Settings.Households)
	assert.Contains(t, string(readFile(t, filepath.Join(out, "sud", "report.md"))), "# Rapport d'équité")
	assert.Contains(t, string(readFile(t, filepath.Join(out, "committed", "report.md"))), "Pas encore tiré")
	committedRecord, _ := readRecord(t, filepath.Join(out, "committed"))
	assert.Equal(t, "EuroMillions draw of 24 April 2026, the five numbers in ascending order", committedRecord.Settings.SeedSource)

	// A partner's folder is exactly what select writes with its settings.
	// (At the same depth, so that the report names the inputs alike.)
	direct := filepath.Join(base, "direct", "north")
	code, _, errOut = tirage("select", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30",
		"--seed", "north 2026-04-24", "--out", direct)
	require.Equal(t, exitOK, code, errOut)
	assertSameTree(t, readTree(t, direct), readTree(t, filepath.Join(out, "north")))

	// And it verifies.
	code, verified, _ := tirage("verify", filepath.Join(out, "older-format"), "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas_category_name.csv"))
	assert.Equal(t, exitOK, code, verified)
}

func TestBatchDeterministic(t *testing.T) {
	// The same files whether the partners run one at a time or all at
	// once.
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	base := t.TempDir()
	out := filepath.Join(base, "out")
	code, first, errOut := tirage("batch", td("batch", "manifest.csv"), "--out", out, "--jobs", "1")
	require.Equal(t, exitOK, code, errOut)
	one := readTree(t, out)
	require.NoError(t, os.RemoveAll(out))
	code, second, errOut := tirage("batch", td("batch", "manifest.csv"), "--out", out, "--jobs", "5", "--quiet")
	require.Equal(t, exitOK, code, errOut)
	assertSameTree(t, one, readTree(t, out))
	assert.Equal(t, first, second)
	assert.Len(t, one, 1+4*(7+6)+5+5) // the summary, four drawn folders, one committed, each with its public folder
}

func TestBatchFailingPartners(t *testing.T) {
	dir := t.TempDir()
	pool, err := filepath.Abs(td("example", "pool.csv"))
	require.NoError(t, err)
	quotas, err := filepath.Abs(td("example", "quotas.csv"))
	require.NoError(t, err)
	manifest := filepath.Join(dir, "manifest.csv")
	// Semicolons, as a French spreadsheet saves them; absolute paths.
	require.NoError(t, os.WriteFile(manifest, []byte(strings.Join([]string{
		"Partner;Pool;Quotas;K;Seed",
		"good;" + pool + ";" + quotas + ";30;s",
		"impossible;" + pool + ";" + quotas + ";60;s",
		"bad-k;" + pool + ";" + quotas + ";thirty;s",
		"no_pool;missing.csv;" + quotas + ";30;s",
		"also.good;" + pool + ";" + quotas + ";30;t",
	}, "\n")+"\n"), 0o644))
	out := filepath.Join(dir, "out")
	code, stdout, errOut := tirage("batch", manifest, "--out", out, "--jobs", "2")
	assert.Equal(t, exitSelection, code, errOut)
	_, rows := readCSV(t, filepath.Join(out, selection.SummaryFile))
	require.Len(t, rows, 5)
	status := func(i int) (string, string, string) { return rows[i][1], rows[i][2], rows[i][9] }
	s, c, msg := status(0)
	assert.Equal(t, "ok", s)
	assert.Equal(t, "0", c)
	assert.Empty(t, msg)
	s, c, msg = status(1)
	assert.Equal(t, []string{"failed", "1"}, []string{s, c})
	assert.Contains(t, msg, "the quotas cannot be met")
	s, c, msg = status(2)
	assert.Equal(t, []string{"failed", "2"}, []string{s, c})
	assert.Equal(t, `k must be a whole number written with the digits 0 to 9 (such as 30), not "thirty"`, msg)
	s, c, msg = status(3)
	assert.Equal(t, []string{"failed", "2"}, []string{s, c})
	assert.Contains(t, msg, "cannot read the pool file")
	assert.Contains(t, msg, filepath.Join(dir, "missing.csv")) // relative to the manifest
	assert.Equal(t, "ok", rows[4][1])

	// The failures are printed in full, the others' folders written, the
	// failed ones' not left behind.
	assert.Contains(t, stdout, "2 of 5 partners selected; 3 failed:")
	assert.Contains(t, stdout, "impossible (manifest line 3):\n  the quotas cannot be met:")
	assert.Contains(t, stdout, "impossible  failed (exit 1)")
	for _, name := range []string{"good", "also.good"} {
		assert.FileExists(t, filepath.Join(out, name, "panel.csv"))
	}
	for _, name := range []string{"impossible", "bad-k", "no_pool"} {
		assert.NoDirExists(t, filepath.Join(out, name))
	}
}

func TestBatchManifestErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		return path
	}
	tests := []struct {
		name, manifest, want string
	}{
		{"missing columns", "partner,pool\na,p.csv\n", "the header has no quotas and k column"},
		{"unknown column", "partner,pool,quotas,k,sed\na,p,q,3,s\n", `the column "sed" is not a manifest column`},
		{"duplicate column", "partner,pool,quotas,k,K\na,p,q,3,3\n", `two columns named "K"`},
		{"no partner", "partner,pool,quotas,k\n", "the manifest has no partner"},
		{"empty name", "partner,pool,quotas,k\n,p,q,3\n", "line 2: the partner name is empty"},
		{"duplicate partner", "partner,pool,quotas,k\nKenya,p,q,3\nkenya,p,q,3\n", `line 3: the partner "kenya" is already on line 2`},
		{"path as name", "partner,pool,quotas,k\n../up,p,q,3\n", `line 2: the partner name "../up" holds '/'`},
		{"summary", "partner,pool,quotas,k\nsummary.csv,p,q,3\n", `line 2: the partner name "summary.csv" is reserved (SUMMARY)`},
		{"windows name", "partner,pool,quotas,k\na,p,q,3\nnul.txt,p,q,3\n", `line 3: the partner name "nul.txt" is reserved (NUL)`},
		{"not text", "partner,pool,quotas,k\x00\n", "not a text file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(tt.name, " ", "-"))
			code, stdout, errOut := tirage("batch", write(strings.ReplaceAll(tt.name, " ", "-")+".csv", tt.manifest), "--out", out)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, stdout)
			assert.Contains(t, errOut, tt.want)
			assert.NoDirExists(t, out)
		})
	}

	pool, err := filepath.Abs(td("example", "pool.csv"))
	require.NoError(t, err)
	quotas, err := filepath.Abs(td("example", "quotas.csv"))
	require.NoError(t, err)
	good := write("good.csv", "partner,pool,quotas,k,seed\na,"+pool+","+quotas+",30,s\n")
	code, _, errOut := tirage("batch", filepath.Join(dir, "nope.csv"), "--out", filepath.Join(dir, "o"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "cannot read the manifest")
	code, _, errOut = tirage("batch", good)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "missing --out")
	code, _, errOut = tirage("batch", good, "--out", filepath.Join(dir, "o"), "--jobs", "0")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--jobs: the number of jobs must be at least 1, not 0")
	code, _, errOut = tirage("batch", "--out", filepath.Join(dir, "o"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "give the manifest file")

	// A non-empty output directory needs --force.
	full := filepath.Join(dir, "full")
	require.NoError(t, os.MkdirAll(full, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(full, "keep.txt"), []byte("x"), 0o644))
	code, _, errOut = tirage("batch", good, "--out", full, "--quiet")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "is not empty")
	code, _, errOut = tirage("batch", good, "--out", full, "--quiet", "--force")
	assert.Equal(t, exitOK, code, errOut)
	assert.FileExists(t, filepath.Join(full, "a", "audit.json"))
	assert.FileExists(t, filepath.Join(full, "keep.txt"))
	// Again with --force: the partner's folder is replaced.
	code, _, errOut = tirage("batch", good, "--out", full, "--quiet", "--force")
	assert.Equal(t, exitOK, code, errOut)
}

// syncBuffer is a buffer safe for one writer goroutine and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestProgressTrack(t *testing.T) {
	// Work that reports nothing itself: its state is shown as plain lines
	// (not a terminal), once past the first second.
	var b syncBuffer
	p := newProgressPrinter(&b, false)
	stop := p.track(time.Now().Add(-time.Hour), func(elapsed time.Duration) string {
		return "working"
	})
	deadline := time.Now().Add(10 * time.Second)
	for b.String() == "" && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	assert.True(t, strings.HasPrefix(b.String(), "working\n"), b.String())

	// Before a second has passed, nothing; quiet, nothing.
	var quiet syncBuffer
	stop = newProgressPrinter(&quiet, false).track(time.Now(), func(time.Duration) string { return "early" })
	time.Sleep(3 * tick)
	stop()
	assert.Empty(t, quiet.String())
	newProgressPrinter(&quiet, true).track(time.Now().Add(-time.Hour), func(time.Duration) string { return "quiet" })()
	assert.Empty(t, quiet.String())
}

// TestBatchPartnerNamesAtOnce checks that every bad partner name of a
// manifest is reported at once, before anything runs, with the rule as
// the help and the README state it.
func TestBatchPartnerNamesAtOnce(t *testing.T) {
	dir := t.TempDir()
	lines := []string{"partner,pool,quotas,k", "good,p,q,3", "summary.csv,p,q,3", "CON,p,q,3", "also good,p,q,3", "Good,p,q,3", ".hidden,p,q,3"}
	manifest := filepath.Join(dir, "manifest.csv")
	require.NoError(t, os.WriteFile(manifest, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	out := filepath.Join(dir, "out")
	code, stdout, errOut := tirage("batch", manifest, "--out", out)
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, stdout)
	assert.NoDirExists(t, out)
	assert.Contains(t, errOut, "5 partner names cannot be used:\n"+
		"  line 3: the partner name \"summary.csv\" is reserved (SUMMARY)\n"+
		"  line 4: the partner name \"CON\" is reserved (CON)\n"+
		"  line 5: the partner name \"also good\" holds ' ', which a partner name cannot hold\n"+
		"  line 6: the partner \"Good\" is already on line 2; each partner needs its own folder\n"+
		"  line 7: the partner name \".hidden\" starts or ends with a dot\n")
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	assert.Contains(t, words(errOut), "A partner name names its folder, on every system: "+selection.PartnerNameRule+".")
	assert.Contains(t, words(batchCommand.help), "A partner name names its folder, on every system: "+selection.PartnerNameRule+".")
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	assert.Contains(t, words(string(readme)), "A partner name names its folder, on every system: "+selection.PartnerNameRule+".")

	// Many bad names: the first few, then a count.
	lines = []string{"partner,pool,quotas,k"}
	for i := range 500 {
		lines = append(lines, fmt.Sprintf("bad name %d,p,q,3", i))
	}
	require.NoError(t, os.WriteFile(manifest, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	code, _, errOut = tirage("batch", manifest, "--out", out)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "500 partner names cannot be used:")
	assert.Contains(t, errOut, "line 11: the partner name \"bad name 9\"")
	assert.NotContains(t, errOut, "bad name 10\"")
	assert.Contains(t, errOut, "  … and 490 more\n")
}

// TestBatchEveryOption checks that the manifest's alternates and relax
// columns are select's --alternates and --relax.
func TestBatchEveryOption(t *testing.T) {
	dir := t.TempDir()
	abs := func(parts ...string) string {
		p, err := filepath.Abs(td(parts...))
		require.NoError(t, err)
		return p
	}
	manifest := filepath.Join(dir, "manifest.csv")
	require.NoError(t, os.WriteFile(manifest, []byte("partner,pool,quotas,k,seed,alternates,relax\n"+
		"alt,"+abs("example", "pool.csv")+","+abs("example", "quotas.csv")+",30,s,2,\n"+
		"relaxed,"+abs("conflicts", "min_above_pool", "pool.csv")+","+abs("conflicts", "min_above_pool", "quotas.csv")+",10,s,,yes\n"+
		"strict,"+abs("conflicts", "min_above_pool", "pool.csv")+","+abs("conflicts", "min_above_pool", "quotas.csv")+",10,s,,no\n"), 0o644))
	out := filepath.Join(dir, "out")
	code, stdout, errOut := tirage("batch", manifest, "--out", out, "--quiet")
	assert.Equal(t, exitSelection, code, errOut)
	assert.Contains(t, stdout, "2 of 3 partners selected; 1 failed:")
	assert.Contains(t, stdout, "strict (manifest line 4):\n  the quotas cannot be met: no panel of 10 people meets them all (exact search).")
	assert.FileExists(t, filepath.Join(out, "alt", selection.AlternatesFile))
	assert.Contains(t, string(readFile(t, filepath.Join(out, "relaxed", selection.RecordFile))), `"relaxation"`)
}
