package main

import (
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"

	"github.com/tirage/tirage/selection"
)

// fileNames returns the names of the files, the private ones (outside
// public/) and the public ones (inside it, without the prefix).
func fileNames(files []selection.File) (private, public []string) {
	for _, f := range files {
		if rest, ok := strings.CutPrefix(f.Name, selection.PublicDir+"/"); ok {
			public = append(public, rest)
		} else {
			private = append(private, path.Clean(f.Name))
		}
	}
	return private, public
}

// printWritten prints where the files went: the private ones, and the
// public folder to publish.
func printWritten(w io.Writer, dir string, files []selection.File) {
	private, public := fileNames(files)
	fmt.Fprintf(w, "Written:  %s: %s (private: the pool's columns, names and contacts included)\n", dir, strings.Join(private, ", "))
	fmt.Fprintf(w, "Publish:  %s: %s (ids and quota values only)\n", filepath.Join(dir, selection.PublicDir), strings.Join(public, ", "))
}
