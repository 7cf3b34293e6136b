package selection_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
)

// TestMain runs the tests, or, when TIRAGE_TEST_KILL_AT names a step of
// Commit, writes the files in TIRAGE_TEST_FILES as the folder
// TIRAGE_TEST_DIR and kills itself (SIGKILL: no deferred function runs)
// at that step.
func TestMain(m *testing.M) {
	if step := os.Getenv("TIRAGE_TEST_KILL_AT"); step != "" {
		var files []selection.File
		if err := json.Unmarshal([]byte(os.Getenv("TIRAGE_TEST_FILES")), &files); err != nil {
			os.Exit(100)
		}
		out, err := selection.OpenFolder(os.Getenv("TIRAGE_TEST_DIR"), true)
		if err != nil {
			os.Exit(101)
		}
		out.Step = func(s string) error {
			if s == step {
				p, _ := os.FindProcess(os.Getpid())
				p.Kill()
			}
			return nil
		}
		if err := out.Commit(files); err != nil {
			os.Exit(102)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// tree returns every file under dir by its slash-separated path inside it.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	require.NoError(t, err)
	return out
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

// someFiles are files of a selection folder, each holding text.
func someFiles(text string) []selection.File {
	var files []selection.File
	for _, name := range []string{selection.ProbabilitiesFile, selection.RecordFile, "public/" + selection.RecordFile, "public/report.md"} {
		files = append(files, selection.File{Name: name, Content: []byte(text + " " + name)})
	}
	return files
}

// want is the tree of the files.
func want(files []selection.File) map[string]string {
	m := map[string]string{}
	for _, f := range files {
		m[f.Name] = string(f.Content)
	}
	return m
}

func TestWriteFolder(t *testing.T) {
	// A selection's files are written, and written again over themselves
	// with force; without force, or with a file tirage did not write, the
	// folder is refused as an input error and left as it was.
	sel, _ := selectExample(t, "folder")
	dir := filepath.Join(t.TempDir(), "a", "sel")
	require.NoError(t, selection.WriteFolder(dir, sel.Files, false))
	assert.Equal(t, want(sel.Files), tree(t, dir))
	require.NoError(t, selection.WriteFolder(dir, sel.Files, true), "the names a selection writes are tirage's")
	assert.Empty(t, leftovers(t, dir))

	err := selection.WriteFolder(dir, someFiles("new"), false)
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
	assert.EqualError(t, err, "the output folder "+dir+" is not empty; choose a new or empty folder, or pass --force to replace the selection there")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "public", ".DS_Store"), nil, 0o644))
	err = selection.WriteFolder(dir, someFiles("new"), true)
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
	assert.EqualError(t, err, "the output folder "+dir+" holds notes.txt, which tirage did not write; tirage replaces the whole folder, so move it elsewhere first, or choose another folder")
	assert.Contains(t, tree(t, dir), selection.PanelFile)
	assert.Empty(t, leftovers(t, dir))

	file := filepath.Join(dir, "notes.txt")
	err = selection.WriteFolder(file, someFiles("new"), true)
	assert.EqualError(t, err, "the output "+file+" exists and is not a folder")
	assert.Error(t, selection.PublicFolderError(filepath.Join(dir, "public")))
	assert.NoError(t, selection.PublicFolderError(dir))
}

func TestWriteFailures(t *testing.T) {
	// A full disk or a refused write at any file leaves the old folder as
	// it was, removes the staging folder, and says so plainly.
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
		require.NoError(t, selection.WriteFolder(dir, someFiles("old"), false))
		out, err := selection.OpenFolder(dir, true)
		require.NoError(t, err)
		out.Step = func(step string) error {
			if step == tc.step {
				return tc.err
			}
			return nil
		}
		err = out.Commit(someFiles("new"))
		out.Close()
		var we *selection.WriteError
		require.ErrorAs(t, err, &we, tc.step)
		assert.Equal(t, selection.WriteFolderFiles, we.Kind)
		assert.True(t, strings.HasPrefix(err.Error(), "cannot write the output folder "+dir+"; nothing was changed there: "+tc.want), err.Error())
		assert.Equal(t, want(someFiles("old")), tree(t, dir), tc.step)
		assert.Empty(t, leftovers(t, dir), tc.step)
	}
}

func TestFolderBusy(t *testing.T) {
	// A second writer of a folder whose lock is held fails at once; the
	// first completes the folder and releases the lock.
	dir := filepath.Join(t.TempDir(), "sel")
	first, err := selection.OpenFolder(dir, false)
	require.NoError(t, err)
	_, err = selection.OpenFolder(dir, true)
	var we *selection.WriteError
	require.ErrorAs(t, err, &we)
	assert.Equal(t, selection.WriteBusy, we.Kind)
	assert.ErrorIs(t, err, selection.ErrBusy)
	assert.Equal(t, "another tirage run is writing the folder "+dir+" (it holds "+filepath.Join(filepath.Dir(dir), ".sel.tirage-lock")+"); wait until it ends, or choose another folder", err.Error())
	_, err = selection.LockBeside(dir)
	assert.ErrorIs(t, err, selection.ErrBusy)
	require.NoError(t, first.Commit(someFiles("first")))
	first.Close()
	assert.Equal(t, want(someFiles("first")), tree(t, dir))
	assert.Empty(t, leftovers(t, dir))
	lock, err := selection.LockBeside(dir)
	require.NoError(t, err)
	lock.Release()
}

