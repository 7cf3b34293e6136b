#!/usr/bin/env bash
# Selects on every shared instance (../shared/instances beside the
# repository) with maximin and leximin, and checks each selection with
# `tirage verify`, which re-checks the optimality certificates (the
# maximin bound and every leximin level) with its own exact search.
#
#   scripts/verify-instances.sh [instance...]   (default: all of them)
#
# Output folders go to $OUT (default a temporary directory). Exits with
# status 1 if a selection or a verification fails.
set -euo pipefail

cd "$(dirname "$0")/.."
instances=${INSTANCES:-../shared/instances}
out=${OUT:-$(mktemp -d)}
go build -o "$out/tirage" ./cmd/tirage
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
	for d in "$instances"/*/; do names+=("$(basename "$d")"); done
fi
status=0
for name in "${names[@]}"; do
	dir=$instances/$name
	k=$(sed -n 's/.*"k": *\([0-9]*\).*/\1/p' "$dir/meta.json" | head -1)
	idcol=()
	head -1 "$dir/respondents.csv" | grep -q '^id,' && idcol=(--id-column id)
	for algorithm in maximin leximin; do
		dest=$out/$name-$algorithm
		start=$(date +%s.%N)
		if "$out/tirage" select --pool "$dir/respondents.csv" --quotas "$dir/categories.csv" --k "$k" "${idcol[@]}" \
			--algorithm "$algorithm" --seed "$name" --out "$dest" --force --quiet >"$dest.select" 2>&1 &&
			"$out/tirage" verify "$dest" --pool "$dir/respondents.csv" --quotas "$dir/categories.csv" >"$dest.verify" 2>&1; then
			printf '%-20s %-8s verified (%.1f s)\n' "$name" "$algorithm" "$(echo "$(date +%s.%N) - $start" | bc)"
		else
			printf "%-20s %-8s FAILED (see %s.select and %s.verify)\n" "$name" "$algorithm" "$dest" "$dest"
			status=1
		fi
	done
done
exit $status
