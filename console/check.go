package console

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/tirage/tirage/selection"
)

// Check prints what check found: the pool and its households, the quota
// file, the table of each quota value against the pool, then whether the
// quotas can be met, with the people no panel can include, or the bounds
// that conflict and the smallest relaxation.
func Check(w io.Writer, poolPath, quotasPath string, households []string, inp *selection.Inputs, c *selection.Checked) {
	k, n := inp.K, len(inp.Pool.People)
	fmt.Fprintf(w, "Pool:   %s, %d people\n", poolPath, n)
	if s := c.Households; s != nil {
		fmt.Fprintf(w, "        %d households (by %s): %d with 2 or more people, %d people in all; the largest has %d\n",
			s.Households, selection.JoinAnd(households), s.Shared, s.InShared, s.Largest)
	}
	fmt.Fprintf(w, "Quotas: %s, %d categories, %d values (format %s)\n", quotasPath, c.Categories, c.Values, c.Dialect)
	fmt.Fprintf(w, "Panel:  %d people (%.1f%% of the pool)\n\n", k, 100*float64(k)/float64(n))
	counts(w, c, n)
	for _, name := range c.Banded {
		fmt.Fprintf(w, "\n%s: the pool gives numbers, each person counted in the band that contains theirs (the record keeps the band, not the number).\n", selection.Cut(name, selection.MaxQuoted))
	}
	if c.Shares {
		fmt.Fprintf(w, "\nThe bounds of the values given by a target share are derived for a panel of %d by largest remainders (see doc/formats.md), ± the tolerance in seats.\n", k)
	}
	fmt.Fprintln(w)
	if c.Feasible {
		fmt.Fprintf(w, "The quotas can be met: a panel of %d that meets them all exists (exact search).\n", k)
		excluded(w, c.Excluded)
		return
	}
	fmt.Fprintf(w, "The quotas cannot be met: no panel of %d people meets them all (exact search).\n", k)
	Conflicts(w, c.Conflicts)
	fmt.Fprintln(w)
	if c.Relaxation == nil {
		fmt.Fprintf(w, "No relaxation: %s.\n", c.NoRelaxation)
		return
	}
	r := c.Relaxation
	fmt.Fprintf(w, "Smallest relaxation: %d %s in all (no smaller change of the bounds within min_flex and max_flex lets a panel meet them):\n", r.Seats, plural(r.Seats, "seat", "seats"))
	changes(w, r)
}

// RelaxOut prints what check did with the file --relax-out names, after
// Check: written (the quotas as they are, or relaxed), or not written
// when no relaxation helps.
func RelaxOut(w io.Writer, file string, c *selection.Checked, k int) {
	switch {
	case c.Feasible:
		fmt.Fprintf(w, "Nothing to relax: %s holds the quotas as they are.\n", file)
	case c.Relaxation == nil:
		fmt.Fprintf(w, "%s was not written.\n", file)
	default:
		fmt.Fprintf(w, "Written:  %s, the quota file with these bounds (use it with --quotas).\n", file)
		if c.Shares {
			fmt.Fprintf(w, "          Its values given by a target share have the bounds derived for a panel of %d, as min and max.\n", k)
		}
	}
}

// counts prints the table of each quota value against the pool.
func counts(w io.Writer, c *selection.Checked, n int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	target := ""
	if c.Shares {
		target = fmt.Sprintf("  %-13s", "target share")
	}
	fmt.Fprintf(tw, "category\tvalue\t%6s  %10s%s  %5s  %5s\n", "pool", "pool share", target, "min", "max")
	for i, v := range c.Counts {
		name := selection.Cut(v.Category, selection.MaxQuoted)
		if i > 0 && c.Counts[i-1].Category == v.Category {
			name = ""
		}
		value := selection.Cut(v.Value, selection.MaxQuoted)
		if v.Band != "" {
			value += " (" + v.Band + ")"
		}
		flag := ""
		if v.Count < v.Min {
			flag = "  ← fewer in the pool than the min"
		}
		if c.Shares {
			target = fmt.Sprintf("  %-13s", "")
			if v.Share != "" {
				share := v.Share
				if v.Tolerance > 0 {
					share += fmt.Sprintf(" ± %d", v.Tolerance)
				}
				target = fmt.Sprintf("  %-13s", share)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%6d  %9.1f%%%s  %5d  %5d%s\n", name, value, v.Count, 100*float64(v.Count)/float64(n), target, v.Min, v.Max, flag)
	}
	tw.Flush()
}

// excluded lists the people who can be on no panel that meets the
// quotas, with the reason (at most maxListed of them).
func excluded(w io.Writer, excluded []selection.Excluded) {
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
		fmt.Fprintf(w, "  %s (line %d): %s\n", x.ID, x.Line, x.Reason)
	}
}
