package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func td(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata"}, parts...)...)
}

// tirage runs the CLI in-process and returns its exit code and outputs.
func tirage(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestCheckExample(t *testing.T) {
	code, out, errOut := tirage("check", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30")
	assert.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "200 people")
	assert.Contains(t, out, "non-literate")
	assert.Contains(t, out, "The quotas can be met: a panel of 30 that meets them all exists (exact search).")
	assert.Contains(t, out, "nobody is left without a chance")
	assert.Empty(t, errOut)
}

func TestCheckImpossible(t *testing.T) {
	code, out, _ := tirage("check", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "60")
	assert.Equal(t, exitSelection, code)
	assert.Contains(t, out, "The quotas cannot be met: no panel of 60 people meets them all (exact search).")
	assert.Contains(t, out, `1. At most 25 people with literacy "literate" are allowed, so the other 35 seats need people without it, but the pool has only 21 such people.`)
	assert.Contains(t, out, `2. The maxes of gender and the pool allow at most 37 people, 17 "female" (its max), 16 "male" (its max) and 4 "nonbinary" (all in the pool), fewer than the panel's 60 seats.`)
}

func TestCheckConflicts(t *testing.T) {
	conflict := func(dir string) []string {
		return []string{"--pool", td("conflicts", dir, "pool.csv"), "--quotas", td("conflicts", dir, "quotas.csv")}
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"min above pool", append(conflict("min_above_pool"), "--k", "10"), []string{
			`1. At least 8 people with literacy "non-literate" are required, but the pool has only 6.`,
			"literacy non-literate: min 8"}},
		{"mins above k", append(conflict("mins_above_k"), "--k", "10"), []string{
			`The mins of age add up to 11 (4 "16-29" + 4 "30-59" + 3 "60+"), more than the panel's 10 seats.`}},
		{"households", append(conflict("households"), "--k", "4", "--households", "address"), []string{
			"5 households (by address): 3 with 2 or more people, 6 people in all; the largest has 2",
			"they live in only 2 households"}},
		{"too few households", append(conflict("households"), "--k", "6", "--households", " address "), []string{
			"The pool's 8 people live in only 5 households, fewer than the panel's 6 seats"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := tirage(append([]string{"check"}, tt.args...)...)
			assert.Equal(t, exitSelection, code, errOut)
			assert.Contains(t, out, "The quotas cannot be met")
			for _, w := range tt.want {
				assert.Contains(t, out, w)
			}
		})
	}
	// Without the household rule the same quotas can be met.
	code, out, _ := tirage(append(append([]string{"check"}, conflict("households")...), "--k", "4")...)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "The quotas can be met")
	// An unknown household column is a usage error.
	code, _, errOut := tirage(append(append([]string{"check"}, conflict("households")...), "--k", "4", "--households", "street")...)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `household column "street" is not in the pool`)
}

func TestCheckBadInputs(t *testing.T) {
	q := td("bad", "quotas.csv")
	tests := []struct {
		name string
		args []string
		want []string // fragments of stderr
	}{
		{"unknown value", []string{"--pool", td("bad", "pool_unknown_value.csv"), "--quotas", q, "--k", "2"},
			[]string{"pool file has a problem", "line 4", `column "gender"`, `"femal"`, `(did you mean "female"?)`}},
		{"many errors", []string{"--pool", td("bad", "pool_many_errors.csv"), "--quotas", q, "--k", "2"},
			[]string{"pool file has 4 problems", "line 3", "line 4", "line 5", "line 6"}},
		{"bad bound", []string{"--pool", td("bad", "pool_unknown_value.csv"), "--quotas", td("bad", "quotas_not_integer.csv"), "--k", "2"},
			[]string{"quota file has a problem", "line 3", `"two"`}},
		{"missing file", []string{"--pool", td("bad", "nope.csv"), "--quotas", q, "--k", "2"},
			[]string{"cannot read the pool file", "nope.csv"}},
		{"k too large", []string{"--pool", td("bad", "pool_missing_id_column.csv"), "--quotas", q, "--k", "5"},
			[]string{"larger than the pool (2 people)"}},
		{"k negative", []string{"--pool", td("bad", "pool_missing_id_column.csv"), "--quotas", q, "--k", "-1"},
			[]string{"at least 1"}},
		{"missing flags", []string{"--k", "3"}, []string{"missing --pool and --quotas"}},
		{"bad flag value", []string{"--k", "three"}, []string{`--k: the panel size must be a whole number written with the digits 0 to 9 (such as 30), not "three"`, "tirage check -h"}},
		{"k zero", []string{"--k", "0"}, []string{"--k: the panel size must be at least 1, not 0"}},
		{"k octal-looking", []string{"--k", "030"}, []string{"--k: the panel size 030 starts with 0: write it without leading zeros (30)"}},
		{"k hexadecimal", []string{"--k", "0x1e"}, []string{`not "0x1e"`}},
		{"k with underscore", []string{"--k", "1_000"}, []string{`not "1_000"`}},
		{"k negative, before reading", []string{"--k", "-5"}, []string{"must be at least 1, not -5"}},
		{"unknown flag", []string{"--seats", "3"}, []string{"flag provided but not defined: -seats"}},
		{"extra argument", []string{"--pool", "a", "--quotas", "b", "--k", "1", "extra"}, []string{`unexpected argument "extra"`}},
		{"xlsx", []string{"--pool", td("bad", "pool_xlsx.csv"), "--quotas", q, "--k", "1"}, []string{"Excel workbook", "cannot be read", "save it again, as .xlsx or as CSV"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := tirage(append([]string{"check"}, tt.args...)...)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, out)
			for _, w := range tt.want {
				assert.Contains(t, errOut, w)
			}
			assert.NotContains(t, errOut, "goroutine")
		})
	}
}

