package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

// Format identifies the version of the audit record's layout (SPEC.md).
const Format = "tirage-audit/2"

// formatV1 is the previous version of the format, which verification
// refuses with an explanation (SPEC.md, "Versions").
const formatV1 = "tirage-audit/1"

// commitmentDomain separates the commitment from any other use of SHA-256.
const commitmentDomain = "tirage-commitment-v1\x00"

// The steps of a selection, in the order they happen.
const (
	StepInputsRead      = "inputs read"
	StepLotteryComputed = "lottery computed"
	StepCommitted       = "committed"
	StepDrawn           = "drawn"
)

// Record is the audit record of a selection (audit.json): everything needed
// to check it, and nothing about a person beyond their id, their quota
// values and an opaque household number. Its members and their order are
// those of SPEC.md; its JSON form (MarshalIndent) is canonical: the same
// record always gives the same bytes.
//
// Everything before Commitment is the committed part: it is fixed, and
// hashed into Commitment, before any seed exists. Draw is nil until the
// lottery is drawn.
type Record struct {
	Format   string   `json:"format"` // always Format
	Tool     Tool     `json:"tool"`
	Inputs   Inputs   `json:"inputs"`
	K        int      `json:"k"` // the panel size
	Settings Settings `json:"settings"`
	// Replaces, in the record of a replacement (tirage replace), ties it
	// to the record of the selection it completes; nil otherwise, and
	// absent from the JSON.
	Replaces *Replaces `json:"replaces,omitempty"`
	// Quotas is the quota table the panels meet, in the order of the
	// quota file: the file's bounds, relaxed as Relaxation says.
	Quotas []Category `json:"quotas"`
	// Relaxation lists the bounds of the quota file that were relaxed to
	// make the quotas feasible (select --relax), in the order of Quotas;
	// empty, and absent from the JSON, when none was.
	Relaxation []RelaxedBound `json:"relaxation,omitempty"`
	// People are the pool's people, in pool order.
	People  People  `json:"people"`
	Lottery Lottery `json:"lottery"`
	// Commitment is the lowercase hexadecimal SHA-256 commitment to the
	// committed part (see Commit).
	Commitment string `json:"commitment"`
	Draw       *Draw  `json:"draw"`
	// Steps are the steps taken so far, with their times.
	Steps []Step `json:"steps"`
}

// Tool names the program that made the record.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Inputs identifies the input files.
type Inputs struct {
	Pool   File `json:"pool"`
	Quotas File `json:"quotas"`
}

// File identifies an input file: the path it was given as, the SHA-256
// digest of its bytes, and the SHA-256 digest of its canonical parsed form
// (SPEC.md: for the quotas, the record's quota table; for the pool, its
// people). Digests are lowercase hexadecimal.
type File struct {
	Path            string `json:"path"`
	SHA256          string `json:"sha256"`
	CanonicalSHA256 string `json:"canonical_sha256"`
}

// Settings are the options that shaped the lottery.
type Settings struct {
	// IDColumn is the pool column the ids were read from, as written in
	// the header; "" when people are identified by their data row number
	// (1 = the first row after the header).
	IDColumn string `json:"id_column"`
	// Households lists the pool columns that identify a household (at
	// most one person per household on a panel); empty for none.
	Households []string `json:"households"`
	// Gap is the largest accepted difference between the certified upper
	// bound and the lottery's minimum probability: always CertifiedGap, a
	// constant of the format (NewRecord sets it).
	Gap float64 `json:"gap"`
	// SeedSource says where the seed of the draw comes from, as announced
	// with the commitment (such as "EuroMillions draw of 24 April 2026,
	// the five numbers in ascending order"); "" when none was announced.
	SeedSource string `json:"seed_source"`
}

// Category is one quota category: its values, and for each value the
// inclusive bounds on the number of panel members with it.
type Category struct {
	Name   string   `json:"category"`
	Values []string `json:"values"`
	Min    []int    `json:"min"`
	Max    []int    `json:"max"`
}

