package audit

import (
	"crypto/sha256"
	"fmt"
	"strconv"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

// alternatesDomain separates the alternates' hashes from any other use of
// SHA-256.
const alternatesDomain = "tirage-alternates-v1\x00"

// AlternatesFile is the file listing the ranked alternates of a drawn
// panel (SPEC.md, "Alternates").
const AlternatesFile = "alternates.csv"

// Alternates returns the ranked list of at most n alternates of the drawn
// uniform panel index among panels (each the ids of a uniform panel's
// members, in pool order), as SPEC.md section 7.1 defines it: the other
// panels are put in the order of a Fisher–Yates shuffle driven by the
// stream whose block j is the SHA-256 digest of "tirage-alternates-v1", a
// zero byte, the commitment, the seed and j as 8 bytes big-endian; walking
// the panels in that order, the members of each who are neither on the
// drawn panel nor listed yet are shuffled by the same stream and appended
// in that order, until n are listed or nobody is left. It returns nil when n is 0 or less, and fails
// when index is not a panel's.
func Alternates(commitment [sha256.Size]byte, seed string, panels [][]string, index, n int) ([]string, error) {
	m := len(panels)
	if index < 0 || index >= m {
		return nil, fmt.Errorf("the drawn panel %d is not one of the %d panels", index, m)
	}
	if n <= 0 {
		return nil, nil
	}
	order := make([]int, 0, m-1)
	for j := range m {
		if j != index {
			order = append(order, j)
		}
	}
	s := newStream(alternatesDomain, append(commitment[:], seed...))
	shuffle(s, order)
	listed := map[string]bool{}
	for _, id := range panels[index] {
		listed[id] = true
	}
	var out []string
	for _, j := range order {
		// The panel's members not listed yet, in pool order, shuffled as
		// the panels were, the stream continuing.
		var fresh []string
		for _, id := range panels[j] {
			if !listed[id] {
				listed[id] = true
				fresh = append(fresh, id)
			}
		}
		shuffle(s, fresh)
		for _, id := range fresh {
			out = append(out, id)
			if len(out) == n {
				return out, nil
			}
		}
	}
	return out, nil
}

// shuffle puts xs in the order of a Fisher–Yates shuffle from the end by
// the stream: for i from len(xs)−1 down to 1, swap xs[i] and xs[IntN(i+1)].
func shuffle[T any](s *Stream, xs []T) {
	for i := len(xs) - 1; i > 0; i-- {
		j := int(s.IntN(uint64(i + 1)))
		xs[i], xs[j] = xs[j], xs[i]
	}
}

// DrawAlternates records in the draw the ranked list of at most n
// alternates (Alternates) from the record's commitment, seed and uniform
// panels. The list may be shorter than n when fewer people are on the
// other panels; it is not recorded when empty. The commitment is
// unchanged: the alternates are derived from the seed, like the panel.
func (r *Record) DrawAlternates(n int) error {
	if r.Draw == nil {
		return message.Errorf(message.RecordNotDrawn)
	}
	if n < 0 {
		return fmt.Errorf("the number of alternates must be 0 or more, not %d", n)
	}
	list, err := r.alternates(n)
	if err != nil {
		return err
	}
	r.Draw.Alternates = list
	return nil
}

// alternates computes the alternates of the record's draw.
func (r *Record) alternates(n int) ([]string, error) {
	c, ok := decodeCommitment(r.Commitment)
	if !ok {
		return nil, message.Errorf(message.CheckCommitmentForm, "commitment", fmt.Sprintf("%q", r.Commitment))
	}
	panels := make([][]string, len(r.Lottery.Panels))
	for j, p := range r.Lottery.Panels {
		panels[j] = p.Members
	}
	return Alternates(c, r.Draw.Seed, panels, r.Draw.Index, n)
}

// AlternatesTable returns the header and rows of alternates.csv: "rank"
// then the pool file's header, and per alternate in rank order, their rank
// (from 1) then their row of the pool file, every column as read. The pool
// must be the one the record was made from.
func (r *Record) AlternatesTable(pool *sortition.Pool) ([]string, [][]string, error) {
	if r.Draw == nil {
		return nil, nil, message.Errorf(message.RecordNotDrawn)
	}
	if len(pool.People) != len(r.People.Rows) {
		return nil, nil, message.Errorf(message.RecordPoolSize, "pool", len(pool.People), "record", len(r.People.Rows))
	}
	byID := make(map[string]int, len(pool.People))
	for i, person := range pool.People {
		if len(r.People.Rows[i]) == 0 || person.ID != r.People.Rows[i][0] {
			return nil, nil, message.Errorf(message.RecordPoolPerson, "person", i+1, "id", fmt.Sprintf("%q", person.ID), "row", fmt.Sprintf("%q", r.People.Rows[i]))
		}
		byID[person.ID] = i
	}
	rows := make([][]string, len(r.Draw.Alternates))
	for j, id := range r.Draw.Alternates {
		i, ok := byID[id]
		if !ok {
			return nil, nil, message.Errorf(message.RecordAlternateMissing, "id", fmt.Sprintf("%q", id))
		}
		rows[j] = append([]string{strconv.Itoa(j + 1)}, pool.People[i].Fields...)
	}
	return append([]string{"rank"}, pool.Header...), rows, nil
}
