package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"time"
)

// ListenError is why the app cannot listen on an address: the address is
// not HOST:PORT (Malformed), it is not this computer's own and remote use
// was not allowed (Remote), or the system refused it (Err).
type ListenError struct {
	Addr              string
	Malformed, Remote bool
	Err               error
}

func (e *ListenError) Error() string {
	switch {
	case e.Malformed:
		return "the address " + e.Addr + " is not HOST:PORT"
	case e.Remote:
		return "the address " + e.Addr + " is not this computer's own"
	}
	return "cannot listen on " + e.Addr + ": " + e.Err.Error()
}

// Unwrap returns the system's error.
func (e *ListenError) Unwrap() error { return e.Err }

// Listen listens on addr, HOST:PORT (port 0: a free port), for the app,
// and returns the app's URL. It refuses an address other than this
// computer's own (IsLoopback) unless allowRemote: anyone who can reach it
// could use the app, and a pool would travel over the network.
func Listen(addr string, allowRemote bool) (ln net.Listener, url string, err error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, "", &ListenError{Addr: addr, Malformed: true, Err: err}
	}
	if !IsLoopback(host) && !allowRemote {
		return nil, "", &ListenError{Addr: addr, Remote: true}
	}
	if ln, err = net.Listen("tcp", addr); err != nil {
		return nil, "", &ListenError{Addr: addr, Err: err}
	}
	return ln, "http://" + ln.Addr().String() + "/", nil
}

// Serve serves the app (Handler) on ln until ctx is done, then shuts it
// down, giving requests under way 5 seconds to end.
func Serve(ctx context.Context, ln net.Listener, api *API, opt Options) error {
	srv := &http.Server{Handler: Handler(api, opt), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}
	return nil
}

// OpenBrowser opens url in the default browser, without waiting for it.
func OpenBrowser(url string) error {
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

// IsRemote reports whether the address addr, HOST:PORT, is one other
// computers may reach: its host is not this computer's own (IsLoopback).
func IsRemote(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	return err == nil && !IsLoopback(host)
}
