package selection_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing/fstest"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/selection"
)

// A platform sends the pool and the quotas as JSON and reads the result.
// Two women and one man, a panel of 2 with one of each: the man is on every
// panel, each woman on half of them.
func ExampleHandleJSON() {
	request := `{
	  "pool": [
	    {"id": "a", "name": "Ana", "gender": "female"},
	    {"id": "b", "name": "Bea", "gender": "female"},
	    {"id": "c", "name": "Cem", "gender": "male"}
	  ],
	  "quotas": [
	    {"feature": "gender", "value": "female", "min": 1, "max": 1},
	    {"feature": "gender", "value": "male", "min": 1, "max": 1}
	  ],
	  "k": 2,
	  "seed": "announced in advance"
	}`
	var out strings.Builder
	code := selection.HandleJSON(context.Background(), strings.NewReader(request), &out, selection.Env{
		Tool: audit.Tool{Name: "my-platform", Version: "1.0"},
		Now:  func() time.Time { return time.Date(2026, 4, 24, 12, 0, 0, 0, time.UTC) },
	})
	var result struct {
		Selected      []string
		Probabilities map[string]float64
		Audit         struct{ Draw struct{ Seed string } }
	}
	if err := json.Unmarshal([]byte(out.String()), &result); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Println("exit code", code)
	fmt.Println("panel of", len(result.Selected), "with c:", strings.Contains(strings.Join(result.Selected, " "), "c"))
	fmt.Println("probabilities", result.Probabilities["a"], result.Probabilities["b"], result.Probabilities["c"])
	fmt.Println("seed", result.Audit.Draw.Seed)

	// A request with a mistake gives an error object and its exit code.
	out.Reset()
	code = selection.HandleJSON(context.Background(), strings.NewReader(strings.Replace(request, `"male"}`, `"mal"}`, 1)), &out, selection.Env{})
	fmt.Print(code, " ", out.String())
	// Output:
	// exit code 0
	// panel of 2 with c: true
	// probabilities 0.5 0.5 1
	// seed announced in advance
	// 2 {"error":{"code":2,"message":"pool[2], column \"gender\": \"mal\" is not a value of gender in the quotas (did you mean \"male\"?); the values of gender in the quotas are \"female\", \"male\"","problems":[{"where":"pool[2]","column":"gender","value":"mal","kind":"unknown-value","suggestion":"male","message":"\"mal\" is not a value of gender in the quotas (did you mean \"male\"?); the values of gender in the quotas are \"female\", \"male\""}]}}
}

// The pool and quota files of the examples: two women and one man, a
// panel of 2 with one of each.
var (
	examplePool   = selection.File{Name: "pool.csv", Content: []byte("id,gender\na,female\nb,female\nc,male\n")}
	exampleQuotas = selection.File{Name: "quotas.csv", Content: []byte("feature,value,min,max\ngender,female,1,1\ngender,male,1,1\n")}
	exampleTime   = func() time.Time { return time.Date(2026, 4, 24, 12, 0, 0, 0, time.UTC) }
)

// Run computes the lottery of a pool already read, commits to it and draws
// the panel: the man is on every panel, each woman on half of them.
func ExampleRun() {
	in, err := selection.ReadInputs(examplePool, exampleQuotas, 2, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := selection.Run(context.Background(), selection.Input{
		Pool: in.Pool, PoolFile: in.PoolFile, QuotaFile: in.QuotaFile, K: in.K,
		Seed: "announced in advance",
		Tool: selection.Tool{Name: "my-platform", Version: "1.0"},
		Now:  exampleTime,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("probabilities", res.Lottery.Marginals)
	fmt.Println("uniform lottery of", res.Uniform.M, "panels; panel", res.Record.Draw.Index, "drawn:", res.Record.Draw.Selected)
	// Output:
	// probabilities [0.5 0.5 1]
	// uniform lottery of 1000 panels; panel 94 drawn: [b c]
}

// The whole select workflow from the files' bytes: read the inputs, make
// sure the quotas can be met, select, and get the files of the selection
// folder, which Verify then checks.
func ExampleSelectFrom() {
	ctx := context.Background()
	in, err := selection.ReadInputs(examplePool, exampleQuotas, 2, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	in, relaxed, err := selection.Prepare(ctx, in, nil, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	sel, err := selection.SelectFrom(ctx, in, selection.SelectOptions{
		Seed: "announced in advance",
		Tool: selection.Tool{Name: "my-platform", Version: "1.0"},
		Now:  exampleTime,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := sel.Summary
	fmt.Println("relaxed:", relaxed != nil)
	fmt.Printf("%s, minimum probability %.2f, panel %d of %d\n", s.Algorithm, s.Minimum, s.Index, s.M)
	folder := fstest.MapFS{}
	for _, f := range sel.Files[:4] {
		fmt.Println(f.Name)
	}
	for _, f := range sel.Files {
		folder[f.Name] = &fstest.MapFile{Data: f.Content}
	}
	v := selection.Verify(ctx, selection.VerifyInput{Dir: selection.Dir{Name: "out", FS: folder}, Pool: &examplePool, Quotas: &exampleQuotas})
	fmt.Println("verified:", v.Verified(), len(v.Checks), "checks")
	// Output:
	// relaxed: false
	// leximin, minimum probability 0.50, panel 94 of 1000
	// probabilities.csv
	// receipts.csv
	// panel.csv
	// remaining.csv
	// verified: true 22 checks
}

// A committed lottery is drawn later, once the seed is public.
func ExampleDraw() {
	ctx := context.Background()
	in, _ := selection.ReadInputs(examplePool, exampleQuotas, 2, "")
	sel, err := selection.SelectFrom(ctx, in, selection.SelectOptions{CommitOnly: true, NoFiles: true, Now: exampleTime})
	if err != nil {
		fmt.Println(err)
		return
	}
	record, _ := sel.Record.MarshalIndent() // audit.json, as published
	committed, err := selection.ReadCommitted(record)
	if err != nil {
		fmt.Println(err)
		return
	}
	files, err := selection.Draw(committed, selection.DrawInput{Pool: examplePool, Seed: "announced in advance", Now: exampleTime})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(files), "files; panel", committed.Record.Draw.Index, committed.Record.Draw.Selected)
	_, err = selection.Draw(committed, selection.DrawInput{Pool: examplePool, Seed: "again"})
	fmt.Println(err)
	// Output:
	// 13 files; panel 588 [b c]
	// cannot draw: the lottery has already been drawn
}
