package console

import (
	"errors"
	"fmt"
	"io"

	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/web"
)

// ListenError prints, as the command's error, why the web app cannot
// listen on the address --addr gives (a *web.ListenError).
func ListenError(w io.Writer, command string, err error) {
	var le *web.ListenError
	switch {
	case !errors.As(err, &le):
		Errorf(w, command, "%v", err)
	case le.Malformed:
		Errorf(w, command, "--addr %s: give HOST:PORT, such as 127.0.0.1:8080 (port 0: a free port)", selection.Quote(le.Addr))
	case le.Remote:
		Errorf(w, command, "--addr %s is not this computer's own address (127.0.0.1, ::1 or localhost): other computers could reach the app, and the pool of volunteers, with their names and contacts, would travel over the network. Give --allow-remote if that is really what you want.", selection.Quote(le.Addr))
	default:
		Errorf(w, command, "cannot listen on %s: %v", le.Addr, le.Err)
	}
}

// Serving prints where the web app is, on w, and on errw a warning when
// the address addr is one other computers may reach (remote).
func Serving(w, errw io.Writer, url, addr string, remote bool) {
	if remote {
		fmt.Fprintf(errw, "warning: the app is reachable from other computers at %s; anyone who can reach it can use it.\n", addr)
	}
	fmt.Fprintf(w, "tirage's web app is at %s\nPress Ctrl-C to stop it.\n", url)
}

// NoBrowser prints the notice that the browser could not be opened on
// the app's url.
func NoBrowser(w io.Writer, url string, err error) {
	fmt.Fprintf(w, "notice: cannot open the browser (%v); open %s in it.\n", err, url)
}
