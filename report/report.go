package report

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// The report files a selection's output folder holds.
const (
	HTMLFile     = "report.html"
	MarkdownFile = "report.md"
)

// Lang is the language of a report: an ISO 639-1 code.
type Lang = message.Lang

// The languages a report is written in.
const (
	English = message.English
	French  = message.French
)

// Langs lists the languages a report is written in.
var Langs = []Lang{English, French}

// ParseLang returns the language with the given code ("en" or "fr",
// trimmed and case-insensitive), or an error listing the codes.
func ParseLang(code string) (Lang, error) {
	if l, err := message.ParseLang(code); err == nil {
		return l, nil
	}
	return "", fmt.Errorf("the language %q is not one the report is written in; use en (English) or fr (French)", code)
}

// Options say how to write a report.
type Options struct {
	// Lang is the language; "" means English.
	Lang Lang
	// PoolPath and QuotasPath name the input files in the commands the
	// report shows (file names only, as the record keeps them: a report
	// names no folder of the computer that made it); "" leaves them out.
	PoolPath, QuotasPath string
	// Organisation and Contact are printed at the top of the report: who
	// organises the selection and how to reach them (see CheckByline);
	// "" leaves them out. They are not part of the record.
	Organisation, Contact string
}

// Report is what a fairness report says, computed from an audit record.
// Probabilities are those of the uniform lottery that the draw picks from:
// a person's tickets, the number of its M panels that contain them,
// divided by M.
type Report struct {
	Lang Lang
	// Tool names the program that made the record, such as "tirage v1.0.0".
	Tool string
	// People and K are the pool and panel sizes.
	People, K int
	// M is the number of panels of the uniform lottery.
	M int
	// Categories names the quota categories, in the quota table's order.
	Categories []string
	// Quotas has one row per quota value, in the quota table's order.
	Quotas []QuotaRow
	// Tickets holds each person's tickets, in pool order; IDs their ids.
	Tickets []int
	IDs     []string
	// Excluded marks, per person, who can be on no panel that meets the
	// quotas.
	Excluded []bool
	// Stats are computed over the people who can be selected.
	Stats Stats
	// Zero groups the people whose probability is 0, by reason.
	Zero []ZeroGroup
	// Certain groups the people whose probability is 1, by reason.
	Certain []CertainGroup
	// Commitment is the record's commitment to the lottery.
	Commitment string
	// Draw is the draw, or nil when the lottery is committed but not drawn.
	Draw *audit.Draw
	// Steps are the record's steps with their times.
	Steps []audit.Step
	// Algorithm, Optimum and UpperBound describe the exact lottery: its
	// objective, its smallest probability and the certified bound on what
	// any lottery could give; UniformMinimum and MaxShift describe the
	// uniform lottery's rounding of it.
	Algorithm                                     string
	Optimum, UpperBound, UniformMinimum, MaxShift float64
	// PoolSHA256 and QuotasSHA256 are the digests of the input files.
	PoolSHA256, QuotasSHA256 string
	// RecordSHA256 is the record's digest (audit.Record.Digest): the
	// SHA-256 of audit.json as tirage writes it, which ties the report to
	// its record (tirage verify checks it).
	RecordSHA256 string
	// Households lists the pool columns identifying a household, if any.
	Households []string
	// SeedSource is where the seed comes from, as announced with the
	// commitment; "" when none was.
	SeedSource string
	// Organisation and Contact are those of the options.
	Organisation, Contact string

	opt Options
}

// QuotaRow is one quota value with its bounds and counts.
type QuotaRow struct {
	Category, Value string
	Min, Max        int
	// Pool counts the people in the pool with the value; Panel those on
	// the drawn panel (-1 when not drawn).
	Pool, Panel int
	// Tickets adds up the tickets of the people with the value, so that
	// their average probability is Tickets / (Pool · M).
	Tickets int
}

