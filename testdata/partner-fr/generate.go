//go:build ignore

// Command generate writes the French partner test data of this folder: a
// pool of 400 fictitious volunteers as a French partner keeps it, and its
// quotas, in every form tirage must read the same way.
//
// Usage (from the repository root):
//
//	go run testdata/partner-fr/generate.go
//
// It writes, byte for byte the same on every run:
//
//	pool.csv           UTF-8 with a byte-order mark, semicolons, CRLF (Excel "CSV UTF-8")
//	pool-cp1252.csv    the same in Windows-1252 (Excel "CSV (séparateur : point-virgule)")
//	quotas.csv         French headers, UTF-8 with BOM, semicolons, CRLF; shares
//	                   as percentages for some categories, min and max for others
//	partenaire.xlsx    a workbook: the sheets "Lisez-moi", "Volontaires" (the
//	                   pool) and "Quotas" (the quotas), ages and bounds as numbers
//
// The pool records ages in years; the quotas are on age bands. The pool's
// column is "Tranche d'âge" (straight apostrophe) and the quotas' category
// "Tranche d’âge" (curly); the quotas write "CAP–BEP" with an en dash where
// the pool has "CAP-BEP". Volunteers who share an address are households.
package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

const (
	people = 400
	dir    = "testdata/partner-fr"
)

