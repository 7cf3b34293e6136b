package quota_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
)

func testdata(parts ...string) string {
	return filepath.Join(append([]string{"..", "testdata"}, parts...)...)
}

func TestReadFileBadInputs(t *testing.T) {
	tests := []struct {
		file  string
		kind  quota.ErrorKind
		line  int
		value string // must appear in the message ("" for none)
	}{
		{"quotas_not_integer.csv", quota.BadBound, 3, "two"},
		{"quotas_negative.csv", quota.BadBound, 2, "-1"},
		{"quotas_min_above_max.csv", quota.MinAboveMax, 3, "4"},
		{"quotas_bad_min_flex.csv", quota.BadFlex, 3, "min_flex 2"},
		{"quotas_bad_max_flex.csv", quota.BadFlex, 3, "max_flex 2"},
		{"quotas_unknown_header.csv", quota.UnknownFormat, 1, "group,option,low,high"},
		{"quotas_no_max.csv", quota.MissingColumn, 1, "max"},
		{"quotas_duplicate.csv", quota.DuplicateQuota, 4, "Female"},
		{"quotas_empty_name.csv", quota.MissingName, 3, "category name"},
		{"quotas_empty.csv", quota.NotText, 0, "empty"},
		{"quotas_header_only.csv", quota.MissingName, 1, "no quota rows"},
		{"quotas_broken_quote.csv", quota.NotText, 2, "quotation mark"},
		{"quotas_binary.csv", quota.NotText, 0, "not a text file"},
		{"quotas_duplicate_column.csv", quota.DuplicateColumn, 1, `two columns named "MIN"`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := testdata("bad", tt.file)
			_, err := quota.ReadFile(path)
			require.Error(t, err)
			var ie *quota.InputError
			require.True(t, errors.As(err, &ie), "error %v is not an *InputError", err)
			assert.Equal(t, tt.kind, ie.Kind, "kind of %v", err)
			assert.Equal(t, path, ie.File)
			if tt.line > 0 {
				assert.Equal(t, tt.line, ie.Line)
				assert.Contains(t, err.Error(), "line "+strconv.Itoa(tt.line))
			}
			assert.Contains(t, err.Error(), tt.value)
			var list *quota.ErrorList
			require.True(t, errors.As(err, &list))
		})
	}
}

func TestReadFileCollectsAllErrors(t *testing.T) {
	data := "feature,value,min,max\ngender,female,x,3\ngender,male,5,3\nage,young,1,-2\nage,old,1,2\n"
	_, err := quota.Parse("q.csv", []byte(data))
	var list *quota.ErrorList
	require.True(t, errors.As(err, &list))
	require.Len(t, list.Errs, 3)
	assert.Equal(t, []int{2, 3, 4}, []int{list.Errs[0].Line, list.Errs[1].Line, list.Errs[2].Line})
	assert.Equal(t, []quota.ErrorKind{quota.BadBound, quota.MinAboveMax, quota.BadBound},
		[]quota.ErrorKind{list.Errs[0].Kind, list.Errs[1].Kind, list.Errs[2].Kind})
}

func TestErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("feature,value,min,max\n")
	for i := 0; i < quota.MaxErrors+7; i++ {
		b.WriteString("g,v" + strconv.Itoa(i) + ",x,1\n")
	}
	_, err := quota.Parse("q.csv", []byte(b.String()))
	var list *quota.ErrorList
	require.True(t, errors.As(err, &list))
	require.Len(t, list.Errs, quota.MaxSame, "the same fault in the same column is shown MaxSame times")
	assert.Equal(t, quota.MaxErrors+7-quota.MaxSame, list.Errs[quota.MaxSame-1].More)
	assert.Equal(t, quota.MaxErrors+7, list.Count())
	assert.Contains(t, err.Error(), "(and 52 more lines with the same problem)")

	// Different faults are kept up to MaxErrors, then counted.
	list = &quota.ErrorList{}
	for i := 0; i < quota.MaxErrors+7; i++ {
		list.Add(&quota.InputError{File: "p.csv", Line: i + 2, Column: "c" + strconv.Itoa(i), Kind: quota.UnknownValue, Reason: message.New(message.PoolNotInQuotas)})
	}
	assert.Len(t, list.Errs, quota.MaxErrors)
	assert.Equal(t, 7, list.Omitted)
	assert.Contains(t, list.Error(), "and 7 more errors")
}

