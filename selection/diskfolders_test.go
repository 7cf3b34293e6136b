package selection_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/selection"
)

// TestCommittedPoolPath: the pool file given, else the one the record
// names in the current folder, else beside the selection folder.
func TestCommittedPoolPath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	require.NoError(t, os.MkdirAll(filepath.Join("work", "sel"), 0o755))
	sel := filepath.Join("work", "sel")
	assert.Equal(t, "given.csv", selection.CommittedPoolPath("given.csv", "pool.csv", sel))
	assert.Equal(t, "pool.csv", selection.CommittedPoolPath("", "pool.csv", sel), "found nowhere: as recorded, for the error")
	require.NoError(t, os.WriteFile(filepath.Join("work", "pool.csv"), nil, 0o644))
	assert.Equal(t, filepath.Join("work", "pool.csv"), selection.CommittedPoolPath("", "pool.csv", sel))
	require.NoError(t, os.WriteFile("pool.csv", nil, 0o644))
	assert.Equal(t, "pool.csv", selection.CommittedPoolPath("", "pool.csv", sel), "the current folder first")

	beside := selection.BesideOnDisk(selection.DirOf(filepath.Join(dir, "work", "b", "public")), "a")
	require.Len(t, beside, 2)
	assert.Equal(t, filepath.Join(dir, "work", "b", "a"), beside[0].Name)
	assert.Equal(t, filepath.Join(dir, "work", "a", "public"), beside[1].Name)
}
