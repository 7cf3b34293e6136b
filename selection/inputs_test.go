package selection_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// TestInputFileErrorSheets checks that the problems of a pool read from
// one sheet of a workbook are the pool file's, not the quota file's, when
// the quotas are another sheet of the same workbook: the partner
// workbook's e-mail column holds repeated addresses, so it cannot be the
// id column.
func TestInputFileErrorSheets(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "partner-fr", "partenaire.xlsx"))
	require.NoError(t, err)
	pool := selection.File{Name: "partenaire.xlsx:Volontaires", Content: data}
	quotas := selection.File{Name: "partenaire.xlsx:Quotas", Content: data}
	_, err = selection.ReadInputs(pool, quotas, 30, "Courriel")
	var fe *selection.InputFileError
	require.True(t, errors.As(err, &fe), "%v", err)
	assert.Equal(t, "pool file", fe.What)
	lines, _, _, ok := fe.Problems(message.English)
	require.True(t, ok)
	assert.Contains(t, lines[0], `sheet "Volontaires"`)
}