// Stats describe the probabilities of selection of the people who can be
// selected (everyone but the excluded).
type Stats struct {
	// Selectable counts the people who can be selected.
	Selectable int
	// MinTickets and MaxTickets are the fewest and most tickets held.
	MinTickets, MaxTickets int
	// Gini and GeometricMean are those of the probabilities (see Gini and
	// GeometricMean).
	Gini, GeometricMean float64
	// Quantiles holds the tickets at the 10th, 25th, 50th, 75th and 90th
	// percentiles (nearest rank).
	Quantiles [5]int
}

// QuantileLevels are the percentiles of Stats.Quantiles.
var QuantileLevels = [5]int{10, 25, 50, 75, 90}

// ZeroReason says why people have probability 0.
type ZeroReason int

// The reasons for a probability of 0.
const (
	// MaxZero: a quota value of theirs has max 0 (Category, Value).
	MaxZero ZeroReason = iota + 1
	// Conflict: no panel that meets all the quotas can include anyone
	// with their quota values (Values), as the exact search found.
	Conflict
	// Rounded: they are on panels of the exact lottery but on none of the
	// M panels of the uniform lottery.
	Rounded
)

// ZeroGroup is a set of people with probability 0 for the same reason.
type ZeroGroup struct {
	Reason ZeroReason
	// Category and Value name the quota of a MaxZero reason.
	Category, Value string
	// Values are the quota values, one per category, of a Conflict reason.
	Values []string
	// IDs are the people's ids, in pool order.
	IDs []string
}

// New computes the report of a record. It fails when the record's tables
// are inconsistent (a record that audit.Verify would reject).
func New(r *audit.Record, opt Options) (*Report, error) {
	if opt.Lang == "" {
		opt.Lang = English
	}
	if _, err := ParseLang(string(opt.Lang)); err != nil {
		return nil, err
	}
	if err := CheckByline(opt.Organisation, opt.Contact); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	pool, _, err := r.Pool()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	tickets, _, err := r.Tickets()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if r.Lottery.M < 1 || r.K < 1 {
		return nil, errors.New("report: the record has no uniform lottery")
	}
	digest, err := r.Digest()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	n := len(pool.People)
	rep := &Report{
		Lang:           opt.Lang,
		Tool:           strings.TrimSpace(r.Tool.Name + " " + r.Tool.Version),
		People:         n,
		K:              r.K,
		M:              r.Lottery.M,
		Tickets:        tickets,
		IDs:            make([]string, n),
		Excluded:       make([]bool, n),
		Commitment:     r.Commitment,
		Draw:           r.Draw,
		Steps:          r.Steps,
		Algorithm:      r.Lottery.Algorithm,
		Optimum:        r.Lottery.Optimum,
		UpperBound:     r.Lottery.UpperBound,
		UniformMinimum: r.Lottery.UniformMinimum,
		MaxShift:       r.Lottery.MaxShift,
		PoolSHA256:     r.Inputs.Pool.SHA256,
		QuotasSHA256:   r.Inputs.Quotas.SHA256,
		RecordSHA256:   digest,
		Households:     r.Settings.Households,
		SeedSource:     r.Settings.SeedSource,
		Organisation:   opt.Organisation,
		Contact:        opt.Contact,
		opt:            opt,
	}
	index := map[string]int{}
	for i, p := range pool.People {
		rep.IDs[i] = p.ID
		index[p.ID] = i
	}
	for _, id := range r.Lottery.Excluded {
		i, ok := index[id]
		if !ok {
			return nil, fmt.Errorf("report: the excluded id %q is not in the pool", id)
		}
		rep.Excluded[i] = true
	}
	selected := make([]bool, n)
	if r.Draw != nil {
		for _, id := range r.Draw.Selected {
			i, ok := index[id]
			if !ok {
				return nil, fmt.Errorf("report: the selected id %q is not in the pool", id)
			}
			selected[i] = true
		}
	}

	// The quota table with the pool's and the panel's counts.
	q := pool.Quotas
	for ci, c := range q.Categories {
		rep.Categories = append(rep.Categories, c.Name)
		for vi, v := range c.Values {
			row := QuotaRow{Category: c.Name, Value: v.Name, Min: v.Min, Max: v.Max, Panel: -1}
			if r.Draw != nil {
				row.Panel = 0
			}
			for i, p := range pool.People {
				if p.Values[ci] != vi {
					continue
				}
				row.Pool++
				row.Tickets += tickets[i]
				if selected[i] {
					row.Panel++
				}
			}
			rep.Quotas = append(rep.Quotas, row)
		}
	}

	// Statistics over the selectable.
	var live []int
	for i, t := range tickets {
		if !rep.Excluded[i] {
			live = append(live, t)
		}
	}
	rep.Stats.Selectable = len(live)
	if len(live) > 0 {
		sorted := slices.Sorted(slices.Values(live))
		rep.Stats.MinTickets, rep.Stats.MaxTickets = sorted[0], sorted[len(sorted)-1]
		for j, level := range QuantileLevels {
			rep.Stats.Quantiles[j] = sorted[nearestRank(level, len(sorted))]
		}
		rep.Stats.Gini = Gini(live)
		rep.Stats.GeometricMean = GeometricMean(live, r.Lottery.M)
	}

	// Who has probability 0, and why.
	rep.Zero = zeroGroups(pool.Quotas.Categories, pool.People, rep.Excluded, tickets)
	// Who has probability 1, and why.
	rep.Certain = certainGroups(pool.Quotas.Categories, pool.People, tickets, r.Lottery.M, exactProbabilities(r, index))
	return rep, nil
}