// RelaxedBound is one relaxed bound of the quota file: the min or the max
// of a value, as the file gives it (From) and as the record's quota table
// has it (To).
type RelaxedBound struct {
	Category string `json:"category"`
	Value    string `json:"value"`
	Bound    string `json:"bound"` // "min" or "max"
	From     int    `json:"from"`
	To       int    `json:"to"`
}

// People lists everyone in the pool, in pool order.
type People struct {
	// Columns names the entries of a row: "id", then the quota categories
	// in the order of the quota table.
	Columns []string `json:"columns"`
	// Rows holds, per person, their id and their value of each category
	// (spelled as in the quota table).
	Rows [][]string `json:"rows"`
	// Households holds, per person, an opaque household number (people
	// with the same number share a household) when Settings.Households is
	// not empty; it is empty otherwise.
	Households []int `json:"households"`
}

// Lottery is the exact lottery, with the certificate of its optimality, and
// the uniform lottery over M panels that the draw picks from.
type Lottery struct {
	Algorithm string `json:"algorithm"`
	// Optimum is the exact lottery's smallest selection probability of
	// anyone who can be on a panel that meets the quotas.
	Optimum float64 `json:"optimum"`
	// UpperBound is a certified upper bound on the Optimum of any lottery:
	// no panel weighs more than UpperBound under Weights.
	UpperBound float64 `json:"upper_bound"`
	// Excluded are the ids of the people who can be on no panel that meets
	// the quotas, in pool order.
	Excluded []string `json:"excluded"`
	// Weights holds, per person in pool order, the dual weight certifying
	// UpperBound: 0 or more, 0 for the excluded, adding up to 1. It is
	// empty, and UpperBound 0, for algorithms that have no optimality
	// certificate (nash, goldilocks, legacy).
	Weights []float64 `json:"weights"`
	// Levels, for a leximin lottery, lists its levels from the lowest, each
	// with its certificate; empty for other algorithms.
	Levels []Level `json:"levels"`
	// Distribution is the exact lottery: panels with their probabilities.
	Distribution []Panel `json:"distribution"`
	// M is the number of panels of the uniform lottery.
	M int `json:"m"`
	// UniformMinimum is the smallest tickets/M of anyone not excluded.
	UniformMinimum float64 `json:"uniform_minimum"`
	// MaxShift is the largest |tickets/M − exact probability| over everyone.
	MaxShift float64 `json:"max_shift"`
	// Panels are the M panels of the uniform lottery, each drawn with
	// probability 1/M; the draw's index counts them from 0.
	Panels []UniformPanel `json:"panels"`
}

// Level is one level of a leximin lottery (sortition.Level): the people
// fixed at Probability, and the Weights (per person in pool order) and
// Offset that certify it: no panel that meets the quotas has members whose
// weights add up to more than Probability + Offset.
type Level struct {
	Probability float64   `json:"probability"`
	People      []string  `json:"people"` // ids, in pool order
	Weights     []float64 `json:"weights"`
	Offset      float64   `json:"offset"`
}

// Panel is one panel of the exact lottery, written as its difference from
// the panel before it in the distribution (from nobody, for the first):
// its members are the previous panel's without Out, and with In. The
// panels of a lottery computed over types of people differ from one to
// the next by a few members, so that the record stays small for large
// pools (SPEC.md, section 3).
type Panel struct {
	Probability float64 `json:"probability"`
	// Out are the ids of the previous panel's members who are not on
	// this one, In those of the members who were not on the previous
	// one, each in pool order.
	Out []string `json:"out"`
	In  []string `json:"in"`
}

// UniformPanel is one panel of the uniform lottery.
type UniformPanel struct {
	Members []string `json:"members"` // ids, in pool order
}

