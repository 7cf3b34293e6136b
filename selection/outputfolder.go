package selection

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/report"
)

// A selection folder is written whole or not at all:
//
//  1. OpenFolder, before any computation, checks the folder and takes its
//     lock, a file .NAME.tirage-lock beside it, so that a second run into
//     the same folder fails at once; it cleans what a killed run left
//     (see recover) and creates the staging folder .NAME.tirage-tmp-…
//     beside it, which shows that tirage may write there.
//  2. Commit writes every file into the staging folder, each synced to
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
// did not write make a forced run refuse the folder rather than delete
// them.

// OutputFolder is a selection folder being written: locked, with its
// staging folder, until Commit puts the new files in place (or Close gives
// up).
type OutputFolder struct {
	// Step, when not nil, is called after each step of Commit with the
	// step's name ("wrote FILE", "staged", "moved aside", "in place",
	// "old removed"); an error it returns is the step's. Tests use it to
	// simulate a full disk or a kill at that moment.
	Step func(step string) error

	dir          string // as given, for messages
	path         string // absolute
	parent, name string
	lock         *FolderLock
	stage        string // the staging folder; "" once committed
}

// WriteFolder writes the files (their names are slash-separated paths
// inside the folder, as FolderFiles returns them) as the selection folder
// dir, whole or not at all: OpenFolder, then Commit.
func WriteFolder(dir string, files []File, force bool) error {
	o, err := OpenFolder(dir, force)
	if err != nil {
		return err
	}
	defer o.Close()
	return o.Commit(files)
}

// OpenFolder prepares to write the selection folder dir: it refuses (an
// *Error of code CodeInput) a dir that is not a folder, or (unless force)
// not empty, or that holds files tirage did not write, or that holds the
// current folder; then it takes the lock, cleans what a killed run left and
// creates the staging folder. A *WriteError means that tirage cannot write
// there now. The caller must call Close.
func OpenFolder(dir string, force bool) (*OutputFolder, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, refused(message.FolderCannotUse, "dir", dir, "error", message.ReasonOf(err))
	}
	o := &OutputFolder{dir: dir, path: abs, parent: filepath.Dir(abs), name: filepath.Base(abs)}
	if o.parent == abs {
		return nil, refused(message.FolderRoot, "dir", dir)
	}
	if wd, err := os.Getwd(); err == nil && within(wd, abs) {
		return nil, refused(message.FolderCurrent, "dir", dir)
	}
	if err := os.MkdirAll(o.parent, 0o755); err != nil {
		return nil, &WriteError{Kind: WriteCreate, Path: filepath.Dir(filepath.Clean(dir)), Err: err}
	}
	if o.lock, err = lockAt(dir, o.parent, o.name); err != nil {
		return nil, err
	}
	if err := o.prepare(force); err != nil {
		o.Close()
		return nil, err
	}
	return o, nil
}

// refused is an input error about the output folder: the reason of the
// code and arguments (as message.New).
func refused(code message.Code, pairs ...any) error {
	return &Error{Code: CodeInput, Err: message.Errorf(code, pairs...)}
}

// within reports whether the path p is dir or inside it (both absolute
// and clean).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// CheckOutside returns an error (of code CodeInput) when the input file
// is inside the folder, which is replaced whole.
func (o *OutputFolder) CheckOutside(input string) error {
	abs, err := filepath.Abs(input)
	if err == nil && within(abs, o.path) {
		return refused(message.FolderInputInside, "input", input, "dir", o.dir)
	}
	return nil
}

// prepare is OpenFolder under the lock.
func (o *OutputFolder) prepare(force bool) error {
	if err := o.recover(); err != nil {
		return &WriteError{Kind: WriteClean, Path: o.dir, Err: err}
	}
	fi, err := os.Stat(o.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return &WriteError{Kind: WriteUse, Path: o.dir, Err: err}
	case !fi.IsDir():
		return refused(message.FolderNotFolder, "dir", o.dir)
	default:
		entries, err := os.ReadDir(o.path)
		if err != nil {
			return &WriteError{Kind: WriteRead, Path: o.dir, Err: err}
		}
		if len(entries) > 0 && !force {
			return refused(message.FolderNotEmpty, "dir", o.dir)
		}
		if foreign := foreignFiles(o.path); len(foreign) > 0 {
			if len(foreign) == 1 {
				return refused(message.FolderForeignOne, "dir", o.dir, "file", foreign[0].Arg("name"))
			}
			return refused(message.FolderForeign, "dir", o.dir, "files", foreign)
		}
	}
	stage, err := os.MkdirTemp(o.parent, "."+o.name+tmpSuffix)
	if err != nil {
		return &WriteError{Kind: WriteBeside, Path: o.dir, Err: err}
	}
	o.stage = stage
	if err := os.Chmod(stage, 0o755); err != nil {
		return &WriteError{Kind: WriteBeside, Path: o.dir, Err: err}
	}
	return nil
}

