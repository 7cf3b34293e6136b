package selection_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

// backticked finds the names in a list such as "`a`, `b` or `c`".
var backticked = regexp.MustCompile("`([a-z]+)`")

// TestDocsListTheObjectives checks that doc/json.md lists exactly the
// registry's objectives, in its order, for the request's algorithm, and
// exactly the certified ones as carrying a certificate; and that
// audit/SPEC.md names the same objectives for the optimality certificate
// check.
func TestDocsListTheObjectives(t *testing.T) {
	var names, certified []string
	for _, o := range sortition.Objectives() {
		names = append(names, o.Name)
		if o.Certified {
			certified = append(certified, o.Name)
		}
	}
	assert.Equal(t, names, selection.Algorithms)
	list := func(s string) []string {
		var out []string
		for _, m := range backticked.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		return out
	}

	data, err := os.ReadFile(filepath.Join("..", "doc", "json.md"))
	require.NoError(t, err)
	doc := string(data)
	row := regexp.MustCompile("(?m)^\\| `algorithm` \\| `\"([a-z]+)\"` \\|.*$").FindStringSubmatch(doc)
	require.NotNil(t, row, "doc/json.md has no row for the algorithm option")
	assert.Equal(t, sortition.DefaultObjective, row[1], "doc/json.md: the default algorithm")
	listed := regexp.MustCompile("\\(as `--algorithm`\\): ((?:`[a-z]+`(?:, | or ))*`[a-z]+`)").FindStringSubmatch(row[0])
	require.NotNil(t, listed, "doc/json.md: the algorithm row lists no objectives")
	assert.Equal(t, names, list(listed[1]), "doc/json.md: the objectives")
	only := regexp.MustCompile("Only ((?:`[a-z]+`(?:, | and ))*`[a-z]+`) carry").FindStringSubmatch(row[0])
	require.NotNil(t, only, "doc/json.md: the algorithm row does not say which objectives carry a certificate")
	assert.Equal(t, certified, list(only[1]), "doc/json.md: the certified objectives")

	data, err = os.ReadFile(filepath.Join("..", "audit", "SPEC.md"))
	require.NoError(t, err)
	spec := strings.Join(strings.Fields(string(data)), " ")
	check := regexp.MustCompile("`algorithm` is one of ((?:`[a-z]+`, )*`[a-z]+`),").FindStringSubmatch(spec)
	require.NotNil(t, check, "audit/SPEC.md: the certificate check lists no objectives")
	assert.ElementsMatch(t, names, list(check[1]), "audit/SPEC.md: the objectives")
}

// TestAlgorithmReadsTheRegistry checks the thin readers of the registry.
func TestAlgorithmReadsTheRegistry(t *testing.T) {
	for _, o := range sortition.Objectives() {
		got, err := selection.Algorithm(" " + strings.ToUpper(o.Name) + " ")
		require.NoError(t, err)
		assert.Equal(t, o.Name, got.Name)
		assert.Equal(t, o.Certified, selection.Certified(o.Name))
	}
	def, err := selection.Algorithm("")
	require.NoError(t, err)
	assert.Equal(t, selection.DefaultAlgorithm, def.Name)
	assert.True(t, selection.Certified(""))
	_, err = selection.Algorithm("magic")
	assert.EqualError(t, err, `the algorithm must be leximin, maximin, nash, goldilocks or legacy, not "magic"`)
	assert.False(t, selection.Certified("magic"))
}

func TestParseAlgorithms(t *testing.T) {
	names, err := selection.ParseAlgorithms(" Maximin, leximin ,")
	require.NoError(t, err)
	assert.Equal(t, []string{"maximin", "leximin"}, names)
	_, err = selection.ParseAlgorithms("maximin,fairest")
	assert.EqualError(t, err, `the algorithm must be leximin, maximin, nash, goldilocks or legacy, not "fairest"`)
	_, err = selection.ParseAlgorithms(" , ")
	assert.EqualError(t, err, "no objective is named; choose among leximin, maximin, nash, goldilocks, legacy")
}
