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
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 8, out) // pool line, blank line, header, five objectives
	// The default first.
	for i, name := range []string{"leximin", "maximin", "nash", "goldilocks", "legacy"} {
		assert.Equal(t, name, strings.Fields(lines[3+i])[0])
	}
	// maximin and leximin share the smallest probability, the maximin value.
	assert.Equal(t, strings.Fields(lines[3])[1], strings.Fields(lines[4])[1])
	assert.Contains(t, lines[3], "yes")
	assert.Contains(t, lines[4], "yes")
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
