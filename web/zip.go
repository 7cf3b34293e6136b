package web

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing/fstest"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// zipTime is the time of every file in the zips: fixed, so that the same
// files give the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Zip returns a zip of the files, in their order, each with a fixed time.
func Zip(files []selection.File) ([]byte, error) {
	return newPacker().zip(files)
}

// PublicZip returns a zip of the files of a selection folder's public/
// folder, at the zip's top level: what may be published.
func PublicZip(files []selection.File) ([]byte, error) {
	return newPacker().publicZip(files)
}

// A packer makes zips, compressing each distinct content once: a
// selection folder's private zip holds the public files twice, and its
// public zip once more.
type packer struct {
	w      *flate.Writer
	buf    bytes.Buffer
	packed map[string]packed
}

// packed is a content compressed.
type packed struct {
	data []byte
	crc  uint32
	size int
}

func newPacker() *packer { return &packer{packed: map[string]packed{}} }

// pack returns the content compressed, with the fastest compression: CSV
// and JSON still shrink several times, and in WebAssembly the best
// compression costs as much as a lottery.
func (p *packer) pack(content []byte) (packed, error) {
	if c, ok := p.packed[string(content)]; ok {
		return c, nil
	}
	p.buf.Reset()
	if p.w == nil {
		w, err := flate.NewWriter(&p.buf, flate.BestSpeed)
		if err != nil {
			return packed{}, err
		}
		p.w = w
	} else {
		p.w.Reset(&p.buf)
	}
	if _, err := p.w.Write(content); err != nil {
		return packed{}, err
	}
	if err := p.w.Close(); err != nil {
		return packed{}, err
	}
	c := packed{data: bytes.Clone(p.buf.Bytes()), crc: crc32.ChecksumIEEE(content), size: len(content)}
	p.packed[string(content)] = c
	return c, nil
}

// zip returns a zip of the files, in their order, each with a fixed time.
func (p *packer) zip(files []selection.File) ([]byte, error) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range files {
		c, err := p.pack(f.Content)
		if err != nil {
			return nil, err
		}
		h := &zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: zipTime,
			CRC32: c.crc, CompressedSize64: uint64(len(c.data)), UncompressedSize64: uint64(c.size)}
		h.SetMode(0o644)
		fw, err := w.CreateRaw(h)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(c.data); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// publicZip returns a zip of the files of public/, at its top level.
func (p *packer) publicZip(files []selection.File) ([]byte, error) {
	var public []selection.File
	for _, f := range files {
		if name, ok := strings.CutPrefix(f.Name, audit.PublicDir+"/"); ok {
			public = append(public, selection.File{Name: name, Content: f.Content})
		}
	}
	if len(public) == 0 {
		return nil, errors.New("the selection folder has no public files")
	}
	return p.zip(public)
}

// maxBundle bounds the bytes a bundle's zips may expand to.
const maxBundle = 1 << 30