// recover cleans what a run into the same folder left when it was killed:
// it puts back an old folder moved aside when the folder is absent (the
// run was killed between its two renames), else removes it, and removes
// staging folders.
func (o *OutputFolder) recover() error {
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
var folderNames = []string{RecordFile, PanelFile, RemainingFile, ProbabilitiesFile, ReceiptsFile,
	AlternatesFile, CompletedFile, report.HTMLFile, report.MarkdownFile}

// systemFiles are the files that file browsers make in any folder they
// show (macOS Finder, Windows Explorer): replacing a folder may drop them.
var systemFiles = []string{".DS_Store", "Thumbs.db", "desktop.ini"}

// foreignFiles returns the names (message.Verbatim, at most 5 and then
// message.FolderMore), in dir and its public folder, of what tirage does
// not write there, except the temporary files of tirage before
// 2026-12 (.NAME.*.tmp) and what file browsers make (systemFiles, and the
// ._NAME files of macOS).
func foreignFiles(dir string) []message.Reason {
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
			case top && n == PublicDir && en.IsDir():
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
	var names []message.Reason
	for i, n := range out {
		if i == 5 {
			return append(names, message.New(message.FolderMore, "n", len(out)-5))
		}
		names = append(names, message.New(message.Verbatim, "name", n))
	}
	return names
}

// Commit writes the files (their names are slash-separated paths inside
// the folder) into the staging folder and puts it in place of the folder.
// A *WriteError of kind WriteFolderFiles means that the folder is as it was.
func (o *OutputFolder) Commit(files []File) error {
	fail := func(err error) error {
		return &WriteError{Kind: WriteFolderFiles, Path: o.dir, Err: err}
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
		if err := o.step("wrote " + f.Name); err != nil {
			return fail(err)
		}
	}
	for d := range dirs {
		syncDir(d)
	}
	if err := o.step("staged"); err != nil {
		return fail(err)
	}
	aside := filepath.Join(o.parent, "."+o.name+asideSuffix)
	moved := false
	if _, err := os.Lstat(o.path); err == nil {
		if err := os.Rename(o.path, aside); err != nil {
			return fail(err)
		}
		moved = true
		if err := o.step("moved aside"); err != nil {
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
	if err := o.step("in place"); err != nil {
		return err
	}
	if moved {
		if err := os.RemoveAll(aside); err != nil {
			return &WriteError{Kind: WriteOld, Path: o.dir, Aside: aside, Err: err}
		}
	}
	return o.step("old removed")
}

// step calls Step, if set.
func (o *OutputFolder) step(name string) error {
	if o.Step == nil {
		return nil
	}
	return o.Step(name)
}

// Close removes the staging folder if it was not committed, and releases
// the lock.
func (o *OutputFolder) Close() {
	if o.stage != "" {
		os.RemoveAll(o.stage)
		o.stage = ""
	}
	if o.lock != nil {
		o.lock.Release()
		o.lock = nil
	}
}

// PublicFolderError returns an error (of code CodeInput) when dir is the
// public folder of a selection folder (its name is public, and the folder
// that holds it has an audit record): draw and replace work on the
// selection folder, which alone holds the pool's rows, and writing a
// whole selection folder there would put them in what is published.
func PublicFolderError(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil || filepath.Base(abs) != PublicDir {
		return nil
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(abs), RecordFile)); err != nil {
		return nil
	}
	parent := filepath.Dir(filepath.Clean(dir))
	return refused(message.FolderPublic, "dir", dir, "parent", parent)
}

// CheckBatchFolder returns an error (of code CodeInput) when dir cannot
// receive a batch: it is not a directory, or it is not empty and force is
// not set. A missing dir is fine: it will be created.
func CheckBatchFolder(dir string, force bool) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return refused(message.BatchDirCannotUse, "error", message.ReasonOf(err))
	case !fi.IsDir():
		return refused(message.BatchDirNotFolder, "dir", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return refused(message.BatchDirCannotUse, "error", message.ReasonOf(err))
	}
	if len(entries) > 0 && !force {
		return refused(message.BatchDirNotEmpty, "dir", dir, "summary", SummaryFile)
	}
	return nil
}
