package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"time"

	"github.com/tirage/tirage/audit"
	"github.com/tirage/tirage/internal/table"
	"github.com/tirage/tirage/report"
	"github.com/tirage/tirage/web"
)

var uiCommand = &command{
	name:    "ui",
	summary: "open the web app in the browser, served from this computer",
	usage:   "ui [--addr HOST:PORT] [--no-browser] [--lang en|fr] [--allow-remote]",
	help: `UI serves tirage's web app on this computer and opens it in the default
browser: pages to select a panel (with the check of the files at once),
draw a committed lottery, verify a published selection and compare the
objectives, in English and French. The engine runs here, behind a local
API that calls the same functions as the commands; the files you choose
are sent only to this program, never elsewhere, and nothing is kept once
the tab is closed unless you download it.

By default it listens on 127.0.0.1 with a free port and prints the URL.
--addr chooses the address and port. It refuses an address other than
this computer's own (127.0.0.1, ::1 or localhost) unless --allow-remote is
given: anyone who can reach that address could then use the app, and the
pool of volunteers would travel over the network.

--no-browser only prints the URL. --lang opens the pages in that language
(default: the browser's).

Ctrl-C stops it. It exits 0 when stopped, and 2 when the flags are wrong or
the address cannot be listened on.`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var addr, lang string
		var noBrowser, allowRemote bool
		fs.StringVar(&addr, "addr", "127.0.0.1:0", "the `HOST:PORT` to listen on (port 0: a free port)")
		fs.BoolVar(&noBrowser, "no-browser", false, "print the URL without opening the browser")
		fs.StringVar(&lang, "lang", "", "the `LANGUAGE` of the pages: en or fr (default: the browser's)")
		fs.BoolVar(&allowRemote, "allow-remote", false, "listen on an address other computers can reach (the pool would travel over the network)")
		return func(args []string) int {
			if len(args) > 0 {
				e.errorf("unexpected argument %s\nRun 'tirage ui -h' for help.", table.Quote(args[0]))
				return exitUsage
			}
			if lang != "" {
				if _, err := report.ParseLang(lang); err != nil {
					e.errorf("--lang: %v", err)
					return exitUsage
				}
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			return runUI(ctx, e, addr, lang, !noBrowser, allowRemote, openBrowser)
		}
	},
}

// runUI listens on addr, prints the URL, opens it with open unless
// browser is false, and serves the app until ctx ends.
func runUI(ctx context.Context, e *env, addr, lang string, browser, allowRemote bool, open func(string) error) int {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		e.errorf("--addr %s: give HOST:PORT, such as 127.0.0.1:8080 (port 0: a free port)", table.Quote(addr))
		return exitUsage
	}
	if !web.IsLoopback(host) && !allowRemote {
		e.errorf("--addr %s is not this computer's own address (127.0.0.1, ::1 or localhost): other computers could reach the app, and the pool of volunteers, with their names and contacts, would travel over the network. Give --allow-remote if that is really what you want.", table.Quote(addr))
		return exitUsage
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		e.errorf("cannot listen on %s: %v", addr, err)
		return exitUsage
	}
	url := "http://" + ln.Addr().String() + "/"
	if lang != "" {
		url += "?lang=" + lang
	}
	api := &web.API{Tool: audit.Tool{Name: "tirage", Version: version()}}
	srv := &http.Server{Handler: web.Handler(api, web.Options{Lang: lang, AllowRemote: allowRemote}), ReadHeaderTimeout: 10 * time.Second}
	if allowRemote && !web.IsLoopback(host) {
		fmt.Fprintf(e.stderr, "warning: the app is reachable from other computers at %s; anyone who can reach it can use it.\n", addr)
	}
	fmt.Fprintf(e.stdout, "tirage's web app is at %s\nPress Ctrl-C to stop it.\n", url)
	if browser {
		if err := open(url); err != nil {
			fmt.Fprintf(e.stderr, "notice: cannot open the browser (%v); open %s in it.\n", err, url)
		}
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			e.errorf("%v", err)
			return exitUsage
		}
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}
	return exitOK
}

// openBrowser opens url in the default browser, without waiting for it.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
