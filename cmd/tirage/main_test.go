package main

import (
	"bytes"
	"flag"
	"path/filepath"
	"runtime/debug"
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
