package selection_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

// file reads a file of the repository's testdata as an input file named
// by its base name.
func file(t *testing.T, parts ...string) selection.File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"..", "testdata"}, parts...)...))
	require.NoError(t, err)
	return selection.File{Name: parts[len(parts)-1], Content: data}
}

// folder is a selection folder in memory, as its files give it.
func folder(name string, files []selection.File) selection.Dir {
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Name] = &fstest.MapFile{Data: f.Content}
	}
	return selection.Dir{Name: name, FS: m}
}

// selectExample selects 30 from the example pool with the seed.
func selectExample(t *testing.T, seed string) (*selection.Selected, selection.File) {
	t.Helper()
	poolFile := file(t, "example", "pool.csv")
	in, err := selection.ReadInputs(poolFile, file(t, "example", "quotas.csv"), 30, "")
	require.NoError(t, err)
	sel, err := selection.SelectFrom(context.Background(), in, selection.SelectOptions{Algorithm: "maximin", Seed: seed, Now: fixed})
	require.NoError(t, err)
	return sel, poolFile
}

func TestReadInputs(t *testing.T) {
	in, err := selection.ReadInputs(file(t, "example", "pool.csv"), file(t, "example", "quotas.csv"), 30, "")
	require.NoError(t, err)
	assert.Len(t, in.Pool.People, 200)
	assert.Equal(t, "pool.csv", in.PoolFile.Path)
	assert.Nil(t, in.IDs, "the example's pool has e-mail addresses, but its ids are opaque")
	in, err = selection.ReadInputs(file(t, "example", "pool.csv"), file(t, "example", "quotas.csv"), 30, "email")
	require.NoError(t, err)
	require.NotNil(t, in.IDs)
	assert.Equal(t, selection.IDWarning{Kind: "email", Count: 200, Of: 200, Example: in.Pool.People[0].ID, Column: "email"}, *in.IDs)

	// A path names the file in messages, never in the record.
	p := file(t, "example", "pool.csv")
	p.Name = "/home/someone/pool.csv"
	in, err = selection.ReadInputs(p, file(t, "example", "quotas.csv"), 30, "")
	require.NoError(t, err)
	assert.Equal(t, "pool.csv", in.PoolFile.Path)

	// The quota file's problems, with their lines.
	_, err = selection.ReadInputs(file(t, "example", "pool.csv"), file(t, "bad", "quotas_negative.csv"), 30, "")
	var fe *selection.InputFileError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
	assert.Equal(t, "quota file", fe.What)
	lines, n, _, ok := fe.Problems(message.English)
	require.True(t, ok)
	assert.Equal(t, n, len(lines))
	assert.Contains(t, lines[0], "quotas_negative.csv, line ")

	// A value nobody in the pool has is the quota file's fault.
	_, err = selection.ReadInputs(file(t, "bad", "pool_unknown_value.csv"), file(t, "bad", "quotas.csv"), 2, "")
	require.ErrorAs(t, err, &fe)
	assert.NotEqual(t, "", fe.What)

	// The panel size is checked once, here.
	_, err = selection.ReadInputs(file(t, "example", "pool.csv"), file(t, "example", "quotas.csv"), 999, "")
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
	assert.Equal(t, "the panel size 999 is larger than the pool (200 people)", selection.Message(err, message.English))
}

func TestPrepare(t *testing.T) {
	ctx := context.Background()
	in, err := selection.ReadInputs(file(t, "conflicts", "min_above_pool", "pool.csv"), file(t, "conflicts", "min_above_pool", "quotas.csv"), 10, "")
	require.NoError(t, err)
	_, _, err = selection.Prepare(ctx, in, nil, false)
	var qe *selection.QuotasError
	require.ErrorAs(t, err, &qe)
	assert.Equal(t, selection.CodeSelection, selection.CodeOf(err))
	require.NotEmpty(t, qe.Conflicts)
	assert.Equal(t, selection.ConflictBound{Category: "literacy", Value: "non-literate", Kind: "min", Limit: 8}, qe.Conflicts[0].Bounds[0])
	require.NotNil(t, qe.Relaxation)
	// One type for quotas that cannot be met: the bounds by name for the
	// console and JSON, and its cause through it.
	var infeasible *sortition.InfeasibleError
	require.ErrorAs(t, err, &infeasible)
	assert.Same(t, qe.Cause, error(infeasible))
	require.Len(t, qe.Relaxation.Bounds, len(qe.Relaxation.Changes))
	b := qe.Relaxation.Bounds[0]
	assert.Equal(t, "literacy", b.Category)
	assert.Contains(t, qe.Relaxation.Changes[0].String(), fmt.Sprintf("from %d to %d", b.From, b.To))
	explained := selection.Explain(ctx, in.Pool, in.K, nil, infeasible)
	assert.Equal(t, qe.Conflicts, explained.Conflicts)
	assert.Equal(t, qe.Relaxation, explained.Relaxation)

	relaxed, r, err := selection.Prepare(ctx, in, nil, true)
	require.NoError(t, err)
	assert.Equal(t, qe.Relaxation, r, "the relaxation applied is the one proposed")
	assert.NotSame(t, in.Pool, relaxed.Pool)
	sel, err := selection.SelectFrom(ctx, relaxed, selection.SelectOptions{Algorithm: "maximin", Seed: "s", Now: fixed})
	require.NoError(t, err)
	assert.NotNil(t, sel.Record.Relaxation, "the record keeps the relaxation")

	// A household column the pool does not have is an input error.
	_, _, err = selection.Prepare(ctx, in, []string{"street"}, true)
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
}

