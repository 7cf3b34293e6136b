package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// inputFlags are the flags naming a selection's inputs, shared by the
// commands that read a pool and quotas.
type inputFlags struct {
	pool, quotas, idColumn string
	k                      int
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.pool, "pool", "", "the pool `FILE`: one row per volunteer, one column per quota category (CSV, or .xlsx: its first sheet, or FILE.xlsx:SHEET)")
	fs.StringVar(&f.quotas, "quotas", "", "the quota `FILE`: feature,value,min,max rows (CSV or .xlsx, as --pool)")
	fs.Var(&countFlag{p: &f.k, min: 1, what: "the panel size"}, "k", "the panel size `N`")
	fs.StringVar(&f.idColumn, "id-column", "", "the pool column holding people's ids `NAME` (default \"id\" if present, else row numbers)")
}

// inputs is a selection's validated inputs, with the name (not the
// folder: a record names no folder of the computer it was made on) and
// SHA-256 digest of the file each was read from.
type inputs struct {
	quotas              *quota.Set
	pool                *sortition.Pool
	k                   int
	poolFile, quotaFile audit.File
}

// load reads and validates the inputs named by the flags, printing what is
// wrong on failure; the int is the exit code to return when err is non-nil.
func (f *inputFlags) load(e *env) (*inputs, error) {
	if err := requireFlags(e, f.missing()); err != nil {
		return nil, err
	}
	quotaData, err := readInputFile(f.quotas)
	if err != nil {
		reportInputError(e, "quota file", err)
		return nil, err
	}
	q, err := quota.Parse(f.quotas, quotaData)
	if err != nil {
		reportInputError(e, "quota file", err)
		return nil, err
	}
	if f.k >= 1 {
		q = q.ForPanel(f.k) // bounds for the values given by share
	}
	poolData, err := readInputFile(f.pool)
	if err != nil {
		reportInputError(e, "pool file", err)
		return nil, err
	}
	p, err := sortition.ParsePool(f.pool, poolData, q, sortition.PoolOptions{IDColumn: f.idColumn})
	if err != nil {
		// Its errors may be the quota file's (a value nobody has).
		reportInputError(e, poolErrorsWhat(err, q.File), err)
		return nil, err
	}
	if err := p.CheckPanelSize(f.k); err != nil {
		var ie *quota.InputError
		if errors.As(err, &ie) {
			e.errorf("%s", ie.Message(e.lang))
		} else {
			e.errorf("%v", err)
		}
		return nil, err
	}
	for _, n := range append(append([]string(nil), q.Notices...), p.Notices...) {
		fmt.Fprintf(e.stderr, "notice: %s\n", n)
	}
	if c := p.PersonalIDs(); c != nil {
		warnPersonalIDs(e, c)
	}
	return &inputs{quotas: q, pool: p, k: f.k,
		poolFile:  audit.File{Path: filepath.Base(f.pool), SHA256: sha256Hex(poolData)},
		quotaFile: audit.File{Path: filepath.Base(f.quotas), SHA256: sha256Hex(quotaData)},
	}, nil
}

// warnPersonalIDs warns that the ids look like personal data, which is
// published with them, and says how to use opaque ids.
func warnPersonalIDs(e *env, c *sortition.IDConcern) {
	what := map[sortition.IDKind]string{sortition.EmailIDs: "e-mail addresses", sortition.PhoneIDs: "phone numbers", sortition.NameIDs: "people's names"}[c.Kind]
	if c.Kind == sortition.NameIDs && c.NameColumn == c.Column {
		fmt.Fprintf(e.stderr, "warning: the ids are read from the column %s, which holds people's names (such as %s).\n", table.Quote(c.Column), table.Quote(c.Example))
	} else {
		fmt.Fprintf(e.stderr, "warning: %d of the %d ids (column %s) look like %s, such as %s.\n", c.Count, c.Of, table.Quote(c.Column), what, table.Quote(c.Example))
	}
	fmt.Fprintf(e.stderr, "  The ids are published: they are in audit.json and every file of public/. Give each volunteer an\n"+
		"  opaque id instead: add a column to the pool, such as ref, holding P0001, P0002, …, select with\n"+
		"  --id-column ref, and keep the pool, which links the ids to people, private.\n")
}

// readInputFile reads the bytes of the file an input flag names: FILE, or
// FILE.xlsx for FILE.xlsx:SHEET (the readers take the sheet from the name,
// table.ParseNamed). The record's digest is over these bytes.
func readInputFile(name string) ([]byte, error) {
	file, _ := table.SplitSheet(name)
	return os.ReadFile(file)
}

// sha256Hex returns the lowercase hexadecimal SHA-256 digest of data.
func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// missing returns the required input flags that were not given.
func (f *inputFlags) missing() []string {
	var missing []string
	if f.pool == "" {
		missing = append(missing, "--pool")
	}
	if f.quotas == "" {
		missing = append(missing, "--quotas")
	}
	if f.k == 0 {
		missing = append(missing, "--k")
	}
	return missing
}

// requireFlags prints and returns an error naming the missing flags, if
// any.
func requireFlags(e *env, missing []string) error {
	if len(missing) == 0 {
		return nil
	}
	err := fmt.Errorf("missing %s\nRun 'tirage %s -h' for help", joinAnd(missing), e.name)
	e.errorf("%v", err)
	return err
}

// reportInputError prints err, which came from reading the named input, as
// plain sentences.
func reportInputError(e *env, what string, err error) {
	var list *quota.ErrorList
	var pathErr *fs.PathError
	switch {
	case errors.As(err, &list):
		n := list.Count()
		verb := "has"
		if strings.HasSuffix(what, "files") {
			verb = "have"
		}
		if n == 1 {
			e.errorf("the %s %s a problem:", what, verb)
		} else {
			e.errorf("the %s %s %d problems:", what, verb, n)
		}
		for _, ie := range list.Errs {
			fmt.Fprintf(e.stderr, "  %s\n", ie)
		}
		if list.Omitted > 0 {
			fmt.Fprintf(e.stderr, "  … and %d more\n", list.Omitted)
		}
	case errors.As(err, &pathErr):
		e.errorf("cannot read the %s %s: %v", what, pathErr.Path, pathErr.Err)
	default:
		e.errorf("cannot read the %s: %v", what, err)
	}
}

// poolErrorsWhat says which input files the errors from reading the pool
// are in: the pool file, the quota file (a value nobody in the pool has, a
// category with no column), or both.
func poolErrorsWhat(err error, quotaFile string) string {
	var list *quota.ErrorList
	if !errors.As(err, &list) {
		return "pool file"
	}
	inQuotas := 0
	for _, ie := range list.Errs {
		if ie.File == quotaFile {
			inQuotas++
		}
	}
	switch inQuotas {
	case 0:
		return "pool file"
	case len(list.Errs):
		return "quota file"
	}
	return "input files"
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	s := items[0]
	for _, it := range items[1 : len(items)-1] {
		s += ", " + it
	}
	return s + " and " + items[len(items)-1]
}
