package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompareExample(t *testing.T) {
	code, out, errOut := tirage("compare", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--quiet")
	require.Equal(t, exitOK, code, errOut)
	for _, name := range []string{"maximin", "leximin", "nash", "goldilocks", "legacy"} {
		assert.Contains(t, out, name)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 8, out) // pool line, blank line, header, five objectives
	// maximin and leximin share the smallest probability, the maximin value.
	assert.Equal(t, strings.Fields(lines[3])[1], strings.Fields(lines[4])[1])
	assert.Contains(t, lines[3], "yes")
	assert.Contains(t, lines[7], "estimated")
}

func TestCompareBadFlags(t *testing.T) {
	code, _, errOut := tirage("compare", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--algorithms", "maximin,fairest")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `not "fairest"`)
	code, out, _ := tirage("compare", "--pool", td("example", "pool.csv"), "--quotas", td("example", "quotas.csv"), "--k", "30", "--algorithms", "nash", "--quiet")
	assert.Equal(t, exitOK, code)
	assert.NotContains(t, out, "maximin")
}