func TestSelectFromSummary(t *testing.T) {
	sel, _ := selectExample(t, "example")
	s := sel.Summary
	assert.True(t, s.Drawn)
	assert.Equal(t, sel.Record.Draw.Index, s.Index)
	assert.Equal(t, 200, s.People)
	assert.InDelta(t, 0.15, s.Equal, 1e-12)
	// Who has probability 0 is read from the tickets of the lottery drawn
	// from, with the exclusions' reasons.
	zero := 0
	for _, t := range sel.Uniform.Tickets {
		if t == 0 {
			zero++
		}
	}
	assert.Len(t, s.Zero, zero)
	for _, z := range s.Zero {
		assert.NotEmpty(t, z.ID)
	}
}

func TestCheck(t *testing.T) {
	ctx := context.Background()
	quotas := file(t, "example", "quotas.csv")
	in, err := selection.ReadInputs(file(t, "example", "pool.csv"), quotas, 30, "")
	require.NoError(t, err)
	c, err := selection.Check(ctx, in, nil)
	require.NoError(t, err)
	assert.True(t, c.Feasible)
	assert.Equal(t, in.Quotas.NumValues(), len(c.Counts))
	total := 0
	for _, v := range c.Counts[:3] { // gender
		total += v.Count
	}
	assert.Equal(t, 200, total)

	in, err = selection.ReadInputs(file(t, "conflicts", "min_above_pool", "pool.csv"), file(t, "conflicts", "min_above_pool", "quotas.csv"), 10, "")
	require.NoError(t, err)
	c, err = selection.Check(ctx, in, nil)
	require.NoError(t, err)
	assert.False(t, c.Feasible)
	require.NotNil(t, c.Relaxation)
	// The relaxed quota file reads back, and a panel meets it.
	relaxed, err := selection.ReadInputs(file(t, "conflicts", "min_above_pool", "pool.csv"), selection.File{Name: "relaxed.csv", Content: c.QuotaFile}, 10, "")
	require.NoError(t, err)
	c, err = selection.Check(ctx, relaxed, nil)
	require.NoError(t, err)
	assert.True(t, c.Feasible)
}

func TestDrawRefusesAnotherPool(t *testing.T) {
	ctx := context.Background()
	in, err := selection.ReadInputs(file(t, "example", "pool.csv"), file(t, "example", "quotas.csv"), 30, "")
	require.NoError(t, err)
	sel, err := selection.SelectFrom(ctx, in, selection.SelectOptions{Algorithm: "maximin", CommitOnly: true, Now: fixed})
	require.NoError(t, err)
	record, err := sel.Record.MarshalIndent()
	require.NoError(t, err)
	c, err := selection.ReadCommitted(record)
	require.NoError(t, err)
	assert.Equal(t, "pool.csv", c.PoolName())
	other := file(t, "example", "pool.csv")
	other.Content = append(other.Content, "v999,X,Y,x@example.org,1 Road,1,female,60+,none,limited,urban,north\n"...)
	_, err = selection.Draw(c, selection.DrawInput{Pool: other, Seed: "s"})
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
	assert.Contains(t, err.Error(), "is not the one the lottery was committed with")
	_, err = selection.Draw(c, selection.DrawInput{Pool: file(t, "example", "pool.csv"), Seed: "s", Alternates: 171})
	assert.Contains(t, err.Error(), "between 0 and 170")

	// A drawn record is not drawn again.
	drawn, _ := selectExample(t, "example")
	record, err = drawn.Record.MarshalIndent()
	require.NoError(t, err)
	_, err = selection.ReadCommitted(record)
	var again *selection.AlreadyDrawnError
	require.ErrorAs(t, err, &again)
	assert.Equal(t, drawn.Record.Draw.Index, again.Index)
	_, err = selection.ReadCommitted([]byte("{"))
	var bad *selection.RecordError
	assert.ErrorAs(t, err, &bad)
}

