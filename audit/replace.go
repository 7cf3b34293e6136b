package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/tirage/tirage/sortition"
)

// CompletedFile is the file of a replacement's directory that holds the
// completed panel: the members who stay and the replacements.
const CompletedFile = "completed.csv"

// replacementDomain separates the derivation of a replacement's seed from
// every other use of SHA-256.
const replacementDomain = "tirage-replacement-v1\x00"

// Replaces ties the record of a replacement to the record of the selection
// it completes (SPEC.md, "Replacements").
type Replaces struct {
	// Directory is the original selection's directory, as given to tirage
	// replace (relative to the directory it ran in).
	Directory string `json:"directory"`
	// Commitment is the original record's commitment.
	Commitment string `json:"commitment"`
	// Selected are the ids of the original panel, in pool order.
	Selected []string `json:"selected"`
	// Dropped are the ids of the members who withdrew, in pool order.
	Dropped []string `json:"dropped"`
}

// ReplacementSeed returns the seed of the draw of a replacement: the
// lowercase hexadecimal SHA-256 digest of "tirage-replacement-v1", a zero
// byte, the original commitment's 32 bytes, then the original seed and
// each dropped id in order, each preceded by its length in bytes as 8 bytes
// most significant first. Anyone can derive it from the original record
// and the withdrawals; nobody chooses it.
func ReplacementSeed(commitment, seed string, dropped []string) (string, error) {
	c, err := hex.DecodeString(commitment)
	if err != nil || len(c) != sha256.Size {
		return "", fmt.Errorf("the commitment %q is not 64 hexadecimal digits", commitment)
	}
	h := sha256.New()
	h.Write([]byte(replacementDomain))
	h.Write(c)
	var n [8]byte
	for _, s := range append([]string{seed}, dropped...) {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ReplacementTables returns the quota table and the people of the
// replacement of the dropped members of the original record's drawn
// panel: the quota table reduced by the members who stay, and the people
// who may replace them (with households, their original household
// numbers), as sortition.NewCompletion poses them.
func ReplacementTables(original *Record, dropped []string) ([]Category, People, error) {
	c, err := original.completion(dropped)
	if err != nil {
		return nil, People{}, err
	}
	return QuotaTable(c.Pool.Quotas), PeopleTable(c.Pool, c.Households), nil
}

// completion poses the completion of the original record's drawn panel
// after the dropped members withdrew, over the record's own people.
func (r *Record) completion(dropped []string) (*sortition.Completion, error) {
	if r.Draw == nil {
		return nil, errors.New("the original lottery has not been drawn")
	}
	pool, household, err := r.Pool()
	if err != nil {
		return nil, err
	}
	index := r.personIndex()
	var panel, drop []int
	for _, id := range r.Draw.Selected {
		i, ok := index[id]
		if !ok {
			return nil, fmt.Errorf("the selected %q is not in the original pool", id)
		}
		panel = append(panel, i)
	}
	for _, id := range dropped {
		i, ok := index[id]
		if !ok || !slices.Contains(r.Draw.Selected, id) {
			return nil, fmt.Errorf("%q is not a member of the original panel", id)
		}
		drop = append(drop, i)
	}
	return sortition.NewCompletion(pool, panel, drop, household)
}

// checkChain checks a replacement record against the original selection:
// the original verifies (with the input files when given), the replacement
// names its commitment and panel, its quota table and people are those of
// the completion, its seed is derived from the original's, and the members
// who stay with the replacements meet the original quotas.
func (v *verifier) checkChain() {
	const name = "replacement"
	rp := v.r.Replaces
	if v.in.Original == nil {
		v.fail(name, "the original selection (%s) was not given, so the replacement cannot be checked against it", rp.Directory)
		return
	}
	in := v.in
	in.Dir, in.Original = v.in.Original, nil
	originalOK := true
	for _, c := range Verify(v.ctx, in) {
		c.Name = "original " + c.Name
		originalOK = originalOK && c.OK
		v.checks = append(v.checks, c)
	}
	data, err := fs.ReadFile(v.in.Original, RecordFile)
	if err != nil {
		v.fail(name, "cannot read the original record: %v", err)
		return
	}
	o, err := ParseRecord(data)
	if err != nil {
		v.fail(name, "the original record: %v", err)
		return
	}
	switch {
	case !originalOK:
		v.fail(name, "the original selection does not verify")
		return
	case o.Commitment != rp.Commitment:
		v.fail(name, "it replaces the selection committed as %s, but the original record's commitment is %s", rp.Commitment, o.Commitment)
		return
	case o.Draw == nil || !slices.Equal(o.Draw.Selected, rp.Selected):
		v.fail(name, "the panel it completes is not the original record's drawn panel")
		return
	case len(rp.Dropped) == 0 || len(rp.Dropped) != v.r.K:
		v.fail(name, "%d members withdrew, but it draws %d replacements", len(rp.Dropped), v.r.K)
		return
	}
	index := o.personIndex()
	last := -1
	for _, id := range rp.Dropped {
		i, ok := index[id]
		if !ok || i <= last {
			v.fail(name, "the withdrawn %q is not listed once, in pool order", id)
			return
		}
		last = i
	}
	if !slices.Equal(v.r.Settings.Households, o.Settings.Households) || v.r.Settings.IDColumn != o.Settings.IDColumn || v.r.Inputs != o.Inputs {
		v.fail(name, "its inputs or settings differ from the original's")
		return
	}
	quotas, people, err := ReplacementTables(o, rp.Dropped)
	if err != nil {
		v.fail(name, "%v", err)
		return
	}
	want := (&Record{Quotas: quotas, People: people}).normalized()
	got := v.r.normalized()
	if mustDigest(want.Quotas) != mustDigest(got.Quotas) {
		v.fail(name, "its quota table is not the original's reduced by the members who stay")
		return
	}
	if mustDigest(want.People) != mustDigest(got.People) {
		v.fail(name, "its people are not the original's without the panel and the households of the members who stay")
		return
	}
	if v.r.Draw == nil {
		v.pass(name, "it completes the original panel (commitment %s…) after %d withdrew, over the original's people and quotas; not drawn", rp.Commitment[:8], len(rp.Dropped))
		return
	}
	seed, err := ReplacementSeed(o.Commitment, o.Draw.Seed, rp.Dropped)
	if err != nil || v.r.Draw.Seed != seed {
		v.fail(name, "its seed %q is not %q, the one derived from the original commitment, the original seed and the withdrawals", v.r.Draw.Seed, seed)
		return
	}
	completed := v.completedPanel(o)
	ov := &verifier{ctx: v.ctx, r: o}
	ov.pool, ov.household, _ = o.Pool()
	ov.index = index
	if ov.pool == nil {
		v.fail(name, "the original people are invalid")
		return
	}
	if why := ov.checkPanel(completed); why != "" {
		v.fail(name, "the completed panel does not meet the original quotas: %s", why)
		return
	}
	v.pass(name, "the %d members who stay and the %d replacements drawn with the seed derived from the original (%s…) form a panel that meets the original quotas", len(rp.Selected)-len(rp.Dropped), len(rp.Dropped), rp.Commitment[:8])
	v.checkCompletedFile(o, completed)
}

// completedPanel returns the ids of the completed panel, in the original
// pool order: the members who stay and the replacements drawn.
func (v *verifier) completedPanel(o *Record) []string {
	in := map[string]bool{}
	for _, id := range v.r.Replaces.Selected {
		in[id] = !slices.Contains(v.r.Replaces.Dropped, id)
	}
	for _, id := range v.r.Draw.Selected {
		in[id] = true
	}
	var out []string
	for _, row := range o.People.Rows {
		if len(row) > 0 && in[row[0]] {
			out = append(out, row[0])
		}
	}
	return out
}

// checkCompletedFile checks completed.csv: the completed panel's rows of
// the pool file when it is given, else its ids.
func (v *verifier) checkCompletedFile(o *Record, completed []string) {
	got, err := v.readCSV(CompletedFile)
	if err != nil {
		v.fileError(CompletedFile, err)
		return
	}
	if v.in.Pool != nil && len(got) > 0 && !isIDTable(got[0]) {
		q, err := o.QuotaSet()
		if err == nil {
			if pool, err := sortition.ParsePool(v.in.PoolName, v.in.Pool, q, sortition.PoolOptions{IDColumn: o.Settings.IDColumn}); err == nil {
				want := [][]string{pool.Header}
				index := map[string]int{}
				for i, p := range pool.People {
					index[p.ID] = i
				}
				for _, id := range completed {
					want = append(want, pool.People[index[id]].Fields)
				}
				if why := compareRows(got, want); why != "" {
					v.fail(CompletedFile, "does not hold the pool file's rows of the completed panel: %s", why)
				} else {
					v.pass(CompletedFile, "holds the pool file's rows of the %d members of the completed panel, in pool order", len(completed))
				}
				return
			}
		}
	}
	v.checkIDs(CompletedFile, got, completed)
}

func mustDigest(v any) string {
	d, err := digest(v)
	if err != nil {
		return "invalid: " + strings.TrimSpace(err.Error())
	}
	return d
}
