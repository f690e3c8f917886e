#!/usr/bin/env bash
# export.sh [RUNS]: times `clientele export` of the 100,000-customer demo
# book (about 1,000,000 order lines, 800,000 costs) against the sqlite3
# shell's aggregate of the same file and against `ledger balance` on a
# journal of the same sales; prints each one's median over RUNS runs
# (default 5, interleaved, after one unmeasured run each to warm the page
# cache), the ratios and peak memory.
#
# What is compared:
#   clientele  the built binary, `export --format csv --out FILE`, all time:
#              every customer's sales, refunds, direct cost, cost to serve,
#              profit, margin, first and last order, recency, RFM,
#              acquisition and lifetime profit, the unattributed row,
#              written atomically. Target (DESIGN.md): ≤ 2× shell,
#              ≤ 150 MB peak.
#   shell      sqlite3 on the same file: SELECT o.customer_id,
#              count(DISTINCT o.id), sum(l.amount) FROM orders o JOIN
#              order_lines l ON l.order_id = o.id GROUP BY 1 (orders and
#              revenue per customer, no costs), printed to /dev/null.
#   ledger     `ledger balance --flat` on a journal this script writes
#              from the same file: one transaction per order, its lines'
#              sum posted to an account per customer. Target: clientele at
#              least 5× faster. (--flat: ledger's default tree report
#              slows down with the square of the accounts, 15 s for the
#              first 20,000 orders and hours for all of them; the flat
#              report is the same balances, one line per customer.)
# The book is the Go benchmarks' file (bench/benchfile, generated on first
# use, about a minute). sqlite3 and ledger are installed with apt-get when
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
for tool in sqlite3 ledger; do
	command -v "$tool" >/dev/null || { echo "installing $tool" >&2; apt-get install -y "$tool" >/dev/null; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/clientele" .
db=$(go run ./bench/benchfile -customers 100000)
aggregate='SELECT o.customer_id, count(DISTINCT o.id), sum(l.amount) FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY 1'

sqlite3 -batch -noheader -list "$db" "SELECT printf('%s order %d' || char(10) || '    Income:Customer %s  %s GBP'
	|| char(10) || '    Assets:Receivable' || char(10), substr(o.ordered_at, 1, 10), o.id,
	coalesce(o.customer_id, 'unattributed'), printf('%.2f', -sum(l.amount) / 100.0))
	FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.id ORDER BY o.ordered_at, o.id" > "$tmp/sales.ledger"
echo "$(sqlite3 "$db" 'SELECT count(*) FROM customers') customers, $(sqlite3 "$db" 'SELECT count(*) FROM orders') orders," \
	"$(sqlite3 "$db" 'SELECT count(*) FROM order_lines') order lines, $(sqlite3 "$db" 'SELECT count(*) FROM costs') costs" \
	"in $db; $runs runs each"

# measure NAME CMD...: runs CMD under /usr/bin/time and records its
# seconds and peak KB.
measure() {
	local name=$1; shift
	/usr/bin/time -v -o "$tmp/time" "$@" > /dev/null
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' \
		"$tmp/time" >> "$tmp/$name.secs"
	awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time" >> "$tmp/$name.kb"
}

# median FILE: the median of the numbers in FILE, one a line.
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
peak() { sort -g "$1" | tail -n 1; }

ours=("$tmp/clientele" export --db "$db" --format csv --out "$tmp/profit.csv")
shell=(sqlite3 "$db" "$aggregate")
ledger=(ledger -f "$tmp/sales.ledger" balance --flat)
"${ours[@]}" > /dev/null; "${shell[@]}" > /dev/null; "${ledger[@]}" > /dev/null # warm the page cache
# Interleaved, so that a busy spell on the machine falls on all three.
for ((r = 0; r < runs; r++)); do
	measure clientele "${ours[@]}"
	measure shell "${shell[@]}"
	measure ledger "${ledger[@]}"
done

printf '%-10s %8s %12s   %s\n' "" median "peak memory" "runs (s)"
for name in clientele shell ledger; do
	printf '%-10s %7.2fs %9.1f MB   %s\n' "$name" "$(median "$tmp/$name.secs")" \
		"$(awk -v k="$(peak "$tmp/$name.kb")" 'BEGIN { print k / 1024 }')" "$(tr '\n' ' ' < "$tmp/$name.secs")"
done
c=$(median "$tmp/clientele.secs"); s=$(median "$tmp/shell.secs"); l=$(median "$tmp/ledger.secs")
printf 'clientele / shell  = %.2f (target ≤ 2)\n' "$(awk -v a="$c" -v b="$s" 'BEGIN { print a / b }')"
printf 'ledger / clientele = %.1f (target ≥ 5)\n' "$(awk -v a="$l" -v b="$c" 'BEGIN { print a / b }')"
printf 'clientele peak     = %.1f MB (target ≤ 150)\n' "$(awk -v k="$(peak "$tmp/clientele.kb")" 'BEGIN { print k / 1024 }')"
echo "$(($(wc -l < "$tmp/profit.csv") - 2)) customers exported, plus the header and the unattributed row"
