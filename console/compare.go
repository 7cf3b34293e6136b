package console

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// Comparison prints compare's table in the language: for each objective,
// the lowest and highest probabilities, the Gini coefficient, the
// geometric mean, the share below k/n, the certificate and the time; then
// the failures.
func Comparison(w io.Writer, lang message.Lang, poolPath string, inp *selection.Inputs, rows []selection.Comparison) {
	n := len(inp.Pool.People)
	say(w, lang, message.CLIComparePool, "file", poolPath, "n", n, "k", inp.K, "equal", Percent(float64(inp.K)/float64(n), lang))
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\t\n", text(lang, message.CLICompareHeader))
	for _, c := range rows {
		if c.Err != nil {
			fmt.Fprintf(tw, "%s\t%s\t\t\t\t\t\t%s\t\n", c.Algorithm, text(lang, message.CLIFailed), c.Elapsed.Round(1e6))
			continue
		}
		cert := message.CLINo
		switch {
		case c.Certified:
			cert = message.CLIYes
		case c.Estimated:
			cert = message.CLIEstimatedWord
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", c.Algorithm, Percent(c.Minimum, lang), Percent(c.Maximum, lang), message.Decimal(c.Gini, 3, lang),
			Percent(c.GeometricMean, lang), message.Percent(c.BelowEqual, 1, lang), text(lang, cert), c.Elapsed.Round(1e6))
	}
	tw.Flush()
	for _, c := range rows {
		if c.Err != nil {
			fmt.Fprintf(w, "\n%s: %s\n", c.Algorithm, message.In(c.Err, lang))
		}
	}
}
