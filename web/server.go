package web

import (
	"context"
	"embed"
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
)

//go:embed static
var static embed.FS

// Static returns the app's static files: the pages, the style sheet and the
// scripts, the same for both back ends.
func Static() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded folder is there
	}
	return sub
}

// maxRequest bounds the size of an API request (the files it carries).
const maxRequest = 512 << 20

// Options are the settings of Handler.
type Options struct {
	// Lang is the language the pages open in ("en" or "fr"; "" lets the
	// browser's language decide).
	Lang string
	// AllowRemote accepts requests whose Host is not a loopback address.
	// Without it, the handler answers only to 127.0.0.1, ::1 and
	// localhost, so that a web page elsewhere cannot reach the API through
	// a name that resolves to this computer (DNS rebinding).
	AllowRemote bool
}

// Handler serves the app and its API: GET /api/info says which back end
// serves the pages ({"backend": "native", "lang": …}); POST /api/OP runs
// the operation OP (see Ops) on the JSON request in the body and answers
// with lines of JSON: {"progress": Progress} while it runs, then
// {"result": …} or {"error": Error}. Every other path is a static file.
func Handler(api *API, opt Options) http.Handler {
	mux := http.NewServeMux()
	files := http.FileServerFS(Static())
	mux.Handle("GET /", files)
	mux.HandleFunc("GET /api/info", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"backend": "native", "lang": opt.Lang})
	})
	mux.HandleFunc("POST /api/{op}", func(w http.ResponseWriter, r *http.Request) {
		if origin := r.Header.Get("Origin"); origin != "" && origin != "http://"+r.Host {
			http.Error(w, "requests from another site are refused", http.StatusForbidden)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequest))
		if err != nil {
			http.Error(w, "the request is too large or cannot be read", http.StatusRequestEntityTooLarge)
			return
		}
		serveCall(r.Context(), w, api, r.PathValue("op"), body)
	})
	return guard(mux, opt.AllowRemote)
}

// serveCall runs the operation and streams its progress and its outcome.
func serveCall(ctx context.Context, w http.ResponseWriter, api *API, op string, body []byte) {
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Cache-Control", "no-store")
	flusher, _ := w.(http.Flusher)
	var mu sync.Mutex
	send := func(key string, v any) {
		mu.Lock()
		defer mu.Unlock()
		data, err := json.Marshal(map[string]any{key: v})
		if err != nil {
			return
		}
		w.Write(append(data, '\n'))
		if flusher != nil {
			flusher.Flush()
		}
	}
	result, err := api.Call(ctx, op, body, func(p Progress) { send("progress", p) })
	if err != nil {
		send("error", AsError(err))
		return
	}
	send("result", json.RawMessage(result))
}

// guard refuses requests for a host that is not a loopback address
// (unless allowRemote) and sets the headers that keep the pages from
// loading anything from elsewhere.
func guard(next http.Handler, allowRemote bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowRemote && !IsLoopback(hostOnly(r.Host)) {
			http.Error(w, "tirage ui answers only on this computer (127.0.0.1, ::1 or localhost)", http.StatusForbidden)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "SAMEORIGIN")
		next.ServeHTTP(w, r)
	})
}

// ContentSecurityPolicy lets the pages load and connect to their own
// origin only (the report is shown from a blob: URL, the downloads are
// blob: URLs); the WebAssembly build compiles its module in a worker.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self' blob:; worker-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'"

func hostOnly(hostport string) string {
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		return host
	}
	return strings.Trim(hostport, "[]")
}

// IsLoopback reports whether host (a name or an address, without port)
// is this computer's loopback: localhost, 127.0.0.0/8 or ::1.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
