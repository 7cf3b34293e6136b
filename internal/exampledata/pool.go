package main

// This file draws the pool, derives the quotas and renders the output files.

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// A person is one volunteer of the pool.
type person struct {
	prof      profile
	household int
	first     string
	last      string
	email     string
	address1  string
	postcode  string
}

// A draw is one candidate pool.
type draw struct {
	people      []person
	invitations int
}

func (d draw) profiles() []profile {
	out := make([]profile, len(d.people))
	for i, p := range d.people {
		out[i] = p.prof
	}
	return out
}

// drawPool runs the simulated invitation lottery with the given seed.
func drawPool(seed uint64) draw {
	r := rand.New(rand.NewPCG(seed, pcgStream))
	var d draw
	singles := poolSize - pairs
	for i := range singles {
		p, sent := drawVolunteer(r, nil)
		d.invitations += sent
		d.people = append(d.people, person{prof: p, household: i})
	}
	// A few volunteers bring a second member of their household, who lives
	// in the same region and area.
	for _, i := range r.Perm(singles)[:pairs] {
		anchor := d.people[i].prof
		p, sent := drawVolunteer(r, func(p profile) bool {
			return p[catRegion] == anchor[catRegion] && p[catArea] == anchor[catArea]
		})
		d.invitations += sent
		d.people = append(d.people, person{prof: p, household: i})
	}
	r.Shuffle(len(d.people), func(i, j int) { d.people[i], d.people[j] = d.people[j], d.people[i] })

	homes := map[int][2]string{}
	usedHomes := map[string]bool{}
	surnames := map[int]string{}
	emails := map[string]int{}
	for i := range d.people {
		p := &d.people[i]
		if h, ok := homes[p.household]; ok {
			p.address1, p.postcode = h[0], h[1]
		} else {
			for {
				a, pc := address(r, p.prof[catRegion])
				if !usedHomes[a+"|"+pc] {
					usedHomes[a+"|"+pc] = true
					homes[p.household] = [2]string{a, pc}
					p.address1, p.postcode = a, pc
					break
				}
			}
		}
		p.first = firstName(r, p.prof[catGender])
		if last, ok := surnames[p.household]; ok && r.Float64() < 0.6 {
			p.last = last
		} else {
			p.last = lastNames[r.IntN(len(lastNames))]
		}
		if _, ok := surnames[p.household]; !ok {
			surnames[p.household] = p.last
		}
		local := emailLocal(p.first, p.last)
		emails[local]++
		if emails[local] > 1 {
			local += strconv.Itoa(emails[local])
		}
		p.email = local + "@example.org"
	}
	return d
}

// showcaseNames must appear in the pool, so that the example exercises
// non-ASCII names.
var showcaseNames = []string{"Zoé", "José", "Ngozi", "Åsa", "François", "Müller"}

// missingName returns a showcase name that no volunteer has, or "".
func missingName(people []person) string {
	for _, name := range showcaseNames {
		found := false
		for _, p := range people {
			if p.first == name || p.last == name {
				found = true
				break
			}
		}
		if !found {
			return name
		}
	}
	return ""
}

// poolCounts counts the pool per category and value.
func poolCounts(pool []profile) [numCategories][]int {
	var cnt [numCategories][]int
	for c := range categories {
		cnt[c] = make([]int, len(categories[c].values))
	}
	for _, p := range pool {
		for c, v := range p {
			cnt[c][v]++
		}
	}
	return cnt
}

// binds reports whether a pool-proportional panel would break the bound of
// a value, that is, whether the quota corrects the pool's skew there.
func binds(count, n int, b bound) bool {
	proportional := float64(count) * panelSize / float64(n)
	return proportional < float64(b.min) || proportional > float64(b.max)
}

const minBinding = 4 // values whose quota must correct the pool

