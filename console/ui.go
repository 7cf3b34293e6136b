package console

import (
	"errors"
	"fmt"
	"io"

	"github.com/tirage/tirage/message"
	"github.com/tirage/tirage/selection"
	"github.com/tirage/tirage/web"
)

// ListenError prints, in the language, as the command's error, why the
// web app cannot listen on the address --addr gives (a *web.ListenError).
func ListenError(w io.Writer, lang message.Lang, command string, err error) {
	var le *web.ListenError
	switch {
	case !errors.As(err, &le):
		Errorf(w, command, "%s", message.In(err, lang))
	case le.Malformed:
		Fail(w, lang, command, message.CLIAddrMalformed, "addr", selection.Quote(le.Addr))
	case le.Remote:
		Fail(w, lang, command, message.CLIAddrRemote, "addr", selection.Quote(le.Addr))
	default:
		Fail(w, lang, command, message.CLICannotListen, "addr", le.Addr, "err", fmt.Sprint(le.Err))
	}
}

// Serving prints, in the language, where the web app is, on w, and on
// errw a warning when the address addr is one other computers may reach
// (remote).
func Serving(w, errw io.Writer, lang message.Lang, url, addr string, remote bool) {
	if remote {
		say(errw, lang, message.CLIWarnReachable, "addr", addr)
	}
	say(w, lang, message.CLIServing, "url", url)
}

// NoBrowser prints, in the language, the notice that the browser could
// not be opened on the app's url.
func NoBrowser(w io.Writer, lang message.Lang, url string, err error) {
	say(w, lang, message.CLINoBrowser, "err", fmt.Sprint(err), "url", url)
}
