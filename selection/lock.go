package selection

import (
	"errors"
	"os"
	"path/filepath"
)

// ErrBusy is the error under a *WriteError of kind WriteBusy: another
// process holds the lock of the folder.
var ErrBusy = errors.New("the lock is held by another process")

// The suffixes of what a run keeps beside its output folder NAME, as
// .NAME + suffix: its lock, its staging folder and the old folder it
// moved aside.
const (
	lockSuffix  = ".tirage-lock"
	tmpSuffix   = ".tirage-tmp-"
	asideSuffix = ".tirage-old"
)

// LockName is the name of the lock file of the folder name, beside it:
// .NAME.tirage-lock.
func LockName(name string) string { return "." + name + lockSuffix }

// LockBeside creates the folder dir if needed and takes its lock, the
// file LockName beside it, so that no other tirage run writes there
// until Release. It fails at once, with a *WriteError of kind WriteBusy,
// when another process holds the lock. A batch takes the lock of its
// output folder; OpenFolder takes that of a selection folder.
func LockBeside(dir string) (*FolderLock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &WriteError{Kind: WriteCreate, Path: dir, Err: err}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, &WriteError{Kind: WriteBeside, Path: dir, Err: err}
	}
	return lockAt(dir, filepath.Dir(abs), filepath.Base(abs))
}

// lockAt takes the lock of the folder name in parent; dir is the folder
// as given, for messages.
func lockAt(dir, parent, name string) (*FolderLock, error) {
	l, err := lockFile(filepath.Join(parent, LockName(name)))
	switch {
	case errors.Is(err, ErrBusy):
		return nil, &WriteError{Kind: WriteBusy, Path: dir, Err: err}
	case err != nil:
		return nil, &WriteError{Kind: WriteBeside, Path: dir, Err: err}
	}
	return l, nil
}
