package main

import (
	"os"
	"path/filepath"

	"github.com/tirage/tirage/selection"
)

// dirOf returns the selection folder at the path dir.
func dirOf(dir string) selection.Dir { return selection.Dir{Name: dir, FS: os.DirFS(dir)} }

// besideDirs returns where to look for the folder name that the record in
// d names: the folder of that name beside d and, when d is a sub-folder of
// a selection's folder (such as its public bundle), the same sub-folder of
// the folder of that name beside d's parent.
func besideDirs(d selection.Dir, name string) []selection.Dir {
	abs, err := filepath.Abs(d.Name)
	if err != nil {
		return nil
	}
	parent := filepath.Dir(abs)
	return []selection.Dir{dirOf(filepath.Join(parent, name)), dirOf(filepath.Join(filepath.Dir(parent), name, filepath.Base(abs)))}
}
