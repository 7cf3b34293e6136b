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

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
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
		reportInputError(e, message.CLIQuotaFile, err)
		return nil, err
	}
	q, err := quota.Parse(f.quotas, quotaData)
	if err != nil {
		reportInputError(e, message.CLIQuotaFile, err)
		return nil, err
	}
	if f.k >= 1 {
		q = q.ForPanel(f.k) // bounds for the values given by share
	}
	poolData, err := readInputFile(f.pool)
	if err != nil {
		reportInputError(e, message.CLIPoolFile, err)
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
	for _, n := range append(append([]message.Reason(nil), q.Notices...), p.Notices...) {
		e.sayln(e.stderr, message.CLINotice, "text", n.In(e.lang))
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
	what := map[sortition.IDKind]message.Code{sortition.EmailIDs: message.CLIEmails, sortition.PhoneIDs: message.CLIPhones, sortition.NameIDs: message.CLINames}[c.Kind]
	if c.Kind == sortition.NameIDs && c.NameColumn == c.Column {
		e.sayln(e.stderr, message.CLIWarnNames, "column", table.Quote(c.Column), "example", table.Quote(c.Example))
	} else {
		e.sayln(e.stderr, message.CLIWarnIDs, "count", c.Count, "of", c.Of, "column", table.Quote(c.Column), "what", message.New(what), "example", table.Quote(c.Example))
	}
	e.sayln(e.stderr, message.CLIWarnIDsHelp)
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
	err := message.Errorf(message.CLIMissingFlags, "flags", missing, "command", e.name)
	e.errorf("%s", err.Reason.In(e.lang))
	return err
}

// reportInputError prints err, which came from reading the named input, as
// plain sentences.
func reportInputError(e *env, what message.Code, err error) {
	var list *quota.ErrorList
	var pathErr *fs.PathError
	file := message.New(what)
	switch {
	case errors.As(err, &list):
		n := list.Count()
		code := map[bool]message.Code{false: message.CLIFileProblem, true: message.CLIFileProblems}[n > 1]
		if what == message.CLIInputFiles {
			code = map[bool]message.Code{false: message.CLIFilesProblem, true: message.CLIFilesProblems}[n > 1]
		}
		e.errorf("%s", e.say(code, "what", file, "n", n))
		for _, ie := range list.Errs {
			fmt.Fprintf(e.stderr, "  %s\n", ie.In(e.lang))
		}
		if list.Omitted > 0 {
			fmt.Fprintf(e.stderr, "  %s\n", e.say(message.CLIAndMore, "n", list.Omitted))
		}
	case errors.As(err, &pathErr):
		e.errorf("%s", e.say(message.CLICannotRead, "what", file, "path", pathErr.Path, "err", pathErr.Err.Error()))
	default:
		e.errorf("%s", e.say(message.CLICannotReadAny, "what", file, "err", message.In(err, e.lang)))
	}
}

// poolErrorsWhat says which input files the errors from reading the pool
// are in: the pool file, the quota file (a value nobody in the pool has, a
// category with no column), or both.
func poolErrorsWhat(err error, quotaFile string) message.Code {
	var list *quota.ErrorList
	if !errors.As(err, &list) {
		return message.CLIPoolFile
	}
	inQuotas := 0
	for _, ie := range list.Errs {
		if ie.File == quotaFile {
			inQuotas++
		}
	}
	switch inQuotas {
	case 0:
		return message.CLIPoolFile
	case len(list.Errs):
		return message.CLIQuotaFile
	}
	return message.CLIInputFiles
}

// joinAnd joins items as an English sentence does ("a, b and c").
func joinAnd(items []string) string { return message.List(items, message.English) }
