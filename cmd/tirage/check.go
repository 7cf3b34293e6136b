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
	fmt.Fprintf(w, "Pool:   %s, %d people\n", in.pool, n)
	if household != nil {
		s := sortition.SummarizeHouseholds(household)
		fmt.Fprintf(w, "        %d households (by %s): %d with 2 or more people, %d people in all; the largest has %d\n",
			s.Households, joinAnd(households), s.Shared, s.InShared, s.Largest)
	}
	fmt.Fprintf(w, "Quotas: %s, %d categories, %d values (format %s)\n", in.quotas, len(q.Categories), q.NumValues(), q.Dialect)
	fmt.Fprintf(w, "Panel:  %d people (%.1f%% of the pool)\n\n", k, 100*float64(k)/float64(n))

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	shares := q.HasShares()
	target := ""
	if shares {
		target = fmt.Sprintf("  %-13s", "target share")
	}
	fmt.Fprintf(tw, "category\tvalue\t%6s  %10s%s  %5s  %5s\n", "pool", "pool share", target, "min", "max")
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
				flag = "  ← fewer in the pool than the min"
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
			fmt.Fprintf(tw, "%s\t%s\t%6d  %9.1f%%%s  %5d  %5d%s\n", name, value, counts[ci][vi], 100*float64(counts[ci][vi])/float64(n), target, v.Min, v.Max, flag)
		}
	}
	tw.Flush()
	for ci, c := range q.Categories {
		if ci < len(p.Banded) && p.Banded[ci] {
			fmt.Fprintf(w, "\n%s: the pool gives numbers, each person counted in the band that contains theirs (the record keeps the band, not the number).\n", table.Cut(c.Name, table.MaxQuoted))
		}
	}
	if shares {
		fmt.Fprintf(w, "\nThe bounds of the values given by a target share are derived for a panel of %d by largest remainders (see the README), ± the tolerance in seats.\n", k)
	}
	fmt.Fprintln(w)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	f, err := sortition.CheckFeasibility(ctx, p, k, sortition.Options{Households: households})
	if err != nil {
		return reportSelectionError(e, ctx, err)
	}
	if f.Feasible {
		fmt.Fprintf(w, "The quotas can be met: a panel of %d that meets them all exists (exact search).\n", k)
		printExcluded(w, p, f.Excluded)
		if relaxOut != "" {
			if err := writeQuotaFile(relaxOut, q, p.Delimiter); err != nil {
				e.errorf("cannot write %s: %v", relaxOut, err)
				return exitUsage
			}
			fmt.Fprintf(w, "Nothing to relax: %s holds the quotas as they are.\n", relaxOut)
		}
		return exitOK
	}
	fmt.Fprintf(w, "The quotas cannot be met: no panel of %d people meets them all (exact search).\n", k)
	printConflicts(w, e.lang, p, f.Conflicts)
	fmt.Fprintln(w)
	r, err := sortition.MinimalRelaxation(ctx, p, k, sortition.Options{Households: households})
	var infeasible *sortition.InfeasibleError
	if errors.As(err, &infeasible) {
		fmt.Fprintf(w, "No relaxation: %s.\n", infeasible.Reason)
		if relaxOut != "" {
			fmt.Fprintf(w, "%s was not written.\n", relaxOut)
		}
		return exitSelection
	}
	if err != nil {
		return reportSelectionError(e, ctx, err)
	}
	printRelaxation(w, q, r)
	if relaxOut != "" {
		if err := writeQuotaFile(relaxOut, r.Quotas, p.Delimiter); err != nil {
			e.errorf("cannot write %s: %v", relaxOut, err)
			return exitUsage
		}
		fmt.Fprintf(w, "Written:  %s, the quota file with these bounds (use it with --quotas).\n", relaxOut)
		if q.HasShares() {
			fmt.Fprintf(w, "          Its values given by a target share have the bounds derived for a panel of %d, as min and max.\n", k)
		}
	}
	return exitSelection
}

// printRelaxation prints the smallest relaxation of the quotas.
func printRelaxation(w io.Writer, q *quota.Set, r *sortition.Relaxation) {
	seats := "seats"
	if r.Seats == 1 {
		seats = "seat"
	}
	fmt.Fprintf(w, "Smallest relaxation: %d %s in all (no smaller change of the bounds within min_flex and max_flex lets a panel meet them):\n", r.Seats, seats)
	for _, c := range r.Changes {
		fmt.Fprintf(w, "  - %s\n", c.Describe(q))
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
	fmt.Fprintln(w, "These bounds conflict: each set below cannot hold together, but without any one of its bounds the rest can.")
	for j, c := range conflicts {
		if len(c.Bounds) == 0 {
			fmt.Fprintf(w, "\n  Even without those bounds: %s.\n", c.Reason.In(lang))
			continue
		}
		if j == 1 {
			fmt.Fprintln(w, "\n  Setting those aside, there is more:")
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
func printExcluded(w io.Writer, p *sortition.Pool, excluded []sortition.Exclusion) {
	if len(excluded) == 0 {
		fmt.Fprintln(w, "Everyone in the pool is on some panel that meets the quotas: nobody is left without a chance.")
		return
	}
	if len(excluded) == 1 {
		fmt.Fprintln(w, "\n1 person can be on no panel that meets the quotas, and would have no chance of selection:")
	} else {
		fmt.Fprintf(w, "\n%d people can be on no panel that meets the quotas, and would have no chance of selection:\n", len(excluded))
	}
	for j, x := range excluded {
		if j == maxListed {
			fmt.Fprintf(w, "  … and %d more\n", len(excluded)-maxListed)
			break
		}
		fmt.Fprintf(w, "  %s (line %d): %s\n", p.People[x.Person].ID, p.People[x.Person].Line, x.Reason)
	}
}