// runKilled writes the files as dir in a process of its own that is
// killed at the step, and asserts that it was.
func runKilled(t *testing.T, step, dir string, files []selection.File) {
	t.Helper()
	data, err := json.Marshal(files)
	require.NoError(t, err)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TIRAGE_TEST_KILL_AT="+step, "TIRAGE_TEST_DIR="+dir, "TIRAGE_TEST_FILES="+string(data))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "%s: not killed: %v\n%s", step, err, out)
	require.False(t, exit.Success(), step)
	if runtime.GOOS != "windows" {
		status, ok := exit.Sys().(syscall.WaitStatus)
		require.True(t, ok && status.Signaled() && status.Signal() == syscall.SIGKILL, "%s: %v\n%s", step, err, out)
	}
}

func TestKillWhileWriting(t *testing.T) {
	// A run killed at any moment of writing leaves the old complete folder
	// or the new complete one. Killed between its two renames, it leaves
	// the old one beside the folder's place, and the next run into the
	// folder puts it back. No lock or temporary folder blocks the next run.
	base := t.TempDir()
	oldFiles, newFiles := someFiles("old"), someFiles("new")
	steps := []string{"wrote probabilities.csv", "wrote audit.json", "wrote public/audit.json", "wrote public/report.md", "staged", "moved aside", "in place", "old removed"}
	for _, fresh := range []bool{false, true} {
		for _, step := range steps {
			if fresh && (step == "moved aside" || step == "old removed") {
				continue // nothing to move aside in a fresh folder
			}
			name := map[bool]string{false: "force", true: "fresh"}[fresh] + "-" + filepath.Base(step)
			dir := filepath.Join(base, name)
			if !fresh {
				require.NoError(t, selection.WriteFolder(dir, oldFiles, false))
			}
			runKilled(t, step, dir, newFiles)
			_, err := os.Stat(dir)
			switch {
			case step == "moved aside":
				assert.True(t, os.IsNotExist(err), name)
			case step == "in place" || step == "old removed":
				assert.Equal(t, want(newFiles), tree(t, dir), name)
			case fresh:
				assert.True(t, os.IsNotExist(err), "%s: a folder that is not complete appeared", name)
			default:
				assert.Equal(t, want(oldFiles), tree(t, dir), name)
			}
			// The next run into the folder cleans up and restores: here a
			// run without force, refused when the folder is not empty.
			err = selection.WriteFolder(dir, someFiles("next"), false)
			switch {
			case step == "in place" || step == "old removed":
				assert.Error(t, err, name)
				assert.Equal(t, want(newFiles), tree(t, dir), name)
			case fresh:
				assert.NoError(t, err, name)
			default:
				assert.ErrorContains(t, err, "is not empty", name)
				assert.Equal(t, want(oldFiles), tree(t, dir), name)
			}
			assert.Empty(t, leftovers(t, dir), name)
		}
	}
}

func TestWriteFileFunc(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.txt")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	require.NoError(t, selection.WriteFileFunc(path, write("one")))
	require.NoError(t, selection.WriteFile(path, []byte("two")))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "two", string(data))

	// A failed write leaves the old content and no temporary file.
	boom := errors.New("boom")
	err = selection.WriteFileFunc(path, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	assert.ErrorIs(t, err, boom)
	data, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "two", string(data))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1)

	fi, err := os.Stat(path)
	require.NoError(t, err)
	if runtime.GOOS != "windows" {
		assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
	}

	assert.Error(t, selection.WriteFile(filepath.Join(dir, "missing", "f.txt"), []byte("x")))
}

func TestReportSettingsOf(t *testing.T) {
	// A draw or a replacement keeps the language and the byline of the
	// selection's report; a folder without a report gives English.
	in, err := selection.ReadInputs(file(t, "example", "pool.csv"), file(t, "example", "quotas.csv"), 30, "")
	require.NoError(t, err)
	sel, err := selection.SelectFrom(context.Background(), in, selection.SelectOptions{Algorithm: "maximin", Seed: "kept", Now: fixed,
		Lang: report.French, Organisation: "Mairie de Lyon", Contact: "tirage@example.org"})
	require.NoError(t, err)
	assert.Equal(t, selection.ReportSettings{Lang: report.French, Organisation: "Mairie de Lyon", Contact: "tirage@example.org"},
		selection.ReportSettingsOf(folder("sel", sel.Files)))
	assert.Equal(t, selection.ReportSettings{Lang: report.English}, selection.ReportSettingsOf(folder("empty", nil)))
}

func TestCheckBatchFolder(t *testing.T) {
	dir := t.TempDir()
	assert.NoError(t, selection.CheckBatchFolder(filepath.Join(dir, "new"), false))
	assert.NoError(t, selection.CheckBatchFolder(dir, false), "empty")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "f"), nil, 0o644))
	err := selection.CheckBatchFolder(dir, false)
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
	assert.ErrorContains(t, err, "is not empty")
	assert.NoError(t, selection.CheckBatchFolder(dir, true))
	assert.ErrorContains(t, selection.CheckBatchFolder(filepath.Join(dir, "f"), true), "exists and is not a directory")
}

// A platform that made a selection's files (FolderFiles, SelectFrom)
// writes them as a folder whole or not at all; a second write into the
// folder needs force, which replaces the selection there.
func ExampleWriteFolder() {
	base, err := os.MkdirTemp("", "tirage")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(base)
	dir := filepath.Join(base, "north")
	files := []selection.File{
		{Name: selection.RecordFile, Content: []byte("{}\n")},
		{Name: selection.PublicDir + "/" + selection.RecordFile, Content: []byte("{}\n")},
	}
	fmt.Println(selection.WriteFolder(dir, files, false))
	err = selection.WriteFolder(dir, files, false)
	fmt.Println(selection.CodeOf(err) == selection.CodeInput)
	fmt.Println(selection.WriteFolder(dir, files, true))
	// Output:
	// <nil>
	// true
	// <nil>
}
