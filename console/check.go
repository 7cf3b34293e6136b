package console

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// Check prints, in the language, what check found: the pool and its
// households, the quota file, the table of each quota value against the
// pool, then whether the quotas can be met, with the people no panel can
// include, or the bounds that conflict and the smallest relaxation.
func Check(w io.Writer, lang message.Lang, poolPath, quotasPath string, households []string, inp *selection.Inputs, c *selection.Checked) {
	k, n := inp.K, len(inp.Pool.People)
	say(w, lang, message.CLICheckPool, "file", poolPath, "n", n)
	if s := c.Households; s != nil {
		say(w, lang, message.CLICheckHouseholds, "households", s.Households, "columns", households, "shared", s.Shared, "inshared", s.InShared, "largest", s.Largest)
	}
	say(w, lang, message.CLICheckQuotas, "file", quotasPath, "categories", c.Categories, "values", c.Values, "format", c.Dialect)
	say(w, lang, message.CLICheckPanel, "k", k, "share", message.Decimal(100*float64(k)/float64(n), 1, lang))
	fmt.Fprintln(w)
	counts(w, lang, c, n)
	for _, name := range c.Banded {
		fmt.Fprintln(w)
		say(w, lang, message.CLICheckBands, "category", selection.Cut(name, selection.MaxQuoted))
	}
	if c.Shares {
		fmt.Fprintln(w)
		say(w, lang, message.CLICheckShares, "k", k)
	}
	fmt.Fprintln(w)
	if c.Feasible {
		say(w, lang, message.CLIFeasible, "k", k)
		excluded(w, lang, c.Excluded)
		return
	}
	say(w, lang, message.CLIInfeasible, "k", k)
	Conflicts(w, lang, c.Conflicts)
	fmt.Fprintln(w)
	if c.Relaxation == nil {
		say(w, lang, message.CLINoRelaxation, "why", c.NoRelaxation)
		return
	}
	say(w, lang, message.CLISmallest, "seats", c.Relaxation.Seats)
	changes(w, lang, c.Relaxation)
}

// RelaxOut prints, in the language, what check did with the file
// --relax-out names, after Check: written (the quotas as they are, or
// relaxed), or not written when no relaxation helps.
func RelaxOut(w io.Writer, lang message.Lang, file string, c *selection.Checked, k int) {
	switch {
	case c.Feasible:
		say(w, lang, message.CLINothingToRelax, "file", file)
	case c.Relaxation == nil:
		say(w, lang, message.CLIRelaxNotWritten, "file", file)
	default:
		say(w, lang, message.CLIRelaxWritten, "file", file)
		if c.Shares {
			say(w, lang, message.CLIRelaxShares, "k", k)
		}
	}
}

// counts prints the table of each quota value against the pool.
func counts(w io.Writer, lang message.Lang, c *selection.Checked, n int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	target := ""
	if c.Shares {
		target = fmt.Sprintf("  %-13s", text(lang, message.CLIColTarget))
	}
	fmt.Fprintf(tw, "%s\t%s\t%6s  %10s%s  %5s  %5s\n", text(lang, message.CLIColCategory), text(lang, message.CLIColValue),
		text(lang, message.CLIColPool), text(lang, message.CLIColPoolShare), target, "min", "max")
	fewer := text(lang, message.CLICheckFewer)
	for i, v := range c.Counts {
		name := selection.Cut(v.Category, selection.MaxQuoted)
		if i > 0 && c.Counts[i-1].Category == v.Category {
			name = ""
		}
		value := selection.Cut(v.Value, selection.MaxQuoted)
		if !v.Band.IsZero() {
			value += " (" + v.Band.In(lang) + ")"
		}
		flag := ""
		if v.Count < v.Min {
			flag = fewer
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
		share := message.Percent(float64(v.Count)/float64(n), 1, lang)
		fmt.Fprintf(tw, "%s\t%s\t%6d  %10s%s  %5d  %5d%s\n", name, value, v.Count, share, target, v.Min, v.Max, flag)
	}
	tw.Flush()
}

// excluded lists, in the language, the people who can be on no panel
// that meets the quotas, with the reason (at most maxListed of them).
func excluded(w io.Writer, lang message.Lang, excluded []selection.Excluded) {
	if len(excluded) == 0 {
		say(w, lang, message.CLINobodyExcluded)
		return
	}
	fmt.Fprintln(w)
	say(w, lang, message.CLIExcludedCount, "n", len(excluded))
	for j, x := range excluded {
		if j == maxListed {
			fmt.Fprintf(w, "  %s\n", text(lang, message.CLIAndMore, "n", len(excluded)-maxListed))
			break
		}
		fmt.Fprintf(w, "  %s\n", text(lang, message.CLIExcludedLine, "id", x.ID, "line", x.Line, "why", x.Reason))
	}
}
