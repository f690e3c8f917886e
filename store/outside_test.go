package store

import (
	"context"
	"database/sql"
	"os/exec"
	"strings"
	"testing"

	"clientele/model"
)

// shell runs statements on the file as the sqlite3 shell does, with the
// shell itself when it is installed.
func shell(t *testing.T, path, statements string) {
	t.Helper()
	if bin, err := exec.LookPath("sqlite3"); err == nil {
		out, err := exec.Command(bin, path, statements).CombinedOutput()
		if err != nil {
			t.Fatalf("sqlite3: %v: %s", err, out)
		}
		return
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(statements); err != nil {
		t.Fatal(err)
	}
}

func TestAnEditInTheShellIsFoundSortedRecordedAndUndone(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	path := db.Path()
	for _, n := range []string{"Ada Quint", "Bea Lund", "Cy Orr"} {
		if err := db.CreateCustomer(ctx, &model.Customer{Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	shell(t, path, "UPDATE customers SET name = 'Zoë Newname', notes = 'met at the craft fair' WHERE name = 'Ada Quint';")
	rep, err := Check(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if rep.KeysOff != 1 || !strings.Contains(rep.String(), "customer 1 (Zoë Newname)") {
		t.Errorf("check after the shell's edit:\n%s", rep)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, _, err := db.ListCustomers(ctx, model.CustomerQuery{Filter: "craft zoe"})
	if err != nil || len(rows) != 1 || rows[0].Name != "Zoë Newname" {
		t.Errorf("the filter after the edit: %+v, %v", rows, err)
	}
	rows, _, _ = db.ListCustomers(ctx, model.CustomerQuery{Sort: model.SortByName})
	if len(rows) != 3 || rows[2].Name != "Zoë Newname" {
		t.Errorf("sorted by name: %+v", rows)
	}
	if m, _ := db.DuplicatesOf(ctx, model.Customer{Name: "zoe newname"}); len(m) != 1 {
		t.Errorf("duplicates of the new name: %+v", m)
	}
	if rep, _ := Check(ctx, path); !rep.OK() {
		t.Errorf("check after opening:\n%s", rep)
	}
	hs, err := db.History(ctx, model.HistoryQuery{Limit: 1})
	if err != nil || len(hs) != 1 || hs[0].Kind != model.ChangeOutside || hs[0].What != "Edited outside clientele" {
		t.Fatalf("the history's latest: %+v, %v", hs, err)
	}
	d, err := db.Change(ctx, hs[0].ID)
	if err != nil || len(d.Records) != 1 || d.Records[0].Before["name"] != "Ada Quint" ||
		strings.Join(d.Records[0].ChangedFields(), ",") != "name,notes" {
		t.Errorf("what the shell changed: %+v, %v", d, err)
	}
	if _, err := db.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Customer(ctx, 1); c.Name != "Ada Quint" || c.Notes != "" {
		t.Errorf("undoing the shell's edit left %+v", c)
	}
	if rows, _, _ := db.ListCustomers(ctx, model.CustomerQuery{Filter: "ada"}); len(rows) != 1 {
		t.Errorf("the filter after the undo: %+v", rows)
	}
	// A kept key written by hand is reported and mended.
	db.Close()
	shell(t, path, "UPDATE customers SET sort_name = 'aaa' WHERE id = 2;")
	rep, fixed, err := CheckAndFix(ctx, path, true)
	if err != nil || fixed != 1 || !rep.OK() {
		t.Errorf("check --fix: fixed %d, %v\n%s", fixed, err, rep)
	}
}
