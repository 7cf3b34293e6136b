package web

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing/fstest"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/selection"
)

// zipTime is the time of every file in the zips: fixed, so that the same
// files give the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Zip returns a zip of the files, in their order, each with a fixed time.
func Zip(files []selection.File) ([]byte, error) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	// The fastest compression: CSV and JSON still shrink several times,
	// and in WebAssembly the best compression costs as much as a lottery.
	w.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	for _, f := range files {
		h := &zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: zipTime}
		h.SetMode(0o644)
		fw, err := w.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(f.Content); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// PublicZip returns a zip of the files of a selection folder's public/
// folder, at the zip's top level: what may be published.
func PublicZip(files []selection.File) ([]byte, error) {
	var public []selection.File
	for _, f := range files {
		if name, ok := strings.CutPrefix(f.Name, audit.PublicDir+"/"); ok {
			public = append(public, selection.File{Name: name, Content: f.Content})
		}
	}
	if len(public) == 0 {
		return nil, errors.New("the selection folder has no public files")
	}
	return Zip(public)
}

// maxBundle bounds the bytes a bundle's zips may expand to.
const maxBundle = 1 << 30

// bundleFS returns the folder of a bundle's files as a file system: the
// files as given (their names without folders), and the files of any zip
// among them at their paths. When audit.json is not at the top, it is the
// folder of the audit.json nearest to the top.
func bundleFS(files []File) (fs.FS, error) {
	if len(files) == 0 {
		return nil, inputError("choose the files of the bundle, or its zip")
	}
	m := fstest.MapFS{}
	total := 0
	for _, f := range files {
		name := baseName(f.Name)
		if !strings.EqualFold(path.Ext(name), ".zip") {
			m[name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
			continue
		}
		z, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
		if err != nil {
			return nil, inputError("%s is not a zip file that can be read: %v", name, err)
		}
		for _, zf := range z.File {
			if zf.FileInfo().IsDir() {
				continue
			}
			p := path.Clean(strings.TrimPrefix(strings.ReplaceAll(zf.Name, `\`, "/"), "/"))
			if !fs.ValidPath(p) {
				continue
			}
			r, err := zf.Open()
			if err != nil {
				return nil, inputError("%s: cannot read %s: %v", name, zf.Name, err)
			}
			data, err := io.ReadAll(io.LimitReader(r, int64(maxBundle-total+1)))
			r.Close()
			if err != nil {
				return nil, inputError("%s: cannot read %s: %v", name, zf.Name, err)
			}
			if total += len(data); total > maxBundle {
				return nil, inputError("%s expands to more than %d bytes", name, maxBundle)
			}
			m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		}
	}
	var records []string
	for p := range m {
		if path.Base(p) == audit.RecordFile {
			records = append(records, p)
		}
	}
	if len(records) == 0 {
		return m, nil // Verify says audit.json is missing
	}
	sort.Slice(records, func(i, j int) bool {
		di, dj := strings.Count(records[i], "/"), strings.Count(records[j], "/")
		return di < dj || di == dj && records[i] < records[j]
	})
	dir := path.Dir(records[0])
	if dir == "." {
		return m, nil
	}
	sub, err := fs.Sub(m, dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %v", dir, err)
	}
	return sub, nil
}
