package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
)

// drawnFiles are the files of a drawn selection without alternates: the
// private ones, then the public folder's.
var drawnFiles = []string{
	audit.ProbabilitiesFile, audit.ReceiptsFile, audit.PanelFile, audit.RemainingFile, report.HTMLFile, report.MarkdownFile, audit.RecordFile,
	"public/" + audit.RecordFile, "public/" + audit.ProbabilitiesFile, "public/" + audit.ReceiptsFile, "public/" + audit.PanelFile, "public/" + report.HTMLFile, "public/" + report.MarkdownFile,
}

// TestFolderLocked: a folder whose lock another run holds refuses select
// and draw with exit code 4. (Writing a folder whole or not at all, its
// failures and kills, are tested in selection.)
func TestFolderLocked(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	dir := filepath.Join(t.TempDir(), "sel")
	code, _, errOut := tirage("select", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--seed", seedA, "--out", dir, "--quiet")
	require.Equal(t, exitOK, code, errOut)
	lock, err := selection.LockBeside(dir)
	require.NoError(t, err)
	defer lock.Release()
	for _, args := range [][]string{
		{"select", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--seed", seedB, "--out", dir, "--force"},
		{"draw", dir, "--seed", seedB, "--pool", td("example", "pool.csv")},
	} {
		code, out, errOut := tirage(args...)
		assert.Equal(t, exitWrite, code, args[0])
		assert.Empty(t, out, args[0])
		assert.Contains(t, errOut, "tirage "+args[0]+": another tirage run is writing the folder "+dir, args[0])
	}
}
