#!/usr/bin/env bash
# web/build.sh DIR: writes into DIR the static web app with tirage's engine
# compiled to WebAssembly: the pages, tirage.wasm and the Go distribution's
# wasm_exec.js. Any static host serves DIR as it is (such as
# 'python3 -m http.server' in DIR); everything then runs in the browser.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: web/build.sh DIR" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$root"
version=$(git describe --tags --always --dirty --abbrev=12 2>/dev/null || echo devel)
GOOS=js GOARCH=wasm go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$out/tirage.wasm" ./web/wasm
goroot=$(go env GOROOT)
wasm_exec="$goroot/lib/wasm/wasm_exec.js" # Go 1.24 and later
[ -f "$wasm_exec" ] || wasm_exec="$goroot/misc/wasm/wasm_exec.js"
cp "$wasm_exec" "$out/wasm_exec.js"
cp web/static/* "$out/"
echo "web/build.sh: the static app is in $out; serve it, such as with: cd $out && python3 -m http.server"
