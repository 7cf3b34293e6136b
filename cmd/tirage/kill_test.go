//go:build unix

package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain runs the tests, or, when TIRAGE_TEST_KILL_AT names a step of
// writing a folder, runs tirage with the arguments in TIRAGE_TEST_ARGS
// and kills itself (SIGKILL: no deferred function runs) at that step.
func TestMain(m *testing.M) {
	if step := os.Getenv("TIRAGE_TEST_KILL_AT"); step != "" {
		var args []string
		if err := json.Unmarshal([]byte(os.Getenv("TIRAGE_TEST_ARGS")), &args); err != nil {
			os.Exit(100)
		}
		writeHook = func(s string) error {
			if s == step {
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
			}
			return nil
		}
		os.Exit(run(args, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// runKilled runs tirage with args in a process of its own that is killed
// at the step, and asserts that it was.
func runKilled(t *testing.T, step string, args ...string) {
	t.Helper()
	data, err := json.Marshal(args)
	require.NoError(t, err)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TIRAGE_TEST_KILL_AT="+step, "TIRAGE_TEST_ARGS="+string(data))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "%s: not killed: %v\n%s", step, err, out)
	status, ok := exit.Sys().(syscall.WaitStatus)
	require.True(t, ok && status.Signaled() && status.Signal() == syscall.SIGKILL, "%s: %v\n%s", step, err, out)
}

func TestKillWhileWriting(t *testing.T) {
	// A run killed at any moment of writing leaves the old complete folder
	// or the new complete one. Killed between its two renames, it leaves
	// the old one beside the folder's place, and the next run into the
	// folder puts it back. No lock or temporary folder blocks the next run.
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	base := t.TempDir()
	newDir := filepath.Join(base, "new")
	code, _, errOut := selectInto(t, newDir, seedB)
	require.Equal(t, exitOK, code, errOut)
	newTree := readTree(t, newDir)
	steps := []string{"wrote probabilities.csv", "wrote audit.json", "wrote public/audit.json", "wrote public/report.md", "staged", "moved aside", "in place", "old removed"}
	for _, fresh := range []bool{false, true} {
		for _, step := range steps {
			if fresh && (step == "moved aside" || step == "old removed") {
				continue // nothing to move aside in a fresh folder
			}
			name := map[bool]string{false: "force", true: "fresh"}[fresh] + "-" + filepath.Base(step)
			dir := filepath.Join(base, name)
			var oldTree map[string]string
			if !fresh {
				code, _, errOut := selectInto(t, dir, seedA)
				require.Equal(t, exitOK, code, errOut)
				oldTree = readTree(t, dir)
			}
			runKilled(t, step, "select", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--seed", seedB, "--out", dir, "--force", "--quiet")
			_, err := os.Stat(dir)
			switch {
			case step == "moved aside":
				assert.True(t, os.IsNotExist(err), name)
			case step == "in place" || step == "old removed":
				assert.Equal(t, newTree, readTree(t, dir), name)
			case fresh:
				assert.True(t, os.IsNotExist(err), "%s: a folder that is not complete appeared", name)
			default:
				assert.Equal(t, oldTree, readTree(t, dir), name)
			}
			// The next run into the folder cleans up and restores: here a
			// run without --force, refused when the folder is not empty.
			code, _, errOut := selectInto(t, dir, seedA)
			switch {
			case step == "in place" || step == "old removed":
				assert.Equal(t, exitUsage, code, errOut)
				assert.Equal(t, newTree, readTree(t, dir), name)
			case fresh:
				assert.Equal(t, exitOK, code, "%s: %s", name, errOut)
			default:
				assert.Equal(t, exitUsage, code, errOut)
				assert.Contains(t, errOut, "is not empty", name)
				assert.Equal(t, oldTree, readTree(t, dir), name)
			}
			assert.Empty(t, leftovers(t, dir), name)
			assertVerifies(t, dir)
		}
	}
}
