#!/usr/bin/env bash
# make-year.sh OUT.csv [MONTHS]: a year-sized Online Retail file for import
# benchmarks, built from the shared December 2010 month by repeating it
# MONTHS times (default 13: 552,253 lines, about the 541,909 of the real
# year), each copy shifted one month later (2010-12 … 2011-12; the month's
# days stop at the 23rd, so every date stays real) with its invoice
# numbers raised by 10,000 a copy (C prefixes kept), so no two copies share
# an invoice. Nothing here is committed data: write OUT to a temp folder.
set -euo pipefail
out=${1:?usage: make-year.sh OUT.csv [MONTHS]}
months=${2:-13}
src="$(cd "$(dirname "$0")/.." && pwd)/../shared/data/online-retail-2010-12.csv"
[ -f "$src" ] || { echo "make-year.sh: $src is missing" >&2; exit 1; }
head -n 1 "$src" | tr -d '\r' > "$out"
for ((k = 0; k < months; k++)); do
	y=$((2010 + (11 + k) / 12)); m=$(((11 + k) % 12 + 1))
	ym=$(printf '%04d-%02d' "$y" "$m")
	tail -n +2 "$src" | tr -d '\r' | awk -v k="$k" -v ym="$ym" 'BEGIN { FS = OFS = "," }
	{
		c = ""; inv = $1
		if (substr(inv, 1, 1) == "C") { c = "C"; inv = substr(inv, 2) }
		sub(/^[^,]*/, c (inv + k * 10000))
		sub(/,2010-12-/, "," ym "-")
		print
	}'
done >> "$out"
