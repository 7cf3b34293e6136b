package web

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/selection"
)

// replacementChain selects on the example through the API, then replaces
// two members, and a member of the replacement, as tirage replace does,
// and returns the three outcomes' zips, first to last, and the pool.
func replacementChain(t testing.TB) (public, private []File, pool File) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "example", "pool.csv"))
	require.NoError(t, err)
	quotas, err := os.ReadFile(filepath.Join("..", "testdata", "example", "quotas.csv"))
	require.NoError(t, err)
	pool = File{Name: "pool.csv", Data: data}
	api := &API{Tool: testTool, Now: testNow}
	first, err := api.selectPanel(context.Background(), SelectRequest{Inputs: Inputs{Pool: pool, Quotas: File{Name: "quotas.csv", Data: quotas}, K: 30}, Seed: Seed{Text: "example"}}, func(Progress) {})
	require.NoError(t, err)
	public, private = []File{first.Public}, []File{first.Private}
	var earlier []selection.Dir
	for i, folder := range []string{"first", "second"} {
		files, err := bundleFiles(private[i:])
		require.NoError(t, err)
		dir, err := sub(files, recordDirs(files)[0])
		require.NoError(t, err)
		dir.Name = folder
		record := files[path.Join(recordDirs(files)[0], audit.RecordFile)].Data
		rp, err := selection.ReadReplacing(dir, record, earlier, nil)
		require.NoError(t, err)
		r, err := audit.ParseRecord(record)
		require.NoError(t, err)
		rep, err := selection.Replace(context.Background(), rp, selection.ReplaceInput{Pool: selection.File{Name: pool.Name, Content: pool.Data},
			Drop: r.Draw.Selected[:2-i], Folder: folder, Tool: testTool, Now: testNow})
		require.NoError(t, err)
		earlier = append(earlier, dir)
		out, err := outcome(rep.Files, rep.Record)
		require.NoError(t, err)
		public, private = append(public, out.Public), append(private, out.Private)
	}
	return public, private, pool
}

func TestVerifyAChainOfReplacements(t *testing.T) {
	public, private, pool := replacementChain(t)
	var v VerifyResponse
	for _, bundle := range [][]File{
		public,
		{public[2], public[0], public[1]},
		{private[1], public[2], public[0]},
	} {
		callAt(t, "verify", VerifyRequest{Bundle: bundle, Pool: &pool}, &v)
		assert.True(t, v.Verified, "%+v", v.Checks)
		assert.Equal(t, 2, v.Chain)
	}

	// The same, as the files of three folders.
	var files []File
	for i, name := range []string{"lille", "lille-2", "lille-3"} {
		for p, f := range unzip(t, public[i].Data) {
			files = append(files, File{Name: name + "/" + p, Data: f.Data})
		}
	}
	callAt(t, "verify", VerifyRequest{Bundle: files}, &v)
	assert.True(t, v.Verified, "%+v", v.Checks)
	assert.Equal(t, 2, v.Chain)

	// The last replacement without the selections it replaces: FAILED,
	// as tirage verify without --original.
	callAt(t, "verify", VerifyRequest{Bundle: public[2:]}, &v)
	assert.False(t, v.Verified)
	callAt(t, "verify", VerifyRequest{Bundle: []File{public[2], public[0]}}, &v)
	assert.False(t, v.Verified)

	// Two selections, neither replacing the other: verified one at a time.
	var other Outcome
	callAt(t, "select", SelectRequest{Inputs: Inputs{Pool: pool, Quotas: testFile(t, "example", "quotas.csv"), K: 30}, Seed: Seed{Text: "another"}}, &other)
	e := call(t, "verify", VerifyRequest{Bundle: []File{public[0], other.Public}}, &v)
	require.NotNil(t, e)
	assert.Equal(t, selection.CodeInput, e.Code)
	assert.Contains(t, e.Message, "one at a time")
}
