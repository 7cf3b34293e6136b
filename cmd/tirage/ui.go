package main

import (
	"context"
	"flag"
	"os"
	"os/signal"

	"github.com/tirage/tirage/console"
	"github.com/tirage/tirage/web"
)

var uiCommand = &command{
	name: "ui",
	flags: func(fs *flag.FlagSet, e *env) func([]string) int {
		var addr string
		var noBrowser, allowRemote bool
		fs.StringVar(&addr, "addr", "127.0.0.1:0", "")
		fs.BoolVar(&noBrowser, "no-browser", false, "")
		fs.String("lang", "", "")
		fs.BoolVar(&allowRemote, "allow-remote", false, "")
		return func(args []string) int {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			lang := ""
			if given(fs)["lang"] {
				lang = string(e.lang)
			}
			return runUI(ctx, e, addr, lang, !noBrowser, allowRemote, web.OpenBrowser)
		}
	},
}

// runUI listens on addr, prints the URL, opens it with open unless
// browser is false, and serves the app until ctx ends.
func runUI(ctx context.Context, e *env, addr, lang string, browser, allowRemote bool, open func(string) error) int {
	ln, url, err := web.Listen(addr, allowRemote)
	if err != nil {
		console.ListenError(e.stderr, e.lang, e.name, err)
		return exitUsage
	}
	if lang != "" {
		url += "?lang=" + lang
	}
	console.Serving(e.stdout, e.stderr, e.lang, url, addr, web.IsRemote(addr))
	if browser {
		if err := open(url); err != nil {
			console.NoBrowser(e.stderr, e.lang, url, err)
		}
	}
	if err := web.Serve(ctx, ln, &web.API{Tool: tool()}, web.Options{Lang: lang, AllowRemote: allowRemote}); err != nil {
		return e.usageError(err)
	}
	return exitOK
}
