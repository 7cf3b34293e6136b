//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly)

package selection

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// FolderLock is a held lock file, created exclusively, holding the id of
// the process that holds it. A lock file whose process has ended (a
// killed run) is removed and taken.
type FolderLock struct {
	path string
}

// lockFile takes the lock file at path, or fails at once with ErrBusy
// when a running process holds it.
func lockFile(path string) (*FolderLock, error) {
	for attempt := 0; ; attempt++ {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, err = f.WriteString(strconv.Itoa(os.Getpid()))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				os.Remove(path)
				return nil, err
			}
			return &FolderLock{path: path}, nil
		}
		if !errors.Is(err, fs.ErrExist) || attempt > 0 {
			if errors.Is(err, fs.ErrExist) {
				return nil, ErrBusy
			}
			return nil, err
		}
		data, rerr := os.ReadFile(path)
		pid, perr := strconv.Atoi(strings.TrimSpace(string(data)))
		if rerr == nil && perr == nil && processRunning(pid) {
			return nil, ErrBusy
		}
		os.Remove(path) // left by a run that ended without releasing it
	}
}

// processRunning reports whether a process with that id is running.
func processRunning(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

// Release removes the lock file.
func (l *FolderLock) Release() {
	os.Remove(l.path)
}
