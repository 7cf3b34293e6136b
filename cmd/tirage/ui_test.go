package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUIRefusesAnAddressOtherComputersReach(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"ui", "--addr", "0.0.0.0:0", "--no-browser"}, &stdout, &stderr)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr.String(), "not this computer's own address")
	assert.Contains(t, stderr.String(), "--allow-remote")
	assert.Empty(t, stdout.String())

	stderr.Reset()
	assert.Equal(t, exitUsage, run([]string{"ui", "--lang", "de"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "--lang")
}

func TestUIPrintsTheURLAndOpensIt(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, name: "ui"}
	ctx, cancel := context.WithCancel(context.Background())
	var opened string
	code := runUI(ctx, e, "127.0.0.1:0", "fr", true, false, func(url string) error {
		opened = url
		cancel() // stop serving at once
		return nil
	})
	assert.Equal(t, exitOK, code, stderr.String())
	m := regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/\?lang=fr`).FindString(stdout.String())
	require.NotEmpty(t, m, stdout.String())
	assert.Equal(t, m, opened)
}