// checkPool returns why a pool is unsuitable, or "" if it is suitable.
func checkPool(pool []profile, q bounds) string {
	cnt := poolCounts(pool)
	if n := cnt[catLiteracy][litNonLiterate]; n < 5 {
		return fmt.Sprintf("%d non-literate volunteers, want at least 5", n)
	}
	if n := cnt[catEducation][eduNone]; n < 8 {
		return fmt.Sprintf("%d volunteers without schooling, want at least 8", n)
	}
	if n := cnt[catGender][genderNonbinary]; n < 2 || n > 4 {
		return fmt.Sprintf("%d nonbinary volunteers, want 2 to 4", n)
	}
	capital, urbanCapital := 0, 0
	for _, p := range pool {
		if p[catRegion] == regionCapital {
			capital++
			if p[catArea] == areaUrban {
				urbanCapital++
			}
		}
	}
	if 10*urbanCapital < 9*capital {
		return fmt.Sprintf("capital only %d/%d urban", urbanCapital, capital)
	}
	binding := 0
	for c := range categories {
		for v, b := range q[c] {
			if binds(cnt[c][v], len(pool), b) {
				binding++
			}
		}
	}
	if binding < minBinding {
		return fmt.Sprintf("only %d binding quotas, want at least %d", binding, minBinding)
	}
	return ""
}

// quotasFromShares sets min = floor(target) − 1 and max = ceil(target) + 1,
// clamped to [0, k], where target = population share × k; nonbinary gets
// [0, 1].
func quotasFromShares(share [numCategories][]float64, k int) bounds {
	var q bounds
	for c := range categories {
		q[c] = make([]bound, len(categories[c].values))
		for v, s := range share[c] {
			// Rounding to 1e-6 keeps float noise from moving an exact
			// integer target to the next integer.
			target := math.Round(s*float64(k)*1e6) / 1e6
			q[c][v] = bound{
				min: max(0, int(math.Floor(target))-1),
				max: min(k, int(math.Ceil(target))+1),
			}
		}
	}
	q[catGender][genderNonbinary] = bound{0, 1}
	return q
}

// checkQuotaSums makes sure no category pins the panel size: the minima of
// each category must sum below k and the maxima above k.
func checkQuotaSums(q bounds, k int) error {
	for c := range categories {
		lo, hi := 0, 0
		for _, b := range q[c] {
			lo += b.min
			hi += b.max
		}
		if lo >= k || hi <= k {
			return fmt.Errorf("%s: minima sum to %d and maxima to %d for k = %d",
				categories[c].name, lo, hi, k)
		}
	}
	return nil
}

func writeCSV(rows [][]string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		panic(err) // writing to a bytes.Buffer cannot fail
	}
	return buf.Bytes()
}

func poolCSV(people []person) []byte {
	rows := [][]string{{"id", "first_name", "last_name", "email", "address1", "postcode",
		"gender", "age", "education", "literacy", "area", "region"}}
	for i, p := range people {
		row := []string{fmt.Sprintf("v%03d", i+1), p.first, p.last, p.email, p.address1, p.postcode}
		for c, v := range p.prof {
			row = append(row, categories[c].values[v])
		}
		rows = append(rows, row)
	}
	return writeCSV(rows)
}

func quotasCSV(q bounds, header string) []byte {
	rows := [][]string{strings.Split(header, ",")}
	for c := range categories {
		for v, b := range q[c] {
			rows = append(rows, []string{categories[c].name, categories[c].values[v],
				strconv.Itoa(b.min), strconv.Itoa(b.max)})
		}
	}
	return writeCSV(rows)
}

func percent(x float64) string { return fmt.Sprintf("%.1f %%", 100*x) }

// quotaTable renders, per value, the pool count and share, the population
// share and the bounds, as a Markdown table.
func quotaTable(pool []profile, share [numCategories][]float64, q bounds) string {
	cnt := poolCounts(pool)
	var b strings.Builder
	b.WriteString("| category | value | pool count | pool share | population share | target | min | max | binds |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|:---:|\n")
	for c := range categories {
		for v, val := range categories[c].values {
			mark := ""
			if binds(cnt[c][v], len(pool), q[c][v]) {
				mark = "yes"
			}
			fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %.3f | %d | %d | %s |\n", categories[c].name, val,
				cnt[c][v], percent(float64(cnt[c][v])/float64(len(pool))), percent(share[c][v]),
				share[c][v]*panelSize, q[c][v].min, q[c][v].max, mark)
		}
	}
	return b.String()
}

func summaryTable(pool []profile, share [numCategories][]float64, q bounds) string {
	return quotaTable(pool, share, q)
}

