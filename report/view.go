package report

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

// view is a report laid out in sentences and table cells of its language,
// which the HTML and Markdown renderers only arrange.
type view struct {
	Lang     Lang
	T        *text
	Colon    string // ": ", or " : " in French
	Subtitle string
	MadeBy   string
	// Organisation and Contact are printed at the top; OrganisationRaw and
	// ContactRaw are kept in the HTML's head (BylineOf).
	Organisation, Contact       string
	OrganisationRaw, ContactRaw string
	Charts                      []chartView
	PanelIDs                    string
	PanelIDsHelp                string
	Short                       []string
	Plot                        template.HTML
	PlotCaption                 string
	Stats                       []statView
	StatsNote                   string
	UniformNote                 string
	Spread                      []cell
	Quotas                      []quotaView
	Households                  string
	Zero                        []zeroView
	Certain                     []zeroView
	Drawn                       bool
	DrawHelp                    []string // paragraphs: the commitment, the kind of seed, what the commitment shows
	Draw                        []cell
	DrawCommand                 string
	Steps                       []cell
	VerifyFull                  string
	VerifyOnly                  string
	Tech                        []cell
}

// cell is a label and its value.
type cell struct{ Label, Value string }

// statView is one statistic with its meaning.
type statView struct{ Name, Value, Help string }

// quotaView is one row of the quota table.
type quotaView struct {
	Category        string // "" on the category's rows after its first
	FirstOfCategory bool
	Value, Min, Max string
	Pool, Panel     string // count (share)
	Average         string
}

// chartView is one category's shares chart with the sentences that
// explain its values' chances.
type chartView struct {
	Category string
	SVG      template.HTML
	Why      []string
}

// zeroView is one group of people with probability 0.
type zeroView struct{ Count, Reason, IDs string }

