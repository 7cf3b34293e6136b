package web

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListen(t *testing.T) {
	var le *ListenError
	_, _, err := Listen("nonsense", false)
	require.True(t, errors.As(err, &le))
	assert.True(t, le.Malformed)
	_, _, err = Listen("0.0.0.0:0", false)
	require.True(t, errors.As(err, &le))
	assert.True(t, le.Remote, "another computer's address needs allowRemote")
	assert.True(t, IsRemote("0.0.0.0:80"))
	assert.False(t, IsRemote("localhost:80"))

	ln, url, err := Listen("127.0.0.1:0", false)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(url, "http://127.0.0.1:"), url)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.NoError(t, Serve(ctx, ln, &API{}, Options{}), "a done context stops the server")
}
