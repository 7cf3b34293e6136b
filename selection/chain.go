package selection

import (
	"io/fs"

	"github.com/tirage/tirage/audit"
)

// Dir is a selection folder, or its public folder: Name says where it is,
// for the caller (a path, for the command), and FS holds its files
// (audit.json and those beside it).
type Dir struct {
	Name string
	FS   fs.FS
}

// Beside returns where the folder that the record of the selection in dir
// names name may be (Record.Replaces.Directory: a folder's name, never a
// path): a caller that keeps selections in folders looks beside dir.
type Beside func(dir Dir, name string) []Dir

// readRecord reads and parses the audit record of the folder.
func readRecord(dir fs.FS) (*audit.Record, error) {
	data, err := fs.ReadFile(dir, audit.RecordFile)
	if err != nil {
		return nil, err
	}
	return audit.ParseRecord(data)
}

// findChain finds the selections that the record r, read from dir,
// replaces, directly or through earlier replacements (audit.FindChain):
// each among the records of the given folders (in order), or else in the
// folders beside returns for the name its replacement's record gives.
// Which folder holds which selection is decided by the commitment, never
// by a name. It returns the chain (nil when a selection is missing, with
// the error) and the folders of the selections found.
func findChain(dir Dir, r *audit.Record, given []Dir, beside Beside) (audit.Chain, []Dir, error) {
	type candidate struct {
		dir Dir
		r   *audit.Record
	}
	var candidates []candidate
	for _, d := range given {
		if rec, err := readRecord(d.FS); err == nil {
			candidates = append(candidates, candidate{d, rec})
		}
	}
	folder := map[*audit.Record]Dir{r: dir}
	var found []Dir
	take := func(d Dir, rec *audit.Record, want string) bool {
		if c, err := rec.Commit(); err != nil || c != want {
			return false
		}
		folder[rec] = d
		found = append(found, d)
		return true
	}
	chain, err := audit.FindChain(r, func(next *audit.Record) *audit.Record {
		want := next.Replaces.Commitment
		for _, c := range candidates {
			if take(c.dir, c.r, want) {
				return c.r
			}
		}
		if beside == nil {
			return nil
		}
		name := BaseName(next.Replaces.Directory)
		if name == "" || name == "." || name == ".." {
			return nil
		}
		for _, d := range beside(folder[next], name) {
			if rec, err := readRecord(d.FS); err == nil && take(d, rec, want) {
				return rec
			}
		}
		return nil
	})
	return chain, found, err
}