// Draw records the draw: the seed text exactly as used, the index in
// [0, M) that DrawIndex derives from the commitment and the seed, and the
// ids of the members of that uniform panel, and the ranked alternates when
// any were asked for (DrawAlternates).
type Draw struct {
	Seed string `json:"seed"`
	// SeedKind says where the seed came from: SeedText, SeedNumbers,
	// SeedGenerated or SeedDerived.
	SeedKind SeedKind `json:"seed_kind"`
	Index    int      `json:"index"`
	Selected []string `json:"selected"`
	// Alternates are the ids of the ranked alternates (Alternates), best
	// first; empty, and absent from the JSON, when none were asked for.
	Alternates []string `json:"alternates,omitempty"`
	// Dropout, when the alternates were chosen for the dropouts to come
	// (DrawDropoutAlternates), holds the rates and the claimed figures;
	// nil, and absent from the JSON, for the ranked list.
	Dropout *Dropout `json:"dropout,omitempty"`
}

// Step is one step of the selection and the time it was taken, in UTC, in
// the form 2006-01-02T15:04:05Z.
type Step struct {
	Step string `json:"step"`
	Time string `json:"time"`
}

// Selection is what a record is made from.
type Selection struct {
	Tool Tool
	// PoolFile and QuotaFile give the path and SHA-256 digest of each
	// input file (HashFile); NewRecord computes the canonical digests.
	PoolFile, QuotaFile File
	Pool                *sortition.Pool
	K                   int
	Settings            Settings
	// Households holds each person's household number (Pool.Households)
	// when Settings.Households is not empty; nil otherwise.
	Households []int
	// Relaxation, when not nil, is the relaxation of the quota file's
	// bounds that Pool.Quotas holds (sortition.MinimalRelaxation).
	Relaxation *sortition.Relaxation
	// Replaces, when not nil, makes the record that of a replacement:
	// Pool is then the Completion's pool of candidates and K the number of
	// replacements, and PoolFile and QuotaFile are the original record's
	// inputs, canonical digests included, kept as given.
	Replaces *Replaces
	Lottery  *sortition.Lottery
	Uniform  *sortition.Uniform
}

// NewRecord returns the committed record of a selection: everything but
// the draw and the steps, with its Commitment.
func NewRecord(s Selection) (*Record, error) {
	p, l, u := s.Pool, s.Lottery, s.Uniform
	n := len(p.People)
	if (l.Weights != nil && len(l.Weights) != n) || len(u.Tickets) != n || len(u.Panels) != u.M {
		return nil, errors.New("audit record: the lottery does not match the pool")
	}
	if len(s.Settings.Households) > 0 && len(s.Households) != n {
		return nil, errors.New("audit record: households are set but not numbered for everyone")
	}
	r := &Record{
		Format:   Format,
		Tool:     s.Tool,
		Inputs:   Inputs{Pool: s.PoolFile, Quotas: s.QuotaFile},
		K:        s.K,
		Settings: s.Settings,
	}
	r.Settings.Gap = CertifiedGap
	r.Quotas = QuotaTable(p.Quotas)
	if s.Relaxation != nil {
		for _, c := range s.Relaxation.Changes {
			cat := p.Quotas.Categories[c.Category]
			r.Relaxation = append(r.Relaxation, RelaxedBound{Category: cat.Name, Value: cat.Values[c.Value].Name, Bound: c.Kind.String(), From: c.From, To: c.To})
		}
	}
	var household []int
	if len(s.Settings.Households) > 0 {
		household = s.Households
	}
	r.People = PeopleTable(p, household)
	r.Lottery = Lottery{
		Algorithm:      l.Algorithm,
		Optimum:        l.MinProbability,
		UpperBound:     l.UpperBound,
		Weights:        append([]float64(nil), l.Weights...),
		M:              u.M,
		UniformMinimum: u.Minimum,
		MaxShift:       u.MaxShift,
	}
	r.Lottery.Excluded = inPoolOrder(p, l.Excluded)
	for _, lv := range l.Levels {
		if len(lv.Weights) != n {
			return nil, errors.New("audit record: a leximin level does not weigh everyone")
		}
		r.Lottery.Levels = append(r.Lottery.Levels, Level{Probability: lv.Probability, People: IDs(p, slices.Sorted(slices.Values(lv.People))),
			Weights: append([]float64(nil), lv.Weights...), Offset: lv.Offset})
	}
	var prev []int
	for _, panel := range l.Panels {
		cur := slices.Sorted(slices.Values(panel.Members))
		out, in := difference(prev, cur), difference(cur, prev)
		r.Lottery.Distribution = append(r.Lottery.Distribution, Panel{Probability: panel.Probability, Out: IDs(p, out), In: IDs(p, in)})
		prev = cur
	}
	for _, members := range u.Panels {
		r.Lottery.Panels = append(r.Lottery.Panels, UniformPanel{Members: IDs(p, slices.Sorted(slices.Values(members)))})
	}
	if err := r.checkText(); err != nil {
		return nil, err
	}
	var err error
	if s.Replaces != nil {
		c := *s.Replaces
		c.Selected = append([]string{}, c.Selected...)
		c.Dropped = append([]string{}, c.Dropped...)
		r.Replaces = &c
	} else {
		if r.Inputs.Quotas.CanonicalSHA256, err = r.QuotasDigest(); err != nil {
			return nil, err
		}
		if r.Inputs.Pool.CanonicalSHA256, err = r.PeopleDigest(); err != nil {
			return nil, err
		}
	}
	if r.Commitment, err = r.Commit(); err != nil {
		return nil, err
	}
	return r, nil
}

