package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tirage/tirage/selection"
)

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressPrinter renders a long computation's progress on stderr. Nothing
// is shown during the first second. On a terminal, a single line is
// rewritten in place (at most ten times a second); elsewhere, such as in a
// log file, a plain line is written at most every two seconds. A nil
// *progressPrinter shows nothing.
type progressPrinter struct {
	w     io.Writer
	live  bool          // rewrite one line with \r
	after time.Duration // show nothing before this much time has passed
	every time.Duration // the least time between two updates
	last  time.Duration // the Elapsed of the last update shown; < 0: none yet
	width int           // runes in the live line shown
}

// progressAfter is how long a computation runs before its progress is
// shown; the transcript tests raise it so that a slow machine prints the
// same as a fast one.
var progressAfter = time.Second

// newProgressPrinter returns the printer for w, or nil when quiet.
func newProgressPrinter(w io.Writer, quiet bool) *progressPrinter {
	if quiet {
		return nil
	}
	p := &progressPrinter{w: w, live: isTerminal(w), after: progressAfter, every: 2 * time.Second, last: -1}
	if p.live {
		p.every = 100 * time.Millisecond
	}
	return p
}

// update shows pr if it is time to.
func (p *progressPrinter) update(pr selection.Progress) {
	if p == nil {
		return
	}
	p.show(pr.Elapsed, func() string { return progressLine(pr) })
}

// show shows the line, made only if shown, if it is time to: elapsed is
// the time since the work began.
func (p *progressPrinter) show(elapsed time.Duration, line func() string) {
	if p == nil || elapsed < p.after || (p.last >= 0 && elapsed-p.last < p.every) {
		return
	}
	p.last = elapsed
	p.print(line())
}

// print writes a line: in place on a terminal, else on a line of its own.
func (p *progressPrinter) print(line string) {
	if !p.live {
		fmt.Fprintln(p.w, line)
		return
	}
	n := utf8.RuneCountInString(line)
	pad := ""
	if n < p.width {
		pad = strings.Repeat(" ", p.width-n)
	}
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
	p.width = n
}

// tick is how often track looks at the work's state.
const tick = 100 * time.Millisecond

// track shows the line that state gives for the time elapsed since start,
// as often as the printer allows, until the returned stop is called; stop
// then ends the live line. It is for work that reports no progress itself.
// A nil printer shows nothing.
func (p *progressPrinter) track(start time.Time, state func(elapsed time.Duration) string) (stop func()) {
	if p == nil {
		return func() {}
	}
	quit, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				elapsed := time.Since(start)
				p.show(elapsed, func() string { return state(elapsed) })
			}
		}
	}()
	return func() {
		close(quit)
		<-finished
		p.done()
	}
}

// done ends the live line, if one was shown.
func (p *progressPrinter) done() {
	if p != nil && p.live && p.width > 0 {
		fmt.Fprintln(p.w)
		p.width = 0
	}
}

// progressLine describes pr in one line.
func progressLine(pr selection.Progress) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: iteration %d, %d panels", pr.Phase, pr.Iteration, pr.Panels)
	if pr.Lower > 0 {
		fmt.Fprintf(&b, ", minimum probability %s", percent(pr.Lower))
	}
	if !math.IsInf(pr.Upper, 0) && !math.IsNaN(pr.Upper) {
		fmt.Fprintf(&b, ", upper bound %s", percent(pr.Upper))
	}
	if pr.Done > 0 {
		fmt.Fprintf(&b, ", %s of the lottery found", percent(pr.Done))
	}
	fmt.Fprintf(&b, " (%.1fs)", pr.Elapsed.Seconds())
	return b.String()
}

// percent formats a probability as a percentage with two decimals.
func percent(p float64) string {
	return fmt.Sprintf("%.2f%%", 100*p)
}
