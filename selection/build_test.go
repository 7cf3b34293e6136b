package selection_test

import (
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tirage/tirage/selection"
)

func TestVersionOf(t *testing.T) {
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "a25d65e8cb913665d2866f10171587f90a32d8ba"}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name    string
		stamped string
		info    *debug.BuildInfo
		want    string
	}{
		{"release build", "v1.2.0", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "v1.2.0"},
		{"release build, no build info", "v1.2.0", nil, "v1.2.0"},
		{"go install", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.1.0"}}, "v1.1.0"},
		{"go build in a checkout", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261204210352-a25d65e8cb91"}, Settings: vcs("false")}, "v0.0.0-20261204210352-a25d65e8cb91"},
		{"revision only", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("false")}, "a25d65e8cb91"},
		{"revision, modified", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("true")}, "a25d65e8cb91-dirty"},
		{"nothing known", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{"no build info", "", nil, "devel"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, selection.VersionOf(tt.stamped, tt.info), tt.name)
	}
}

func TestClock(t *testing.T) {
	now, err := selection.Clock("")
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), now(), time.Minute)
	fixed, err := selection.Clock("1764547200")
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), fixed())
	for _, bad := range []string{"-1", "1e9", "soon", "253402300800"} {
		_, err := selection.Clock(bad)
		assert.EqualError(t, err, `SOURCE_DATE_EPOCH is "`+bad+`", not a number of seconds since 1970-01-01`)
	}
}