func readme(pool []profile, share [numCategories][]float64, q bounds, seed uint64) []byte {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Example data\n\n")
	p("A small, entirely fake selection problem: a pool of %d volunteers from which a citizens' panel of\n", poolSize)
	p("**k = %d** is drawn, with quotas on six categories. The names, e-mail addresses and postal addresses are\n", panelSize)
	p("invented. The files are generated; do not edit them by hand.\n\n")
	p("## Files\n\n")
	p("* `pool.csv`: the volunteers, one per row, ids `v001` to `v%03d`. Columns: `id`, the personal data\n", poolSize)
	p("  `first_name`, `last_name`, `email`, `address1`, `postcode` (not quota columns), then the quota columns\n")
	p("  `gender`, `age`, `education`, `literacy`, `area`, `region`. %d pairs of volunteers share `address1` and\n", pairs)
	p("  `postcode` (two people in one household, in the same region and area); every other address is unique.\n")
	p("* `quotas.csv`: the quotas in the current format, header `feature,value,min,max`; `min` and `max` are inclusive\n")
	p("  bounds on the number of panel members with that value.\n")
	p("* `quotas_category_name.csv` (header `category,name,min,max`) and `quotas_category_feature.csv` (header\n")
	p("  `category,feature,min,max`): the same bounds in two older dialects.\n\n")
	p("All files are UTF-8, comma-separated, with LF line endings. The panel size is not stored in the CSV files.\n\n")
	p("## Regenerating\n\n")
	p("From the repository root:\n\n")
	p("```sh\ngo run ./internal/exampledata -out testdata/example\n```\n\n")
	p("The generator uses only the Go standard library and a local PCG source with a fixed seed, so the output is\n")
	p("byte-for-byte reproducible. It tries seeds %d, %d, … and keeps the first draw that passes every check\n", baseSeed, baseSeed+1)
	p("below; these files come from seed %d.\n\n", seed)
	p("## How the pool was made\n\n")
	p("As for the benchmark instances, a census-like population is modelled with correlated categories: region →\n")
	p("urban/rural (the capital is %.0f %% urban), age → gender (nonbinary people are more common among the young),\n", 100*urbanByRegion[regionCapital])
	p("age and area → education (older and rural people have less schooling), education and age → literacy (most\n")
	p("people without schooling are non-literate or have limited literacy). A simulated invitation lottery then\n")
	p("invites random citizens; each volunteers with a probability that favours educated people (tertiary ×%.1f,\n", eduResponse[3])
	p("none ×%.1f), older people (60+ ×%.2f, 16-29 ×%.2f), urban people (×%.1f against ×%.2f) and literate\n",
		eduResponse[0], ageResponse[3], ageResponse[0], areaResponse[areaUrban], areaResponse[areaRural])
	p("people (limited ×%.1f, non-literate ×%.1f). So the pool over-represents educated, older, urban and\n", literacyResponse[1], literacyResponse[2])
	p("literate people; non-literate people and people without schooling are rare in it but present.\n\n")
	p("## Quotas\n\n")
	p("The quotas correct the pool's skew: they come from the *population* shares, not the pool shares. For each\n")
	p("value, target = population share × %d (the `target` column), min = floor(target) − 1 and max = ceil(target) + 1, clamped to\n", panelSize)
	p("[0, %d]; `nonbinary` has min 0 and max 1. In every category the minima sum below %d and the maxima above it.\n", panelSize, panelSize)
	p("A quota *binds* when a panel that mirrored the pool (pool share × %d) would break it.\n\n", panelSize)
	b.WriteString(quotaTable(pool, share, q))
	p("\nThe generator checks feasibility exactly. People with the same quota values are interchangeable, so it\n")
	p("searches, with a pruned depth-first search over the number of people taken from each distinct combination\n")
	p("of values, for one panel of exactly %d distinct volunteers that meets every bound, and then for every\n", panelSize)
	p("combination a panel that contains it. From these it builds, for each of the %d volunteers, a concrete\n", poolSize)
	p("panel that contains them and verifies it person by person. So at least one valid panel exists and every\n")
	p("volunteer can be selected.\n")
	return []byte(b.String())
}
