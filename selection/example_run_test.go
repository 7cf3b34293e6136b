package selection_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"testing/fstest"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/quota"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/sortition"
)

// A whole selection from the bundled example, as tirage select makes it:
// read the quotas and the pool, run the selection, make the files of its
// folder, and verify its public files as an auditor would.
func ExampleRun_verified() {
	ctx := context.Background()
	poolPath, quotaPath := "../testdata/example/pool.csv", "../testdata/example/quotas.csv"
	q, err := quota.ReadFile(quotaPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	pool, err := sortition.ReadPool(poolPath, q, sortition.PoolOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	poolFile, err := audit.HashFile(poolPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	quotaFile, err := audit.HashFile(quotaPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	result, err := selection.Run(ctx, selection.Input{
		Pool: pool, PoolFile: poolFile, QuotaFile: quotaFile, K: 30,
		Seed: "7.19.23.38.44./3.11./", SeedKind: audit.SeedNumbers,
		SeedSource: "EuroMillions draw of Friday 24 April 2026: the five main numbers, then the two stars",
		Tool:       audit.Tool{Name: "my-platform", Version: "1.0"},
		Now:        func() time.Time { return time.Date(2026, 4, 24, 20, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Printf("%s lottery over %d panels: everyone has at least %.1f%%\n", result.Lottery.Algorithm, result.Uniform.M, 100*result.Uniform.Minimum)
	fmt.Println("drawn: a panel of", len(result.Record.Draw.Selected))

	files, err := selection.Files(result.Record, pool, report.English)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	folder := fstest.MapFS{}
	for _, f := range files {
		folder[f.Name] = &fstest.MapFile{Data: f.Content}
	}
	public, err := fs.Sub(folder, "public")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	failed := 0
	for _, c := range audit.Verify(ctx, audit.VerifyInput{Dir: public}) {
		if !c.OK {
			failed++
		}
	}
	fmt.Println("public files verified, failed checks:", failed)
	// Output:
	// leximin lottery over 1000 panels: everyone has at least 12.2%
	// drawn: a panel of 30
	// public files verified, failed checks: 0
}
