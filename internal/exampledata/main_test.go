package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, _, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// TestCheckedInFilesAreUpToDate fails when testdata/example was edited by hand
// or the generator changed without regenerating the files.
func TestCheckedInFilesAreUpToDate(t *testing.T) {
	files, _, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", "testdata", "example", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/example/%s is stale: run go run ./internal/exampledata -out testdata/example", name)
		}
	}
}

func TestPoolShape(t *testing.T) {
	files, _, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(files["pool.csv"]), "\n"), "\n")
	if lines[0] != "id,first_name,last_name,email,address1,postcode,gender,age,education,literacy,area,region" {
		t.Errorf("header %q", lines[0])
	}
	if len(lines) != poolSize+1 {
		t.Errorf("%d data rows, want %d", len(lines)-1, poolSize)
	}
	if bytes.Contains(files["pool.csv"], []byte("\r")) {
		t.Error("pool.csv has CR characters")
	}
}

// The search must prove infeasibility, not just give up, on small pools.
func TestCheckFeasibleDetectsInfeasibility(t *testing.T) {
	d := drawPool(baseSeed)
	pool := d.profiles()
	q := quotasFromShares(shares(false), panelSize)

	tooMany := q
	tooMany[catGender] = append([]bound(nil), q[catGender]...)
	tooMany[catGender][genderNonbinary] = bound{poolCounts(pool)[catGender][genderNonbinary] + 1, 30}
	if _, err := checkFeasible(pool, tooMany, panelSize, nodeBudget); err == nil ||
		strings.Contains(err.Error(), "search nodes") {
		t.Errorf("unmeetable minimum: got %v, want a proof of infeasibility", err)
	}

	none := q
	none[catGender] = append([]bound(nil), q[catGender]...)
	none[catGender][genderNonbinary] = bound{0, 0}
	if _, err := checkFeasible(pool, none, panelSize, nodeBudget); err == nil ||
		!strings.Contains(err.Error(), "in no feasible panel") {
		t.Errorf("nonbinary capped at 0: got %v, want an unselectable type", err)
	}
}

// A pool where every single category can be met but not all at once: the
// search has to branch to prove that.
func TestCheckFeasibleNeedsSearch(t *testing.T) {
	a := profile{genderFemale, 0, 0, 0, areaUrban, 0}
	b := profile{1, 0, 0, 0, areaRural, 0}
	var pool []profile
	for range 5 {
		pool = append(pool, a, b)
	}
	const k = 4
	var q bounds
	for c := range categories {
		q[c] = make([]bound, len(categories[c].values))
		for v := range q[c] {
			q[c][v] = bound{0, k}
		}
	}
	q[catGender][genderFemale] = bound{2, k}
	q[catArea][areaUrban] = bound{0, 1}
	if _, err := checkFeasible(pool, q, k, nodeBudget); err == nil ||
		strings.Contains(err.Error(), "search nodes") {
		t.Errorf("got %v, want a proof of infeasibility", err)
	}
	q[catArea][areaUrban] = bound{0, 2}
	if res, err := checkFeasible(pool, q, k, nodeBudget); err != nil || res.verified != len(pool) {
		t.Errorf("got %+v, %v, want every volunteer in a verified panel", res, err)
	}
}
