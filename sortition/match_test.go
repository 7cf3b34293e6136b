package sortition_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/tirage/tirage/internal/testpool"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/sortition"
)

// frenchQuotas is a quota file as a French partner writes it.
const frenchQuotas = "catégorie;valeur;min;max\r\n" +
	"Genre;Femme;2;3\r\n" + // line 2
	"Genre;Homme;2;3\r\n" +
	"Diplôme;Aucun;0;5\r\n" + // line 4
	"Diplôme;Bac;0;5\r\n" +
	"Diplôme;Supérieure;0;5\r\n" + // line 6
	"Tranche d'âge;16-29;1;3\r\n" + // line 7
	"Tranche d'âge;30 à 59 ans;1;3\r\n" +
	"Tranche d'âge;60 ans et plus;1;3\r\n"

// frenchPool returns a pool of n people whose diploma and age are given by
// the functions of the row (0-based); the header's age column is ageHeader.
func frenchPool(n int, ageHeader string, diploma func(int) string, age func(int) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "id;Genre;Diplôme;%s\r\n", ageHeader)
	for i := range n {
		g := "Femme"
		if i%2 == 1 {
			g = "Homme"
		}
		fmt.Fprintf(&b, "p%d;%s;%s;%s\r\n", i+1, g, diploma(i), age(i))
	}
	return b.String()
}

func cycle(values ...string) func(int) string {
	return func(i int) string { return values[i%len(values)] }
}

func parseFrench(t *testing.T, quotas, pool string) (*sortition.Pool, *quota.ErrorList) {
	t.Helper()
	q := testpool.Quotas(t, quotas)
	p, err := sortition.ParsePool("pool.csv", []byte(pool), q, sortition.PoolOptions{})
	if err == nil {
		return p, nil
	}
	var list *quota.ErrorList
	require.True(t, errors.As(err, &list), "%v", err)
	return nil, list
}

func TestErrorsAtTheirCause(t *testing.T) {
	ages := cycle("17", "34", "71", "45")
	tests := []struct {
		name       string
		quotas     string
		pool       string
		file       string
		line       int
		column     string
		kind       quota.ErrorKind
		message    string
		totalLines int // the number of errors kept
	}{
		{
			name:   "quota value misspelt: one error on the quota file's line",
			quotas: frenchQuotas,
			pool:   frenchPool(400, "Tranche d'âge", cycle("Aucun", "Bac", "Supérieur", "Bac"), ages),
			file:   "quotas.csv", line: 6, column: "valeur", kind: quota.ValueNotInPool,
			message:    `nobody in the pool has Diplôme "Supérieure"; did you mean "Supérieur"? 100 people in the pool have that value (column "Diplôme", lines 4, 8, 12, 16, 20 and 95 more), which is not in the quotas`,
			totalLines: 1,
		},
		{
			name:   "category name misspelt: one error on the quota file's line with the closest column",
			quotas: frenchQuotas,
			pool:   frenchPool(40, "Tranche d'age", cycle("Aucun", "Bac", "Supérieure"), ages),
			file:   "quotas.csv", line: 7, column: "catégorie", kind: quota.UnknownCategory,
			message:    `the pool has no column "Tranche d'âge" for this quota category (did you mean "Tranche d'age"?); its columns are: "id", "Genre", "Diplôme", "Tranche d'age"`,
			totalLines: 1,
		},
		{
			name:   "pool value not in the quotas: one error with its count, values listed once",
			quotas: frenchQuotas,
			pool:   frenchPool(40, "Tranche d’âge", cycle("Aucun", "Bac", "Supérieure", "CAP", "BEP"), ages),
			file:   "pool.csv", line: 5, column: "Diplôme", kind: quota.UnknownValue,
			message:    `"CAP" is not a value of Diplôme in the quotas; 8 lines have it (lines 5, 10, 15, 20, 25 and 3 more); the values of Diplôme in the quotas are "Aucun", "Bac", "Supérieure"`,
			totalLines: 2,
		},
		{
			name:   "age in no band",
			quotas: strings.Replace(frenchQuotas, "16-29", "18-29", 1),
			pool:   frenchPool(40, "Tranche d’âge", cycle("Aucun", "Bac", "Supérieure"), ages),
			file:   "pool.csv", line: 2, column: "Tranche d’âge", kind: quota.NoBand,
			message:    `17 is in none of the bands of Tranche d'âge in the quotas ("18-29": 18 to 29, "30 à 59 ans": 30 to 59, "60 ans et plus": 60 or more); add a band for it, or take this person out of the pool`,
			totalLines: 5,
		},
		{
			name:   "age in two bands",
			quotas: strings.Replace(frenchQuotas, "16-29", "16-30", 1),
			pool:   frenchPool(8, "Tranche d’âge", cycle("Aucun", "Bac", "Supérieure"), cycle("30", "34", "71", "45")),
			file:   "pool.csv", line: 2, column: "Tranche d’âge", kind: quota.TwoBands,
			message:    `30 is in two bands of Tranche d'âge, "16-30" (quota file line 7) and "30 à 59 ans" (line 8); bands must not overlap`,
			totalLines: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, list := parseFrench(t, tt.quotas, tt.pool)
			require.NotNil(t, list)
			e := list.Errs[0]
			assert.Equal(t, tt.file, e.File)
			assert.Equal(t, tt.line, e.Line)
			assert.Equal(t, tt.column, e.Column)
			assert.Equal(t, tt.kind, e.Kind)
			assert.Equal(t, tt.message, strings.TrimPrefix(e.Error(), e.Error()[:strings.Index(e.Error(), ": ")+2]))
			assert.Len(t, list.Errs, tt.totalLines, list.Error())
		})
	}
}

