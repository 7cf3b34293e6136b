package quota_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/quota"
)

// bounds lists every value with its bounds and flex limits.
func bounds(q *quota.Set) [][6]any {
	var out [][6]any
	for _, c := range q.Categories {
		for _, v := range c.Values {
			out = append(out, [6]any{c.Name, v.Name, v.Min, v.Max, v.MinFlex, v.MaxFlex})
		}
	}
	return out
}

func TestWriteCSVRoundTrip(t *testing.T) {
	for _, name := range []string{"quotas_feature_value.csv", "quotas_category_name.csv", "quotas_category_feature.csv", "quotas_excel_windows1252_semicolon_crlf.csv"} {
		t.Run(name, func(t *testing.T) {
			q, err := quota.ReadFile(filepath.Join("..", "testdata", "formats", name))
			require.NoError(t, err)
			var b bytes.Buffer
			require.NoError(t, q.WriteCSV(&b, ','))
			back, err := quota.Parse("written.csv", b.Bytes())
			require.NoError(t, err, b.String())
			assert.Equal(t, q.Dialect, back.Dialect)
			assert.Equal(t, bounds(q), bounds(back))
		})
	}
}

func TestWriteCSVFlex(t *testing.T) {
	in := "feature,value,min,max,min_flex,max_flex\n" +
		"gender,female,4,6,2,\n" +
		"gender,\"male, cis\",4,6,,8\n" +
		"age,young,0,5,,\n"
	q, err := quota.Parse("in.csv", []byte(in))
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, q.WriteCSV(&b, ','))
	assert.Equal(t, "\ufeff"+in, b.String())

	// Without any flex limit the columns are left out.
	q, err = quota.Parse("in.csv", []byte("feature,value,min,max,min_flex,max_flex\nage,young,0,5,,\n"))
	require.NoError(t, err)
	b.Reset()
	require.NoError(t, q.WriteCSV(&b, ','))
	assert.Equal(t, "\ufeff"+"feature,value,min,max\nage,young,0,5\n", b.String())
}

func TestWriteCSVSeparatorAndDialect(t *testing.T) {
	q, err := quota.Parse("in.csv", []byte("catégorie;valeur;min;max\nTranche d’âge;16-29;1;3\n"))
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, q.WriteCSV(&b, ';'))
	assert.Equal(t, "\ufeffcatégorie;valeur;min;max\nTranche d’âge;16-29;1;3\n", b.String(), "the pool's separator, a BOM, the file's own headers")
	back, err := quota.Parse("written.csv", b.Bytes())
	require.NoError(t, err)
	assert.Equal(t, bounds(q), bounds(back))
}
