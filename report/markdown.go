package report

import (
	"fmt"
	"strings"
)

// Markdown returns report.md: the report as plain text that reads well as
// it is and renders as CommonMark (with GitHub's tables). It says what the
// HTML says; the plot is replaced by the spread of the probabilities.
func (r *Report) Markdown() []byte {
	v := r.view()
	t := v.T
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	if v.Organisation != "" {
		line("**%s**", md(v.Organisation))
		line("")
	}
	line("# %s", md(t.Title))
	line("")
	line("%s", md(v.Subtitle))
	line("")
	line("%s", md(v.MadeBy))
	line("")
	if v.Contact != "" {
		line("%s", md(v.Contact))
		line("")
	}
	line("## %s", md(t.InShort))
	line("")
	for _, s := range v.Short {
		line("- %s", md(s))
	}
	line("")

	line("## %s", md(t.Chances))
	line("")
	if len(v.Stats) > 0 {
		for _, s := range v.Stats {
			line("- **%s%s%s** (%s)", md(s.Name), v.Colon, md(s.Value), md(s.Help))
		}
		line("")
	}
	line("%s", md(v.StatsNote))
	line("")
	line("%s", md(v.UniformNote))
	line("")
	if len(v.Spread) > 0 {
		line("### %s", md(t.Spread))
		line("")
		row(&b, labels(v.Spread))
		separator(&b, len(v.Spread), true)
		row(&b, values(v.Spread))
		line("")
		line("%s", md(t.SpreadHelp))
		line("")
	}

	line("## %s", md(t.QuotasTitle))
	line("")
	line("%s", md(t.QuotasHelp))
	line("")
	line("%s", md(t.QuotasBars))
	line("")
	row(&b, []string{t.Category, t.Value, t.Min, t.Max, t.InPool, t.OnPanel, t.AvgChance})
	fmt.Fprintln(&b, "|---|---|--:|--:|--:|--:|--:|")
	for _, q := range v.Quotas {
		row(&b, []string{q.Category, q.Value, q.Min, q.Max, q.Pool, q.Panel, q.Average})
	}
	line("")
	for _, c := range v.Charts {
		line("### %s", md(c.Category))
		line("")
		for _, why := range c.Why {
			line("- %s", md(why))
		}
		line("")
	}
	if v.Households != "" {
		line("%s", md(v.Households))
		line("")
	}

	// The people with probability 0, then 1, and why.
	for _, sec := range []struct {
		title, none, intro string
		groups             []zeroView
	}{{t.ZeroTitle, t.ZeroNone, t.ZeroIntro, v.Zero}, {t.CertainTitle, t.CertainNone, t.CertainIntro, v.Certain}} {
		line("## %s", md(sec.title))
		line("")
		if len(sec.groups) == 0 {
			line("%s", md(sec.none))
		} else {
			line("%s", md(sec.intro))
			line("")
			for _, g := range sec.groups {
				line("- **%s**%s%s. %s", md(g.Count), v.Colon, md(g.Reason), md(g.IDs))
			}
		}
		line("")
	}

	line("## %s", md(t.DrawTitle))
	line("")
	for _, p := range v.DrawHelp {
		line("%s", md(p))
		line("")
	}
	for _, c := range v.Draw {
		line("- %s%s%s", md(c.Label), v.Colon, md(c.Value))
	}
	line("")
	if v.PanelIDs != "" {
		line("### %s", md(t.PanelIDsTitle))
		line("")
		line("%s", md(v.PanelIDsHelp))
		line("")
		line("%s", md(v.PanelIDs))
		line("")
	}
	if !v.Drawn {
		line("%s", md(t.NotDrawnHelp))
		line("")
		codeBlock(&b, v.DrawCommand)
	}
	line("### %s", md(t.StepsTitle))
	line("")
	for _, c := range v.Steps {
		line("- %s%s%s", md(c.Label), v.Colon, md(c.Value))
	}
	line("")
	if a := v.Alternates; a != nil {
		line("## %s", md(t.AltTitle))
		line("")
		line("%s", md(a.Help))
		line("")
		row(&b, a.Header)
		fmt.Fprintln(&b, "|---|--:|--:|--:|")
		for _, r := range a.Rows {
			row(&b, r)
		}
		line("")
		for _, p := range []string{a.LossHelp, a.Bound, a.IDs, a.NoHouse} {
			if p != "" {
				line("%s", md(p))
				line("")
			}
		}
	}

	line("## %s\n\n%s\n\n%s\n", md(t.PublishTitle), md(t.Publish), md(t.PublishPrivate))

	line("## %s", md(t.VerifyTitle))
	line("")
	line("%s", md(t.VerifyInstall))
	line("")
	if v.VerifyFull != "" {
		line("- %s", md(t.VerifyFull))
		line("")
		codeBlock(&b, v.VerifyFull)
	}
	line("- %s", md(t.VerifyOnly))
	line("")
	codeBlock(&b, v.VerifyOnly)
	line("%s", md(t.VerifyResult))
	line("")

	line("## %s", md(t.TechTitle))
	line("")
	for _, c := range v.Tech {
		line("- %s%s%s", md(c.Label), v.Colon, md(c.Value))
	}
	return []byte(b.String())
}

// md escapes the characters that Markdown would read as markup, and
// writes line breaks as spaces.
func md(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|':
			b.WriteByte('\\')
			b.WriteRune(c)
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// row writes a table row of escaped cells.
func row(b *strings.Builder, cells []string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + md(c) + " |")
	}
	b.WriteString("\n")
}

// separator writes a table's header separator, right-aligned if asked.
func separator(b *strings.Builder, n int, right bool) {
	b.WriteString("|")
	for range n {
		if right {
			b.WriteString("--:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
}

// codeBlock writes a fenced code block holding one line, with a fence
// longer than any run of backquotes in it.
func codeBlock(b *strings.Builder, code string) {
	fence := "```"
	for strings.Contains(code, fence) {
		fence += "`"
	}
	fmt.Fprintf(b, "%s\n%s\n%s\n\n", fence, strings.ReplaceAll(code, "\n", " "), fence)
}

func labels(cells []cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.Label
	}
	return out
}

func values(cells []cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.Value
	}
	return out
}
