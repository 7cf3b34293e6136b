package selection

import (
	"fmt"

	"github.com/tirage/tirage/dropout"
	"github.com/tirage/tirage/message"
)

// DropoutOptions are the settings that choose a selection's alternates
// for the dropouts to come (audit/SPEC.md 7.2), as select's and draw's
// flags, a JSON request's options and a batch manifest's columns give
// them: where the rates come from, and the number of scenarios. Request
// checks them and makes the request the workflows take.
type DropoutOptions struct {
	// Column names the pool column of each person's dropout rate.
	Column string
	// Model is the model file (as `tirage dropout-model` writes it):
	// its name and bytes; the zero File for none.
	Model File
	// Scenarios is the number of scenarios; 0 means DefaultScenarios.
	Scenarios int
}

// DropoutNames spell DropoutOptions' settings in messages as the caller
// names them: FlagNames, JSONNames or ManifestNames.
type DropoutNames struct {
	Column, Model, Scenarios, Alternates string
}

// The names of the dropout settings for the command's flags, a JSON
// request's options and a batch manifest's columns.
var (
	FlagNames     = DropoutNames{Column: "--dropout-column", Model: "--dropout-model", Scenarios: "--scenarios", Alternates: "--alternates N"}
	JSONNames     = DropoutNames{Column: `"options.dropout_column"`, Model: `"options.dropout_model"`, Scenarios: `"options.scenarios"`, Alternates: `"options.alternates"`}
	ManifestNames = DropoutNames{Column: "dropout_column", Model: "dropout_model", Scenarios: "scenarios", Alternates: "the alternates column"}
)

// DropoutOptionsError is what is wrong with DropoutOptions, as a reason
// (message.DropoutBothSources, DropoutNoAlternates, DropoutScenarios).
type DropoutOptionsError struct {
	Reason message.Reason
}

// Error returns the reason in English.
func (e *DropoutOptionsError) Error() string { return e.Reason.String() }

// Unwrap returns the reason as a *message.Error, so that message.In
// renders the error in any language.
func (e *DropoutOptionsError) Unwrap() error { return &message.Error{Reason: e.Reason} }

// Given reports whether the options ask for alternates chosen for
// dropouts: a column or a model.
func (o DropoutOptions) Given() bool { return o.Column != "" || o.Model.Name != "" }

// Check returns what is wrong with the settings for a selection of n
// alternates, names spelling them (a *DropoutOptionsError), nil when
// nothing is: a column and a model both given, rates without alternates,
// or a number of scenarios out of range. The model's bytes are not read.
func (o DropoutOptions) Check(n int, names DropoutNames) error {
	fail := func(code message.Code, pairs ...any) error {
		return &DropoutOptionsError{Reason: message.New(code, pairs...)}
	}
	switch {
	case !o.Given():
		return nil
	case o.Column != "" && o.Model.Name != "":
		return fail(message.DropoutBothSources, "column", names.Column, "model", names.Model)
	case n == 0:
		setting := names.Model
		if o.Column != "" {
			setting = names.Column
		}
		return fail(message.DropoutNoAlternates, "setting", setting, "alternates", names.Alternates)
	case o.Scenarios < 0 || o.Scenarios > MaxScenarios:
		return o.scenariosError(names)
	}
	return nil
}

// scenariosError says that the number of scenarios is out of range.
func (o DropoutOptions) scenariosError(names DropoutNames) error {
	return &DropoutOptionsError{Reason: message.New(message.DropoutScenarios, "setting", names.Scenarios, "max", MaxScenarios, "n", o.Scenarios)}
}

// Request checks the options for n alternates (Check) and the model file,
// and returns the request of the workflows (SelectOptions.Dropout,
// DrawInput.Dropout, CompareAlternates); nil when the options are not
// Given. Its error is an *Error of code CodeInput: a *DropoutOptionsError,
// or the model file's problem, naming it.
func (o DropoutOptions) Request(n int, names DropoutNames) (*DropoutRequest, error) {
	if err := o.Check(n, names); err != nil {
		return nil, &Error{Code: CodeInput, Err: err}
	}
	if !o.Given() {
		return nil, nil
	}
	if o.Column == "" {
		if _, err := dropout.ReadModel(o.Model.Content); err != nil {
			return nil, modelError(o.Model.Name, err)
		}
	}
	return &DropoutRequest{Column: o.Column, Model: o.Model, Scenarios: o.Scenarios}, nil
}

// modelError is the *Error of a model file that cannot be used.
func modelError(name string, err error) error {
	return &Error{Code: CodeInput, Err: fmt.Errorf("%s: %v", name, err)}
}
