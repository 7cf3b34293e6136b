package sortition_test

import (
	"errors"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

func testdata(parts ...string) string {
	return filepath.Join(append([]string{"..", "testdata"}, parts...)...)
}

func TestReadPoolBadInputs(t *testing.T) {
	q, err := quota.ReadFile(testdata("bad", "quotas.csv"))
	require.NoError(t, err)
	tests := []struct {
		file   string
		opt    sortition.PoolOptions
		kind   quota.ErrorKind
		line   int
		column string
		value  string // must appear in the message
	}{
		// Line 4, not 3: the first person's address spans two lines.
		{"pool_unknown_value.csv", sortition.PoolOptions{}, quota.UnknownValue, 4, "gender", `"femal"`},
		// A category with no pool column is the quota file's line 4.
		{"pool_missing_column.csv", sortition.PoolOptions{}, quota.UnknownCategory, 4, "feature", `the pool has no column "age"`},
		{"pool_duplicate_id.csv", sortition.PoolOptions{}, quota.DuplicateID, 4, "id", `"p1" is already used on line 2`},
		{"pool_empty_id.csv", sortition.PoolOptions{}, quota.EmptyID, 3, "id", "id is empty"},
		{"pool_empty.csv", sortition.PoolOptions{}, quota.EmptyPool, 0, "", "no people"},
		{"pool_too_many_fields.csv", sortition.PoolOptions{}, quota.FieldCount, 3, "", "5 fields"},
		{"pool_xlsx.csv", sortition.PoolOptions{}, quota.NotText, 0, "", "Excel workbook"},
		{"pool_binary.csv", sortition.PoolOptions{}, quota.NotText, 2, "", "not a text file"},
		{"pool_missing_id_column.csv", sortition.PoolOptions{IDColumn: "ident"}, quota.MissingColumn, 1, "", `"ident"`},
		{"pool_duplicate_column.csv", sortition.PoolOptions{}, quota.DuplicateColumn, 1, "Gender", `two columns named "Gender"`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := testdata("bad", tt.file)
			_, err := sortition.ReadPool(path, q, tt.opt)
			require.Error(t, err)
			var ie *quota.InputError
			require.True(t, errors.As(err, &ie), "error %v is not an *InputError", err)
			assert.Equal(t, tt.kind, ie.Kind, "kind of %v", err)
			assert.Equal(t, tt.line, ie.Line, "line of %v", err)
			assert.Equal(t, tt.column, ie.Column)
			if tt.kind == quota.UnknownCategory {
				assert.Equal(t, testdata("bad", "quotas.csv"), ie.File)
			} else {
				assert.Equal(t, path, ie.File)
			}
			if tt.line > 0 {
				assert.Contains(t, err.Error(), "line "+strconv.Itoa(tt.line))
			}
			assert.Contains(t, err.Error(), tt.value)
		})
	}
}

func TestReadPoolUnknownValueListsAllowed(t *testing.T) {
	q, err := quota.ReadFile(testdata("bad", "quotas.csv"))
	require.NoError(t, err)
	_, err = sortition.ReadPool(testdata("bad", "pool_unknown_value.csv"), q, sortition.PoolOptions{})
	assert.Contains(t, err.Error(), `"femal" is not a value of gender in the quotas (did you mean "female"?); the values of gender in the quotas are "female", "male"`)
}

func TestReadPoolCollectsAllErrors(t *testing.T) {
	q, err := quota.ReadFile(testdata("bad", "quotas.csv"))
	require.NoError(t, err)
	_, err = sortition.ReadPool(testdata("bad", "pool_many_errors.csv"), q, sortition.PoolOptions{})
	var list *quota.ErrorList
	require.True(t, errors.As(err, &list))
	var got []string
	for _, e := range list.Errs {
		got = append(got, strconv.Itoa(e.Line)+":"+e.Kind.String())
	}
	assert.Equal(t, []string{"3:unknown value", "4:duplicate id", "5:unknown value", "6:empty id"}, got)
}