func TestTranslatedHeaders(t *testing.T) {
	tests := []struct {
		header  string
		dialect quota.Dialect
	}{
		{"catégorie;valeur;min;max", quota.French},
		{"Categorie;Valeur;Minimum;Maximum", quota.French},
		{"critère;modalité;mini;maxi", quota.French},
		{"categoría;valor;mín;máx", quota.Spanish},
		{"Categoria;Valor;Minimo;Maximo", quota.Spanish},
		{"feature;value;minimum;maximum", quota.FeatureValue},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			s, err := quota.Parse("q.csv", []byte(tt.header+"\nGenre;Femme;2;3\nGenre;Homme;2;3\n"))
			require.NoError(t, err)
			assert.Equal(t, tt.dialect, s.Dialect)
			assert.Equal(t, [][]string{{"Genre", "Femme", "2", "3", "0", strconv.Itoa(quota.NoLimit)}, {"Genre", "Homme", "2", "3", "0", strconv.Itoa(quota.NoLimit)}}, model(s))
		})
	}
	s, err := quota.Parse("q.csv", []byte("catégorie;valeur;part;tolérance\nGenre;Femme;50%;1\nGenre;Homme;50%;1\n"))
	require.NoError(t, err)
	assert.Equal(t, 5, s.ForPanel(10).Categories[0].Values[0].Min+1)

	_, err = quota.Parse("q.csv", []byte("catégorie;valeur;min;minimum;max\nGenre;Femme;2;2;3\n"))
	var ie *quota.InputError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, quota.DuplicateColumn, ie.Kind)
	assert.Contains(t, ie.Message(message.English), `two min columns, "min" and "minimum"`)
}

// model is a Set reduced to what the dialects must agree on.
func model(s *quota.Set) [][]string {
	var out [][]string
	for _, c := range s.Categories {
		for _, v := range c.Values {
			out = append(out, []string{c.Name, v.Name, strconv.Itoa(v.Min), strconv.Itoa(v.Max), strconv.Itoa(v.MinFlex), strconv.Itoa(v.MaxFlex)})
		}
	}
	return out
}

func TestDialectsAndExcelVariantsAgree(t *testing.T) {
	want, err := quota.ReadFile(testdata("formats", "quotas_feature_value.csv"))
	require.NoError(t, err)
	require.Equal(t, quota.FeatureValue, want.Dialect)
	require.Len(t, want.Categories, 2)
	assert.Equal(t, "Île-de-France", want.Categories[1].Values[0].Name)
	for _, tt := range []struct {
		file     string
		dialect  quota.Dialect
		encoding string
	}{
		{"quotas_category_name.csv", quota.CategoryName, ""},
		{"quotas_category_feature.csv", quota.CategoryFeature, ""},
		{"quotas_excel_utf8_bom_semicolon_crlf.csv", quota.FeatureValue, ""},
		{"quotas_excel_windows1252_semicolon_crlf.csv", quota.FeatureValue, "Windows-1252"},
		{"quotas_tab.csv", quota.FeatureValue, ""},
		{"quotas_utf16.csv", quota.FeatureValue, "UTF-16"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			got, err := quota.ReadFile(testdata("formats", tt.file))
			require.NoError(t, err)
			assert.Equal(t, tt.dialect, got.Dialect)
			assert.Equal(t, model(want), model(got))
			if tt.encoding != "" {
				require.Len(t, got.Notices, 1)
				assert.Contains(t, got.Notices[0].String(), tt.encoding)
			} else {
				assert.Empty(t, got.Notices)
			}
		})
	}
}

func TestFlexDefaultsAndLookup(t *testing.T) {
	s, err := quota.Parse("q.csv", []byte("feature,value,min,max,min_flex,max_flex\nGender,Female,2,3,1,\nGender,Male,2,3,,5\n"))
	require.NoError(t, err)
	f := s.Categories[0].Values[0]
	m := s.Categories[0].Values[1]
	assert.Equal(t, []int{1, quota.NoLimit}, []int{f.MinFlex, f.MaxFlex})
	assert.Equal(t, []int{0, 5}, []int{m.MinFlex, m.MaxFlex})
	ci, ok := s.Category("  GENDER ")
	require.True(t, ok)
	vi, ok := s.Categories[ci].Value("male")
	require.True(t, ok)
	assert.Equal(t, 1, vi)
	_, ok = s.Categories[ci].Value("mal")
	assert.False(t, ok)
	assert.Equal(t, 2, s.NumValues())
}

func TestInstancesParse(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "shared", "instances", "*", "categories.csv"))
	require.NoError(t, err)
	if len(dirs) == 0 {
		t.Log("../shared/instances not found beside the repository; nothing to check")
	}
	for _, path := range dirs {
		s, err := quota.ReadFile(path)
		require.NoError(t, err, path)
		assert.NotEmpty(t, s.Categories)
	}
}

func TestNotTextErrorWrapsPlainErrors(t *testing.T) {
	err := quota.NotTextError("f.csv", os.ErrClosed)
	var ie *quota.InputError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, quota.NotText, ie.Kind)
}
