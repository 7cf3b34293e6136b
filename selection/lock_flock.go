//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package selection

import (
	"errors"
	"os"
	"syscall"
)

// FolderLock is a held lock file: an advisory lock (flock) on it, which
// the system releases when the process ends, even when it is killed; a
// lock file left by a killed run is therefore free, and reused.
type FolderLock struct {
	path string
	f    *os.File
}

// lockFile takes the lock file at path, creating it, or fails at once
// with ErrBusy when another process holds it.
func lockFile(path string) (*FolderLock, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, ErrBusy
			}
			return nil, err
		}
		// The run that held it may have removed the file meanwhile: the
		// lock counts only on the file at path.
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return &FolderLock{path: path, f: f}, nil
		}
		f.Close()
	}
}

// Release removes the lock file and releases the lock.
func (l *FolderLock) Release() {
	os.Remove(l.path)
	l.f.Close()
}
