package main

import (
	"bytes"
	"flag"
	"path/filepath"
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

func TestPanicIsReportedNotCrashed(t *testing.T) {
	commands = append(commands, &command{name: "boom", flags: func(_ *flag.FlagSet, _ *env) func([]string) int {
		return func([]string) int { panic("kaboom") }
	}})
	defer func() { commands = commands[:len(commands)-1] }()
	code, _, errOut := tirage("boom")
	assert.Equal(t, exitInternal, code)
	assert.Contains(t, errOut, "internal error: kaboom")
}
