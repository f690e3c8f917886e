#!/usr/bin/env bash
# export-formats.sh [RUNS]: peak memory and CPU of `clientele export` of
# the 100,000-customer benchmark book in each format (csv, md, json),
# RUNS times each (default 3, interleaved), printing the lowest and the
# range. Budget (DESIGN.md): 150 MB peak for any command. The JSON export
# is written a customer at a time (exportfile.JSONObject); before that it
# built the whole document and peaked near 430 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/clientele" .
db=$(go run ./bench/benchfile -customers 100000)
formats=(csv md json)
for ((r = 0; r < runs; r++)); do
	for f in "${formats[@]}"; do
		/usr/bin/time -f '%M %U %S' -o "$tmp/time" "$tmp/clientele" export --db "$db" --format "$f" --out "$tmp/out.$f"
		read -r kb user sys < "$tmp/time"
		echo "$kb" >> "$tmp/$f.kb"
		awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }' >> "$tmp/$f.secs"
	done
done
# span FILE SCALE: "lowest (lowest–highest)" of the numbers in FILE divided by SCALE.
span() { sort -g "$1" | awk -v k="$2" '{ v[NR] = $1 / k } END { printf "%7.1f (%.1f–%.1f)", v[1], v[1], v[NR] }'; }
printf '%-5s %24s %24s\n' format "peak MB, min (range)" "CPU s, min (range)"
for f in "${formats[@]}"; do
	printf '%-5s %24s %24s\n' "$f" "$(span "$tmp/$f.kb" 1024)" "$(span "$tmp/$f.secs" 1)"
done
printf 'highest peak = %.1f MB (budget ≤ 150)\n' "$(sort -g "$tmp"/*.kb | tail -n 1 | awk '{ print $1 / 1024 }')"
echo "$(wc -c < "$tmp/out.json") bytes of JSON for $(($(wc -l < "$tmp/out.csv") - 2)) customers"
