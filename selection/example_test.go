package selection_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
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