// checkText returns an error if a text of the committed part is not valid
// UTF-8, which JSON cannot hold verbatim.
func (r *Record) checkText() error {
	texts := []string{r.Tool.Name, r.Tool.Version, r.Inputs.Pool.Path, r.Inputs.Quotas.Path, r.Settings.IDColumn, r.Settings.SeedSource}
	if r.Replaces != nil {
		texts = append(append(append(texts, r.Replaces.Directory), r.Replaces.Selected...), r.Replaces.Dropped...)
	}
	texts = append(texts, r.Settings.Households...)
	texts = append(texts, r.People.Columns...)
	for _, q := range r.Quotas {
		texts = append(append(texts, q.Name), q.Values...)
	}
	for _, b := range r.Relaxation {
		texts = append(texts, b.Category, b.Value, b.Bound)
	}
	for _, row := range r.People.Rows {
		texts = append(texts, row...)
	}
	for _, t := range texts {
		if !utf8.ValidString(t) {
			return fmt.Errorf("audit record: %q is not valid UTF-8 text", t)
		}
	}
	return nil
}

// ExactPanels returns the members of every panel of the exact lottery,
// ids in pool order, from the differences between panels that the
// distribution records. It fails when the differences do not apply.
func (r *Record) ExactPanels() ([][]string, error) {
	index := r.personIndex()
	var panel []int
	out := make([][]string, len(r.Lottery.Distribution))
	for j, p := range r.Lottery.Distribution {
		var why message.Reason
		if panel, why = applyDelta(index, panel, p); !why.IsZero() {
			return nil, message.Errorf(message.RecordDistributionPanel, "panel", j, "why", why)
		}
		out[j] = make([]string, len(panel))
		for m, i := range panel {
			out[j][m] = r.id(i)
		}
	}
	return out, nil
}

// applyDelta returns the members (pool indices, ascending) of the
// distribution's panel p, whose previous panel is prev, or why its out and
// in lists are not a difference from prev: ids of the pool (index maps
// them to pool indices) in pool order, out among prev's members and in
// among the others.
func applyDelta(index map[string]int, prev []int, p Panel) ([]int, message.Reason) {
	indices := func(what string, ids []string) ([]int, message.Reason) {
		out := make([]int, len(ids))
		for j, id := range ids {
			i, ok := index[id]
			if !ok || (j > 0 && i <= out[j-1]) {
				return nil, message.New(message.DeltaNotInPool, "list", what, "id", fmt.Sprintf("%q", id))
			}
			out[j] = i
		}
		return out, message.Reason{}
	}
	out, why := indices("out", p.Out)
	if !why.IsZero() {
		return nil, why
	}
	in, why := indices("in", p.In)
	if !why.IsZero() {
		return nil, why
	}
	kept := difference(prev, out)
	if len(kept)+len(out) != len(prev) {
		return nil, message.New(message.DeltaOutNotOnPanel)
	}
	if len(difference(in, kept)) != len(in) {
		return nil, message.New(message.DeltaInOnPanel)
	}
	return merge(kept, in), message.Reason{}
}

