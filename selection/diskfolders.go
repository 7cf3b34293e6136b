package selection

import (
	"os"
	"path/filepath"
)

// The selection folders of a caller that keeps them on disk, as the
// command does: a folder by its path, the folders beside it, and the pool
// file a committed lottery names.

// DirOf returns the selection folder at the path dir.
func DirOf(dir string) Dir { return Dir{Name: dir, FS: os.DirFS(dir)} }

// BesideOnDisk is the Beside of folders on disk: the folder name beside
// d and, when d is a sub-folder of a selection's folder (such as its
// public bundle), the same sub-folder of the folder name beside d's
// parent.
func BesideOnDisk(d Dir, name string) []Dir {
	abs, err := filepath.Abs(d.Name)
	if err != nil {
		return nil
	}
	parent := filepath.Dir(abs)
	return []Dir{DirOf(filepath.Join(parent, name)), DirOf(filepath.Join(filepath.Dir(parent), name, filepath.Base(abs)))}
}

// CommittedPoolPath returns the path of the pool file a committed lottery
// was computed from, for the selection folder dir: given, when not "",
// else the file the record names (recorded, a name without folders),
// looked for in the current folder, else beside dir.
func CommittedPoolPath(given, recorded, dir string) string {
	if given != "" {
		return given
	}
	if _, err := os.Stat(recorded); err != nil {
		beside := filepath.Join(filepath.Dir(filepath.Clean(dir)), BaseName(recorded))
		if _, err := os.Stat(beside); err == nil {
			return beside
		}
	}
	return recorded
}
