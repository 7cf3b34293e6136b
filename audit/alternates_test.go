package audit_test

import (
	"context"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/sortition"
)

func commitmentBytes(t *testing.T, h string) [32]byte {
	t.Helper()
	var c [32]byte
	n, err := hex.Decode(c[:], []byte(h))
	require.NoError(t, err)
	require.Equal(t, 32, n)
	return c
}

// The vectors of alternates.json were computed by reference.py, written
// from SPEC.md section 7.1.
func TestAlternatesVectors(t *testing.T) {
	var vectors []struct {
		Seed       string
		Commitment string
		Panels     [][]string
		Index      int
		N          int
		Alternates []string
	}
	vectorFile(t, "alternates.json", &vectors)
	require.NotEmpty(t, vectors)
	long := false
	for _, v := range vectors {
		got, err := audit.Alternates(commitmentBytes(t, v.Commitment), v.Seed, v.Panels, v.Index, v.N)
		require.NoError(t, err)
		assert.Equal(t, v.Alternates, append([]string{}, got...), "seed %q, index %d, n %d", v.Seed, v.Index, v.N)
		long = long || len(v.Panels) > 9 // a shuffle that reads more than two blocks
	}
	assert.True(t, long)
}

// randomPanels returns m panels of k people out of n, each in pool order,
// from a deterministic stream.
func randomPanels(seed string, m, k, n int) [][]string {
	s := audit.NewStream(seed)
	panels := make([][]string, m)
	for j := range panels {
		var members []int
		for len(members) < k {
			if i := int(s.IntN(uint64(n))); !slices.Contains(members, i) {
				members = append(members, i)
			}
		}
		slices.Sort(members)
		for _, i := range members {
			panels[j] = append(panels[j], fmt.Sprintf("p%03d", i))
		}
	}
	return panels
}

func TestAlternatesProperties(t *testing.T) {
	c := commitmentBytes(t, strings.Repeat("ab", 32))
	for trial := range 20 {
		panels := randomPanels(fmt.Sprint("panels ", trial), 2+trial, 5, 12+trial)
		index := trial % len(panels)
		// Everyone on some other panel and not on the drawn one.
		var others []string
		for j, p := range panels {
			for _, id := range p {
				if j != index && !slices.Contains(panels[index], id) && !slices.Contains(others, id) {
					others = append(others, id)
				}
			}
		}
		for _, n := range []int{0, 1, 3, len(others), len(others) + 5, 1000} {
			seed := fmt.Sprint("seed ", trial)
			got, err := audit.Alternates(c, seed, panels, index, n)
			require.NoError(t, err)
			again, err := audit.Alternates(c, seed, panels, index, n)
			require.NoError(t, err)
			assert.Equal(t, got, again, "deterministic")
			assert.Len(t, got, min(n, len(others)), "n %d, %d people on the other panels", n, len(others))
			for r, id := range got {
				assert.NotContains(t, panels[index], id, "alternate on the panel")
				assert.NotContains(t, got[:r], id, "alternate listed twice")
				assert.Contains(t, others, id)
			}
			if n > 1 && len(others) > 1 {
				// Asking for fewer gives the first ones of the longer list.
				fewer, err := audit.Alternates(c, seed, panels, index, n-1)
				require.NoError(t, err)
				assert.Equal(t, got[:len(fewer)], fewer)
			}
		}
	}
	_, err := audit.Alternates(c, "s", [][]string{{"a"}}, 1, 1)
	assert.Error(t, err)
	_, err = audit.Alternates(c, "s", nil, 0, 1)
	assert.Error(t, err)
}

// The first alternate comes from a uniformly chosen other panel: over many
// seeds, each other panel's first member (the panels share nobody) comes
// first about equally often.
func TestAlternatesFirstPanelUniform(t *testing.T) {
	panels := [][]string{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}}
	counts := map[string]int{}
	const seeds = 4000
	for s := range seeds {
		got, err := audit.Alternates([32]byte{}, fmt.Sprint(s), panels, 0, 1)
		require.NoError(t, err)
		counts[got[0]]++
	}
	assert.Zero(t, counts["a"])
	for _, id := range []string{"b", "c", "d", "e"} {
		// 1000 expected; 6 standard deviations (about 27 each) either way.
		assert.InDelta(t, seeds/4, counts[id], 165, "%s: %v", id, counts)
	}
}

