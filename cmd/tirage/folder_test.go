package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/report"
)

// drawnFiles are the files of a drawn selection without alternates: the
// private ones, then the public folder's.
var drawnFiles = []string{
	audit.ProbabilitiesFile, audit.ReceiptsFile, audit.PanelFile, audit.RemainingFile, report.HTMLFile, report.MarkdownFile, audit.RecordFile,
	"public/" + audit.RecordFile, "public/" + audit.ProbabilitiesFile, "public/" + audit.ReceiptsFile, "public/" + audit.PanelFile, "public/" + report.HTMLFile, "public/" + report.MarkdownFile,
}

// selectInto runs select on the example into dir with the seed, and more
// flags.
func selectInto(t *testing.T, dir, seed string, extra ...string) (int, string, string) {
	t.Helper()
	return selectExample(t, dir, append([]string{"--seed", seed, "--quiet"}, extra...)...)
}

// leftovers returns what a run keeps beside the folder dir (its lock,
// staging or old folder).
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(dir)+".tirage-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// setWriteHook sets writeHook for the test.
func setWriteHook(t *testing.T, hook func(string) error) {
	writeHook = hook
	t.Cleanup(func() { writeHook = nil })
}

func TestWriteFailures(t *testing.T) {
	// A full disk or a refused write at any file leaves the old folder as
	// it was, removes the staging folder, says so plainly and exits 4.
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	base := t.TempDir()
	for i, tc := range []struct {
		step string
		err  error
		want string
	}{
		{"wrote public/report.md", &fs.PathError{Op: "write", Path: "report.md", Err: syscall.ENOSPC}, "the disk is full"},
		{"wrote probabilities.csv", &fs.PathError{Op: "open", Path: "probabilities.csv", Err: fs.ErrPermission}, "permission denied"},
		{"staged", syscall.EROFS, "the disk is read-only"},
	} {
		dir := filepath.Join(base, fmt.Sprint(i))
		code, _, errOut := selectInto(t, dir, seedA)
		require.Equal(t, exitOK, code, errOut)
		old := readTree(t, dir)
		setWriteHook(t, func(step string) error {
			if step == tc.step {
				return tc.err
			}
			return nil
		})
		code, out, errOut := selectInto(t, dir, seedB, "--force")
		writeHook = nil
		assert.Equal(t, exitWrite, code, tc.step)
		assert.Empty(t, out)
		assert.Contains(t, errOut, "tirage select: cannot write the output folder "+dir+"; nothing was changed there: "+tc.want, tc.step)
		assert.Equal(t, old, readTree(t, dir), tc.step)
		assert.Empty(t, leftovers(t, dir), tc.step)
	}
}

func TestConcurrentRuns(t *testing.T) {
	// A second run into a folder that a run is writing fails at once; the
	// first completes its folder.
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	dir := filepath.Join(t.TempDir(), "sel")
	staged, release := make(chan struct{}), make(chan struct{})
	setWriteHook(t, func(step string) error {
		if step == "staged" {
			close(staged)
			<-release
		}
		return nil
	})
	done := make(chan int)
	go func() {
		code, _, _ := selectInto(t, dir, seedA)
		done <- code
	}()
	<-staged
	code, out, errOut := selectInto(t, dir, seedB, "--force")
	assert.Equal(t, exitWrite, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "tirage select: another tirage run is writing the folder "+dir)
	close(release)
	assert.Equal(t, exitOK, <-done)
	writeHook = nil
	r, _ := readRecord(t, dir)
	assert.Equal(t, seedA, r.Draw.Seed)
	assertVerifies(t, dir)
	assert.Empty(t, leftovers(t, dir))

	// A lock held by another process (here, this test) refuses select and
	// draw.
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	lock, err := lockFolder(filepath.Join(filepath.Dir(abs), ".sel"+lockSuffix))
	require.NoError(t, err)
	defer lock.release()
	for _, args := range [][]string{
		{"select", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--seed", seedB, "--out", dir, "--force"},
		{"draw", dir, "--seed", seedB, "--pool", td("example", "pool.csv")},
	} {
		code, _, errOut = tirage(args...)
		assert.Equal(t, exitWrite, code, args[0])
		assert.Contains(t, errOut, "another tirage run is writing the folder", args[0])
	}
}
