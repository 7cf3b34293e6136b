package selection

import (
	"context"
	"errors"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// Explain returns why the quotas of the pool cannot be met by a panel of
// k (with the household rule of the named columns): cause with the
// conflicts and the smallest relaxation. A search that fails (an
// interrupted context) leaves its part out.
func Explain(ctx context.Context, pool *sortition.Pool, k int, households []string, cause error) *QuotasError {
	out := &QuotasError{K: k, Cause: cause}
	problem, err := pool.Problem(k, households)
	if err != nil {
		return out
	}
	r, err := sortition.MinimalRelaxation(ctx, problem)
	var none *sortition.InfeasibleError
	if err != nil && !errors.As(err, &none) {
		r = nil
	}
	out.explain(ctx, problem, pool.Quotas, r, none)
	return out
}

// The JSON forms of the reasons of a failed request (doc/json.md,
// "Errors").

// JSONBound is a quota bound in an error object: its category, value, kind and limit.
type JSONBound struct {
	Feature string `json:"feature"`
	Value   string `json:"value"`
	Bound   string `json:"bound"`
	Limit   int    `json:"limit"`
}

// JSONConflict is a conflict in an error object: its bounds and why they cannot hold
// together.
type JSONConflict struct {
	Bounds  []JSONBound    `json:"bounds"`
	Reason  message.Reason `json:"reason"`
	Message string         `json:"message"`
}

// JSONChange is one bound of a relaxation: from what to what.
type JSONChange struct {
	Feature string `json:"feature"`
	Value   string `json:"value"`
	Bound   string `json:"bound"`
	From    int    `json:"from"`
	To      int    `json:"to"`
	Message string `json:"message"`
}

// JSONRelaxation is the smallest relaxation, or why there is none.
type JSONRelaxation struct {
	Seats   int             `json:"seats"`
	Changes []JSONChange    `json:"changes"`
	None    *message.Reason `json:"none,omitempty"`
	Message string          `json:"message,omitempty"`
}

// JSONProblem is one problem of the pool or the quotas.
type JSONProblem struct {
	Where  string `json:"where"`
	Column string `json:"column,omitempty"`
	Value  string `json:"value,omitempty"`
	Kind   string `json:"kind"`
	// Suggestion is the name the value is nearest to ("did you mean"),
	// when one is near enough.
	Suggestion string `json:"suggestion,omitempty"`
	Message    string `json:"message"`
}

// errorBody returns the JSON error object of err, its messages in lang.
func errorBody(err error, lang message.Lang) ErrorBody {
	body := ErrorBody{Code: CodeOf(err), Message: message.In(err, lang)}
	var infeasible *sortition.InfeasibleError
	var counting *CountingError
	var r message.Reason
	switch {
	case errors.As(err, &infeasible):
		r = infeasible.Reason
	case errors.As(err, &counting):
		r = counting.Reason()
	}
	var me *message.Error
	if r.IsZero() && errors.As(err, &me) && err.Error() == me.Error() {
		r = me.Reason // the pool's and quotas' problems are below, as data
	}
	if !r.IsZero() {
		body.Reason = &r
		body.Message = r.In(lang)
	}
	var qe *QuotasError
	if errors.As(err, &qe) {
		body.Message = message.New(message.CLINoPanelExact, "k", qe.K).In(lang)
		body.Conflicts, body.Relaxation = unmetJSON(qe, lang)
	}
	var list *quota.ErrorList
	if errors.As(err, &list) {
		if err.Error() == list.Error() {
			body.Message = list.In(lang)
		}
		for _, e := range list.Errs {
			body.Problems = append(body.Problems, JSONProblem{Where: e.File, Column: e.Column, Value: e.Value, Kind: e.Kind.Code(), Suggestion: e.Suggestion, Message: e.Message(lang)})
		}
	}
	return body
}

// unmetJSON returns the conflicts and the relaxation of a QuotasError.
func unmetJSON(e *QuotasError, lang message.Lang) ([]JSONConflict, *JSONRelaxation) {
	conflicts := []JSONConflict{}
	for _, c := range e.Conflicts {
		j := JSONConflict{Bounds: []JSONBound{}, Reason: c.Reason, Message: c.Reason.In(lang)}
		for _, b := range c.Bounds {
			j.Bounds = append(j.Bounds, JSONBound{Feature: b.Category, Value: b.Value, Bound: b.Kind, Limit: b.Limit})
		}
		conflicts = append(conflicts, j)
	}
	r := &JSONRelaxation{Changes: []JSONChange{}}
	switch {
	case e.Relaxation != nil:
		r.Seats = e.Relaxation.Seats
		for i, b := range e.Relaxation.Bounds {
			r.Changes = append(r.Changes, JSONChange{Feature: b.Category, Value: b.Value, Bound: b.Kind, From: b.From, To: b.To, Message: e.Relaxation.Changes[i].In(lang)})
		}
	case !e.NoRelaxation.IsZero():
		none := e.NoRelaxation
		r.None, r.Message = &none, none.In(lang)
	default:
		r = nil
	}
	return conflicts, r
}
