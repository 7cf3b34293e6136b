package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
)

// A selection folder is written whole or not at all (README, "Files"):
//
//  1. openFolder, before any computation, checks the folder and takes its
//     lock, a file .NAME.tirage-lock beside it, so that a second run into
//     the same folder fails at once; it cleans what a killed run left
//     (see recoverFolder) and creates the staging folder
//     .NAME.tirage-tmp-… beside it, which shows that tirage may write
//     there.
//  2. commit writes every file into the staging folder, each synced to
//     the disk, then moves an old folder aside (.NAME.tirage-old) and
//     renames the staging folder to NAME, and removes the old one.
//
// Renaming a folder is atomic on every system tirage runs on, and the
// staging folder is beside NAME, on the same file system, so NAME holds
// either its old complete content or the new complete one. The only moment
// when NAME is absent is between the two renames (two system calls): a run
// killed there leaves the complete old folder as .NAME.tirage-old, which
// the next run into NAME puts back before anything else. Nobody else
// writes in NAME: the lock keeps other tirage runs out, and files tirage
// did not write make --force refuse the folder rather than delete them.

// writeHook, when not nil, is called after each step of writing a folder
// with the step's name ("wrote FILE", "staged", "moved aside", "in place",
// "old removed"); an error it returns is the step's. Tests use it to
// simulate a full disk or a kill at that moment.
var writeHook func(step string) error

// The suffixes of what a run keeps beside its output folder NAME, as
// .NAME + suffix.
const (
	lockSuffix  = ".tirage-lock"
	tmpSuffix   = ".tirage-tmp-"
	asideSuffix = ".tirage-old"
)

// lockName is the name of the lock file of the folder name, beside it.
func lockName(name string) string { return "." + name + lockSuffix }

// writeError is a failure to write the output: the disk is full, tirage
// may not write there, or another run is writing the same folder. The
// command exits with exitWrite.
type writeError struct {
	msg string
	err error
}

func (e *writeError) Error() string { return e.msg }
func (e *writeError) Unwrap() error { return e.err }

// newWriteError returns the writeError of err, met while doing what (such
// as "cannot write in /srv/out"), in plain words.
func newWriteError(what string, err error) *writeError {
	var why string
	switch {
	case errors.Is(err, syscall.ENOSPC):
		why = "the disk is full; free some space (or choose a folder on another disk) and run the command again"
	case errors.Is(err, syscall.EROFS):
		why = "the disk is read-only; choose a folder on a disk tirage may write to"
	case errors.Is(err, fs.ErrPermission):
		why = "permission denied; choose a folder you may write to, and close any of its files that another program (such as a spreadsheet) has open"
	default:
		why = err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			why = pe.Err.Error()
		}
	}
	return &writeError{msg: what + ": " + why, err: err}
}

// outputCode returns the exit code of an error of openFolder or commit,
// printing it.
func outputCode(e *env, err error) int {
	e.errorf("%v", err)
	var we *writeError
	if errors.As(err, &we) {
		return exitWrite
	}
	return exitUsage
}

// outputFolder is a selection folder being made: locked, with its staging
// folder, until commit puts the new files in place (or close gives up).
type outputFolder struct {
	dir          string // as given, for messages
	path         string // absolute
	parent, name string
	lock         *folderLock
	stage        string // the staging folder; "" once committed
}

// openFolder prepares to write the selection folder dir: it refuses a dir
// that is not a folder, or (unless force) not empty, or that holds files
// tirage did not write, or that holds the current folder; then it takes
// the lock, cleans what a killed run left and creates the staging folder.
// A *writeError means that tirage cannot write there now. The caller must
// call close.
func openFolder(dir string, force bool) (*outputFolder, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot use the output folder %s: %v", dir, err)
	}
	o := &outputFolder{dir: dir, path: abs, parent: filepath.Dir(abs), name: filepath.Base(abs)}
	if o.parent == abs {
		return nil, fmt.Errorf("the output folder %s is the root of the disk; choose a folder inside it", dir)
	}
	if wd, err := os.Getwd(); err == nil && within(wd, abs) {
		return nil, fmt.Errorf("the output folder %s is the current folder or holds it; choose another one, such as a new folder inside it", dir)
	}
	if err := os.MkdirAll(o.parent, 0o755); err != nil {
		return nil, newWriteError("cannot create the folder "+filepath.Dir(filepath.Clean(dir)), err)
	}
	if o.lock, err = lockFolder(filepath.Join(o.parent, lockName(o.name))); err != nil {
		if errors.Is(err, errBusy) {
			return nil, &writeError{msg: fmt.Sprintf("another tirage run is writing the folder %s (it holds %s); wait until it ends, or choose another folder", dir, filepath.Join(filepath.Dir(filepath.Clean(dir)), lockName(o.name))), err: err}
		}
		return nil, newWriteError("cannot write beside the output folder "+dir, err)
	}
	if err := o.prepare(force); err != nil {
		o.close()
		return nil, err
	}
	return o, nil
}

