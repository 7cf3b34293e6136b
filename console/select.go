package console

import (
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"

	"github.com/tirage/tirage/selection"
)

// maxListed is the number of people with zero probability listed by id.
const maxListed = 20

// Summary prints what select did: the pool, the lottery, its uniform
// form, the commitment, the draw, the files written and who cannot be
// selected.
func Summary(w io.Writer, poolPath, dir string, s selection.Summary, files []selection.File) {
	fmt.Fprintf(w, "Pool:     %s, %d people\n", poolPath, s.People)
	fmt.Fprintf(w, "Panel:    %d people\n", s.K)
	fmt.Fprintf(w, "Lottery:  %s over %d panels that meet the quotas\n", s.Algorithm, s.Panels)
	bound := "no optimality certificate for this objective"
	if s.Certified {
		bound = "upper bound " + Percent(s.UpperBound)
	}
	if s.Estimated {
		bound = fmt.Sprintf("estimated from %d runs; %s", s.Runs, bound)
	}
	fmt.Fprintf(w, "          minimum probability of selection %s (%s; equal chances would be %s)\n",
		Percent(s.Minimum), bound, Percent(s.Equal))
	fmt.Fprintf(w, "Uniform:  %d panels, each drawn with probability 1/%d: minimum probability %s, largest change from the exact lottery %.2f percentage points\n",
		s.M, s.M, Percent(s.UniformMinimum), 100*s.MaxShift)
	fmt.Fprintf(w, "Commitment: %s\n", s.Commitment)
	if !s.Drawn {
		fmt.Fprintf(w, "Not drawn: publish the commitment, then run 'tirage draw %s --seed TEXT' once the seed is public.\n", dir)
	} else {
		fmt.Fprintf(w, "Seed:     %s (%s)\n", s.Seed, s.SeedPhrase)
		if s.SeedGenerated {
			fmt.Fprintln(w, "          Not a public seed: nobody else saw it made, so the draw is only as trustworthy as whoever ran tirage.")
		} else {
			fmt.Fprintln(w, "          Committed and drawn in one run, with the seed known: the commitment cannot have been published before the seed existed. For a draw others can check, use --commit-only, publish the commitment, then 'tirage draw'.")
		}
		fmt.Fprintf(w, "Drawn:    panel %d of %d, counting from 0\n", s.Index, s.M)
		if s.Dropout != nil {
			Dropout(w, s.Dropout, s.Alternates, true)
		} else if s.Alternates > 0 {
			fmt.Fprintf(w, "Alternates: %d, ranked, in %s\n", s.Alternates, selection.AlternatesFile)
		}
	}
	Written(w, dir, files)
	if len(s.Zero) == 0 {
		fmt.Fprintln(w, "Nobody has zero probability: everyone in the pool holds at least one ticket of the lottery drawn from.")
		return
	}
	if len(s.Zero) == 1 {
		fmt.Fprintln(w, "\n1 person cannot be selected (probability 0):")
	} else {
		fmt.Fprintf(w, "\n%d people cannot be selected (probability 0):\n", len(s.Zero))
	}
	for j, z := range s.Zero {
		if j == maxListed {
			fmt.Fprintf(w, "  … and %d more (see %s)\n", len(s.Zero)-maxListed, selection.ProbabilitiesFile)
			break
		}
		why := z.Reason.String()
		if z.Reason.IsZero() {
			why = fmt.Sprintf("holds no ticket of the %d panels drawn from (the exact lottery gives them no chance)", s.M)
		}
		fmt.Fprintf(w, "  %s: %s\n", z.ID, why)
	}
}

// Raised prints the notice that the uniform lottery has more panels than
// were asked for, and why.
func Raised(w io.Writer, s selection.Summary) {
	if s.M != s.RequestedPanels {
		fmt.Fprintf(w, "notice: the uniform lottery has %d panels, not %d: %s\n", s.M, s.RequestedPanels, raisedReason(s.RequestedPanels))
	}
}

// GeneratedSeed prints the notice that tirage generated the seed, which
// is not a public seed.
func GeneratedSeed(w io.Writer, seed string) {
	fmt.Fprintf(w, "notice: no --seed given; tirage generated the seed %s on this computer (recorded in %s). It is not a public seed: nobody else saw it made, so the draw is only as trustworthy as whoever ran tirage. For a draw others can trust, commit first (--commit-only), announce the seed's source, then 'tirage draw'.\n", seed, selection.RecordFile)
}

// RequestSeed prints the notice that a JSON request has no seed, and the
// seed used.
func RequestSeed(w io.Writer, seed string) {
	fmt.Fprintf(w, "notice: the request has no seed; using the fresh random seed %s (it is recorded in the audit record)\n", seed)
}

// raisedReason says why the number of panels was raised from requested.
func raisedReason(requested int) string {
	if requested < selection.MinUniformPanels {
		return fmt.Sprintf("the audit format requires at least %d, and more when %d would leave someone with a chance without a ticket, or change someone's chance by more than %d tickets (audit/SPEC.md 3.1)", selection.MinUniformPanels, selection.MinUniformPanels, selection.MaxShiftTickets)
	}
	return fmt.Sprintf("with %d, someone with a chance in the exact lottery would have had no ticket, or a chance changed by more than %d tickets (audit/SPEC.md 3.1); the number of panels is recorded in %s", requested, selection.MaxShiftTickets, selection.RecordFile)
}

// fileNames returns the names of the files, the private ones (outside
// public/) and the public ones (inside it, without the prefix).
func fileNames(files []selection.File) (private, public []string) {
	for _, f := range files {
		if rest, ok := strings.CutPrefix(f.Name, selection.PublicDir+"/"); ok {
			public = append(public, rest)
		} else {
			private = append(private, path.Clean(f.Name))
		}
	}
	return private, public
}

// Written prints where the files went: the private ones, and the
// public folder to publish.
func Written(w io.Writer, dir string, files []selection.File) {
	private, public := fileNames(files)
	fmt.Fprintf(w, "Written:  %s: %s (private: the pool's columns, names and contacts included)\n", dir, strings.Join(private, ", "))
	fmt.Fprintf(w, "Publish:  %s: %s (ids and quota values only)\n", filepath.Join(dir, selection.PublicDir), strings.Join(public, ", "))
}
