package selection

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/tirage/tirage/message"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// QuotaCount is one quota value against the pool: its category and value
// (the value's band, when the pool gives numbers), how many people in the
// pool have it, the target share and tolerance of a value given by share,
// and its bounds for the panel.
type QuotaCount struct {
	Category, Value string
	Band            message.Reason // zero when the value is not a band
	Count           int
	// Share is the target share as written ("" for a value given by min
	// and max), Tolerance its tolerance in seats.
	Share     string
	Tolerance int
	Min, Max  int
}

// Excluded is a person who can be on no panel that meets the quotas: their
// id, the line of the pool file, and why.
type Excluded struct {
	ID     string
	Line   int
	Reason message.Reason
}

// Checked is the outcome of Check.
type Checked struct {
	// Households describes the households, when asked for.
	Households *sortition.HouseholdSummary
	// Dialect names the quota file's format; Categories and Values count
	// the quotas.
	Dialect            string
	Categories, Values int
	// Counts has a row per quota value, in quota order; Banded names the
	// categories whose pool values are numbers counted in bands; Shares
	// says that some values are given by a target share.
	Counts []QuotaCount
	Banded []string
	Shares bool
	// Feasible reports whether a panel meets every quota (exact search).
	// Then Excluded lists who can be on none; else Conflicts lists the
	// bounds that conflict and Relaxation the smallest relaxation, or
	// NoRelaxation why none helps.
	Feasible     bool
	Excluded     []Excluded
	Conflicts    []Conflict
	Relaxation   *Relaxed
	NoRelaxation message.Reason
	// QuotaFile is the quota file of the quotas (as they are when
	// Feasible, relaxed otherwise), separated as the pool file, with a
	// byte-order mark; nil when no relaxation helps.
	QuotaFile []byte
}

// Check checks inputs before a selection: the pool against each quota
// value, then, exactly, whether any panel of in.K people meets the quotas
// (and, with the household columns, takes at most one person per
// household): who can then be on no such panel, or else the bounds that
// conflict and the smallest relaxation. Every error is an *Error.
func Check(ctx context.Context, in *Inputs, householdColumns []string) (*Checked, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	q, p := in.Quotas, in.Pool
	problem, err := in.problemWith(householdColumns)
	if err != nil {
		return nil, err
	}
	household := problem.Household()
	c := &Checked{Dialect: fmt.Sprint(q.Dialect), Categories: len(q.Categories), Values: q.NumValues(), Shares: q.HasShares()}
	if household != nil {
		s := sortition.SummarizeHouseholds(household)
		c.Households = &s
	}
	counts := p.Counts()
	for ci, cat := range q.Categories {
		var bands []quota.Band
		if ci < len(p.Banded) && p.Banded[ci] {
			bands = cat.Bands()
			c.Banded = append(c.Banded, cat.Name)
		}
		for vi, v := range cat.Values {
			row := QuotaCount{Category: cat.Name, Value: v.Name, Count: counts[ci][vi], Min: v.Min, Max: v.Max, Tolerance: v.Tolerance}
			if bands != nil {
				row.Band = bands[vi].Reason()
			}
			if v.Share != nil {
				row.Share = quota.FormatShare(v.Share)
			}
			c.Counts = append(c.Counts, row)
		}
	}
	f, err := sortition.CheckFeasibility(ctx, problem)
	if err != nil {
		return nil, computeError(ctx, err)
	}
	if f.Feasible {
		c.Feasible = true
		for _, x := range f.Excluded {
			person := p.People[x.Person]
			c.Excluded = append(c.Excluded, Excluded{ID: person.ID, Line: person.Line, Reason: x.Reason})
		}
		c.QuotaFile, err = quotaFile(q, p.Delimiter)
		return c, err
	}
	c.Conflicts = conflicts(q, f.Conflicts)
	r, err := sortition.MinimalRelaxation(ctx, problem)
	var infeasible *sortition.InfeasibleError
	if errors.As(err, &infeasible) {
		c.NoRelaxation = infeasible.Reason
		return c, nil
	}
	if err != nil {
		return nil, computeError(ctx, err)
	}
	c.Relaxation = relaxed(q, r)
	c.QuotaFile, err = quotaFile(r.Quotas, p.Delimiter)
	return c, err
}

// quotaFile returns the quotas as a quota file separated by sep.
func quotaFile(q *quota.Set, sep rune) ([]byte, error) {
	var b bytes.Buffer
	if err := q.WriteCSV(&b, sep); err != nil {
		return nil, &Error{Code: CodeInternal, Err: err}
	}
	return b.Bytes(), nil
}

// Quote returns s quoted for a message, cut when long, as every message of
// tirage quotes a value.
func Quote(s string) string { return table.Quote(s) }

// MaxQuoted is the length, in characters, to which messages cut a value.
const MaxQuoted = table.MaxQuoted

// Cut returns s, or its first n characters followed by "…" when it is
// longer.
func Cut(s string, n int) string { return table.Cut(s, n) }
