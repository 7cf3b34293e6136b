package web

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// WarmUp makes a small selection (a made-up pool of 200 people in 5 categories, k = 30, as the example) and
// throws it away. The WebAssembly build runs it as soon as the engine is
// loaded, while the user chooses the files: the browser compiles a module's
// functions quickly first and optimises those that run often, so that the
// first real selection, without it, runs several times slower than the
// next ones.
func (a *API) WarmUp(ctx context.Context) error {
	var pool, quotas strings.Builder
	categories := []struct {
		name   string
		values []string
		min    int
		max    int
	}{
		{"gender", []string{"female", "male"}, 13, 17},
		{"age", []string{"16-29", "30-44", "45-59", "60+"}, 6, 9},
		{"education", []string{"none", "primary", "secondary"}, 8, 12},
		{"area", []string{"urban", "rural"}, 12, 18},
		{"region", []string{"north", "south", "east", "west", "centre"}, 4, 8},
	}
	pool.WriteString("id")
	quotas.WriteString("feature,value,min,max\n")
	for _, c := range categories {
		pool.WriteString("," + c.name)
		for _, v := range c.values {
			fmt.Fprintf(&quotas, "%s,%s,%d,%d\n", c.name, v, c.min, c.max)
		}
	}
	pool.WriteString("\n")
	for i := range 200 {
		fmt.Fprintf(&pool, "w%03d", i)
		for j, c := range categories {
			fmt.Fprintf(&pool, ",%s", c.values[(i*(2*j+1)+i/(j+5)+i*i%(j+7))%len(c.values)])
		}
		pool.WriteString("\n")
	}
	req, err := json.Marshal(SelectRequest{
		Inputs: Inputs{Pool: File{Name: "pool.csv", Data: []byte(pool.String())}, Quotas: File{Name: "quotas.csv", Data: []byte(quotas.String())}, K: 30},
		Seed:   Seed{Text: "warm-up"},
	})
	if err != nil {
		return err
	}
	_, err = a.Call(ctx, "select", req, nil)
	return err
}