// bundleFiles returns the files of a bundle as a file system: each file at
// its path as given (a name, or a path inside a folder the user chose),
// and the files of each zip among them in a folder named after the zip.
func bundleFiles(files []File) (fstest.MapFS, error) {
	if len(files) == 0 {
		return nil, inputError(message.WebChooseBundle)
	}
	m := fstest.MapFS{}
	total := 0
	zips := map[string]bool{}
	for _, f := range files {
		name := cleanPath(f.Name)
		if name == "" {
			name = baseName(f.Name)
		}
		if !strings.EqualFold(path.Ext(name), ".zip") {
			m[name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
			continue
		}
		z, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
		if err != nil {
			return nil, inputError(message.WebBadZip, "file", baseName(name), "error", message.ReasonOf(err))
		}
		folder := name // two zips of one name (two downloads) stay apart
		for i := 2; zips[folder]; i++ {
			folder = fmt.Sprintf("%s (%d)", name, i)
		}
		zips[folder] = true
		for _, zf := range z.File {
			p := cleanPath(zf.Name)
			if zf.FileInfo().IsDir() || p == "" {
				continue
			}
			r, err := zf.Open()
			if err != nil {
				return nil, inputError(message.WebZipEntry, "file", baseName(name), "entry", zf.Name, "error", message.ReasonOf(err))
			}
			data, err := io.ReadAll(io.LimitReader(r, int64(maxBundle-total+1)))
			r.Close()
			if err != nil {
				return nil, inputError(message.WebZipEntry, "file", baseName(name), "entry", zf.Name, "error", message.ReasonOf(err))
			}
			if total += len(data); total > maxBundle {
				return nil, inputError(message.WebBundleTooLarge, "file", baseName(name), "bytes", maxBundle)
			}
			m[path.Join(folder, p)] = &fstest.MapFile{Data: data, Mode: 0o644}
		}
	}
	return m, nil
}

// cleanPath returns a file's path inside a bundle, with slashes, or "" for
// a path that leaves it.
func cleanPath(name string) string {
	p := path.Clean(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
	if !fs.ValidPath(p) || p == "." {
		return ""
	}
	return p
}

// recordDirs returns the folders of a bundle that hold an audit.json, the
// nearest to the top first.
func recordDirs(m fstest.MapFS) []string {
	var dirs []string
	for p := range m {
		if path.Base(p) == audit.RecordFile {
			dirs = append(dirs, path.Dir(p))
		}
	}
	sort.Slice(dirs, func(i, j int) bool {
		di, dj := depth(dirs[i]), depth(dirs[j])
		return di < dj || di == dj && dirs[i] < dirs[j]
	})
	return dirs
}

// depth is the number of folders above the files of dir.
func depth(dir string) int {
	if dir == "." {
		return 0
	}
	return strings.Count(dir, "/") + 1
}

// sub returns the folder dir of the bundle as a selection folder.
func sub(m fstest.MapFS, dir string) (selection.Dir, error) {
	if dir == "." {
		return selection.Dir{Name: "the bundle", FS: m}, nil
	}
	s, err := fs.Sub(m, dir)
	if err != nil {
		return selection.Dir{}, fmt.Errorf("cannot open %s: %v", dir, err)
	}
	return selection.Dir{Name: dir, FS: s}, nil
}

// bundleFS returns the folder of the audit.json nearest to the top of a
// bundle's files (all of them when there is none: Verify says it is
// missing).
func bundleFS(files []File) (fs.FS, error) {
	m, err := bundleFiles(files)
	if err != nil {
		return nil, err
	}
	dirs := recordDirs(m)
	if len(dirs) == 0 {
		return m, nil
	}
	d, err := sub(m, dirs[0])
	return d.FS, err
}

// bundleChain returns, among the selection folders of a bundle's files
// (several zips, or the files of several folders), the selection to
// verify and the others, which it may replace (selection.Verify's
// Originals). The selection verified is the one that no other among them
// replaces; a folder whose audit.json cannot be read is the one verified,
// so that its failure shows. Folders with the same audit.json (a
// selection folder and its public/) count once, the nearest to the top.
func bundleChain(files []File) (selection.Dir, []selection.Dir, error) {
	m, err := bundleFiles(files)
	if err != nil {
		return selection.Dir{}, nil, err
	}
	type folder struct {
		dir        string
		commitment string
		replaces   string
	}
	var folders []folder
	seen := map[string]bool{}
	for _, dir := range recordDirs(m) {
		data := m[path.Join(dir, audit.RecordFile)].Data
		if seen[string(data)] {
			continue
		}
		seen[string(data)] = true
		r, err := audit.ParseRecord(data)
		var c string
		if err == nil {
			c, err = r.Commit()
		}
		if err != nil {
			folders = []folder{{dir: dir}} // verified alone: its record fails
			break
		}
		f := folder{dir: dir, commitment: c}
		if r.Replaces != nil {
			f.replaces = r.Replaces.Commitment
		}
		folders = append(folders, f)
	}
	if len(folders) == 0 {
		return selection.Dir{Name: "the bundle", FS: m}, nil, nil
	}
	replaced := map[string]bool{}
	for _, f := range folders {
		replaced[f.replaces] = true
	}
	var heads []int
	for i, f := range folders {
		if f.commitment == "" || !replaced[f.commitment] {
			heads = append(heads, i)
		}
	}
	if len(heads) > 1 {
		// A replacement among selections it does not name is still the one
		// verified: the check of its chain says what is missing.
		var replacements []int
		for _, i := range heads {
			if folders[i].replaces != "" {
				replacements = append(replacements, i)
			}
		}
		if len(replacements) != 1 {
			return selection.Dir{}, nil, inputError(message.WebSeveralSelections, "n", len(heads))
		}
		heads = replacements
	}
	target, err := sub(m, folders[heads[0]].dir)
	if err != nil {
		return selection.Dir{}, nil, err
	}
	var originals []selection.Dir
	for i, f := range folders {
		if i == heads[0] {
			continue
		}
		d, err := sub(m, f.dir)
		if err != nil {
			return selection.Dir{}, nil, err
		}
		originals = append(originals, d)
	}
	return target, originals, nil
}
