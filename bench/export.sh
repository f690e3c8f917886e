#!/usr/bin/env bash
# export.sh [RUNS]: times `clientele export` of the 100,000-customer demo
# book (about 1,000,000 order lines, 800,000 costs) against the sqlite3
# shell's aggregates of the same file and against `ledger balance` on a
# journal of the same sales; prints each one's median over RUNS runs
# (default 5, interleaved, after one unmeasured run each to warm the page
# cache), the ratios and peak memory.
#
# What is compared (each run's wall time and CPU, user + sys; the machine
# may be shared, so compare the CPU ratios first):
#   clientele    the built binary, `export --format csv --out FILE`, all
#                time: every customer's sales, refunds, direct cost, cost
#                to serve, profit, margin, first and last order, recency,
#                RFM, acquisition and lifetime profit, the unattributed
#                row, written atomically. It reads each customer's card and
#                months kept in the file (customer_cards, customer_months:
#                migration 0011) and sums them in Go.
#   shell-kept   sqlite3 summing the same figures from the same kept rows
#                in SQL: per customer, the card's name and stage and the
#                sums of every month (json_each), first and last sale.
#                The same aggregate on the same data: the target, with
#                shell-records, is clientele ≤ 1.2× the faster of the two.
#   shell-records sqlite3 computing the same figures from the orders and
#                costs themselves (every order's kept sums, every cost,
#                costs on an order only to its customer): the same answer
#                without the kept rows.
#   shell-lines  the comparison used before the kept rows (informational):
#                SELECT o.customer_id, count(DISTINCT o.id), sum(l.amount)
#                FROM orders o JOIN order_lines l ON l.order_id = o.id
#                GROUP BY 1 — orders and revenue only, no costs.
#   ledger       `ledger balance --flat` on a journal this script writes
#                from the same file: one transaction per order, its lines'
#                sum posted to an account per customer. Target: clientele at
#                least 5× faster. (--flat: ledger's default tree report
#                slows down with the square of the accounts, 15 s for the
#                first 20,000 orders and hours for all of them; the flat
#                report is the same balances, one line per customer.)
# Every result goes to /dev/null; peak memory is each one's largest RSS.
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
lines='SELECT o.customer_id, count(DISTINCT o.id), sum(l.amount) FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY 1'
kept="SELECT k.customer_id, k.card ->> 0, k.card ->> 1,
  sum(j.value ->> 0), sum(j.value ->> 1), sum(j.value ->> 2), sum(j.value ->> 3), sum(j.value ->> 4),
  sum(j.value ->> 5), sum(j.value ->> 6), sum(j.value ->> 7),
  min(j.key || '-' || (j.value ->> 8)), max(j.key || '-' || (j.value ->> 9))
FROM customer_cards k LEFT JOIN customer_months m USING (customer_id) LEFT JOIN json_each(m.months) j
GROUP BY k.customer_id"
records="SELECT c, max(name), max(stage), sum(so), sum(s), sum(sd), sum(ro), sum(r), sum(rd), sum(n), sum(sv),
  min(fs), max(ls) FROM (
  SELECT id AS c, name, stage, 0 AS so, 0 AS s, 0 AS sd, 0 AS ro, 0 AS r, 0 AS rd, 0 AS n, 0 AS sv, NULL AS fs,
    NULL AS ls FROM customers
  UNION ALL
  SELECT customer_id, NULL, NULL, count(*) FILTER (WHERE kind = 'sale'), sum(lines_amount) FILTER (WHERE kind = 'sale'),
    sum(lines_direct_cost) FILTER (WHERE kind = 'sale'), count(*) FILTER (WHERE kind = 'refund'),
    sum(lines_amount) FILTER (WHERE kind = 'refund'), sum(lines_direct_cost) FILTER (WHERE kind = 'refund'), 0, 0,
    min(ordered_at) FILTER (WHERE kind = 'sale'), max(ordered_at) FILTER (WHERE kind = 'sale')
  FROM orders GROUP BY customer_id
  UNION ALL
  SELECT coalesce(c.customer_id, o.customer_id), NULL, NULL, 0, 0, 0, 0, 0, 0, count(*), sum(c.amount), NULL, NULL
  FROM costs c LEFT JOIN orders o ON c.customer_id IS NULL AND o.id = c.order_id
  WHERE c.category <> 'acquisition' GROUP BY 1)
GROUP BY c"