// within reports whether the path p is dir or inside it (both absolute
// and clean).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// prepare is openFolder under the lock.
func (o *outputFolder) prepare(force bool) error {
	if err := o.recover(); err != nil {
		return newWriteError("cannot clean what an interrupted run left beside "+o.dir, err)
	}
	fi, err := os.Stat(o.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return newWriteError("cannot use the output folder "+o.dir, err)
	case !fi.IsDir():
		return fmt.Errorf("the output %s exists and is not a folder", o.dir)
	default:
		entries, err := os.ReadDir(o.path)
		if err != nil {
			return newWriteError("cannot read the output folder "+o.dir, err)
		}
		if len(entries) > 0 && !force {
			return fmt.Errorf("the output folder %s is not empty; choose a new or empty folder, or pass --force to replace the selection there", o.dir)
		}
		if foreign := foreignFiles(o.path); len(foreign) > 0 {
			return fmt.Errorf("the output folder %s holds %s, which tirage did not write; tirage replaces the whole folder, so move %s elsewhere first, or choose another folder", o.dir, joinAnd(foreign), plural(len(foreign), "it", "them"))
		}
	}
	stage, err := os.MkdirTemp(o.parent, "."+o.name+tmpSuffix)
	if err != nil {
		return newWriteError("cannot write beside the output folder "+o.dir, err)
	}
	o.stage = stage
	if err := os.Chmod(stage, 0o755); err != nil {
		return newWriteError("cannot write beside the output folder "+o.dir, err)
	}
	return nil
}

// recover cleans what a run into the same folder left when it was killed:
// it puts back an old folder moved aside when the folder is absent (the
// run was killed between its two renames), else removes it, and removes
// staging folders.
func (o *outputFolder) recover() error {
	aside := filepath.Join(o.parent, "."+o.name+asideSuffix)
	if _, err := os.Stat(aside); err == nil {
		if _, err := os.Lstat(o.path); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(aside, o.path); err != nil {
				return err
			}
		} else if err := os.RemoveAll(aside); err != nil {
			return err
		}
	}
	stages, err := filepath.Glob(filepath.Join(o.parent, "."+globEscape(o.name)+tmpSuffix+"*"))
	if err != nil {
		return err
	}
	for _, s := range stages {
		if err := os.RemoveAll(s); err != nil {
			return err
		}
	}
	return nil
}

// globEscape escapes the characters that filepath.Match treats specially.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// folderNames are the names tirage writes in a selection folder, and in
// its public folder.
var folderNames = []string{audit.RecordFile, audit.PanelFile, audit.RemainingFile, audit.ProbabilitiesFile, audit.ReceiptsFile,
	audit.AlternatesFile, audit.CompletedFile, report.HTMLFile, report.MarkdownFile}

// systemFiles are the files that file browsers make in any folder they
// show (macOS Finder, Windows Explorer): replacing a folder may drop them.
var systemFiles = []string{".DS_Store", "Thumbs.db", "desktop.ini"}

// foreignFiles returns the names, in dir and its public folder, of what
// tirage does not write there, except the temporary files of tirage before
// 2026-12 (.NAME.*.tmp) and what file browsers make (systemFiles, and the
// ._NAME files of macOS).
func foreignFiles(dir string) []string {
	var out []string
	var walk func(dir, prefix string, top bool)
	walk = func(dir, prefix string, top bool) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			out = append(out, prefix+"(unreadable)")
			return
		}
		for _, en := range entries {
			n := en.Name()
			switch {
			case top && n == audit.PublicDir && en.IsDir():
				walk(filepath.Join(dir, n), prefix+n+"/", false)
			case !en.IsDir() && slices.Contains(folderNames, n),
				!en.IsDir() && strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".tmp"),
				!en.IsDir() && (slices.Contains(systemFiles, n) || strings.HasPrefix(n, "._")):
			default:
				out = append(out, prefix+n)
			}
		}
	}
	walk(dir, "", true)
	if len(out) > 5 {
		out = append(out[:5], fmt.Sprintf("%d more", len(out)-5))
	}
	return out
}