func TestRowNumberNotice(t *testing.T) {
	code, _, errOut := tirage("check", "--pool", td("bad", "pool_missing_id_column.csv"), "--quotas", td("bad", "quotas.csv"), "--k", "2")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, errOut, "notice:")
	assert.Contains(t, errOut, "data row number")
}

func TestHelpVersionAndUsage(t *testing.T) {
	code, out, _ := tirage("help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "check")
	assert.Contains(t, out, "Exit codes")

	code, out, _ = tirage("help", "check")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "Usage: tirage check")
	assert.Contains(t, out, "--id-column NAME")

	code, out, _ = tirage("check", "-h")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "--pool FILE")

	code, out, _ = tirage("version")
	assert.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(out, "tirage "))

	code, _, errOut := tirage()
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "Usage")

	code, _, errOut = tirage("frobnicate")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `unknown command "frobnicate"`)

	code, _, _ = tirage("help", "frobnicate")
	assert.Equal(t, exitUsage, code)
}

func TestVersionOf(t *testing.T) {
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "a25d65e8cb913665d2866f10171587f90a32d8ba"}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name    string
		stamped string
		info    *debug.BuildInfo
		want    string
	}{
		{"release build", "v1.2.0", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "v1.2.0"},
		{"release build, no build info", "v1.2.0", nil, "v1.2.0"},
		{"go install", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.1.0"}}, "v1.1.0"},
		{"go build in a checkout", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261204210352-a25d65e8cb91"}, Settings: vcs("false")}, "v0.0.0-20261204210352-a25d65e8cb91"},
		{"revision only", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("false")}, "a25d65e8cb91"},
		{"revision, modified", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("true")}, "a25d65e8cb91-dirty"},
		{"nothing known", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{"no build info", "", nil, "devel"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, versionOf(tt.stamped, tt.info), tt.name)
	}
}

func TestPanicIsReportedNotCrashed(t *testing.T) {
	commands = append(commands, &command{name: "boom", flags: func(_ *flag.FlagSet, _ *env) func([]string) int {
		return func([]string) int { panic("kaboom") }
	}})
	defer func() { commands = commands[:len(commands)-1] }()
	code, _, errOut := tirage("boom")
	assert.Equal(t, exitInternal, code)
	assert.Contains(t, errOut, "internal error: kaboom")
}

func TestCheckRelaxOut(t *testing.T) {
	pool, quotas := td("conflicts", "min_above_pool", "pool.csv"), td("conflicts", "min_above_pool", "quotas.csv")
	out := filepath.Join(t.TempDir(), "relaxed.csv")
	code, stdout, errOut := tirage("check", "--pool", pool, "--quotas", quotas, "--k", "10", "--relax-out", out)
	assert.Equal(t, exitSelection, code, errOut)
	assert.Contains(t, stdout, "Smallest relaxation: 2 seats in all")
	assert.Contains(t, stdout, `  - lower the min of literacy "non-literate" from 8 to 6`+"\n")
	assert.Contains(t, stdout, "Written:  "+out)
	data, err := os.ReadFile(out)
	assert.NoError(t, err)
	assert.Equal(t, "\ufeff"+"feature,value,min,max\ngender,female,4,6\ngender,male,4,6\nliteracy,literate,0,10\nliteracy,non-literate,6,10\n", string(data), "a BOM, the pool's separator")

	// The relaxed file can be met, and writing it again changes nothing.
	again := filepath.Join(t.TempDir(), "again.csv")
	code, stdout, errOut = tirage("check", "--pool", pool, "--quotas", out, "--k", "10", "--relax-out", again)
	assert.Equal(t, exitOK, code, errOut)
	assert.Contains(t, stdout, "Nothing to relax")
	data2, err := os.ReadFile(again)
	assert.NoError(t, err)
	assert.Equal(t, string(data), string(data2))

	// The input is never overwritten.
	code, _, errOut = tirage("check", "--pool", pool, "--quotas", out, "--k", "10", "--relax-out", out)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "is an input file")

	// When no relaxation helps, nothing is written.
	hpool, hquotas := td("conflicts", "households", "pool.csv"), td("conflicts", "households", "quotas.csv")
	none := filepath.Join(t.TempDir(), "none.csv")
	code, stdout, _ = tirage("check", "--pool", hpool, "--quotas", hquotas, "--k", "6", "--households", "address", "--relax-out", none)
	assert.Equal(t, exitSelection, code)
	assert.Contains(t, stdout, "No relaxation: no relaxation of the quotas helps: the pool's 8 people live in only 5 households")
	assert.NoFileExists(t, none)
}
