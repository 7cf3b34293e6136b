package selection

import "runtime/debug"

// VersionOf is the version of tirage that a record names (Tool.Version)
// for a build: the stamped one of a release build (-ldflags -X), else the
// module version (go install, or go build in a git checkout, which Go
// stamps with the commit), else the commit (12 digits, -dirty when
// modified), else "devel". info is the build's (debug.ReadBuildInfo),
// nil when the binary has none. The command and the platforms that embed
// the library name their tirage version by it.
func VersionOf(stamped string, info *debug.BuildInfo) string {
	if stamped != "" {
		return stamped
	}
	if info == nil {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var revision string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision == "" {
		return "devel"
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if modified {
		revision += "-dirty"
	}
	return revision
}
