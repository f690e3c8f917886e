package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
)

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c := model.Customer{Name: "=1+1", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	for _, o := range []model.Order{
		{CustomerID: c.ID, OrderedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Soap", 3, 450, 100)}},
		{OrderedAt: time.Date(2026, 4, 2, 10, 0, 0, 0, time.UTC), Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("Walk-in", 1, 999, 0)}},
	} {
		if err := db.CreateOrder(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	run := func(args ...string) (string, error) {
		t.Helper()
		return runCmd(t, append([]string{"export", "--db", path}, args...)...)
	}

	out, err := run()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 3 {
		t.Fatalf("all time: %q, %v", recs, err)
	}
	if got := strings.Join(recs[1][:10], ","); got != "1,'=1+1,customer,,1,13.50,3.00,0.00,10.50,0.7778" {
		t.Errorf("the customer's row: %s", got)
	}
	if got := strings.Join(recs[2][:6], ","); got != ",(unattributed),,,1,9.99" {
		t.Errorf("the unattributed row: %s", got)
	}

	out, err = run("--from", "2026-04-01", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Period    struct{ From string }
		Customers []any
		Totals    struct{ Revenue json.Number }
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Period.From != "2026-04-01" ||
		len(sum.Customers) != 0 || sum.Totals.Revenue != "9.99" {
		t.Errorf("April on: %+v, %v\n%s", sum, err, out)
	}

	md := filepath.Join(dir, "summary.md")
	if _, err := run("--out", md, "--to", "2026-03-31"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(md)
	fi, err := os.Stat(md)
	if err != nil || fi.Mode().Perm() != 0o600 || !strings.HasPrefix(string(b), "# Profitability summary") ||
		!strings.Contains(string(b), "until 31 Mar 2026") {
		t.Errorf("--out summary.md: %v %v\n%s", fi, err, b)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--from", "2026-13-01"}, "--from: "},
		{[]string{"--from", "2026-03-31", "--to", "2026-03-01"}, "--to: 2026-03-01 is before the start"},
		{[]string{"--format", "xml"}, "use csv, md or json"},
		{[]string{"--out", filepath.Join(dir, "missing", "x.csv")}, "missing"},
		{[]string{"extra"}, "unknown command"},
	} {
		if _, err := run(tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("export %q: %v, want %q", tt.args, err, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
		t.Error("a failed export made a folder or a file")
	}
}
