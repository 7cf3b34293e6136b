package main

import (
	"flag"
	"os"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// inputFlags are the flags naming a selection's inputs, shared by the
// commands that read a pool and quotas.
type inputFlags struct {
	pool, quotas, idColumn string
	households             string
	k                      int
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.pool, "pool", "", "")
	fs.StringVar(&f.quotas, "quotas", "", "")
	fs.Var(&countFlag{p: &f.k, min: 1, what: message.CountPanelSize}, "k", "")
	fs.StringVar(&f.idColumn, "id-column", "", "")
	fs.StringVar(&f.households, "households", "", "")
}

// columns returns the columns --households names, printing what is wrong.
func (f *inputFlags) columns(e *env) ([]string, bool) {
	columns := selection.SplitList(f.households)
	if f.households != "" && len(columns) == 0 {
		e.tell(message.CLINoHouseholdColumn)
		return nil, false
	}
	return columns, true
}

// load reads and validates the inputs named by the flags
// (selection.ReadInputs), printing what is wrong on failure, and the
// notices and warnings on the files on success.
func (f *inputFlags) load(e *env) (*selection.Inputs, bool) {
	if !e.required(f.missing()) {
		return nil, false
	}
	quotas, ok := e.readInput(f.quotas, "quota file")
	if !ok {
		return nil, false
	}
	poolData, err := readInputFile(f.pool)
	if err != nil {
		if _, qerr := selection.ReadQuotas(quotas, f.k); qerr != nil {
			e.fail(nil, qerr) // the quota file's problems first
		} else {
			console.InputError(e.stderr, e.lang, e.name, "pool file", err)
		}
		return nil, false
	}
	inp, err := selection.ReadInputs(selection.File{Name: f.pool, Content: poolData}, quotas, f.k, f.idColumn)
	if err != nil {
		e.fail(nil, err)
		return nil, false
	}
	console.InputNotices(e.stderr, e.lang, inp)
	return inp, true
}

// readInput reads the input file name (readInputFile), what (such as
// "quota file") naming it in the message printed when it cannot be read.
func (e *env) readInput(name, what string) (selection.File, bool) {
	data, err := readInputFile(name)
	if err != nil {
		console.InputError(e.stderr, e.lang, e.name, what, err)
		return selection.File{}, false
	}
	return selection.File{Name: name, Content: data}, true
}

// readInputFile reads the bytes of the file an input flag names: FILE, or
// FILE.xlsx for FILE.xlsx:SHEET (the readers take the sheet from the name).
// The record's digest is over these bytes.
func readInputFile(name string) ([]byte, error) {
	return os.ReadFile(selection.InputFile(name))
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

// required reports whether no flag is missing, printing the missing ones.
func (e *env) required(missing []string) bool {
	if len(missing) > 0 {
		e.tell(message.CLIMissingFlags, "flags", missing, "command", e.name)
	}
	return len(missing) == 0
}
