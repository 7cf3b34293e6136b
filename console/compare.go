package console

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/tirage/tirage/selection"
)

// Comparison prints compare's table: for each objective, the lowest and
// highest probabilities, the Gini coefficient, the geometric mean, the
// share below k/n, the certificate and the time; then the failures.
func Comparison(w io.Writer, poolPath string, inp *selection.Inputs, rows []selection.Comparison) {
	n := len(inp.Pool.People)
	fmt.Fprintf(w, "Pool:   %s, %d people; panel of %d; equal chances would be %s\n\n", poolPath, n, inp.K, Percent(float64(inp.K)/float64(n)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "objective\tlowest\thighest\tGini\tgeometric mean\tbelow k/n\tcertificate\ttime\t")
	for _, c := range rows {
		if c.Err != nil {
			fmt.Fprintf(tw, "%s\t%s\t\t\t\t\t\t%s\t\n", c.Algorithm, "failed", c.Elapsed.Round(1e6))
			continue
		}
		cert := "no"
		switch {
		case c.Certified:
			cert = "yes"
		case c.Estimated:
			cert = "estimated"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\t%s\t%.1f%%\t%s\t%s\t\n", c.Algorithm, Percent(c.Minimum), Percent(c.Maximum), c.Gini,
			Percent(c.GeometricMean), 100*c.BelowEqual, cert, c.Elapsed.Round(1e6))
	}
	tw.Flush()
	for _, c := range rows {
		if c.Err != nil {
			fmt.Fprintf(w, "\n%s: %v\n", c.Algorithm, c.Err)
		}
	}
}