func TestBandsPlaceNumbers(t *testing.T) {
	p, list := parseFrench(t, frenchQuotas, frenchPool(6, "TRANCHE D’ÂGE", cycle("Aucun", "Bac", "Supérieure"), cycle("16", "29", "30", "59", "60", "104")))
	require.Nil(t, list)
	var got []string
	for _, person := range p.People {
		got = append(got, p.Quotas.Categories[2].Values[person.Values[2]].Name)
	}
	assert.Equal(t, []string{"16-29", "16-29", "30 à 59 ans", "30 à 59 ans", "60 ans et plus", "60 ans et plus"}, got)
	assert.Equal(t, []int{2, 2, 2}, p.Counts()[2])

	// A pool that already holds the bands' names is read as before.
	p, list = parseFrench(t, frenchQuotas, frenchPool(3, "Tranche d'âge", cycle("Bac"), cycle("16-29", "30 à 59 ans", "60 ANS ET PLUS")))
	require.Nil(t, list)
	assert.Equal(t, []int{1, 1, 1}, p.Counts()[2])
}

func TestPoolErrorsAreBounded(t *testing.T) {
	// A 1 MB value in the quotas, and thousands of rows each with another
	// bad value, an empty id or a value with no band.
	huge := strings.Repeat("Supérieure", 100_000)
	quotas := strings.Replace(frenchQuotas, "Supérieure", huge, 1)
	pool := frenchPool(5000, "Tranche d'âge", func(i int) string { return fmt.Sprintf("Diplôme n°%d %s", i, strings.Repeat("x", i%1000)) }, func(i int) string { return fmt.Sprint(i % 16) })
	pool = strings.Replace(pool, "p7;", ";", 1)
	_, list := parseFrench(t, quotas, pool)
	require.NotNil(t, list)
	out := list.Error()
	assert.Less(t, len(out), 20_000, "%d bytes", len(out))
	assert.LessOrEqual(t, len(list.Errs), quota.MaxErrors)
	assert.Greater(t, list.Count(), 10_000-10, out)
}

// TestUnknownValueInAWorkbookSaysRows: in a workbook's sheet, the lines
// that have a value the quotas do not know are rows, as the place of the
// error is (message.InputSheetRow), in English and in French.
func TestUnknownValueInAWorkbookSaysRows(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	csv := frenchPool(40, "Tranche d’âge", cycle("Aucun", "Bac", "Supérieure", "CAP", "BEP"), cycle("17", "34", "71", "45"))
	for r, line := range strings.Split(strings.TrimSuffix(csv, "\r\n"), "\r\n") {
		for c, v := range strings.Split(line, ";") {
			cell, err := excelize.CoordinatesToCellName(c+1, r+1)
			require.NoError(t, err)
			require.NoError(t, f.SetCellStr("Sheet1", cell, v))
		}
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	_, err := sortition.ParsePool("pool.xlsx", buf.Bytes(), testpool.Quotas(t, frenchQuotas), sortition.PoolOptions{})
	var list *quota.ErrorList
	require.True(t, errors.As(err, &list), "%v", err)
	e := list.Errs[0]
	assert.Equal(t, `"CAP" is not a value of Diplôme in the quotas; 8 rows have it (rows 5, 10, 15, 20, 25 and 3 more); the values of Diplôme in the quotas are "Aucun", "Bac", "Supérieure"`, e.Message(message.English))
	assert.Equal(t, `"CAP" n'est pas une valeur de Diplôme dans les quotas ; 8 lignes de la feuille l'ont (lignes 5, 10, 15, 20, 25 et 3 autres) ; les valeurs de Diplôme dans les quotas sont "Aucun", "Bac", "Supérieure"`, e.Message(message.French))
}
