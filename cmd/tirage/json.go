package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
)

// stdin is what 'select --json' reads its request from; tests replace it.
var stdin io.Reader = os.Stdin

// runSelectJSON runs 'select --json': one JSON request on stdin, one JSON
// result or error on stdout (doc/json.md), the error's message and any
// progress on stderr.
func runSelectJSON(e *env, fs *flag.FlagSet, args []string, quiet bool) int {
	var out bytes.Buffer
	code := selectJSON(e, fs, args, quiet, &out)
	e.stdout.Write(out.Bytes())
	var resp selection.ErrorResponse
	if code != exitOK && json.Unmarshal(out.Bytes(), &resp) == nil {
		console.Errorf(e.stderr, e.name, "%s", resp.Error.Message)
	}
	return code
}

func selectJSON(e *env, fs *flag.FlagSet, args []string, quiet bool, out io.Writer) int {
	var other []string
	fs.Visit(func(f *flag.Flag) {
		if f.Name != "json" && f.Name != "quiet" {
			other = append(other, "--"+f.Name)
		}
	})
	now, err := e.clock()
	switch {
	case len(args) > 0:
		err = fmt.Errorf("unexpected argument %s: with --json, the request on standard input says everything", selection.Quote(args[0]))
	case len(other) > 0:
		err = fmt.Errorf("with --json, give %s in the request, not as flags (see doc/json.md)", message.List(other, message.English))
	}
	if err != nil {
		data, _ := json.Marshal(selection.ErrorResponse{Error: selection.ErrorBody{Code: exitUsage, Message: err.Error()}})
		out.Write(append(data, '\n'))
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	progress := e.newProgress(e.stderr, quiet)
	defer progress.Done()
	return selection.HandleJSON(ctx, stdin, out, selection.Env{Tool: tool(), Now: now, Progress: progress.Update,
		NewSeed: newSeed(e.stderr, e.lang, console.RequestSeed), Workers: runtime.GOMAXPROCS(0)})
}
