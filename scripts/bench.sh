#!/usr/bin/env bash
# Regression benchmarks of the lottery engine on ../shared/instances.
#
#   scripts/bench.sh save  [regexp]   run and save the results as the baseline
#   scripts/bench.sh check [regexp]   run and compare with the baseline
#   scripts/bench.sh compare OLD NEW  compare two saved result files
#
# regexp selects the benchmarks (default 'Maximin|Leximin'). Each benchmark
# runs once (-benchtime 1x; set BENCHTIME to change). check and compare list
# every benchmark with its time in both runs and flag those more than 20 %
# slower (THRESHOLD, in per cent), and exit with status 1 if any is. The
# time compared is the process's CPU time per run (the cpu-s/op metric; set
# METRIC=ns/op for the wall clock), which a busy machine disturbs less. The
# baseline is scripts/bench-baseline.txt (BASELINE to change); it holds the
# raw `go test -bench` output, so benchstat can read it too. Timings on a
# shared machine are noisy: re-run a flagged benchmark before believing it.
set -euo pipefail

cd "$(dirname "$0")/.."
baseline=${BASELINE:-scripts/bench-baseline.txt}
threshold=${THRESHOLD:-20}
benchtime=${BENCHTIME:-1x}
metric=${METRIC:-cpu-s/op}

run() { # regexp output
	go test -run XXX -bench "$1" -benchtime "$benchtime" -timeout 60m ./sortition | tee "$2"
}

compare() { # old new
	awk -v th="$threshold" -v metric="$metric" '
		/^Benchmark/ {
			name = $1; sub(/-[0-9]+$/, "", name)
			v = ""
			for (i = 4; i <= NF; i++) if ($i == metric) v = $(i - 1)
			if (v == "") next
			if (metric == "ns/op") v /= 1e9
			if (FILENAME == ARGV[1]) { old[name] = v; next }
			new[name] = v; order[++n] = name
		}
		END {
			bad = 0
			printf "%-45s %12s %12s %8s\n", "benchmark", "old s", "new s", "change"
			for (i = 1; i <= n; i++) {
				name = order[i]
				if (!(name in old)) { printf "%-45s %12s %12.3f %8s\n", name, "-", new[name], "new"; continue }
				change = old[name] > 0 ? 100 * (new[name] - old[name]) / old[name] : 0
				flag = ""
				if (change > th) { flag = "  SLOWER"; bad = 1 }
				printf "%-45s %12.3f %12.3f %+7.0f%%%s\n", name, old[name], new[name], change, flag
			}
			exit bad
		}' "$1" "$2"
}

case "${1:-}" in
save)
	run "${2:-Maximin|Leximin}" "$baseline"
	echo "saved $baseline"
	;;
check)
	[ -f "$baseline" ] || { echo "bench.sh: no baseline $baseline; run scripts/bench.sh save first" >&2; exit 2; }
	out=$(mktemp)
	run "${2:-Maximin|Leximin}" "$out" >/dev/null
	compare "$baseline" "$out"
	;;
compare)
	compare "$2" "$3"
	;;
*)
	sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
	;;
esac