// merge returns the union of two ascending lists with nothing in common,
// ascending.
func merge(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j == len(b) || (i < len(a) && a[i] < b[j]) {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}

// difference returns the elements of a that are not in b, both ascending.
func difference(a, b []int) []int {
	var out []int
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) || b[j] != x {
			out = append(out, x)
		}
	}
	return out
}

// inPoolOrder returns the ids of the excluded people in pool order.
func inPoolOrder(p *sortition.Pool, excluded []sortition.Exclusion) []string {
	out := make([]bool, len(p.People))
	for _, x := range excluded {
		out[x.Person] = true
	}
	var ids []string
	for i, person := range p.People {
		if out[i] {
			ids = append(ids, person.ID)
		}
	}
	return ids
}

// IDs returns the ids of the people with the given indices into
// pool.People, in the same order.
func IDs(pool *sortition.Pool, people []int) []string {
	ids := make([]string, len(people))
	for j, i := range people {
		ids[j] = pool.People[i].ID
	}
	return ids
}

// HashFile returns the File record of the file at path: the path as given
// and the SHA-256 digest of its content (the canonical digest is left
// empty).
func HashFile(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return File{}, err
	}
	return File{Path: path, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// AddStep appends a step taken at time t.
func (r *Record) AddStep(step string, t time.Time) {
	r.Steps = append(r.Steps, Step{Step: step, Time: t.UTC().Format(time.RFC3339)})
}

// QuotasDigest returns the SHA-256 digest of the canonical form of the
// quota file: the compact canonical JSON of the record's quota table with
// the relaxation undone (SPEC.md).
func (r *Record) QuotasDigest() (string, error) {
	table, err := r.FileQuotas()
	if err != nil {
		return "", err
	}
	n := Record{Quotas: table}
	return digest(n.normalized().Quotas)
}

// FileQuotas returns the quota table of the quota file: the record's quota
// table with every relaxed bound set back to its From. It fails when the
// relaxation does not fit the table: an unknown category, value or bound, a
// bound listed twice, a To that is not the table's bound, or a min that was
// raised or a max that was lowered.
func (r *Record) FileQuotas() ([]Category, error) {
	if len(r.Relaxation) == 0 {
		return r.Quotas, nil
	}
	table := make([]Category, len(r.Quotas))
	for i, c := range r.Quotas {
		table[i] = Category{Name: c.Name, Values: c.Values, Min: append([]int(nil), c.Min...), Max: append([]int(nil), c.Max...)}
	}
	seen := map[[3]string]bool{}
	last := -1 // the position of the entry before, in the order of quotas
	for _, b := range r.Relaxation {
		key := [3]string{b.Category, b.Value, b.Bound}
		if seen[key] {
			return nil, message.Errorf(message.RelaxTwice, "bound", b.Bound, "category", b.Category, "value", fmt.Sprintf("%q", b.Value))
		}
		seen[key] = true
		ci := slices.IndexFunc(table, func(c Category) bool { return c.Name == b.Category })
		if ci < 0 {
			return nil, message.Errorf(message.RelaxCategory, "category", fmt.Sprintf("%q", b.Category))
		}
		vi := slices.Index(table[ci].Values, b.Value)
		if vi < 0 || vi >= len(table[ci].Min) || vi >= len(table[ci].Max) {
			return nil, message.Errorf(message.RelaxValue, "value", fmt.Sprintf("%q", b.Value), "category", b.Category)
		}
		var bound *int
		switch b.Bound {
		case "min":
			bound = &table[ci].Min[vi]
			if b.To >= b.From {
				return nil, message.Errorf(message.RelaxRaisesMin, "category", b.Category, "value", fmt.Sprintf("%q", b.Value), "from", b.From, "to", b.To)
			}
		case "max":
			bound = &table[ci].Max[vi]
			if b.To <= b.From {
				return nil, message.Errorf(message.RelaxLowersMax, "category", b.Category, "value", fmt.Sprintf("%q", b.Value), "from", b.From, "to", b.To)
			}
		default:
			return nil, message.Errorf(message.RelaxBound, "bound", fmt.Sprintf("%q", b.Bound))
		}
		at := relaxationOrder(table, ci, vi, b.Bound)
		if at < last {
			return nil, message.Errorf(message.RelaxOrder, "bound", b.Bound, "category", b.Category, "value", fmt.Sprintf("%q", b.Value))
		}
		last = at
		if *bound != b.To {
			return nil, message.Errorf(message.RelaxTo, "bound", b.Bound, "category", b.Category, "value", fmt.Sprintf("%q", b.Value), "to", b.To, "table", *bound)
		}
		*bound = b.From
	}
	return table, nil
}

// relaxationOrder is the position of a relaxed bound in the order of the
// quota table: its categories, their values, a value's min before its max.
func relaxationOrder(table []Category, ci, vi int, bound string) int {
	at := 0
	for _, c := range table[:ci] {
		at += 2 * len(c.Values)
	}
	at += 2 * vi
	if bound == "max" {
		at++
	}
	return at
}

// PeopleDigest returns the SHA-256 digest of the canonical form of the
// record's people: their compact canonical JSON (SPEC.md).
func (r *Record) PeopleDigest() (string, error) {
	n := r.normalized()
	return digest(n.People)
}

func digest(v any) (string, error) {
	b, err := compact(v)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// committed is the committed part of a record, in its order.
type committed struct {
	Format     string         `json:"format"`
	Tool       Tool           `json:"tool"`
	Inputs     Inputs         `json:"inputs"`
	K          int            `json:"k"`
	Settings   Settings       `json:"settings"`
	Replaces   *Replaces      `json:"replaces,omitempty"`
	Quotas     []Category     `json:"quotas"`
	Relaxation []RelaxedBound `json:"relaxation,omitempty"`
	People     People         `json:"people"`
	Lottery    Lottery        `json:"lottery"`
}

// Commit returns the commitment to the record's committed part (format to
// lottery): the lowercase hexadecimal SHA-256 digest of the 21 bytes
// "tirage-commitment-v1" and a zero byte, followed by the compact canonical
// JSON of an object holding those members in their order.
func (r *Record) Commit() (string, error) {
	n := r.normalized()
	b, err := compact(committed{n.Format, n.Tool, n.Inputs, n.K, n.Settings, n.Replaces, n.Quotas, n.Relaxation, n.People, n.Lottery})
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(commitmentDomain))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// decodeCommitment returns the bytes of a commitment written as 64
// hexadecimal digits, and false when it is not written so (whatever its
// length: a record read from a file may hold anything).
func decodeCommitment(commitment string) (c [sha256.Size]byte, ok bool) {
	if len(commitment) != hex.EncodedLen(sha256.Size) {
		return c, false
	}
	_, err := hex.Decode(c[:], []byte(commitment))
	return c, err == nil
}

// ErrAlreadyDrawn is returned by DrawPanel for a record that has a draw.
var ErrAlreadyDrawn error = message.Errorf(message.DrawAlreadyDrawn)

// Seed is the seed of a draw: its text and where it came from.
type Seed struct {
	Text string
	Kind SeedKind
}

// DrawPanel draws with a seed of text (SeedText), as DrawSeed does.
func (r *Record) DrawPanel(seed string, t time.Time) (int, error) {
	return r.DrawSeed(Seed{Text: seed, Kind: SeedText}, t)
}

// DrawSeed draws the uniform panel that the seed selects, records it with
// the step "drawn" at time t, and returns its index. It refuses a record
// that is already drawn, whose commitment does not match its committed
// part, or a seed that is not valid UTF-8 text or not of the form its
// kind requires.
func (r *Record) DrawSeed(s Seed, t time.Time) (int, error) {
	seed := s.Text
	if r.Draw != nil {
		return 0, ErrAlreadyDrawn
	}
	if !utf8.ValidString(seed) {
		return 0, message.Errorf(message.CLISeedNotUTF8)
	}
	if why := checkSeedKind(seed, s.Kind, r.Replaces != nil); !why.IsZero() {
		return 0, message.Errorf(message.DrawSeedKind, "seed", fmt.Sprintf("%q", seed), "why", why)
	}
	c, err := r.Commit()
	if err != nil {
		return 0, err
	}
	if c != r.Commitment {
		return 0, fmt.Errorf("the record's commitment %s does not match its content (%s): it was changed after the commitment", r.Commitment, c)
	}
	var sum [sha256.Size]byte
	hex.Decode(sum[:], []byte(c))
	if r.Lottery.M != len(r.Lottery.Panels) {
		return 0, fmt.Errorf("the record has %d uniform panels, not m = %d", len(r.Lottery.Panels), r.Lottery.M)
	}
	i, err := DrawIndex(sum, seed, uint64(r.Lottery.M))
	if err != nil {
		return 0, err
	}
	index := int(i)
	r.Draw = &Draw{Seed: seed, SeedKind: s.Kind, Index: index, Selected: append([]string{}, r.Lottery.Panels[index].Members...)}
	r.AddStep(StepDrawn, t)
	return index, nil
}

// ParseRecord reads an audit record. It refuses anything but one JSON
// object of format Format with only the members of SPEC.md.
func ParseRecord(data []byte) (*Record, error) {
	var head struct {
		Format string `json:"format"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, message.Errorf(message.RecordNotJSON, "error", message.ReasonOf(err))
	}
	if head.Format == formatV1 {
		return nil, message.Errorf(message.RecordFormatV1, "format", fmt.Sprintf("%q", head.Format), "want", fmt.Sprintf("%q", Format))
	}
	if head.Format != Format {
		return nil, message.Errorf(message.RecordFormat, "format", fmt.Sprintf("%q", head.Format), "want", fmt.Sprintf("%q", Format))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r Record
	if err := dec.Decode(&r); err != nil {
		return nil, message.Errorf(message.RecordNotValid, "format", Format, "error", message.ReasonOf(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, message.Errorf(message.RecordDataAfter, "format", Format)
	}
	return &r, nil
}

// MarshalIndent returns the record in its canonical layout (SPEC.md): the
// members in the order of the struct, two-space indentation, an array that
// holds no array or object on one line, numbers as ECMAScript writes them,
// and a final newline. Lists are written as [], never null. It fails on a
// number that is not finite.
func (r *Record) MarshalIndent() ([]byte, error) {
	b, err := compact(r.normalized())
	if err != nil {
		return nil, err
	}
	return indent(b), nil
}

// compact returns the compact canonical JSON of v (SPEC.md): encoding/json
// without HTML escaping and without the final newline.
func compact(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("audit record: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// normalized returns a copy of r in which no list is nil and no number is
// a negative zero, so that it encodes as SPEC.md says.
func (r *Record) normalized() Record {
	c := *r
	c.Settings.Households = nonNil(c.Settings.Households)
	if c.Replaces != nil {
		rp := *c.Replaces
		rp.Selected = nonNil(rp.Selected)
		rp.Dropped = nonNil(rp.Dropped)
		if rp.FromAlternates != nil {
			a := *rp.FromAlternates
			a.Declined, a.Available, a.Called = nonNil(a.Declined), nonNil(a.Available), nonNil(a.Called)
			rp.FromAlternates = &a
		}
		c.Replaces = &rp
	}
	c.Settings.Gap = noNegZero(c.Settings.Gap)
	c.Quotas = append([]Category{}, c.Quotas...)
	for i := range c.Quotas {
		q := &c.Quotas[i]
		q.Values = nonNil(q.Values)
		q.Min = nonNil(q.Min)
		q.Max = nonNil(q.Max)
	}
	c.People.Columns = nonNil(c.People.Columns)
	c.People.Rows = append([][]string{}, c.People.Rows...)
	for i := range c.People.Rows {
		c.People.Rows[i] = nonNil(c.People.Rows[i])
	}
	c.People.Households = nonNil(c.People.Households)
	l := &c.Lottery
	l.Optimum = noNegZero(l.Optimum)
	l.UpperBound = noNegZero(l.UpperBound)
	l.UniformMinimum = noNegZero(l.UniformMinimum)
	l.MaxShift = noNegZero(l.MaxShift)
	l.Excluded = nonNil(l.Excluded)
	l.Weights = append([]float64{}, l.Weights...)
	for i, w := range l.Weights {
		l.Weights[i] = noNegZero(w)
	}
	l.Levels = append([]Level{}, l.Levels...)
	for i := range l.Levels {
		lv := &l.Levels[i]
		lv.Probability, lv.Offset = noNegZero(lv.Probability), noNegZero(lv.Offset)
		lv.People = nonNil(lv.People)
		lv.Weights = append([]float64{}, lv.Weights...)
		for j, w := range lv.Weights {
			lv.Weights[j] = noNegZero(w)
		}
	}
	l.Distribution = append([]Panel{}, l.Distribution...)
	for i := range l.Distribution {
		l.Distribution[i].Probability = noNegZero(l.Distribution[i].Probability)
		l.Distribution[i].Out = nonNil(l.Distribution[i].Out)
		l.Distribution[i].In = nonNil(l.Distribution[i].In)
	}
	l.Panels = append([]UniformPanel{}, l.Panels...)
	for i := range l.Panels {
		l.Panels[i].Members = nonNil(l.Panels[i].Members)
	}
	if c.Draw != nil {
		d := *c.Draw
		d.Selected = nonNil(d.Selected)
		if d.Dropout != nil {
			dd := *d.Dropout
			dd.Rates = append([]float64{}, dd.Rates...)
			for i, q := range dd.Rates {
				dd.Rates[i] = noNegZero(q)
			}
			dd.Figures = append([]DropoutFigures{}, dd.Figures...)
			for i := range dd.Figures {
				dd.Figures[i].Alternates = nonNil(dd.Figures[i].Alternates)
			}
			d.Dropout = &dd
		}
		c.Draw = &d
	}
	c.Steps = nonNil(c.Steps)
	return c
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// noNegZero turns −0 into 0 (ECMAScript writes both as 0).
func noNegZero(x float64) float64 {
	if x == 0 && math.Signbit(x) {
		return 0
	}
	return x
}

// indent lays out compact JSON with two-space indentation, one object
// member or array element per line, except that an array holding only
// numbers, strings and literals stays on one line (a panel's members), and
// ends it with a newline.
func indent(compact []byte) []byte {
	var out bytes.Buffer
	depth := 0
	newline := func() {
		out.WriteByte('\n')
		for range depth {
			out.WriteString("  ")
		}
	}
	for i := 0; i < len(compact); i++ {
		ch := compact[i]
		switch ch {
		case '"':
			j := endOfString(compact, i)
			out.Write(compact[i:j])
			i = j - 1
		case '{', '[':
			end := -1
			if ch == '[' {
				end = flatArrayEnd(compact, i)
			}
			if end >= 0 {
				for j := i; j < end; j++ {
					switch compact[j] {
					case '"':
						k := endOfString(compact, j)
						out.Write(compact[j:k])
						j = k - 1
					case ',':
						out.WriteString(", ")
					default:
						out.WriteByte(compact[j])
					}
				}
				i = end - 1
				continue
			}
			out.WriteByte(ch)
			if i+1 < len(compact) && (compact[i+1] == '}' || compact[i+1] == ']') {
				out.WriteByte(compact[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			out.WriteByte(ch)
		case ',':
			out.WriteByte(ch)
			newline()
		case ':':
			out.WriteString(": ")
		default:
			out.WriteByte(ch)
		}
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// endOfString returns the index just past the JSON string starting at i.
func endOfString(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(b)
}

// flatArrayEnd returns the index just past the array starting at i if it
// holds no object or array, and -1 otherwise.
func flatArrayEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '"':
			j = endOfString(b, j) - 1
		case '{', '[':
			return -1
		case ']':
			return j + 1
		}
	}
	return -1
}
