package selection

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"path/filepath"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/dropout"
	"github.com/tirage/tirage/sortition"
)

// Dropout asks a selection to choose its alternates for the dropouts to
// come (audit.Record.DrawDropoutAlternates, audit/SPEC.md 7.2) rather
// than rank them: every person's dropout rate, where the rates came from,
// and the sizes of the samples.
type Dropout struct {
	// Rates holds every person's dropout rate, in pool order.
	Rates []float64
	// Column, or Model and ModelSHA256, say where the rates came from:
	// the pool column, or the model file's name and the SHA-256 of its
	// bytes.
	Column, Model, ModelSHA256 string
	// Scenarios is the number of scenarios the alternates are chosen on,
	// and EvaluationScenarios that of the fresh sample of the figures; 0
	// means dropout.DefaultScenarios.
	Scenarios, EvaluationScenarios int
	// Workers is the number of goroutines of the search (1 when less);
	// the result does not depend on it.
	Workers int
	// Progress, when not nil, receives the search's progress.
	Progress func(dropout.Progress)
}

// ColumnRates returns the dropout rates read from a column of the pool
// (dropout.RatesFromColumn; poolName names the file in messages).
func ColumnRates(pool *sortition.Pool, poolName, column string) (*Dropout, error) {
	rates, err := dropout.RatesFromColumn(poolName, pool, column)
	if err != nil {
		return nil, err
	}
	return &Dropout{Rates: rates, Column: column}, nil
}

// ModelRates returns the dropout rates that a model file (as `tirage
// dropout-model` writes it; name is its path, data its bytes) gives the
// pool's people.
func ModelRates(pool *sortition.Pool, name string, data []byte) (*Dropout, error) {
	m, err := dropout.ReadModel(data)
	if err != nil {
		return nil, err
	}
	rates, err := m.Rates(pool)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &Dropout{Rates: rates, Model: filepath.Base(name), ModelSHA256: hex.EncodeToString(sum[:])}, nil
}

// check returns why the request cannot be met for n alternates.
func (d *Dropout) check(pool *sortition.Pool, n int) error {
	switch {
	case n == 0:
		return errors.New("dropout rates choose alternates: give the number of alternates to choose")
	case len(d.Rates) != len(pool.People):
		return errors.New("the dropout rates are not one per person of the pool")
	case d.Scenarios < 0 || d.EvaluationScenarios < 0:
		return errors.New("the number of scenarios must be 1 or more")
	}
	return dropout.CheckRates(d.Rates)
}

// AlternatesReplacementFiles returns the files of the folder of a
// replacement from the alternates (audit.NewAlternatesReplacement): the
// completed panel (completed.csv, the pool's rows of the members who stay
// and the alternates called, in pool order) and audit.json, then the
// public files: audit.json and completed.csv as ids only. pool is the
// first selection's pool as read, every column.
func AlternatesReplacementFiles(record, first *audit.Record, pool *sortition.Pool) ([]File, error) {
	sep := pool.Delimiter
	if sep == 0 {
		sep = ','
	}
	index := map[string]int{}
	for i, p := range pool.People {
		index[p.ID] = i
	}
	ids := record.CompletedFromAlternates(first)
	rows := make([][]string, len(ids))
	for j, id := range ids {
		i, ok := index[id]
		if !ok {
			return nil, fmt.Errorf("%q is not in the pool", id)
		}
		rows[j] = pool.People[i].Fields
	}
	completed, err := audit.EncodeCSV(sep, pool.Header, rows)
	if err != nil {
		return nil, err
	}
	header, idRows, err := audit.IDTable(ids)
	if err != nil {
		return nil, err
	}
	public, err := audit.EncodeCSV(sep, header, idRows)
	if err != nil {
		return nil, err
	}
	data, err := record.MarshalIndent()
	if err != nil {
		return nil, err
	}
	return []File{
		{Name: audit.CompletedFile, Content: completed},
		{Name: audit.RecordFile, Content: data},
		{Name: path.Join(audit.PublicDir, audit.RecordFile), Content: data},
		{Name: path.Join(audit.PublicDir, audit.CompletedFile), Content: public},
	}, nil
}

// DropoutProgress is the progress of the search for alternates chosen for
// dropouts (dropout.Progress).
type DropoutProgress = dropout.Progress

// DefaultScenarios is the number of dropout scenarios when none is given.
const DefaultScenarios = dropout.DefaultScenarios

// MaxScenarios is the largest number of dropout scenarios a record holds
// (audit.MaxDropoutScenarios).
const MaxScenarios = audit.MaxDropoutScenarios

// DropoutRequest asks a workflow (SelectFrom, DrawContext, CompareAlternates)
// for alternates chosen for the dropouts to come, the rates read from a
// pool column or a model file: the workflow resolves them on the pool it
// reads (ColumnRates, ModelRates). DropoutOptions.Request makes it from
// checked settings.
type DropoutRequest struct {
	// Column names the pool column of the rates; Model, when Column is
	// "", is the model file (as `tirage dropout-model` writes it).
	Column string
	Model  File
	// Scenarios is the number of scenarios the alternates are chosen on
	// and of the fresh ones of the figures; 0 means DefaultScenarios.
	Scenarios int
	// Workers and Progress are as in Dropout.
	Workers  int
	Progress func(DropoutProgress)
}

// rates resolves the request on the pool (poolName names its file in
// messages). Its error is an *Error of code CodeInput.
func (r *DropoutRequest) rates(pool *sortition.Pool, poolName string) (*Dropout, error) {
	var d *Dropout
	var err error
	if r.Column != "" {
		if d, err = ColumnRates(pool, poolName, r.Column); err != nil {
			return nil, &Error{Code: CodeInput, Err: &InputFileError{What: "pool file", Err: err}}
		}
	} else if d, err = ModelRates(pool, r.Model.Name, r.Model.Content); err != nil {
		return nil, modelError(r.Model.Name, err)
	}
	d.Scenarios, d.EvaluationScenarios = r.Scenarios, r.Scenarios
	d.Workers, d.Progress = r.Workers, r.Progress
	return d, nil
}

// input is the search's input for n alternates.
func (d *Dropout) input(n int) audit.DropoutInput {
	return audit.DropoutInput{Rates: d.Rates, Column: d.Column, Model: d.Model, ModelSHA256: d.ModelSHA256,
		N: n, Scenarios: d.Scenarios, EvaluationScenarios: d.EvaluationScenarios, Workers: d.Workers, Progress: d.Progress}
}

// DropoutRecord is a record's account of alternates chosen for dropouts
// (audit.Dropout).
type DropoutRecord = audit.Dropout
