#!/usr/bin/env bash
# import.sh [MONTHS] [RUNS]: times `clientele import` of a year-sized Online
# Retail file into a fresh database against the sqlite3 shell importing the
# same CSV into a bare table, and prints CPU time (user + system, which a
# busy machine disturbs less than the clock), their ratio and peak memory;
# then the same with the file's rows shuffled (rows of one invoice apart).
# Each is run RUNS times (default 3), interleaved so that a busy spell
# falls on all; the lowest CPU and the range are printed, the ratios are
# of the lowest.
#
# What is compared, each into a fresh file:
#   clientele   `clientele import` into a new database: the real schema
#               and indexes; every line parsed, checked and rounded once;
#               invoices become orders and order lines, customers and
#               offerings created, list figures refreshed; one transaction.
#   shell       the sqlite3 shell on a new file with the same schema (the
#               migration SQL), `.import --csv --skip 1` of the same CSV
#               into a bare staging table with the file's eight columns,
#               in one transaction. The shell only copies text: the ratio is
#               what clientele's parsing, checks, grouping and the split into
#               the real, indexed tables cost on top.
#   shell+sql   informational: the shell's import followed by the SQL that
#               fills the real tables from the staging table.
# Target (DESIGN.md, issue 14): clientele ≤ 3× shell CPU, ≤ 150 MB peak.
set -euo pipefail
cd "$(dirname "$0")/.."
months=${1:-13}
runs=${2:-3}
command -v sqlite3 >/dev/null || { echo "installing sqlite3" >&2; apt-get install -y sqlite3 >/dev/null; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/clientele" .
bench/make-year.sh "$tmp/year.csv" "$months"
lines=$(($(wc -l < "$tmp/year.csv") - 1))

# measure NAME CMD...: runs CMD under /usr/bin/time on a fresh database
# (every argument ending in .db is removed first) and records its CPU
# seconds and peak KB.
measure() {
	local name=$1; shift
	for a in "$@"; do case $a in *.db) rm -f "$a" "$a-wal" "$a-shm" ;; esac; done
	sync
	/usr/bin/time -v -o "$tmp/$name.time" "$@" > "$tmp/$name.out"
	awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$tmp/$name.time" >> "$tmp/$name.secs"
	awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/$name.time" >> "$tmp/$name.kb"
}

# report NAME: the lowest CPU seconds and their range, and the highest peak.
report() {
	local name=$1
	lo=$(sort -g "$tmp/$name.secs" | head -n 1); hi=$(sort -g "$tmp/$name.secs" | tail -n 1)
	kb=$(sort -g "$tmp/$name.kb" | tail -n 1)
	printf '%-10s %8.2f s CPU (range %.2f–%.2f over %d)  %7.1f MB peak\n' "$name" "$lo" "$lo" "$hi" \
		"$(wc -l < "$tmp/$name.secs")" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
	eval "${name//+/_}_secs=$lo"
}

cat > "$tmp/shell.sql" <<SQL
.read store/migrations/0001_initial.sql
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TABLE retail (InvoiceNo TEXT, StockCode TEXT, Description TEXT, Quantity INTEGER,
  InvoiceDate TEXT, UnitPrice REAL, CustomerID TEXT, Country TEXT) STRICT;
.import --csv --skip 1 $tmp/year.csv retail
COMMIT;
SQL
cat "$tmp/shell.sql" > "$tmp/shellsql.sql"
cat >> "$tmp/shellsql.sql" <<'SQL'
BEGIN;
INSERT INTO customers (name, country, stage, ref_source, ref, created_at, updated_at)
  SELECT 'Customer ' || ref, min(Country), 'customer', 'online-retail', ref, datetime('now'), datetime('now')
  FROM (SELECT CAST(CAST(CAST(CustomerID AS REAL) AS INTEGER) AS TEXT) AS ref, Country FROM retail WHERE CustomerID <> '')
  GROUP BY ref;
INSERT INTO offerings (sku, name, price, created_at)
  SELECT StockCode, coalesce(nullif(min(Description), ''), StockCode), max(0, round(min(UnitPrice) * 100)), datetime('now')
  FROM retail GROUP BY StockCode;
INSERT INTO orders (customer_id, ordered_at, kind, source, external_id, notes, created_at)
  SELECT c.id, min(r.InvoiceDate), CASE WHEN r.InvoiceNo LIKE 'C%' THEN 'refund' ELSE 'sale' END, 'online-retail',
    r.InvoiceNo, 'Country: ' || min(r.Country), datetime('now')
  FROM retail r LEFT JOIN customers c ON c.ref_source = 'online-retail'
    AND c.ref = CAST(CAST(CAST(nullif(r.CustomerID, '') AS REAL) AS INTEGER) AS TEXT)
  GROUP BY r.InvoiceNo;
INSERT INTO order_lines (order_id, offering_id, description, quantity, unit_price, amount)
  SELECT o.id, f.id, r.Description, r.Quantity, round(r.UnitPrice * 100), round(r.Quantity * r.UnitPrice * 100)
  FROM retail r JOIN orders o ON o.source = 'online-retail' AND o.external_id = r.InvoiceNo
  JOIN offerings f ON f.sku = r.StockCode;
COMMIT;
SQL

# The same rows shuffled: every invoice's lines apart, read as one order each.
{ head -n 1 "$tmp/year.csv"; tail -n +2 "$tmp/year.csv" | shuf --random-source=<(yes); } > "$tmp/shuffled.csv"

echo "Importing $lines invoice lines ($months months of the shared Online Retail month), $runs runs each"
for ((r = 0; r < runs; r++)); do
	measure clientele "$tmp/clientele" import --db "$tmp/clientele.db" "$tmp/year.csv"
	measure shell sqlite3 "$tmp/shell.db" ".read $tmp/shell.sql"
	measure shell+sql sqlite3 "$tmp/shellsql.db" ".read $tmp/shellsql.sql"
	measure shuffled "$tmp/clientele" import --db "$tmp/shuffled.db" "$tmp/shuffled.csv"
done
report clientele
cat "$tmp/clientele.out"
report shell
report shell+sql
printf 'ratio clientele / shell     = %.2f (target ≤ 3)\n' "$(awk -v a="$clientele_secs" -v b="$shell_secs" 'BEGIN { print a / b }')"
printf 'ratio clientele / shell+sql = %.2f\n' "$(awk -v a="$clientele_secs" -v b="$shell_sql_secs" 'BEGIN { print a / b }')"
echo "The same $lines lines shuffled"
report shuffled
cat "$tmp/shuffled.out"
printf 'ratio shuffled / shell      = %.2f\n' "$(awk -v a="$shuffled_secs" -v b="$shell_secs" 'BEGIN { print a / b }')"