sqlite3 -batch -noheader -list "$db" "SELECT printf('%s order %d' || char(10) || '    Income:Customer %s  %s GBP'
	|| char(10) || '    Assets:Receivable' || char(10), substr(o.ordered_at, 1, 10), o.id,
	coalesce(o.customer_id, 'unattributed'), printf('%.2f', -sum(l.amount) / 100.0))
	FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.id ORDER BY o.ordered_at, o.id" > "$tmp/sales.ledger"
echo "$(sqlite3 "$db" 'SELECT count(*) FROM customers') customers, $(sqlite3 "$db" 'SELECT count(*) FROM orders') orders," \
	"$(sqlite3 "$db" 'SELECT count(*) FROM order_lines') order lines, $(sqlite3 "$db" 'SELECT count(*) FROM costs') costs" \
	"in $db; $runs runs each"

# measure NAME CMD...: runs CMD under /usr/bin/time and records its
# seconds, CPU seconds (user + sys) and peak KB.
measure() {
	local name=$1; shift
	/usr/bin/time -v -o "$tmp/time" "$@" > /dev/null
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' \
		"$tmp/time" >> "$tmp/$name.secs"
	awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$tmp/time" >> "$tmp/$name.cpu"
	awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time" >> "$tmp/$name.kb"
}

# median FILE: the median of the numbers in FILE, one a line.
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
peak() { sort -g "$1" | tail -n 1; }

ours=("$tmp/clientele" export --db "$db" --format csv --out "$tmp/profit.csv")
shell_kept=(sqlite3 "$db" "$kept")
shell_records=(sqlite3 "$db" "$records")
shell_lines=(sqlite3 "$db" "$lines")
ledger=(ledger -f "$tmp/sales.ledger" balance --flat)
names=(clientele shell-kept shell-records shell-lines ledger)
# each NAME FN: calls FN NAME CMD... with the command NAME runs.
each() {
	case $2 in
	clientele) "$1" "$2" "${ours[@]}" ;;
	shell-kept) "$1" "$2" "${shell_kept[@]}" ;;
	shell-records) "$1" "$2" "${shell_records[@]}" ;;
	shell-lines) "$1" "$2" "${shell_lines[@]}" ;;
	ledger) "$1" "$2" "${ledger[@]}" ;;
	esac
}
warm() { shift; "$@" > /dev/null; }
for name in "${names[@]}"; do each warm "$name"; done # warm the page cache
# Interleaved, so that a busy spell on the machine falls on all of them.
for ((r = 0; r < runs; r++)); do
	for name in "${names[@]}"; do
		each measure "$name"
	done
done

printf '%-14s %8s %8s %12s   %s\n' "" wall cpu "peak memory" "runs, wall (s)"
for name in "${names[@]}"; do
	printf '%-14s %7.2fs %7.2fs %9.1f MB   %s\n' "$name" "$(median "$tmp/$name.secs")" "$(median "$tmp/$name.cpu")" \
		"$(awk -v k="$(peak "$tmp/$name.kb")" 'BEGIN { print k / 1024 }')" "$(tr '\n' ' ' < "$tmp/$name.secs")"
done
ratio() { awk -v a="$(median "$tmp/$1.$3")" -v b="$(median "$tmp/$2.$3")" 'BEGIN { printf "%.2f", a / b }'; }
for other in shell-kept shell-records shell-lines; do
	printf 'clientele / %-13s = %s wall, %s cpu\n' "$other" "$(ratio clientele "$other" secs)" "$(ratio clientele "$other" cpu)"
done
fastest=$(for o in shell-kept shell-records; do echo "$(median "$tmp/$o.cpu") $o"; done | sort -g | head -n 1 | cut -d' ' -f2)
printf 'target: clientele ≤ 1.2 × %s, the faster shell with the same figures: %s cpu, %s wall\n' "$fastest" \
	"$(ratio clientele "$fastest" cpu)" "$(ratio clientele "$fastest" secs)"
printf 'ledger / clientele = %s wall (target ≥ 5)\n' "$(ratio ledger clientele secs)"
printf 'clientele peak     = %.1f MB (target ≤ 150)\n' "$(awk -v k="$(peak "$tmp/clientele.kb")" 'BEGIN { print k / 1024 }')"
echo "$(($(wc -l < "$tmp/profit.csv") - 2)) customers exported, plus the header and the unattributed row"
