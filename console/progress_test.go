package console

import (
	"bytes"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

func TestProgressLineDecomposition(t *testing.T) {
	line := ProgressLine(selection.Progress{Phase: "decomposition", Iteration: 40, Upper: 0.0242, Panels: 77, Done: 0.9876, Elapsed: 2 * time.Second}, message.English)
	assert.Equal(t, "decomposition: iteration 40, 77 panels, upper bound 2.42%, 98.76% of the lottery found (2.0s)", line)
	line = ProgressLine(selection.Progress{Phase: "decomposition", Iteration: 40, Lower: 0.1, Upper: 0.0242, Panels: 77, Done: 0.9876, Elapsed: 2 * time.Second}, message.French)
	assert.Equal(t, "décomposition : itération 40, 77 panels, probabilité minimale 10,00\u202f%, borne supérieure 2,42\u202f%, 98,76\u202f% de la loterie trouvés (2,0\u00a0s)", line)
	assert.Equal(t, "draw : tirage (0,5\u00a0s)", DrawProgress(message.French, "drawing", 500*time.Millisecond))
	assert.Equal(t, "draw: drawing (0.5s)", DrawProgress(message.English, "drawing", 500*time.Millisecond))
	assert.Equal(t, "verify: checking the exact lottery (0.5s)", VerifyProgress(message.English, string(message.VerifyingExact), 500*time.Millisecond))
	assert.Equal(t, "verify : vérifie la loterie exacte (0,5\u00a0s)", VerifyProgress(message.French, string(message.VerifyingExact), 500*time.Millisecond))
	assert.Equal(t, "verify : vérifie le registre (0,5\u00a0s)", VerifyProgress(message.French, string(message.VerifyingRecord), 500*time.Millisecond))
}

func TestProgressPrinter(t *testing.T) {
	at := func(s float64) selection.Progress {
		return selection.Progress{Phase: "column generation", Iteration: int(s * 10), Lower: 0.1234, Upper: 0.2, Panels: 7,
			Elapsed: time.Duration(s * float64(time.Second))}
	}

	// Not a terminal: plain lines, none in the first second, at most one
	// every two seconds.
	var b bytes.Buffer
	p := NewProgress(&b, message.English, false, ProgressAfter)
	require.False(t, p.live)
	for _, s := range []float64{0.2, 0.9, 1.0, 1.5, 2.9, 3.0, 3.1, 5.2} {
		p.Update(at(s))
	}
	p.Done()
	assert.Equal(t, "column generation: iteration 10, 7 panels, minimum probability 12.34%, upper bound 20.00% (1.0s)\n"+
		"column generation: iteration 30, 7 panels, minimum probability 12.34%, upper bound 20.00% (3.0s)\n"+
		"column generation: iteration 52, 7 panels, minimum probability 12.34%, upper bound 20.00% (5.2s)\n", b.String())

	// A terminal: one line rewritten in place, padded over a longer one,
	// ended by done.
	b.Reset()
	p = &Progress{w: &b, live: true, after: time.Second, every: 100 * time.Millisecond, last: -1}
	p.Update(at(0.5))
	assert.Empty(t, b.String())
	p.Update(selection.Progress{Phase: "coverage", Iteration: 12, Upper: math.Inf(1), Panels: 12, Elapsed: 1100 * time.Millisecond})
	p.Update(selection.Progress{Phase: "coverage", Iteration: 13, Upper: math.Inf(1), Panels: 13, Elapsed: 1150 * time.Millisecond}) // too soon
	p.Update(at(1.3))
	p.Update(selection.Progress{Phase: "expansion", Iteration: 1, Upper: math.Inf(1), Panels: 9, Elapsed: 1500 * time.Millisecond})
	p.Done()
	long := "column generation: iteration 13, 7 panels, minimum probability 12.34%, upper bound 20.00% (1.3s)"
	short := "expansion: iteration 1, 9 panels (1.5s)"
	assert.Equal(t, "\rcoverage: iteration 12, 12 panels (1.1s)\r"+long+"\r"+short+strings.Repeat(" ", len(long)-len(short))+"\n", b.String())

	// Quiet: nothing.
	p = NewProgress(&b, message.English, true, ProgressAfter)
	assert.Nil(t, p)
	p.Update(at(10))
	p.Done()
}

func TestProgressTrack(t *testing.T) {
	// Work that reports nothing itself: its state is shown as plain lines
	// (not a terminal), once past the first second.
	var b syncBuffer
	p := NewProgress(&b, message.English, false, ProgressAfter)
	stop := p.Track(time.Now().Add(-time.Hour), func(elapsed time.Duration) string {
		return "working"
	})
	deadline := time.Now().Add(10 * time.Second)
	for b.String() == "" && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	assert.True(t, strings.HasPrefix(b.String(), "working\n"), b.String())

	// Before a second has passed, nothing; quiet, nothing.
	var quiet syncBuffer
	stop = NewProgress(&quiet, message.English, false, ProgressAfter).Track(time.Now(), func(time.Duration) string { return "early" })
	time.Sleep(3 * tick)
	stop()
	assert.Empty(t, quiet.String())
	NewProgress(&quiet, message.English, true, ProgressAfter).Track(time.Now().Add(-time.Hour), func(time.Duration) string { return "quiet" })()
	assert.Empty(t, quiet.String())
}

// syncBuffer is a buffer safe for one writer goroutine and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
