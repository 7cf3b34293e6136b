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

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

// CompletedFile is the file of a replacement's directory that holds the
// completed panel: the members who stay and the replacements.
const CompletedFile = "completed.csv"

// replacementDomain separates the derivation of a replacement's seed from
// every other use of SHA-256.
const replacementDomain = "tirage-replacement-v1\x00"

// Replaces ties the record of a replacement to the record of the selection
// whose panel it completes, its predecessor: the first selection, or an
// earlier replacement in a chain of replacements (SPEC.md 9.2).
type Replaces struct {
	// Directory is the name of the predecessor's folder, without the
	// folders above it: where to look for it, beside the replacement's
	// folder. The predecessor is known by its commitment, never by this
	// name.
	Directory string `json:"directory"`
	// Commitment is the predecessor's commitment.
	Commitment string `json:"commitment"`
	// Selected are the ids of the panel it completes, in the first
	// selection's pool order: the predecessor's drawn panel, or for a
	// replacement its completed panel.
	Selected []string `json:"selected"`
	// Dropped are the ids of the members who withdrew, in pool order.
	Dropped []string `json:"dropped"`
	// FromAlternates, in the record of a replacement from the
	// alternates (SPEC.md 9.2.1), is the step applied; nil, and absent
	// from the JSON, for a replacement by lottery.
	FromAlternates *FromAlternates `json:"from_alternates,omitempty"`
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
// replacement of the dropped members of the chain's current panel: the
// first selection's quota table reduced by the members who stay, and the
// people who may replace them (with households, their original household
// numbers), as Chain.Completion poses them.
func ReplacementTables(chain Chain, dropped []string) ([]Category, People, error) {
	pool, household, err := chain[0].Pool()
	if err != nil {
		return nil, People{}, fmt.Errorf("the first selection: %v", err)
	}
	c, err := chain.Completion(pool, household, dropped)
	if err != nil {
		return nil, People{}, err
	}
	return QuotaTable(c.Pool.Quotas), PeopleTable(c.Pool, c.Households), nil
}

// link is a selection of a chain of replacements and its folder.
type link struct {
	dir fs.FS
	r   *Record
}

// checkChain checks a replacement record against the selections it
// replaces (SPEC.md 9.2): when they have not been verified yet, it finds
// them and verifies them; then it checks that the record completes its
// predecessor's panel as section 9.2 says.
func (v *verifier) checkChain() {
	if v.chain == nil && !v.verifyPredecessors() {
		return
	}
	v.checkLink()
}

// verifyPredecessors finds the selections the record replaces, directly
// or through earlier replacements, among the folders of
// VerifyInput.Originals by their commitment, and verifies each, the first
// selection first (with the input files when given): the checks of the
// first selection are named "original …", those of the replacement at
// step N of the chain "replacement N …". It reports false, after a failed
// check, when the chain cannot be found.
func (v *verifier) verifyPredecessors() bool {
	const name = "chain"
	found := map[string]link{} // by the commitment its committed part hashes to
	for _, dir := range v.in.Originals {
		data, err := fs.ReadFile(dir, RecordFile)
		if err != nil {
			continue
		}
		r, err := ParseRecord(data)
		if err != nil {
			continue
		}
		if c, err := r.Commit(); err == nil {
			if _, dup := found[c]; !dup {
				found[c] = link{dir, r}
			}
		}
	}
	chain, err := FindChain(v.r, func(next *Record) *Record { return found[next.Replaces.Commitment].r })
	var missing *MissingPredecessorError
	if errors.As(err, &missing) {
		v.fail(name, message.CheckGiveOriginal, "error", message.ReasonOf(err))
		return false
	}
	if err != nil {
		v.failErr(name, err)
		return false
	}
	links := make([]link, len(chain)-1)
	for j, r := range chain[:len(links)] {
		links[j] = found[chain[j+1].Replaces.Commitment]
		links[j].r = r
	}
	if len(links) == 1 {
		v.pass(name, message.CheckReplaces, "commitment", links[0].r.Commitment[:8])
	} else {
		v.pass(name, message.CheckChainStep, "step", len(links), "commitment", links[0].r.Commitment[:8])
	}
	ok := true
	for j, l := range links {
		w := &verifier{ctx: v.ctx, in: v.in, chain: links[:j], chainOK: ok}
		w.in.Dir = l.dir
		w.run()
		prefix := "original "
		if j > 0 {
			prefix = fmt.Sprintf("replacement %d ", j)
		}
		for _, c := range w.checks {
			c.Name = prefix + c.Name
			if j == 0 {
				c.Title = message.New(message.TitleOriginal, "title", c.Title)
			} else {
				c.Title = message.New(message.TitleReplacementStep, "step", j, "title", c.Title)
			}
			ok = ok && c.OK
			v.checks = append(v.checks, c)
		}
	}
	v.chain, v.chainOK = links, ok
	return true
}

// checkLink checks that the record completes the panel of its predecessor,
// the last selection of v.chain: the predecessor and the selections before
// it verify; the record names its commitment and panel; nobody who
// withdrew at any step and nobody on that panel may be drawn; its quota
// table and people are those of the completion; its seed is derived from
// the predecessor's; and the members who stay with the replacements meet
// the original quotas.
func (v *verifier) checkLink() {
	const name = "replacement"
	rp := v.r.Replaces
	chain := make(Chain, 0, len(v.chain)+1)
	for _, l := range v.chain {
		chain = append(chain, l.r)
	}
	o, p := chain[0], chain[len(chain)-1]
	predecessor := message.New(message.PredecessorOriginal)
	if len(chain) > 1 {
		predecessor = message.New(message.PredecessorReplacement, "step", len(chain)-1)
	}
	if !v.chainOK {
		v.fail(name, message.CheckPredecessorFails, "predecessor", predecessor)
		return
	}
	if p.Commitment != rp.Commitment {
		v.fail(name, message.CheckReplacesCommitment, "want", rp.Commitment, "predecessor", predecessor, "got", p.Commitment)
		return
	}
	panel, err := chain.Panel()
	switch {
	case err != nil:
		v.failErr(name, err)
		return
	case len(chain) == 1 && !slices.Equal(panel, rp.Selected):
		v.fail(name, message.CheckNotDrawnPanel)
		return
	case !slices.Equal(panel, rp.Selected):
		v.fail(name, message.CheckNotCompletedPanel, "predecessor", predecessor)
		return
	case len(rp.Dropped) == 0 || len(rp.Dropped) != v.r.K:
		v.fail(name, message.CheckWithdrewDraws, "n", len(rp.Dropped), "k", v.r.K)
		return
	}
	index := o.personIndex()
	last := -1
	for _, id := range rp.Dropped {
		i, ok := index[id]
		if !ok || i <= last || !slices.Contains(panel, id) {
			v.fail(name, message.CheckWithdrawnNotMember, "id", fmt.Sprintf("%q", id))
			return
		}
		last = i
	}
	if !slices.Equal(v.r.Settings.Households, o.Settings.Households) || v.r.Settings.IDColumn != o.Settings.IDColumn || v.r.Inputs != o.Inputs {
		v.fail(name, message.CheckInputsDiffer)
		return
	}
	if why := v.barred(chain, panel); !why.IsZero() {
		v.add(name, false, why)
		return
	}
	quotas, people, err := ReplacementTables(chain, rp.Dropped)
	if err != nil {
		v.failErr(name, err)
		return
	}
	want := (&Record{Quotas: quotas, People: people}).normalized()
	got := v.r.normalized()
	if mustDigest(want.Quotas) != mustDigest(got.Quotas) {
		v.fail(name, message.CheckQuotasNotReduced)
		return
	}
	if mustDigest(want.People) != mustDigest(got.People) {
		if len(chain) == 1 {
			v.fail(name, message.CheckPeopleNotReduced)
		} else {
			v.fail(name, message.CheckPeopleNotReducedChain, "predecessor", predecessor)
		}
		return
	}
	if v.r.Draw == nil {
		v.pass(name, message.CheckCompletes, "predecessor", predecessor, "commitment", rp.Commitment[:8], "n", len(rp.Dropped))
		return
	}
	seed, err := ReplacementSeed(p.Commitment, p.Draw.Seed, rp.Dropped)
	if err != nil || v.r.Draw.Seed != seed {
		v.fail(name, message.CheckSeedNotDerived, "seed", fmt.Sprintf("%q", v.r.Draw.Seed), "want", fmt.Sprintf("%q", seed), "predecessor", predecessor)
		return
	}
	completed := v.completedPanel(o)
	ov := &verifier{ctx: v.ctx, r: o}
	ov.pool, ov.household, _ = o.Pool()
	ov.index = index
	if ov.pool == nil {
		v.fail(name, message.CheckOriginalPeople)
		return
	}
	if why := ov.checkPanel(completed); !why.IsZero() {
		v.fail(name, message.CheckCompletedQuotas, "why", why)
		return
	}
	if len(chain) == 1 {
		v.pass(name, message.CheckReplaced, "stay", len(rp.Selected)-len(rp.Dropped), "n", len(rp.Dropped), "commitment", rp.Commitment[:8])
	} else {
		v.pass(name, message.CheckReplacedChain, "stay", len(rp.Selected)-len(rp.Dropped), "n", len(rp.Dropped), "predecessor", predecessor, "commitment", rp.Commitment[:8], "steps", len(chain))
	}
	v.checkCompletedFile(o, completed)
}

// barred returns why the record may draw someone who may never be drawn
// again: a person who withdrew at a step of the chain (this one included)
// or a member of the panel it completes; "" when its people hold nobody
// of the kind (the zero Reason).
func (v *verifier) barred(chain Chain, panel []string) message.Reason {
	withdrawn := chain.Withdrawn()
	for _, id := range v.r.Replaces.Dropped {
		withdrawn[id] = len(chain)
	}
	onPanel := map[string]bool{}
	for _, id := range panel {
		onPanel[id] = true
	}
	drawn := map[string]bool{}
	if v.r.Draw != nil {
		for _, id := range v.r.Draw.Selected {
			drawn[id] = true
		}
	}
	for _, row := range v.r.People.Rows {
		if len(row) == 0 {
			continue
		}
		id := row[0]
		who := message.New(message.BarredCandidate, "id", fmt.Sprintf("%q", id))
		if drawn[id] {
			who = message.New(message.BarredDrawn, "id", fmt.Sprintf("%q", id))
		}
		if step, ok := withdrawn[id]; ok {
			when := message.New(message.WithdrewFromPanel)
			if step < len(chain) {
				when = message.New(message.WithdrewAtStep, "step", step)
			}
			return message.New(message.Barred, "who", who, "when", when)
		}
		if onPanel[id] {
			return message.New(message.BarredOnPanel, "who", who)
		}
	}
	return message.Reason{}
}

// completedPanel returns the ids of the completed panel, in the original
// pool order: the members who stay and the replacements drawn.
func (v *verifier) completedPanel(o *Record) []string {
	return completed(o, v.r.Replaces, v.r.Draw.Selected)
}

// completed returns the ids of the panel rp completes, without its
// dropped members and with the added ones, in the first selection's pool
// order.
func completed(first *Record, rp *Replaces, added []string) []string {
	in := map[string]bool{}
	for _, id := range rp.Selected {
		in[id] = !slices.Contains(rp.Dropped, id)
	}
	for _, id := range added {
		in[id] = true
	}
	var out []string
	for _, row := range first.People.Rows {
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
				if why := compareRows(got, want); !why.IsZero() {
					v.fail(CompletedFile, message.CheckCompletedRowsDiffer, "why", why)
				} else {
					v.pass(CompletedFile, message.CheckCompletedRows, "n", len(completed))
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