func TestReadPoolRowNumbersWithoutIDColumn(t *testing.T) {
	q, err := quota.ReadFile(testdata("bad", "quotas.csv"))
	require.NoError(t, err)
	p, err := sortition.ReadPool(testdata("bad", "pool_missing_id_column.csv"), q, sortition.PoolOptions{})
	require.NoError(t, err)
	assert.Equal(t, -1, p.IDColumn)
	assert.Equal(t, []string{"1", "2"}, []string{p.People[0].ID, p.People[1].ID})
	require.Len(t, p.Notices, 1)
	assert.Contains(t, p.Notices[0].String(), "row number")

	p, err = sortition.ReadPool(testdata("bad", "pool_missing_id_column.csv"), q, sortition.PoolOptions{IDColumn: " PERSON"})
	require.NoError(t, err)
	assert.Equal(t, "p2", p.People[1].ID)
	assert.Empty(t, p.Notices)
}

func TestPanelSize(t *testing.T) {
	q, err := quota.ReadFile(testdata("bad", "quotas.csv"))
	require.NoError(t, err)
	p, err := sortition.ReadPool(testdata("bad", "pool_missing_id_column.csv"), q, sortition.PoolOptions{})
	require.NoError(t, err)
	for _, k := range []int{0, -3, 3} {
		err := p.CheckPanelSize(k)
		var ie *quota.InputError
		require.True(t, errors.As(err, &ie), "k=%d", k)
		assert.Equal(t, quota.BadPanelSize, ie.Kind)
		assert.Contains(t, err.Error(), strconv.Itoa(k))
	}
	assert.NoError(t, p.CheckPanelSize(2))
	assert.NoError(t, p.CheckPanelSize(1))
}

func TestExcelVariantsAgree(t *testing.T) {
	q, err := quota.ReadFile(testdata("formats", "quotas_feature_value.csv"))
	require.NoError(t, err)
	want, err := sortition.ReadPool(testdata("formats", "pool.csv"), q, sortition.PoolOptions{})
	require.NoError(t, err)
	for _, file := range []string{"pool_excel_utf8_bom_semicolon_crlf.csv", "pool_excel_windows1252_semicolon_crlf.csv"} {
		t.Run(file, func(t *testing.T) {
			got, err := sortition.ReadPool(testdata("formats", file), q, sortition.PoolOptions{})
			require.NoError(t, err)
			require.Len(t, got.People, len(want.People))
			for i := range want.People {
				assert.Equal(t, want.People[i].ID, got.People[i].ID)
				assert.Equal(t, want.People[i].Values, got.People[i].Values)
				assert.Equal(t, want.People[i].Fields[1], got.People[i].Fields[1], "names keep their accents")
			}
			// The original spelling is kept verbatim.
			assert.Equal(t, "Gender ", got.Header[2])
			assert.Equal(t, "île-de-france ", got.People[0].Fields[3])
		})
	}
}

func TestCounts(t *testing.T) {
	q, err := quota.ReadFile(testdata("example", "quotas.csv"))
	require.NoError(t, err)
	p, err := sortition.ReadPool(testdata("example", "pool.csv"), q, sortition.PoolOptions{})
	require.NoError(t, err)
	counts := p.Counts()
	require.Len(t, counts, len(q.Categories))
	for ci := range q.Categories {
		total := 0
		for _, n := range counts[ci] {
			total += n
		}
		assert.Equal(t, len(p.People), total, q.Categories[ci].Name)
	}
	// Recount one value by hand from the raw fields.
	gi, _ := q.Category("gender")
	fi, _ := q.Categories[gi].Value("female")
	n := 0
	for _, person := range p.People {
		if quota.Key(person.Fields[p.QuotaColumns[gi]]) == "female" {
			n++
		}
	}
	assert.Equal(t, n, counts[gi][fi])
	assert.Empty(t, q.CountingProblems(30, counts))
}