func TestReplaceChain(t *testing.T) {
	ctx := context.Background()
	sel, poolFile := selectExample(t, "example")
	first := folder("first", sel.Files)
	record := func(d selection.Dir) []byte {
		data, err := fstestRead(d, selection.RecordFile)
		require.NoError(t, err)
		return data
	}
	r, err := selection.ReadReplacing(first, record(first), nil, nil)
	require.NoError(t, err)
	assert.False(t, r.IsReplacement())
	member := sel.Record.Draw.Selected[0]

	_, err = selection.Replace(ctx, r, selection.ReplaceInput{Pool: poolFile, Drop: []string{"nobody"}, Folder: "first", Now: fixed})
	var drop *selection.DropError
	require.ErrorAs(t, err, &drop)
	assert.Equal(t, "nobody", drop.ID)
	_, err = selection.Replace(ctx, r, selection.ReplaceInput{Pool: poolFile, Drop: []string{member, member}, Folder: "first", Now: fixed})
	require.ErrorAs(t, err, &drop)
	assert.True(t, drop.Twice)

	rep, err := selection.Replace(ctx, r, selection.ReplaceInput{Pool: poolFile, Drop: []string{member}, Folder: "first", Now: fixed})
	require.NoError(t, err)
	assert.Equal(t, []string{member}, rep.Dropped)
	assert.Equal(t, 30, rep.Completed)
	assert.Equal(t, "first", rep.Record.Replaces.Directory)
	second := folder("second", rep.Files)

	// The second replacement needs the first selection: beside the
	// second's folder, found by its commitment, never by its name.
	beside := func(d selection.Dir, name string) []selection.Dir {
		assert.Equal(t, "second", d.Name)
		assert.Equal(t, "first", name)
		return []selection.Dir{folder("elsewhere", nil), first}
	}
	_, err = selection.ReadReplacing(second, record(second), nil, nil)
	var chainErr *selection.ChainError
	require.ErrorAs(t, err, &chainErr)
	r2, err := selection.ReadReplacing(second, record(second), nil, beside)
	require.NoError(t, err)
	assert.True(t, r2.IsReplacement())
	again := rep.Record.Draw.Selected[0]
	_, err = selection.Replace(ctx, r2, selection.ReplaceInput{Pool: poolFile, Drop: []string{member}, Folder: "second", Now: fixed})
	require.ErrorAs(t, err, &drop, "who withdrew is no longer on the panel")
	assert.True(t, drop.Replacement)
	rep2, err := selection.Replace(ctx, r2, selection.ReplaceInput{Pool: poolFile, Drop: []string{again}, Folder: "second", Now: fixed})
	require.NoError(t, err)
	third := folder("third", rep2.Files)

	// Verify follows the same chain, with the originals given or beside.
	v := selection.Verify(ctx, selection.VerifyInput{Dir: third, Originals: []selection.Dir{second, first}})
	assert.True(t, v.Verified(), failures(v))
	v = selection.Verify(ctx, selection.VerifyInput{Dir: third, Beside: func(d selection.Dir, name string) []selection.Dir {
		return map[string][]selection.Dir{"first": {first}, "second": {second}}[name]
	}})
	assert.True(t, v.Verified(), failures(v))
	v = selection.Verify(ctx, selection.VerifyInput{Dir: third})
	assert.False(t, v.Verified())
	assert.NotEmpty(t, v.CannotProve)
}

// fstestRead reads a file of a folder.
func fstestRead(d selection.Dir, name string) ([]byte, error) {
	f, ok := d.FS.(fstest.MapFS)[name]
	if !ok {
		return nil, errors.New("no " + name)
	}
	return f.Data, nil
}

// failures lists the failed checks of a verification.
func failures(v *selection.Verification) string {
	var out []string
	for _, c := range v.Checks {
		if !c.OK {
			out = append(out, c.Name+": "+c.Detail)
		}
	}
	return strings.Join(out, "\n")
}

func TestCompareInputs(t *testing.T) {
	in, err := selection.ReadInputs(file(t, "example", "pool.csv"), file(t, "example", "quotas.csv"), 30, "")
	require.NoError(t, err)
	_, err = selection.CompareInputs(context.Background(), in, nil, []string{"fairest"}, nil)
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
	_, err = selection.CompareInputs(context.Background(), in, []string{"street"}, []string{"maximin"}, nil)
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
}

func TestBaseName(t *testing.T) {
	for in, want := range map[string]string{"pool.csv": "pool.csv", "a/b/pool.csv": "pool.csv", `C:\data\pool.csv`: "pool.csv", "dir/": "", "": ""} {
		assert.Equal(t, want, selection.BaseName(in), in)
	}
}

func TestNoInputs(t *testing.T) {
	// Inputs not read by ReadInputs are refused, not a panic.
	_, err := selection.SelectFrom(context.Background(), &selection.Inputs{}, selection.SelectOptions{Seed: "s"})
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
	_, _, err = selection.Prepare(context.Background(), nil, nil, false)
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
	_, err = selection.Check(context.Background(), &selection.Inputs{}, nil)
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
	_, err = selection.CompareInputs(context.Background(), nil, nil, []string{"maximin"}, nil)
	assert.Equal(t, selection.CodeInput, selection.CodeOf(err))
}