// commit writes the files (their names are slash-separated paths inside
// the folder) into the staging folder and puts it in place of the folder.
func (o *outputFolder) commit(files []selection.File) error {
	fail := func(err error) error {
		return newWriteError("cannot write the output folder "+o.dir+"; nothing was changed there", err)
	}
	dirs := map[string]bool{o.stage: true}
	for _, f := range files {
		p := filepath.Join(o.stage, filepath.FromSlash(f.Name))
		if d := filepath.Dir(p); !dirs[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fail(err)
			}
			dirs[d] = true
		}
		if err := writeSynced(p, f.Content); err != nil {
			return fail(err)
		}
		if err := step("wrote " + f.Name); err != nil {
			return fail(err)
		}
	}
	for d := range dirs {
		syncDir(d)
	}
	if err := step("staged"); err != nil {
		return fail(err)
	}
	aside := filepath.Join(o.parent, "."+o.name+asideSuffix)
	moved := false
	if _, err := os.Lstat(o.path); err == nil {
		if err := os.Rename(o.path, aside); err != nil {
			return fail(err)
		}
		moved = true
		if err := step("moved aside"); err != nil {
			return fail(err)
		}
	}
	if err := os.Rename(o.stage, o.path); err != nil {
		if moved {
			os.Rename(aside, o.path)
		}
		return fail(err)
	}
	o.stage = ""
	syncDir(o.parent)
	if err := step("in place"); err != nil {
		return err
	}
	if moved {
		if err := os.RemoveAll(aside); err != nil {
			return newWriteError("the new selection is in "+o.dir+", but the old one, moved to "+aside+", cannot be removed", err)
		}
	}
	return step("old removed")
}

// step calls writeHook, if set.
func step(name string) error {
	if writeHook == nil {
		return nil
	}
	return writeHook(name)
}

// close removes the staging folder if it was not committed, and releases
// the lock.
func (o *outputFolder) close() {
	if o.stage != "" {
		os.RemoveAll(o.stage)
		o.stage = ""
	}
	if o.lock != nil {
		o.lock.release()
		o.lock = nil
	}
}

// writeSynced writes a new file, readable by everyone, and syncs it to
// the disk.
func writeSynced(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// publicFolderError returns an error when dir is the public folder of a
// selection folder (its name is public, and the folder that holds it has
// an audit record): draw and replace work on the selection folder, which
// alone holds the pool's rows, and writing a whole selection folder there
// would put them in what is published.
func publicFolderError(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil || filepath.Base(abs) != audit.PublicDir {
		return nil
	}
	parent := filepath.Dir(abs)
	if _, err := os.Stat(filepath.Join(parent, audit.RecordFile)); err != nil {
		return nil
	}
	return fmt.Errorf("%s is the public folder of the selection in %s, which holds only what may be published; give the selection folder, %s", dir, filepath.Dir(filepath.Clean(dir)), filepath.Dir(filepath.Clean(dir)))
}

// fileNames returns the names of the files, the private ones (outside
// public/) and the public ones (inside it, without the prefix).
func fileNames(files []selection.File) (private, public []string) {
	for _, f := range files {
		if rest, ok := strings.CutPrefix(f.Name, audit.PublicDir+"/"); ok {
			public = append(public, rest)
		} else {
			private = append(private, path.Clean(f.Name))
		}
	}
	return private, public
}

// printWritten prints where the files went: the private ones, and the
// public folder to publish.
func printWritten(w io.Writer, lang message.Lang, dir string, files []selection.File) {
	private, public := fileNames(files)
	fmt.Fprintln(w, message.New(message.CLIWritten, "dir", dir, "files", strings.Join(private, ", ")).In(lang))
	fmt.Fprintln(w, message.New(message.CLIPublish, "dir", filepath.Join(dir, audit.PublicDir), "files", strings.Join(public, ", ")).In(lang))
}