// view lays the report out.
func (r *Report) view() *view {
	t := r.t()
	v := &view{Lang: r.Lang, T: t, Colon: ": "}
	if r.Lang == French {
		v.Colon = " : "
	}
	v.Subtitle = fmt.Sprintf(t.Subtitle, r.num(r.K), r.num(r.People))
	date := r.stepTime("drawn")
	if date == "" {
		date = r.stepTime("committed")
	}
	v.MadeBy = fmt.Sprintf(t.MadeBy, r.Tool, date)
	v.Organisation, v.OrganisationRaw, v.ContactRaw = r.Organisation, r.Organisation, r.Contact
	if r.Contact != "" {
		v.Contact = fmt.Sprintf(t.Contact, r.Contact)
	}

	// In short.
	v.Short = append(v.Short, fmt.Sprintf(t.ShortQuotas, r.num(r.K), r.num(r.People), r.num(len(r.Quotas)), r.listAnd(r.Categories)))
	s := r.Stats
	if s.Selectable > 0 && s.MinTickets == s.MaxTickets && s.Selectable == r.People {
		v.Short = append(v.Short, fmt.Sprintf(t.ShortEqual, r.ticketPercent(s.MinTickets), r.num(r.K), r.num(r.People)))
	} else if s.MinTickets > 0 {
		v.Short = append(v.Short, fmt.Sprintf(t.ShortChances, r.ticketPercent(s.MinTickets), r.num(oneIn(s.MinTickets, r.M)), r.percent(r.equalChance()), r.num(r.K), r.num(r.People)))
	}
	v.Short = append(v.Short, r.objective())
	switch {
	case s.Selectable < r.People:
		v.Short = append(v.Short, t.ShortZero)
	case len(r.Zero) > 0: // only people the rounding left without a ticket
		v.Short = append(v.Short, fmt.Sprintf(t.ShortRounded, r.num(r.M)))
	default:
		v.Short = append(v.Short, t.ShortNoZero)
	}
	if n := r.certainCount(); n > 0 {
		v.Short = append(v.Short, fmt.Sprintf(t.ShortCertain, r.peopleCount(n)))
	}
	if r.Draw != nil {
		v.Short = append(v.Short, fmt.Sprintf(t.ShortDrawn, r.Draw.Seed, t.SeedKindShort[string(r.Draw.SeedKind)], r.num(r.Draw.Index), r.num(r.M)))
	} else {
		v.Short = append(v.Short, t.ShortNotDrawn)
	}
	v.Short = append(v.Short, t.ShortVerify)

	// Chances.
	v.Plot = template.HTML(r.ProbabilityPlot())
	v.PlotCaption = fmt.Sprintf(t.PlotCaption, r.num(r.People), r.percent(r.equalChance()), r.num(r.K), r.num(r.People))
	if s.Selectable > 0 {
		v.Stats = []statView{
			{t.Lowest, r.ticketPercent(s.MinTickets), t.LowestHelp},
			{t.Highest, r.ticketPercent(s.MaxTickets), t.HighestHelp},
			{t.GiniName, r.decimal(s.Gini, 3), t.GiniHelp},
			{t.GeoMean, r.percent(s.GeometricMean), t.GeoMeanHelp},
		}
		v.Spread = append(v.Spread, cell{t.SpreadLowest, r.ticketPercent(s.MinTickets)})
		for j, level := range QuantileLevels {
			label := fmt.Sprintf("%d %%", level)
			if r.Lang == English {
				label = fmt.Sprintf("%d%%", level)
			}
			if level == 50 {
				label = t.Median
			}
			v.Spread = append(v.Spread, cell{label, r.ticketPercent(s.Quantiles[j])})
		}
		v.Spread = append(v.Spread, cell{t.SpreadHighest, r.ticketPercent(s.MaxTickets)})
	}
	if zero := r.People - s.Selectable; zero > 0 {
		v.StatsNote = fmt.Sprintf(t.OverSelectable, r.num(s.Selectable), r.num(zero))
	} else {
		v.StatsNote = fmt.Sprintf(t.OverEveryone, r.num(r.People))
	}
	v.UniformNote = fmt.Sprintf(t.Uniform, r.num(r.M), r.num(r.M), r.num(r.M))

	// Quotas.
	for i, q := range r.Quotas {
		qv := quotaView{
			Value: q.Value,
			Min:   r.num(q.Min),
			Max:   r.num(q.Max),
			Pool:  r.num(q.Pool) + " (" + r.percent(float64(q.Pool)/float64(r.People)) + ")",
			Panel: t.NotDrawnCell,
		}
		if i == 0 || r.Quotas[i-1].Category != q.Category {
			qv.Category, qv.FirstOfCategory = q.Category, true
		}
		if q.Panel >= 0 {
			qv.Panel = r.num(q.Panel) + " (" + r.percent(float64(q.Panel)/float64(r.K)) + ")"
		}
		if q.Pool > 0 {
			qv.Average = r.percent(float64(q.Tickets) / (float64(q.Pool) * float64(r.M)))
		}
		v.Quotas = append(v.Quotas, qv)
	}
	for _, c := range r.Categories {
		chart := chartView{Category: c, SVG: template.HTML(r.SharesChart(c))}
		for _, q := range r.Quotas {
			if q.Category == c {
				chart.Why = append(chart.Why, r.Why(q))
			}
		}
		v.Charts = append(v.Charts, chart)
	}
	if len(r.Households) > 0 {
		v.Households = fmt.Sprintf(t.Households, strings.Join(r.Households, ", "))
	}

	// Zero probability.
	for _, g := range r.Zero {
		var reason string
		switch g.Reason {
		case MaxZero:
			reason = message.New(message.ReportMaxZero, "category", g.Category, "value", g.Value).In(r.Lang)
		case Conflict:
			parts := make([]string, len(g.Values))
			for c, val := range g.Values {
				parts[c] = r.Categories[c] + " = " + val
			}
			reason = message.New(message.ReportConflict, "values", strings.Join(parts, ", ")).In(r.Lang)
		case Rounded:
			reason = message.New(message.ReportRounded, "m", r.num(r.M)).In(r.Lang)
		}
		v.Zero = append(v.Zero, zeroView{Count: r.peopleCount(len(g.IDs)), Reason: reason, IDs: strings.Join(g.IDs, ", ")})
	}

	// Probability 1.
	for _, g := range r.Certain {
		var reason string
		switch g.Reason {
		case AllNeeded:
			if g.Min == 1 {
				reason = message.New(message.ReportOneNeeded, "category", g.Category, "value", g.Value).In(r.Lang)
			} else {
				reason = message.New(message.ReportAllNeeded, "people", r.peopleCount(g.Min), "category", g.Category, "value", g.Value, "min", r.num(g.Min)).In(r.Lang)
			}
		case Together:
			reason = t.ReasonTogether[""]
			if sentence, ok := t.ReasonTogether[r.Algorithm]; ok {
				reason = sentence
			}
		case RoundedUp:
			reason = message.New(message.ReportRoundedUp, "m", r.num(r.M)).In(r.Lang)
		}
		v.Certain = append(v.Certain, zeroView{Count: r.peopleCount(len(g.IDs)), Reason: reason, IDs: strings.Join(g.IDs, ", ")})
	}

	// The draw.
	v.Draw = []cell{{t.Commitment, r.Commitment}}
	if r.SeedSource != "" && (r.Draw == nil || r.Draw.SeedKind != audit.SeedDerived) { // a replacement keeps the original's settings
		v.Draw = append(v.Draw, cell{t.SeedSourceLbl, r.SeedSource})
	}
	v.DrawHelp = []string{t.DrawHelp}
	if r.Draw != nil {
		v.Drawn = true
		v.Draw = append(v.Draw, cell{t.Seed, r.Draw.Seed}, cell{t.SeedKindLabel, t.SeedKindShort[string(r.Draw.SeedKind)]}, cell{t.DrawnPanel, fmt.Sprintf(t.DrawnIndex, r.num(r.Draw.Index), r.num(r.M))})
		v.DrawHelp = append(v.DrawHelp, t.SeedKindHelp[string(r.Draw.SeedKind)], t.CommitHelp)
		v.PanelIDs = strings.Join(r.Draw.Selected, ", ")
		v.PanelIDsHelp = fmt.Sprintf(t.PanelIDsHelp, r.peopleCount(len(r.Draw.Selected)))
	} else {
		v.Draw = append(v.Draw, cell{t.Seed, t.NotDrawn})
		draw := []string{"tirage", "draw", ".", "--seed", "…"}
		if r.opt.PoolPath != "" {
			draw = append(draw, "--pool", r.opt.PoolPath)
		}
		v.DrawCommand = command(draw...)
	}
	for _, st := range r.Steps {
		name := t.StepNames[st.Step]
		if name == "" {
			name = st.Step
		}
		v.Steps = append(v.Steps, cell{name, displayTime(st.Time)})
	}

	// How to verify.
	full := []string{"tirage", "verify", "."}
	if r.opt.PoolPath != "" {
		full = append(full, "--pool", r.opt.PoolPath)
	}
	if r.opt.QuotasPath != "" {
		full = append(full, "--quotas", r.opt.QuotasPath)
	}
	if len(full) > 3 {
		v.VerifyFull = command(full...)
	}
	v.VerifyOnly = command("tirage", "verify", ".")

	upper := t.NoCertificate
	if o, ok := sortition.ObjectiveNamed(r.Algorithm); ok && o.Certified {
		upper = r.percentFine(r.UpperBound)
	}
	v.Tech = []cell{
		{t.Tool, r.Tool},
		{t.Algorithm, r.Algorithm},
		{t.Optimum, r.percentFine(r.Optimum)},
		{t.UpperBound, upper},
		{t.UniformMin, r.percent(r.UniformMinimum)},
		{t.MaxShift, r.percentFine(r.MaxShift)},
		{t.PoolDigest, r.PoolSHA256},
		{t.QuotasDigest, r.QuotasSHA256},
		{t.RecordDigest, r.RecordSHA256},
	}
	return v
}

// percentFine writes a probability of the exact lottery as a percentage
// with four decimals.
func (r *Report) percentFine(p float64) string {
	s := r.decimal(100*p, 4)
	if r.Lang == French {
		return s + "\u202f%"
	}
	return s + "%"
}

// command writes a command line, quoting for a POSIX shell the arguments
// that need it.
func command(args ...string) string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = shellQuote(a)
	}
	return strings.Join(out, " ")
}

// shellQuote returns a as a POSIX shell word: as it is when it holds only
// characters the shell leaves alone, else in single quotes.
func shellQuote(a string) string {
	if a == "…" {
		return `"…"`
	}
	if a != "" && strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@%+,-") == "" {
		return a
	}
	return "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
}

// objective says which objective the lottery has and why.
func (r *Report) objective() string {
	t := r.t()
	if o, ok := sortition.ObjectiveNamed(r.Algorithm); ok && o.About[string(r.Lang)] != "" {
		return o.About[string(r.Lang)]
	}
	return fmt.Sprintf(t.ObjectiveOther, r.Algorithm)
}

// certainCount counts the people certain to be selected.
func (r *Report) certainCount() int {
	n := 0
	for _, g := range r.Certain {
		n += len(g.IDs)
	}
	return n
}