// nearestRank returns the index, in an ascending list of n values, of the
// nearest-rank percentile: the smallest value with at least level percent
// of the values at or below it.
func nearestRank(level, n int) int {
	i := (level*n + 99) / 100 // ⌈level·n/100⌉, a rank from 1
	return max(i-1, 0)
}

// zeroGroups groups the people with probability 0 by reason, in the order
// of each group's first member in the pool.
func zeroGroups(categories []quota.Category, people []sortition.Person, excluded []bool, tickets []int) []ZeroGroup {
	var groups []ZeroGroup
	at := map[string]int{} // group key → index in groups
	for i, p := range people {
		var g ZeroGroup
		var key string
		switch {
		case excluded[i]:
			g.Reason = Conflict
			for ci, vi := range p.Values {
				v := categories[ci].Values[vi]
				if v.Max == 0 {
					g = ZeroGroup{Reason: MaxZero, Category: categories[ci].Name, Value: v.Name}
					key = fmt.Sprintf("max0 %d %d", ci, vi)
					break
				}
				g.Values = append(g.Values, v.Name)
				key += fmt.Sprintf(" %d", vi)
			}
		case tickets[i] == 0:
			g.Reason, key = Rounded, "rounded"
		default:
			continue
		}
		var ids *[]string
		groups, ids = grouped(groups, at, key, g, func(g *ZeroGroup) *[]string { return &g.IDs })
		*ids = append(*ids, p.ID)
	}
	return groups
}

// grouped returns groups with the group of key, g when key is new (at
// maps keys to indices in groups), and that group's list of ids.
func grouped[G any](groups []G, at map[string]int, key string, g G, idsOf func(*G) *[]string) ([]G, *[]string) {
	j, ok := at[key]
	if !ok {
		j = len(groups)
		at[key] = j
		groups = append(groups, g)
	}
	return groups, idsOf(&groups[j])
}

// LangOf returns the language of a report.html made by this package, read
// from its html element, and false when data is not such a report.
func LangOf(data []byte) (Lang, bool) {
	for _, l := range Langs {
		if bytes.HasPrefix(data, []byte("<!DOCTYPE html>\n<html lang=\""+string(l)+"\">")) {
			return l, true
		}
	}
	return "", false
}
