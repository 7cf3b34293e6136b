package audit

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/sortition"
)

// Chain is a drawn selection and the replacements that completed its panel
// in turn (SPEC.md 9.2): Chain[0] is the first selection, a record without
// Replaces, and every later record replaces the one before it.
type Chain []*Record

// MissingPredecessorError says that the selection a record of a chain
// replaces was not found.
type MissingPredecessorError struct {
	// Commitment is the commitment of the selection not found, and
	// Directory the folder name the record that replaces it gives for it.
	Commitment, Directory string
}

// Error says which selection is missing, in English.
func (e *MissingPredecessorError) Error() string { return e.AsReason().String() }

// AsReason says which selection is missing, as a reason
// (message.ChainMissing).
func (e *MissingPredecessorError) AsReason() message.Reason {
	return message.New(message.ChainMissing, "commitment", e.Commitment, "dir", fmt.Sprintf("%q", e.Directory))
}

// FindChain returns the chain that ends with r: the selections it replaces,
// directly or through earlier replacements, from the first selection, then
// r. find is called with each record of the chain that is a replacement
// and returns the record of the selection it replaces, or nil when it has
// none to offer. FindChain trusts no record find returns: it takes it only
// if its committed part hashes to the commitment that the replacement
// names (a *MissingPredecessorError otherwise).
func FindChain(r *Record, find func(next *Record) *Record) (Chain, error) {
	chain := Chain{r}
	seen := map[string]bool{}
	for next := r; next.Replaces != nil; {
		want := next.Replaces.Commitment
		if seen[want] {
			return nil, fmt.Errorf("the chain of replacements loops back to the selection committed as %s", want)
		}
		seen[want] = true
		p := find(next)
		if p == nil {
			return nil, &MissingPredecessorError{Commitment: want, Directory: next.Replaces.Directory}
		}
		if c, err := p.Commit(); err != nil || c != want {
			return nil, &MissingPredecessorError{Commitment: want, Directory: next.Replaces.Directory}
		}
		chain = append(chain, p)
		next = p
	}
	slices.Reverse(chain)
	return chain, nil
}

// Panel returns the ids of the chain's current panel, in the first
// selection's pool order: the first selection's drawn panel, or, after
// replacements, the members who stayed at every step and the replacements
// drawn since. It fails when a record of the chain has not been drawn or
// does not fit the one before it.
func (c Chain) Panel() ([]string, error) {
	pool, household, err := c[0].Pool()
	if err != nil {
		return nil, fmt.Errorf("the first selection: %v", err)
	}
	_, _, panel, err := c.current(pool, household)
	if err != nil {
		return nil, err
	}
	return IDs(pool, panel), nil
}

// Withdrawn returns, for everyone who withdrew at some step of the chain,
// the step at which they were replaced (1 for the first replacement).
func (c Chain) Withdrawn() map[string]int {
	out := map[string]int{}
	for step, r := range c[1:] {
		for _, id := range r.Replaces.Dropped {
			out[id] = step + 1
		}
	}
	return out
}

// Completion poses the completion of the chain's current panel after the
// dropped members withdrew: over pool, the first selection's people (as its
// record holds them, or as read from the pool file with its record's quota
// table), with their household numbers (nil without households). After
// earlier replacements, the candidates are those of the last replacement
// without its replacements (sortition.Completion.Next), so that nobody who
// withdrew and nobody on the panel is drawn again.
//
// A chain with a replacement from the alternates cannot be completed by
// lottery (ErrLotteryAfterAlternates).
func (c Chain) Completion(pool *sortition.Pool, household []int, dropped []string) (*sortition.Completion, error) {
	for _, r := range c[1:] {
		if r.Replaces.FromAlternates != nil {
			return nil, ErrLotteryAfterAlternates
		}
	}
	last, replacements, panel, err := c.current(pool, household)
	if err != nil {
		return nil, err
	}
	index := poolIndex(pool)
	var drop []int
	for _, id := range dropped {
		i, ok := index[id]
		if !ok || !slices.Contains(panel, i) {
			return nil, message.Errorf(message.ReplaceNotMember, "id", strconv.Quote(id))
		}
		drop = append(drop, i)
	}
	if last == nil {
		return sortition.NewCompletion(pool, panel, drop, household)
	}
	return last.Next(replacements, drop)
}

// current replays the chain over pool: it returns the completion posed by
// its last replacement (nil for a chain of one selection), that
// replacement's replacements (indices into the completion's candidates),
// and the current panel (indices into pool.People, ascending).
func (c Chain) current(pool *sortition.Pool, household []int) (*sortition.Completion, []int, []int, error) {
	if c[0].Draw == nil {
		return nil, nil, nil, fmt.Errorf("the first selection (committed as %s) has not been drawn", c[0].Commitment)
	}
	index := poolIndex(pool)
	ids := func(list []string, what string) ([]int, error) {
		out := make([]int, len(list))
		for j, id := range list {
			i, ok := index[id]
			if !ok {
				return nil, fmt.Errorf("%s %q is not in the first selection's pool", what, id)
			}
			out[j] = i
		}
		return out, nil
	}
	panel, err := ids(c[0].Draw.Selected, "the selected")
	if err != nil {
		return nil, nil, nil, err
	}
	slices.Sort(panel)
	var last *sortition.Completion
	var replacements []int
	fromAlternates := false
	for step, r := range c[1:] {
		if a := r.Replaces.FromAlternates; a != nil {
			// A replacement from the alternates: the members who stay
			// and the alternates called (SPEC.md 9.2.1).
			drop, err := ids(r.Replaces.Dropped, "the withdrawn")
			if err != nil {
				return nil, nil, nil, err
			}
			called, err := ids(a.Called, "the alternate called")
			if err != nil {
				return nil, nil, nil, err
			}
			panel = append(slices.DeleteFunc(panel, func(i int) bool { return slices.Contains(drop, i) }), called...)
			slices.Sort(panel)
			last, replacements, fromAlternates = nil, nil, true
			continue
		}
		if fromAlternates {
			return nil, nil, nil, fmt.Errorf("replacement %d (committed as %s): %w", step+1, r.Commitment, ErrLotteryAfterAlternates)
		}
		drop, err := ids(r.Replaces.Dropped, "the withdrawn")
		if err == nil {
			if last == nil {
				last, err = sortition.NewCompletion(pool, panel, drop, household)
			} else {
				last, err = last.Next(replacements, drop)
			}
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("replacement %d (committed as %s): %v", step+1, r.Commitment, err)
		}
		if r.Draw == nil {
			return nil, nil, nil, fmt.Errorf("replacement %d (committed as %s) has not been drawn", step+1, r.Commitment)
		}
		replacements = replacements[:0:0]
		for _, id := range r.Draw.Selected {
			j := slices.IndexFunc(last.Pool.People, func(p sortition.Person) bool { return p.ID == id })
			if j < 0 {
				return nil, nil, nil, fmt.Errorf("replacement %d (committed as %s) draws %q, who is not one of its candidates", step+1, r.Commitment, id)
			}
			replacements = append(replacements, j)
		}
		if len(replacements) != last.K {
			return nil, nil, nil, fmt.Errorf("replacement %d (committed as %s) draws %d people for %d withdrawals", step+1, r.Commitment, len(replacements), last.K)
		}
		panel = last.Complete(replacements)
	}
	return last, replacements, panel, nil
}

// poolIndex maps each id of the pool to its person's index.
func poolIndex(pool *sortition.Pool) map[string]int {
	index := make(map[string]int, len(pool.People))
	for i, p := range pool.People {
		index[p.ID] = i
	}
	return index
}
