package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"text/tabwriter"

	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

var checkCommand = &command{
	name:    "check",
	summary: "check a pool and quota file before a selection",
	usage:   "check --pool FILE --quotas FILE --k N [--id-column NAME] [--households COLS] [--relax-out FILE]",
	help: `Check reads the pool and the quotas, reports every problem in the files with
its line, column and value, and prints for each quota value how many people
in the pool have it, their share of the pool, and the min and max seats.
For the values the quota file gives a target share (and a tolerance)
instead of min and max, it prints the bounds derived for k.
When every value of a category is a band ("16-29", "60+", "65 ans et
plus") and the pool gives numbers (ages in years), each person is counted
in the band that contains their number, and each band's range is printed.

The files may be CSV or Excel workbooks (FILE.xlsx for its first sheet,
FILE.xlsx:SHEET for another).

It then decides exactly, by the integer program tirage selects with,
whether any panel of k people meets all the quotas (and, with
--households, takes at most one person per household).

When none does, it names the bounds that conflict: each set of bounds it
lists cannot hold together, but without any one of them the others can.
It explains the conflict with the counts that prove it when a simple
argument does ("at least 8 people with literacy "non-literate" are
required, but the pool has only 6"; "the mins of age add up to 52, more
than the panel's 50 seats"). When the quotas can be met, it lists the
people who can be on no panel that meets them, who would have no chance of
selection, and why.

When the quotas cannot be met, check also proposes the smallest relaxation
that lets a panel meet them: the fewest seats of relaxation in total (how
much mins are lowered plus how much maxes are raised), never beyond a
value's min_flex and max_flex. --relax-out FILE writes the relaxed quotas
as a quota file in the format of the input, ready to use with --quotas
('tirage select --relax' applies the same relaxation itself).

--households names pool columns (comma-separated, such as
address1,postcode) that identify a household; check reports the households
found.

It exits 0 when a panel can meet the quotas, 1 when none can, and 2 when
the files or flags are wrong.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var in inputFlags
		in.register(fs)
		var households, relaxOut string
		fs.StringVar(&households, "households", "", "comma-separated pool `COLS` identifying a household (at most one person per household is selected)")
		fs.StringVar(&relaxOut, "relax-out", "", "write the smallest relaxation of the quotas to the quota `FILE`")
		return func(args []string) int {
			if len(args) > 0 {
				e.errorf("unexpected argument %s\nRun 'tirage check -h' for help.", table.Quote(args[0]))
				return exitUsage
			}
			columns := splitColumns(households)
			if households != "" && len(columns) == 0 {
				e.errorf("--households names no column; give pool column names separated by commas, such as address1,postcode")
				return exitUsage
			}
			if relaxOut != "" && (sameFile(relaxOut, in.quotas) || sameFile(relaxOut, in.pool)) {
				e.errorf("--relax-out %s is an input file; choose another file (inputs are never overwritten)", relaxOut)
				return exitUsage
			}
			inp, err := in.load(e)
			if err != nil {
				return exitUsage
			}
			return runCheck(e, &in, inp, columns, relaxOut)
		}
	},
}

func runCheck(e *env, in *inputFlags, inp *inputs, households []string, relaxOut string) int {
	q, p, k := inp.quotas, inp.pool, inp.k
	counts := p.Counts()
	n := len(p.People)
	w := e.stdout
	var household []int
	if len(households) > 0 {
		var err error
		if household, err = p.Households(households); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	e.sayln(w, message.CLICheckPool, "file", in.pool, "n", n)
	if household != nil {
		s := sortition.SummarizeHouseholds(household)
		e.sayln(w, message.CLICheckHouseholds, "households", s.Households, "columns", households, "shared", s.Shared, "inshared", s.InShared, "largest", s.Largest)
	}
	e.sayln(w, message.CLICheckQuotas, "file", in.quotas, "categories", len(q.Categories), "values", q.NumValues(), "format", q.Dialect.String())
	e.sayln(w, message.CLICheckPanel, "k", k, "share", e.decimal(fmt.Sprintf("%.1f", 100*float64(k)/float64(n))))
	fmt.Fprintln(w)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	shares := q.HasShares()
	target := ""
	if shares {
		target = fmt.Sprintf("  %-13s", e.say(message.CLIColTarget))
	}
	fmt.Fprintf(tw, "%s\t%s\t%6s  %10s%s  %5s  %5s\n", e.say(message.CLIColCategory), e.say(message.CLIColValue), e.say(message.CLIColPool), e.say(message.CLIColPoolShare), target, "min", "max")
	for ci, c := range q.Categories {
		var bands []quota.Band
		if ci < len(p.Banded) && p.Banded[ci] {
			bands = c.Bands()
		}
		for vi, v := range c.Values {
			name := table.Cut(c.Name, table.MaxQuoted)
			if vi > 0 {
				name = ""
			}
			value := table.Cut(v.Name, table.MaxQuoted)
			if bands != nil {
				value += " (" + bands[vi].String() + ")"
			}
			flag := ""
			if counts[ci][vi] < v.Min {
				flag = e.say(message.CLICheckFewer)
			}
			if shares {
				target = fmt.Sprintf("  %-13s", "")
				if v.Share != nil {
					share := quota.FormatShare(v.Share)
					if v.Tolerance > 0 {
						share += fmt.Sprintf(" ± %d", v.Tolerance)
					}
					target = fmt.Sprintf("  %-13s", share)
				}
			}
			poolShare := e.decimal(fmt.Sprintf("%9.1f%%", 100*float64(counts[ci][vi])/float64(n)))
			fmt.Fprintf(tw, "%s\t%s\t%6d  %s%s  %5d  %5d%s\n", name, value, counts[ci][vi], poolShare, target, v.Min, v.Max, flag)
		}
	}
	tw.Flush()
	for ci, c := range q.Categories {
		if ci < len(p.Banded) && p.Banded[ci] {
			fmt.Fprintf(w, "\n%s\n", e.say(message.CLICheckBands, "category", table.Cut(c.Name, table.MaxQuoted)))
		}
	}
	if shares {
		fmt.Fprintf(w, "\n%s\n", e.say(message.CLICheckShares, "k", k))
	}
	fmt.Fprintln(w)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	f, err := sortition.CheckFeasibility(ctx, p, k, sortition.Options{Households: households})
	if err != nil {
		return reportSelectionError(e, ctx, err)
	}
	if f.Feasible {
		e.sayln(w, message.CLIFeasible, "k", k)
		printExcluded(w, e.lang, p, f.Excluded)
		if relaxOut != "" {
			if err := writeQuotaFile(relaxOut, q, p.Delimiter); err != nil {
				e.errorf("cannot write %s: %v", relaxOut, err)
				return exitUsage
			}
			e.sayln(w, message.CLINothingToRelax, "file", relaxOut)
		}
		return exitOK
	}
	e.sayln(w, message.CLIInfeasible, "k", k)
	printConflicts(w, e.lang, p, f.Conflicts)
	fmt.Fprintln(w)
	r, err := sortition.MinimalRelaxation(ctx, p, k, sortition.Options{Households: households})
	var infeasible *sortition.InfeasibleError
	if errors.As(err, &infeasible) {
		e.sayln(w, message.CLINoRelaxation, "why", infeasible.Reason)
		if relaxOut != "" {
			e.sayln(w, message.CLIRelaxNotWritten, "file", relaxOut)
		}
		return exitSelection
	}
	if err != nil {
		return reportSelectionError(e, ctx, err)
	}
	printRelaxation(w, e.lang, q, r)
	if relaxOut != "" {
		if err := writeQuotaFile(relaxOut, r.Quotas, p.Delimiter); err != nil {
			e.errorf("cannot write %s: %v", relaxOut, err)
			return exitUsage
		}
		e.sayln(w, message.CLIRelaxWritten, "file", relaxOut)
		if q.HasShares() {
			e.sayln(w, message.CLIRelaxShares, "k", k)
		}
	}
	return exitSelection
}

// printRelaxation prints the smallest relaxation of the quotas.
func printRelaxation(w io.Writer, lang message.Lang, q *quota.Set, r *sortition.Relaxation) {
	fmt.Fprintln(w, message.New(message.CLISmallest, "seats", r.Seats).In(lang))
	for _, c := range r.Changes {
		fmt.Fprintf(w, "  - %s\n", c.Describe(q).In(lang))
	}
}

// writeQuotaFile writes the quotas as a quota file at path, atomically,
// separated by sep (the pool's separator) and with a byte-order mark, as
// every CSV file tirage writes.
func writeQuotaFile(path string, q *quota.Set, sep rune) error {
	return writeFileAtomic(path, func(w io.Writer) error { return q.WriteCSV(w, sep) })
}

// printConflicts prints the conflicts CheckFeasibility found.
func printConflicts(w io.Writer, lang message.Lang, p *sortition.Pool, conflicts []sortition.Conflict) {
	if len(conflicts) == 1 && len(conflicts[0].Bounds) == 0 {
		fmt.Fprintf(w, "  %s.\n", message.Capitalize(conflicts[0].Reason.In(lang)))
		return
	}
	fmt.Fprintln(w, message.New(message.CLIConflictsIntro).In(lang))
	for j, c := range conflicts {
		if len(c.Bounds) == 0 {
			fmt.Fprintf(w, "\n  %s\n", message.New(message.CLIEvenWithout, "why", c.Reason).In(lang))
			continue
		}
		if j == 1 {
			fmt.Fprintf(w, "\n  %s\n", message.New(message.CLIThereIsMore).In(lang))
		}
		fmt.Fprintf(w, "\n  %d. %s.\n", j+1, message.Capitalize(c.Reason.In(lang)))
		for _, b := range c.Bounds {
			cat := p.Quotas.Categories[b.Category]
			fmt.Fprintf(w, "       %s %s: %s %d\n", cat.Name, cat.Values[b.Value].Name, b.Kind, b.Limit)
		}
	}
}

// printExcluded lists the people who can be on no panel that meets the
// quotas, with the reason (at most maxListed of them).
func printExcluded(w io.Writer, lang message.Lang, p *sortition.Pool, excluded []sortition.Exclusion) {
	say := func(code message.Code, pairs ...any) string { return message.New(code, pairs...).In(lang) }
	if len(excluded) == 0 {
		fmt.Fprintln(w, say(message.CLINobodyExcluded))
		return
	}
	fmt.Fprintf(w, "\n%s\n", say(message.CLIExcludedCount, "n", len(excluded)))
	for j, x := range excluded {
		if j == maxListed {
			fmt.Fprintf(w, "  %s\n", say(message.CLIAndMore, "n", len(excluded)-maxListed))
			break
		}
		fmt.Fprintf(w, "  %s\n", say(message.CLIExcludedLine, "id", p.People[x.Person].ID, "line", p.People[x.Person].Line, "why", x.Reason))
	}
}
