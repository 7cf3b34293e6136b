package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/tirage/tirage/audit"
)

// foldersFlag collects the folders of a flag given several times, in order.
type foldersFlag []string

func (f *foldersFlag) String() string { return strings.Join(*f, ", ") }

func (f *foldersFlag) Set(dir string) error {
	*f = append(*f, dir)
	return nil
}

// readRecordIn reads and parses the audit record in dir.
func readRecordIn(dir string) (*audit.Record, error) {
	data, err := os.ReadFile(filepath.Join(dir, audit.RecordFile))
	if err != nil {
		return nil, err
	}
	return audit.ParseRecord(data)
}

// findChain finds the selections that the record r, read from dir,
// replaces, directly or through earlier replacements (audit.FindChain):
// each among the records of the originals folders (--original), or else in
// the folder its replacement's record names, looked for beside that
// record's folder. Which folder holds which selection is decided by the
// commitment, never by a name. It returns the chain (nil when a selection
// is missing, with the error) and the folders of the selections found.
func findChain(dir string, r *audit.Record, originals []string) (audit.Chain, []string, error) {
	type candidate struct {
		dir string
		r   *audit.Record
	}
	var given []candidate
	for _, d := range originals {
		if rec, err := readRecordIn(d); err == nil {
			given = append(given, candidate{d, rec})
		}
	}
	folder := map[*audit.Record]string{r: dir}
	var found []string
	take := func(d string, rec *audit.Record, want string) bool {
		if c, err := rec.Commit(); err != nil || c != want {
			return false
		}
		folder[rec] = d
		found = append(found, d)
		return true
	}
	chain, err := audit.FindChain(r, func(next *audit.Record) *audit.Record {
		want := next.Replaces.Commitment
		for _, g := range given {
			if take(g.dir, g.r, want) {
				return g.r
			}
		}
		for _, d := range beside(folder[next], next.Replaces.Directory) {
			if rec, err := readRecordIn(d); err == nil && take(d, rec, want) {
				return rec
			}
		}
		return nil
	})
	return chain, found, err
}

// beside returns where to look for the folder that the record in dir names
// name: the folder of that name beside dir and, when dir is a sub-folder
// of a selection's folder (such as its public bundle), the same
// sub-folder of the folder of that name beside dir's parent. Only the last
// element of name is used: a record names a folder, never a path.
func beside(dir, name string) []string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	abs, err := filepath.Abs(dir)
	if err != nil || name == "" || name == "." || name == ".." {
		return nil
	}
	parent := filepath.Dir(abs)
	return []string{filepath.Join(parent, name), filepath.Join(filepath.Dir(parent), name, filepath.Base(abs))}
}

// folderName returns the name of the folder dir, without the folders above
// it, as a replacement's record names its predecessor's.
func folderName(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return filepath.Base(abs)
	}
	return filepath.Base(dir)
}
