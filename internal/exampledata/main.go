// Command exampledata generates the bundled example data of tirage: a pool of
// 200 fake volunteers and quotas for a panel of 30, in testdata/example.
//
// Usage (from the repository root):
//
//	go run ./internal/exampledata -out testdata/example
//
// It writes pool.csv, quotas.csv (the current feature,value,min,max format),
// quotas_category_name.csv and quotas_category_feature.csv (the same bounds in
// two older dialects) and README.md.
//
// The pool comes from a small synthetic model, like the benchmark instances in
// shared/instances: a census-like population with correlated categories, and a
// simulated invitation lottery in which educated, older, urban and literate
// people volunteer more often. The quotas are derived from the population
// shares, not from the pool, so they correct the pool's skew.
//
// Each draw uses a local PCG source seeded with baseSeed+attempt. A draw is
// kept only if the pool has the required rare groups, enough quotas bind, and
// an exact check finds witness panels: one panel of 30 that meets every bound,
// and for every volunteer a verified panel that contains them. Otherwise the
// next seed is tried. The output is byte for byte reproducible; the seed used
// is printed.
package main

import (
	"flag"
	"fmt"
	"log"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

const (
	poolSize    = 200
	panelSize   = 30
	pairs       = 3 // households of two: 6 people, 3% of the pool
	baseSeed    = 2026
	pcgStream   = 0x7469726167650001 // "tirage" plus 1
	maxAttempts = 200
	nodeBudget  = 2_000_000 // search nodes per witness search
)

func main() {
	out := flag.String("out", "testdata/example", "output folder")
	flag.Parse()
	files, summary, err := generate()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := os.WriteFile(filepath.Join(*out, name), files[name], 0o644); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Print(summary)
}

// generate draws pools until one passes every check and returns the file
// contents by name and a human-readable summary.
func generate() (map[string][]byte, string, error) {
	popShare := shares(false)
	q := quotasFromShares(popShare, panelSize)
	if err := checkQuotaSums(q, panelSize); err != nil {
		return nil, "", err
	}
	var rejected []string
	for attempt := range maxAttempts {
		seed := uint64(baseSeed + attempt)
		d := drawPool(seed)
		profiles := d.profiles()
		if name := missingName(d.people); name != "" {
			rejected = append(rejected, fmt.Sprintf("seed %d rejected: nobody is called %s", seed, name))
			continue
		}
		if reason := checkPool(profiles, q); reason != "" {
			rejected = append(rejected, fmt.Sprintf("seed %d rejected: %s", seed, reason))
			continue
		}
		feas, err := checkFeasible(profiles, q, panelSize, nodeBudget)
		if err != nil {
			rejected = append(rejected, fmt.Sprintf("seed %d rejected: %v", seed, err))
			continue
		}
		files := map[string][]byte{
			"pool.csv":                    poolCSV(d.people),
			"quotas.csv":                  quotasCSV(q, "feature,value,min,max"),
			"quotas_category_name.csv":    quotasCSV(q, "category,name,min,max"),
			"quotas_category_feature.csv": quotasCSV(q, "category,feature,min,max"),
			"README.md":                   readme(profiles, popShare, q, seed),
		}
		var sum string
		for _, l := range rejected {
			sum += l + "\n"
		}
		sum += fmt.Sprintf("seed %d accepted after %d rejected draw(s); %d invitations sent\n",
			seed, attempt, d.invitations)
		sum += fmt.Sprintf("feasibility: %d distinct profiles, %d witness panels (%d search nodes), "+
			"%d/%d volunteers each in a verified panel of %d\n",
			feas.types, feas.witnesses, feas.nodes, feas.verified, len(profiles), panelSize)
		sum += summaryTable(profiles, popShare, q)
		return files, sum, nil
	}
	return nil, "", fmt.Errorf("no acceptable draw in %d attempts", maxAttempts)
}
