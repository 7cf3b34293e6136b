#!/usr/bin/env bash
# Release binaries: scripts/dist.sh DIR cross-builds tirage for Linux,
# Windows and macOS on amd64 and arm64 into DIR, with a SHA256SUMS file.
#
# The builds are reproducible: the same source and Go version give the same
# bytes, wherever the checkout is and whenever it runs (-trimpath, an empty
# build id, no VCS stamp, no cgo; Go writes no timestamps). The version is
# stamped into the binary (tirage version, and the record and reports of
# every selection, show it): $TIRAGE_VERSION if set, else `git describe`,
# else the VERSION file of a source archive. Without any, it fails rather
# than build a binary that would call itself "devel".
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: scripts/dist.sh DIR" >&2
  exit 2
fi
out=$1
cd "$(dirname "$0")/.."

version=${TIRAGE_VERSION:-}
if [ -z "$version" ] && git rev-parse --git-dir >/dev/null 2>&1; then
  version=$(git describe --tags --always --dirty --abbrev=12)
fi
if [ -z "$version" ] && [ -f VERSION ]; then
  version=$(tr -d ' \r\n' <VERSION)
fi
if [ -z "$version" ]; then
  echo "scripts/dist.sh: no version: not a git checkout, no VERSION file and no TIRAGE_VERSION" >&2
  exit 1
fi
case "$version" in
  *[!A-Za-z0-9._+-]*) echo "scripts/dist.sh: the version \"$version\" holds characters other than letters, digits and . _ + -" >&2; exit 1 ;;
esac

mkdir -p "$out"
targets="linux/amd64 linux/arm64 windows/amd64 windows/arm64 darwin/amd64 darwin/arm64"
files=()
for target in $targets; do
  goos=${target%/*}
  goarch=${target#*/}
  file="tirage-$goos-$goarch"
  [ "$goos" = windows ] && file="$file.exe"
  echo "$file ($version)"
  # GOFLAGS is cleared so that nothing from the environment changes the
  # build; the module cache is read only.
  GOFLAGS= CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build \
    -trimpath -buildvcs=false -mod=readonly \
    -ldflags "-s -w -buildid= -X main.stampedVersion=$version" \
    -o "$out/$file" ./cmd/tirage
  files+=("$file")
done

# SHA256SUMS in the format sha256sum -c and shasum -a 256 -c read.
if command -v sha256sum >/dev/null; then
  sum="sha256sum"
else
  sum="shasum -a 256"
fi
(cd "$out" && $sum "${files[@]}" >SHA256SUMS)
echo "SHA256SUMS"
