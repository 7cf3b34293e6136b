//go:build js && wasm

// Command wasm is tirage's engine for the static web app: built with
// GOOS=js GOARCH=wasm (web/build.sh), it runs in a Web Worker
// (web/static/worker.js) and exposes the API of package web to it as
//
//	tirageCall(op, requestJSON, progress(progressJSON), done(errorJSON, resultJSON))
//
// which returns at once; the call runs in a goroutine and ends with done.
// tirageWarmUp() makes a small selection, thrown away, once the engine is
// loaded (API.WarmUp), and stops at the first call but a check.
package main

import (
	"context"
	"encoding/json"
	"syscall/js"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/web"
)

// version is set by web/build.sh (-ldflags -X main.version=…).
var version = "devel"

func main() {
	api := &web.API{Tool: audit.Tool{Name: "tirage", Version: version}}
	// The warm-up stops at the first call other than the check (which is
	// short, and made as soon as the files are chosen): the engine runs one
	// goroutine at a time, and a selection should not share it.
	warmUp, stopWarmUp := context.WithCancel(context.Background())
	js.Global().Set("tirageCall", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 4 {
			return js.ValueOf("tirageCall takes op, request, progress and done")
		}
		op, body, progress, done := args[0].String(), args[1].String(), args[2], args[3]
		if op != "check" {
			stopWarmUp()
		}
		go func() {
			result, err := api.Call(context.Background(), op, []byte(body), func(p web.Progress) {
				data, _ := json.Marshal(p)
				progress.Invoke(string(data))
			})
			if err != nil {
				data, merr := json.Marshal(web.AsError(err))
				if merr != nil {
					data = []byte(`{"code":3,"message":"cannot write the error"}`)
				}
				done.Invoke(string(data), js.Null())
				return
			}
			done.Invoke(js.Null(), string(result))
		}()
		return nil
	}))
	// tirageWarmUp() makes a small selection, thrown away, so that the
	// browser optimises the engine before the first real one (API.WarmUp).
	js.Global().Set("tirageWarmUp", js.FuncOf(func(this js.Value, args []js.Value) any {
		go api.WarmUp(warmUp)
		return nil
	}))
	select {} // calls arrive through tirageCall
}
