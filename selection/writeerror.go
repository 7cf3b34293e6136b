package selection

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
)

// WriteKind is what could not be written, or where: the kind of a
// *WriteError.
type WriteKind int

// The kinds of a *WriteError.
const (
	// WriteCreate: the folder Path cannot be created.
	WriteCreate WriteKind = iota
	// WriteBusy: another run holds the lock of the folder Path.
	WriteBusy
	// WriteBeside: nothing can be written beside the folder Path (its
	// lock, its staging folder).
	WriteBeside
	// WriteClean: what an interrupted run left beside the folder Path
	// cannot be cleaned.
	WriteClean
	// WriteUse: the folder Path cannot be looked at.
	WriteUse
	// WriteRead: the folder Path cannot be read.
	WriteRead
	// WriteFolderFiles: the files of the folder Path cannot be written; the
	// folder is as it was.
	WriteFolderFiles
	// WriteOld: the new folder Path is in place, but the old one, moved
	// aside to Aside, cannot be removed.
	WriteOld
	// WriteSingleFile: the file Path cannot be written; it is as it was.
	WriteSingleFile
)

// WriteError is a failure to write the output: the disk is full, tirage
// may not write there, or another run is writing the same folder. The
// tirage command exits with code 4.
type WriteError struct {
	Kind WriteKind
	// Path is the folder or the file, as the caller named it.
	Path string
	// Aside is, for WriteOld, where the old folder is.
	Aside string
	// Err is the system's error.
	Err error
}

// Error says what could not be written and why, in plain words.
func (e *WriteError) Error() string {
	var what string
	switch e.Kind {
	case WriteCreate:
		what = "cannot create the folder " + e.Path
	case WriteBusy:
		return fmt.Sprintf("another tirage run is writing the folder %s (it holds %s); wait until it ends, or choose another folder",
			e.Path, filepath.Join(filepath.Dir(filepath.Clean(e.Path)), LockName(filepath.Base(e.Path))))
	case WriteBeside:
		what = "cannot write beside the output folder " + e.Path
	case WriteClean:
		what = "cannot clean what an interrupted run left beside " + e.Path
	case WriteUse:
		what = "cannot use the output folder " + e.Path
	case WriteRead:
		what = "cannot read the output folder " + e.Path
	case WriteFolderFiles:
		what = "cannot write the output folder " + e.Path + "; nothing was changed there"
	case WriteOld:
		what = "the new selection is in " + e.Path + ", but the old one, moved to " + e.Aside + ", cannot be removed"
	default:
		what = "cannot write " + e.Path
	}
	return what + ": " + writeWhy(e.Err)
}

// Unwrap returns the system's error.
func (e *WriteError) Unwrap() error { return e.Err }

// writeWhy says why err prevented writing, and what to do, in plain words.
func writeWhy(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full; free some space (or choose a folder on another disk) and run the command again"
	case errors.Is(err, syscall.EROFS):
		return "the disk is read-only; choose a folder on a disk tirage may write to"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied; choose a folder you may write to, and close any of its files that another program (such as a spreadsheet) has open"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