func TestDrawAlternatesRecord(t *testing.T) {
	r, err := audit.NewRecord(tinySelection(t))
	require.NoError(t, err)
	assert.Error(t, r.DrawAlternates(1), "not drawn yet")
	_, err = r.DrawPanel("a public seed", time.Unix(0, 0))
	require.NoError(t, err)
	without, err := r.MarshalIndent()
	require.NoError(t, err)
	assert.NotContains(t, string(without), "alternates")

	assert.Error(t, r.DrawAlternates(-1))
	require.NoError(t, r.DrawAlternates(0))
	same, err := r.MarshalIndent()
	require.NoError(t, err)
	assert.Equal(t, string(without), string(same), "no alternates: the record is unchanged")

	require.NoError(t, r.DrawAlternates(5))
	panels := make([][]string, len(r.Lottery.Panels))
	for j, p := range r.Lottery.Panels {
		panels[j] = p.Members
	}
	want, err := audit.Alternates(commitmentBytes(t, r.Commitment), "a public seed", panels, r.Draw.Index, 5)
	require.NoError(t, err)
	assert.Equal(t, want, r.Draw.Alternates)
	require.NotEmpty(t, want, "the tiny pool has someone off the drawn panel")
	assert.LessOrEqual(t, len(want), len(r.People.Rows)-r.K)
	with, err := r.MarshalIndent()
	require.NoError(t, err)
	// The member closes the draw object, after selected.
	assert.Contains(t, string(with), fmt.Sprintf(`"selected": [%s],
    "alternates": [%s]
  },`, quoted(r.Draw.Selected), quoted(want)))
	parsed, err := audit.ParseRecord(with)
	require.NoError(t, err)
	assert.Equal(t, want, parsed.Draw.Alternates)
	c, err := parsed.Commit()
	require.NoError(t, err)
	assert.Equal(t, r.Commitment, c, "alternates are not committed")
}

func quoted(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return strings.Join(q, ", ")
}

// Without the pool file, alternates.csv is checked by its ranks and ids.
func TestVerifyAlternatesWithoutPool(t *testing.T) {
	s, _ := exampleSelection(t, true)
	require.Empty(t, failed(audit.Verify(context.Background(), s.input(false))))
	lines := strings.SplitAfter(string(s.files[audit.AlternatesFile].Data), "\n")
	for _, edit := range []func([]string){
		func(l []string) { l[1], l[2] = l[2], l[1] },
		func(l []string) { l[3] = "9" + l[3][1:] },
		func(l []string) { l[4] = "" },
		func(l []string) { l[0] = strings.Replace(l[0], "rank", "place", 1) },
	} {
		edited := slices.Clone(lines)
		edit(edited)
		s.files[audit.AlternatesFile] = &fstest.MapFile{Data: []byte(strings.Join(edited, ""))}
		assert.Equal(t, []string{audit.AlternatesFile}, failed(audit.Verify(context.Background(), s.input(false))), "%q", edited)
	}
}

// TestAlternatesRuleOnExample applies the documented rule for calling on
// alternates to the example's drawn panel, for every member's withdrawal:
// the first alternate who keeps the quotas and the household rule replaces
// them, checked here against the bounds and households directly.
func TestAlternatesRuleOnExample(t *testing.T) {
	s, pool := exampleSelection(t, true)
	r := s.record
	require.NoError(t, r.DrawAlternates(30))
	household, err := pool.Households(r.Settings.Households)
	require.NoError(t, err)
	index := map[string]int{}
	for i, p := range pool.People {
		index[p.ID] = i
	}
	toIndices := func(ids []string) []int {
		out := make([]int, len(ids))
		for j, id := range ids {
			out[j] = index[id]
		}
		return out
	}
	panel, alternates := toIndices(r.Draw.Selected), toIndices(r.Draw.Alternates)
	keeps := func(members []int) bool {
		homes := map[int]bool{}
		for _, i := range members {
			if homes[household[i]] {
				return false
			}
			homes[household[i]] = true
		}
		for c, cat := range pool.Quotas.Categories {
			for v, val := range cat.Values {
				n := 0
				for _, i := range members {
					if pool.People[i].Values[c] == v {
						n++
					}
				}
				if n < val.Min || n > val.Max {
					return false
				}
			}
		}
		return true
	}
	require.True(t, keeps(panel))
	replaced := 0
	for _, withdrawn := range panel {
		swap := func(a int) []int {
			out := []int{a}
			for _, m := range panel {
				if m != withdrawn {
					out = append(out, m)
				}
			}
			return out
		}
		got, ok, err := sortition.FirstFittingAlternate(pool, panel, withdrawn, alternates, household)
		require.NoError(t, err)
		rank := slices.IndexFunc(alternates, func(a int) bool { return keeps(swap(a)) })
		if rank < 0 {
			assert.False(t, ok, "%s withdraws: no alternate keeps the quotas", pool.People[withdrawn].ID)
			continue
		}
		require.True(t, ok, "%s withdraws", pool.People[withdrawn].ID)
		assert.Equal(t, alternates[rank], got, "%s withdraws", pool.People[withdrawn].ID)
		replaced++
	}
	assert.GreaterOrEqual(t, replaced, len(panel)/2, "at least half the withdrawals have a fitting alternate among 30")
}

// Within a panel, pool order does not decide: with one other panel of 4,
// each of its members is the first alternate about equally often.
func TestAlternatesWithinPanelUniform(t *testing.T) {
	panels := [][]string{{"a"}, {"b", "c", "d", "e"}}
	counts := map[string]int{}
	const seeds = 4000
	for s := range seeds {
		got, err := audit.Alternates([32]byte{}, fmt.Sprint(s), panels, 0, 1)
		require.NoError(t, err)
		counts[got[0]]++
	}
	for _, id := range []string{"b", "c", "d", "e"} {
		assert.InDelta(t, seeds/4, counts[id], 165, "%s: %v", id, counts)
	}
}
