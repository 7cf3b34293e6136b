package console

import (
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/tirage/tirage/message"

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

// Progress renders a long computation's progress on stderr. Nothing
// is shown during the first second (NewProgress). On a terminal, a single line is
// rewritten in place (at most ten times a second); elsewhere, such as in a
// log file, a plain line is written at most every two seconds. A nil
// *Progress shows nothing.
type Progress struct {
	w     io.Writer
	lang  message.Lang  // the language of the lines
	live  bool          // rewrite one line with \r
	after time.Duration // show nothing before this much time has passed
	every time.Duration // the least time between two updates
	last  time.Duration // the Elapsed of the last update shown; < 0: none yet
	width int           // runes in the live line shown
}

// ProgressAfter is how long a computation runs before its progress is
// shown.
const ProgressAfter = time.Second

// NewProgress returns the printer for w, which shows nothing during the
// first after (ProgressAfter, unless a test wants another), or nil when
// quiet.
func NewProgress(w io.Writer, lang message.Lang, quiet bool, after time.Duration) *Progress {
	if quiet {
		return nil
	}
	p := &Progress{w: w, lang: lang, live: isTerminal(w), after: after, every: 2 * time.Second, last: -1}
	if p.live {
		p.every = 100 * time.Millisecond
	}
	return p
}

// Update shows pr if it is time to.
func (p *Progress) Update(pr selection.Progress) {
	if p == nil {
		return
	}
	p.show(pr.Elapsed, func() string { return ProgressLine(pr, p.lang) })
}

// Dropout returns the progress callback of the search for alternates
// chosen for dropouts over the number of scenarios, which shows its
// stage, the alternates chosen and their average loss; nil when p is nil.
func (p *Progress) Dropout(scenarios int) func(selection.DropoutProgress) {
	if p == nil {
		return nil
	}
	var start time.Time
	return func(d selection.DropoutProgress) {
		if start.IsZero() {
			start = time.Now()
		}
		p.show(time.Since(start), func() string {
			return text(p.lang, message.CLIDropoutProgress, "stage", message.Phase(d.Stage), "size", d.Size,
				"loss", message.Decimal(float64(d.TotalLoss)/float64(scenarios), 3, p.lang), "scenarios", scenarios)
		})
	}
}

// show shows the line, made only if shown, if it is time to: elapsed is
// the time since the work began.
func (p *Progress) show(elapsed time.Duration, line func() string) {
	if p == nil || elapsed < p.after || (p.last >= 0 && elapsed-p.last < p.every) {
		return
	}
	p.last = elapsed
	p.print(line())
}

// print writes a line: in place on a terminal, else on a line of its own.
func (p *Progress) print(line string) {
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

// tick is how often Track looks at the work's state.
const tick = 100 * time.Millisecond

// Track shows the line that state gives for the time elapsed since start,
// as often as the printer allows, until the returned stop is called; stop
// then ends the live line. It is for work that reports no progress itself.
// A nil printer shows nothing.
func (p *Progress) Track(start time.Time, state func(elapsed time.Duration) string) (stop func()) {
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
		p.Done()
	}
}

// TrackState is Track for work that reports its state (such as its phase)
// through set: the line shown is line's for the state last set, from
// state, and the time elapsed since start. A nil printer shows nothing.
func TrackState[T any](p *Progress, start time.Time, state T, line func(T, time.Duration) string) (set func(T), stop func()) {
	var mu sync.Mutex
	set = func(s T) {
		mu.Lock()
		state = s
		mu.Unlock()
	}
	stop = p.Track(start, func(elapsed time.Duration) string {
		mu.Lock()
		defer mu.Unlock()
		return line(state, elapsed)
	})
	return set, stop
}

// Done ends the live line, if one was shown.
func (p *Progress) Done() {
	if p != nil && p.live && p.width > 0 {
		fmt.Fprintln(p.w)
		p.width = 0
	}
}

// ProgressLine describes pr in one line, in the language.
func ProgressLine(pr selection.Progress, lang message.Lang) string {
	var b strings.Builder
	b.WriteString(text(lang, message.CLIProgress, "phase", message.Phase(pr.Phase), "iteration", pr.Iteration, "panels", pr.Panels))
	if pr.Lower > 0 {
		b.WriteString(text(lang, message.CLIProgressMinimum, "p", Percent(pr.Lower, lang)))
	}
	if !math.IsInf(pr.Upper, 0) && !math.IsNaN(pr.Upper) {
		b.WriteString(text(lang, message.CLIProgressUpper, "p", Percent(pr.Upper, lang)))
	}
	if pr.Done > 0 {
		b.WriteString(text(lang, message.CLIProgressDone, "p", Percent(pr.Done, lang)))
	}
	b.WriteString(elapsedText(pr.Elapsed, lang))
	return b.String()
}

// elapsedText writes the time elapsed as the end of a progress line,
// " (1.5s)", in the language.
func elapsedText(d time.Duration, lang message.Lang) string {
	return text(lang, message.CLIElapsed, "s", message.Decimal(d.Seconds(), 1, lang))
}