var (
	firstF  = []string{"Amélie", "Chloé", "Élodie", "Françoise", "Hélène", "Inès", "Léa", "Maëlle", "Noémie", "Zoé", "Agnès", "Béatrice", "Cécile", "Geneviève", "Mélanie"}
	firstM  = []string{"André", "Benoît", "Céline", "Denis", "Émile", "François", "Gérard", "Hervé", "Jérôme", "Loïc", "Mathéo", "Noël", "Raphaël", "Sébastien", "Thaïs"}
	last    = []string{"Lefèvre", "Müller", "Gauthier", "Bérénger", "Dupré", "Lemaître", "N'Diaye", "Le Goff", "Béranger", "Ferré", "Chevalier", "Faure", "Mercier", "Perrin", "Rousseau", "Ben Saïd", "O'Neill", "Da Silva"}
	streets = []string{"rue de la Paix", "avenue Jean-Jaurès", "place de l'Église", "boulevard Voltaire", "chemin des Écoliers", "allée des Châtaigniers", "rue Émile-Zola"}
	regions = []struct {
		name    string
		weight  int
		commune string
		postal  int
	}{
		{"Île-de-France", 30, "Saint-Denis", 93200},
		{"Auvergne-Rhône-Alpes", 20, "Lyon", 69003},
		{"Hauts-de-France", 15, "Lille", 59000},
		{"Occitanie", 15, "Béziers", 34500},
		{"Autres régions", 20, "Besançon", 25000},
	}
	diplomas = []struct {
		name   string
		weight int
	}{{"Aucun diplôme", 15}, {"CAP-BEP", 25}, {"Baccalauréat", 25}, {"Supérieur", 35}}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func main() {
	r := rand.New(rand.NewPCG(2026, 13))
	header := []string{"id", "Nom", "Prénom", "Courriel", "Adresse", "Code postal", "Commune", "Genre", "Tranche d'âge", "Région", "Diplôme"}
	var rows [][]string
	for i := range people {
		female := r.IntN(100) < 55
		first := pick(r, firstM)
		genre := "Homme"
		if female {
			first, genre = pick(r, firstF), "Femme"
		}
		name := pick(r, last)
		reg := regions[weighted(r, len(regions), func(j int) int { return regions[j].weight })]
		dip := diplomas[weighted(r, len(diplomas), func(j int) int { return diplomas[j].weight })]
		age := 16 + r.IntN(75)
		if r.IntN(100) < 30 {
			age = 55 + r.IntN(30) // older people volunteer more
		}
		address := fmt.Sprintf("%d %s", 1+r.IntN(120), pick(r, streets))
		postal := strconv.Itoa(reg.postal + r.IntN(8))
		if i%40 == 39 { // one in forty lives with the previous volunteer
			prev := rows[len(rows)-1]
			address, postal, reg.commune = prev[4], prev[5], prev[6]
			reg.name = prev[9]
		}
		email := strings.ToLower(asciiFold(first+"."+strings.ReplaceAll(strings.ReplaceAll(name, " ", ""), "'", ""))) + fmt.Sprintf("%d@exemple.fr", i%7)
		rows = append(rows, []string{fmt.Sprintf("V%03d", i+1), name, first, email, address, postal, reg.commune, genre, strconv.Itoa(age), reg.name, dip.name})
	}
	quotaHeader := []string{"catégorie", "valeur", "min", "max", "part", "tolérance"}
	quotas := [][]string{
		{"Genre", "Femme", "", "", "50 %", "1"},
		{"Genre", "Homme", "", "", "50 %", "1"},
		{"Tranche d’âge", "16-29 ans", "4", "8", "", ""},
		{"Tranche d’âge", "30 à 44 ans", "4", "8", "", ""},
		{"Tranche d’âge", "45 à 59 ans", "5", "9", "", ""},
		{"Tranche d’âge", "60 à 74 ans", "5", "9", "", ""},
		{"Tranche d’âge", "75 ans et plus", "1", "5", "", ""},
		{"Région", "Île-de-France", "", "", "27,5 %", "1"},
		{"Région", "Auvergne-Rhône-Alpes", "", "", "17,5 %", "1"},
		{"Région", "Hauts-de-France", "", "", "15 %", "1"},
		{"Région", "Occitanie", "", "", "15 %", "1"},
		{"Région", "Autres régions", "", "", "25 %", "1"},
		{"Diplôme", "Aucun diplôme", "3", "7", "", ""},
		{"Diplôme", "CAP–BEP", "5", "10", "", ""},
		{"Diplôme", "Baccalauréat", "5", "10", "", ""},
		{"Diplôme", "Supérieur", "7", "12", "", ""},
	}
	utf8 := excelCSV(header, rows)
	write("pool.csv", append([]byte("\ufeff"), utf8...))
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes(utf8)
	if err != nil {
		log.Fatal(err)
	}
	write("pool-cp1252.csv", cp1252)
	write("quotas.csv", append([]byte("\ufeff"), excelCSV(quotaHeader, quotas)...))
	write("partenaire.xlsx", workbook(header, rows, quotaHeader, quotas))
}

// weighted draws an index with probability proportional to its weight.
func weighted(r *rand.Rand, n int, w func(int) int) int {
	total := 0
	for j := range n {
		total += w(j)
	}
	x := r.IntN(total)
	for j := range n {
		if x -= w(j); x < 0 {
			return j
		}
	}
	return n - 1
}

// asciiFold drops the accents of the letters used above, for e-mails.
func asciiFold(s string) string {
	return strings.NewReplacer("é", "e", "è", "e", "ë", "e", "ê", "e", "à", "a", "ï", "i", "î", "i", "ô", "o", "ü", "u", "ç", "c", "É", "E", "Î", "I").Replace(s)
}

// excelCSV writes the table as Excel's French CSV: semicolons, CRLF.
func excelCSV(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = ';', true
	w.Write(header)
	w.WriteAll(rows)
	return b.Bytes()
}

// workbook writes the pool and the quotas as sheets of one workbook, with
// numbers (ages, bounds, postcodes) as numbers and shares as percentages.
func workbook(header []string, rows [][]string, quotaHeader []string, quotas [][]string) []byte {
	f := excelize.NewFile()
	defer f.Close()
	must(f.SetSheetName("Sheet1", "Lisez-moi"))
	must(f.SetCellValue("Lisez-moi", "A1", "Volontaires du panel citoyen (données fictives)"))
	for _, s := range []string{"Volontaires", "Quotas"} {
		if _, err := f.NewSheet(s); err != nil {
			log.Fatal(err)
		}
	}
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	must(err)
	put := func(sheet string, r int, row []string, numeric func(c int) bool) {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if n, err := strconv.Atoi(v); err == nil && numeric(c) {
				must(f.SetCellValue(sheet, cell, n))
			} else if strings.HasSuffix(v, "%") {
				x, _ := strconv.ParseFloat(strings.TrimSpace(strings.Replace(strings.TrimSuffix(v, "%"), ",", ".", 1)), 64)
				must(f.SetCellValue(sheet, cell, x/100))
				must(f.SetCellStyle(sheet, cell, cell, percent))
			} else if v != "" {
				must(f.SetCellValue(sheet, cell, v))
			}
		}
	}
	put("Volontaires", 0, header, func(int) bool { return false })
	for i, row := range rows {
		put("Volontaires", i+1, row, func(c int) bool { return header[c] == "Tranche d'âge" || header[c] == "Code postal" })
	}
	put("Quotas", 0, quotaHeader, func(int) bool { return false })
	for i, row := range quotas {
		put("Quotas", i+1, row, func(c int) bool { return c >= 2 })
	}
	// Fixed document times, so that the bytes do not change between runs.
	epoch := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	must(f.SetDocProps(&excelize.DocProperties{Created: epoch.Format(time.RFC3339), Modified: epoch.Format(time.RFC3339), Creator: "tirage"}))
	var b bytes.Buffer
	must(f.Write(&b))
	return b.Bytes()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func write(name string, data []byte) {
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		log.Fatal(err)
	}
}
