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
	if code != exitOK {
		var resp selection.ErrorResponse
		if json.Unmarshal(out.Bytes(), &resp) == nil {
			e.errorf("%s", resp.Error.Message)
		}
	}
	return code
}

func selectJSON(e *env, fs *flag.FlagSet, args []string, quiet bool, out io.Writer) int {
	usage := func(format string, a ...any) int {
		data, _ := json.Marshal(selection.ErrorResponse{Error: selection.ErrorBody{Code: exitUsage, Message: fmt.Sprintf(format, a...)}})
		out.Write(append(data, '\n'))
		return exitUsage
	}
	if len(args) > 0 {
		return usage("unexpected argument %s: with --json, the request on standard input says everything", selection.Quote(args[0]))
	}
	var other []string
	fs.Visit(func(f *flag.Flag) {
		if f.Name != "json" && f.Name != "quiet" {
			other = append(other, "--"+f.Name)
		}
	})
	if len(other) > 0 {
		return usage("with --json, give %s in the request, not as flags (see doc/json.md)", selection.JoinAnd(other))
	}
	now, err := e.clock()
	if err != nil {
		return usage("%v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	progress := e.newProgress(e.stderr, quiet)
	defer progress.Done()
	return selection.HandleJSON(ctx, stdin, out, selection.Env{
		Tool:     tool(),
		Now:      now,
		Progress: progress.Update,
		NewSeed:  newSeed(e.stderr, e.lang, console.RequestSeed),
		Workers:  runtime.GOMAXPROCS(0),
	})
}
