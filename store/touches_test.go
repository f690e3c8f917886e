package store

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"clientele/model"
)

// lastTouch reads a customer's kept last_touch_at.
func lastTouch(t *testing.T, db *DB, id int64) string {
	t.Helper()
	var at sql.NullString
	if err := db.r.QueryRow("SELECT last_touch_at FROM customers WHERE id = ?", id).Scan(&at); err != nil {
		t.Fatal(err)
	}
	return at.String
}

// customers.last_touch_at is the newest touch that was contact, whichever
// way touches are written: a touch logged here, a review done, a snooze
// (which is not contact), a bulk load, the sqlite3 shell changing or
// deleting one, and clearing the book.
func TestLastTouchIsKeptOnEveryWrite(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	ada := model.Customer{Name: "Ada"}
	if err := db.CreateCustomer(ctx, &ada); err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time { return stamp(t, s) }
	check := func(step, want string) {
		t.Helper()
		if got := lastTouch(t, db, ada.ID); got != want {
			t.Errorf("%s: last touch %q, want %q", step, got, want)
		}
	}
	check("no touch", "")
	if err := db.AddTouch(ctx, &model.Touch{CustomerID: ada.ID, At: at("2026-11-10 09:00"), Summary: "call"}); err != nil {
		t.Fatal(err)
	}
	check("a call", "2026-11-10 09:00:00")
	if err := db.AddTouch(ctx, &model.Touch{CustomerID: ada.ID, At: at("2026-11-01 09:00"), Summary: "older"}); err != nil {
		t.Fatal(err)
	}
	check("an older call", "2026-11-10 09:00:00")
	if err := db.Snooze(ctx, ada.ID, at("2026-11-30 00:00")); err != nil {
		t.Fatal(err)
	}
	check("a snooze is not contact", "2026-11-10 09:00:00")
	if err := db.AddTouch(ctx, &model.Touch{CustomerID: ada.ID, At: at("2026-11-20 16:00"), Kind: model.TouchReview,
		Summary: "review done: follow-up"}); err != nil {
		t.Fatal(err)
	}
	check("a review done", "2026-11-20 16:00:00")
	err := db.Load(ctx, func(l *Loader) error {
		if err := l.Touch(&model.Touch{CustomerID: ada.ID, At: at("2026-11-21 10:00"), Kind: model.TouchContact, Summary: "loaded"}); err != nil {
			return err
		}
		return l.QueueTouch(model.Touch{CustomerID: ada.ID, At: at("2026-11-22 10:00"), Kind: model.TouchContact, Summary: "queued"})
	})
	if err != nil {
		t.Fatal(err)
	}
	check("a load", "2026-11-22 10:00:00")
	must := func(q string) {
		t.Helper()
		if _, err := db.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	must("DELETE FROM touches WHERE summary = 'queued'")
	check("the newest deleted", "2026-11-21 10:00:00")
	must("UPDATE touches SET touched_at = '2026-11-02 08:00:00' WHERE summary IN ('loaded', 'review done: follow-up')")
	check("touches moved back", "2026-11-10 09:00:00")
	must("UPDATE touches SET summary = 'Snoozed until 2026-12-01', kind = 'review' WHERE summary = 'call'")
	check("a call turned into a snooze", "2026-11-02 08:00:00")
	if err := db.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	bea := model.Customer{Name: "Bea"}
	if err := db.CreateCustomer(ctx, &bea); err != nil {
		t.Fatal(err)
	}
	if got := lastTouch(t, db, bea.ID); got != "" {
		t.Errorf("after clearing the book, a new customer's last touch %q", got)
	}
}

// Opening a file from before last_touch_at fills it from the touches it
// holds.
func TestMigrationFillsLastTouch(t *testing.T) {
	t.Parallel()
	path := fileBefore(t, "ADD COLUMN last_touch_at",
		`INSERT INTO customers (id, name, created_at, updated_at) VALUES (1, 'Ada', '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
			(2, 'Bea', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
		`INSERT INTO touches (customer_id, touched_at, kind, summary, created_at) VALUES
			(1, '2026-11-01 09:00:00', 'contact', 'call', '2026-11-01'),
			(1, '2026-11-05 09:00:00', 'review', 'Snoozed until 2026-11-09', '2026-11-05'),
			(2, '2026-11-03 09:00:00', 'review', 'Snoozed until 2026-11-09', '2026-11-03')`)
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := lastTouch(t, db, 1); got != "2026-11-01 09:00:00" {
		t.Errorf("Ada's last touch %q", got)
	}
	if got := lastTouch(t, db, 2); got != "" {
		t.Errorf("Bea was only snoozed, last touch %q", got)
	}
}
