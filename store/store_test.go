package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"clientele/model"
)

// fixedNow is the clock store tests run at.
var fixedNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// openTest opens a new, empty database in a temporary folder.
func openTest(t testing.TB) *DB {
	t.Helper()
	image, err := emptyBook()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "test.db")
	if err := os.WriteFile(path, image, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { db.Close() })
	return db
}

// emptyBook is a new book's file as Open makes it, made once per test
// binary; each openTest book is a copy, which spares every test the
// migrations (store/storetest does the same for the other packages, and
// store's own tests cannot import it).
var emptyBook = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "clientele-store-test-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	db, err := Open(context.Background(), filepath.Join(dir, "empty.db"))
	if err != nil {
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(dir, "empty.db"))
})

// stamp reads a day or a time as a test writes it ("2026-03-01",
// "2026-03-01 09:30").
func stamp(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := model.ParseDateTime(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// fileBefore makes a database file at the schema version before the
// first migration containing marker, runs stmts on it (rows as an older
// clientele wrote them) and returns its path, for a test to open and see
// that migration fill what it adds.
func fileBefore(t *testing.T, marker string, stmts ...string) string {
	t.Helper()
	before := slices.IndexFunc(migrations, func(m string) bool { return strings.Contains(m, marker) })
	if before < 0 {
		t.Fatalf("no migration has %q", marker)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := create(path); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range append(append(migrations[:before:before], fmt.Sprintf("PRAGMA user_version = %d", before)),
		stmts...) {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestOpenCreatesPrivateFileAtLatestVersion(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "new", "folder")
	path := filepath.Join(dir, "c.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode = %v, want 0600", fi.Mode().Perm())
	}
	di, _ := os.Stat(dir)
	if di.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, want 0700", di.Mode().Perm())
	}
	var v int
	if err := db.r.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion() {
		t.Errorf("user_version = %d, %v; want %d", v, err, SchemaVersion())
	}
	var mode string
	db.r.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	var fk int
	db.r.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Errorf("foreign_keys = %d on a reader", fk)
	}
}

func TestCustomerRoundTrip(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	c := model.Customer{Name: " Ada Lovelace ", Email: "ada@example.com", Stage: model.StageCustomer, Fit: 4,
		Channel: model.ChannelEmail, Values: []string{"Quality", "style", "quality"}, Segments: []string{"Wholesale"},
		NextReview: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), AcquisitionCost: 1250}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	got, err := db.Customer(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Ada Lovelace" || got.Fit != 4 || got.AcquisitionCost != 1250 ||
		!got.NextReview.Equal(c.NextReview) || len(got.Values) != 2 || got.Segments[0] != "Wholesale" ||
		!got.CreatedAt.Equal(fixedNow) {
		t.Errorf("read back %+v", got)
	}
	if _, err := db.Customer(ctx, 999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing customer: %v, want ErrNotFound", err)
	}
}

func TestOpenRefusesNewerSchemaAndLeavesItUntouched(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	for name, open := range map[string]func() error{
		"Open":         func() error { _, err := Open(context.Background(), path); return err },
		"OpenExisting": func() error { _, err := OpenExisting(context.Background(), path); return err },
		"Check":        func() error { _, err := Check(context.Background(), path); return err },
	} {
		if err := open(); err == nil || !strings.Contains(err.Error(), "newer clientele") {
			t.Fatalf("%s = %v, want a refusal naming the newer version", name, err)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s changed the refused file", name)
		}
		for _, s := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(path + s); err == nil {
				t.Errorf("%s left %s beside the refused file", name, s)
			}
		}
	}
}

func TestOpenExistingRefusesAPathWithNoDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "none", "c.db"), filepath.Join(dir, "empty.db")} {
		if strings.HasSuffix(path, "empty.db") {
			os.WriteFile(path, nil, 0o600)
		}
		if db, err := OpenExisting(ctx, path); err == nil || !strings.Contains(err.Error(), "no clientele database") {
			if db != nil {
				db.Close()
			}
			t.Errorf("OpenExisting(%s): %v", path, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "none")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("OpenExisting made the folder: %v", err)
	}
	path := filepath.Join(dir, "real.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = OpenExisting(ctx, path); err != nil {
		t.Fatalf("OpenExisting of a database: %v", err)
	}
	db.Close()
}

func TestOpenRefusesOtherFilesUntouched(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("dear diary, today I sold 3 candles\n"), 0o644)
	if _, err := Open(context.Background(), notDB); err == nil || !strings.Contains(err.Error(), "not a SQLite database") {
		t.Errorf("text file: %v", err)
	}
	if b, _ := os.ReadFile(notDB); string(b) != "dear diary, today I sold 3 candles\n" {
		t.Error("text file changed")
	}
	if _, err := os.Stat(notDB + "-wal"); err == nil {
		t.Error("a -wal file was created next to the text file")
	}

	other := filepath.Join(dir, "other.db")
	raw, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	raw.Exec("CREATE TABLE recipes (name TEXT)")
	raw.Close()
	if _, err := Open(context.Background(), other); err == nil || !strings.Contains(err.Error(), "not clientele's") {
		t.Errorf("foreign database: %v", err)
	}
}

func TestOpenTwiceMigratesOnce(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "twice.db")
	for range 2 {
		db, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	matches, _ := filepath.Glob(path + "*.bak")
	if len(matches) != 0 {
		t.Errorf("reopening at the latest version made backups: %v", matches)
	}
}

func TestSchemaConstraintsMapToDomainErrors(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	exec := func(q string, args ...any) error {
		return db.write(ctx, note{}, func(tx *sql.Tx) error { _, err := tx.Exec(q, args...); return err })
	}
	now := "2026-11-23 09:30:00"
	if err := exec("INSERT INTO customers (name, stage, created_at, updated_at) VALUES ('A', 'vip', ?, ?)", now, now); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("bad stage: %v, want ErrInvalid", err)
	}
	if err := exec("INSERT INTO customers (name, fit, created_at, updated_at) VALUES ('A', 9, ?, ?)", now, now); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("fit 9: %v, want ErrInvalid", err)
	}
	if err := exec("INSERT INTO orders (ordered_at, created_at) VALUES ('2026-13-01 00:00:00', ?)", now); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("month 13: %v, want ErrInvalid", err)
	}
	if err := exec("INSERT INTO orders (customer_id, ordered_at, created_at) VALUES (42, ?, ?)", now, now); !errors.Is(err, model.ErrConflict) {
		t.Errorf("missing customer: %v, want ErrConflict", err)
	}
	exec("INSERT INTO segments (name, created_at) VALUES ('Wholesale', ?)", now)
	if err := exec("INSERT INTO segments (name, created_at) VALUES ('WHOLESALE', ?)", now); !errors.Is(err, model.ErrConflict) {
		t.Errorf("duplicate segment: %v, want ErrConflict", err)
	}
	if err := exec("INSERT INTO costs (incurred_on, category, amount, created_at) VALUES ('2026-11-01', 'time', 100, ?)", now); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("time cost without minutes: %v, want ErrInvalid", err)
	}
}

func TestUpdateArchiveAndReferrals(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	a := model.Customer{Name: "Ann", Stage: model.StageAdvocate}
	b := model.Customer{Name: "Ben", Stage: model.StageCustomer}
	for _, c := range []*model.Customer{&a, &b} {
		if err := db.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	b.ReferredBy = a.ID
	b.Email = "ben@example.com"
	if err := db.UpdateCustomer(ctx, &b); err != nil {
		t.Fatal(err)
	}
	refs, err := db.Referrals(ctx, a.ID)
	if err != nil || len(refs) != 1 || refs[0].Name != "Ben" {
		t.Errorf("Referrals(Ann) = %v, %v", refs, err)
	}
	a.ReferredBy = b.ID // Ann referred Ben; Ben cannot have referred Ann
	if err := db.UpdateCustomer(ctx, &a); !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "referred by") {
		t.Errorf("referral loop: %v", err)
	}
	a.ReferredBy = 999
	if err := db.UpdateCustomer(ctx, &a); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("missing referrer: %v", err)
	}
	bad := b
	bad.Email = "ben@"
	if err := db.UpdateCustomer(ctx, &bad); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("bad email saved: %v", err)
	}
	ghost := model.Customer{ID: 999, Name: "Ghost"}
	if err := db.UpdateCustomer(ctx, &ghost); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("update of a missing customer: %v", err)
	}

	if err := db.ArchiveCustomer(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	rows, total, _ := db.ListCustomers(ctx, model.CustomerQuery{})
	if total != 1 || rows[0].Name != "Ann" {
		t.Errorf("after archiving Ben the list is %v (%d)", rows, total)
	}
	rows, total, _ = db.ListCustomers(ctx, model.CustomerQuery{Archived: true})
	if total != 2 || !rows[1].Archived {
		t.Errorf("with archived shown: %v (%d)", rows, total)
	}
	if err := db.UnarchiveCustomer(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if _, total, _ = db.ListCustomers(ctx, model.CustomerQuery{}); total != 2 {
		t.Errorf("after undo %d customers listed", total)
	}
	if err := db.ArchiveCustomer(ctx, 999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("archive missing: %v", err)
	}
}

// addOrder stores a one-line order for a customer through the loader.
func addOrder(t *testing.T, db *DB, customer int64, at string, kind model.OrderKind, qty int64, price model.Money) {
	t.Helper()
	when, err := model.ParseDateTime(at)
	if err != nil {
		t.Fatal(err)
	}
	o := model.Order{CustomerID: customer, OrderedAt: when, Kind: kind,
		Lines: []model.OrderLine{model.NewLine("Lavender soap", qty, price, 100)}}
	if err := db.Load(context.Background(), func(l *Loader) error { return l.Order(&o) }); err != nil {
		t.Fatal(err)
	}
}

func TestListSortsFiltersAndPages(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	people := []model.Customer{
		{Name: "zoë Quinn", Stage: model.StageCustomer, Fit: 2, Notes: "Prefers unscented"},
		{Name: "Ann Archer", Stage: model.StageAdvocate, Fit: 5, Segments: []string{"Wholesale"}},
		{Name: "Bob Baker", Stage: model.StageProspect, Company: "Baker's Dozen Ltd", Email: "bob@bakers.example"},
		{Name: "Émile 100%", Stage: model.StageCustomer, Phone: "555-0100"},
	}
	ids := map[string]int64{}
	for i := range people {
		if err := db.CreateCustomer(ctx, &people[i]); err != nil {
			t.Fatal(err)
		}
		ids[people[i].Name] = people[i].ID
	}
	addOrder(t, db, ids["zoë Quinn"], "2026-01-05 10:00:00", model.OrderSale, 2, 500)
	addOrder(t, db, ids["zoë Quinn"], "2026-03-05 10:00:00", model.OrderSale, 1, 500)
	addOrder(t, db, ids["zoë Quinn"], "2026-03-06 10:00:00", model.OrderRefund, -1, 500)
	addOrder(t, db, ids["Ann Archer"], "2026-11-01 10:00:00", model.OrderSale, 10, 450)

	names := func(q model.CustomerQuery) string {
		rows, _, err := db.ListCustomers(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Name)
		}
		return strings.Join(out, ", ")
	}
	tests := []struct {
		q    model.CustomerQuery
		want string
	}{
		{model.CustomerQuery{}, "Ann Archer, Bob Baker, Émile 100%, zoë Quinn"},
		{model.CustomerQuery{Sort: model.SortByRevenue}, "Ann Archer, zoë Quinn, Émile 100%, Bob Baker"},
		{model.CustomerQuery{Sort: model.SortByLastOrder}, "Ann Archer, zoë Quinn, Émile 100%, Bob Baker"},
		{model.CustomerQuery{Sort: model.SortByOrders}, "zoë Quinn, Ann Archer, Émile 100%, Bob Baker"},
		{model.CustomerQuery{Sort: model.SortByFit}, "Ann Archer, zoë Quinn, Émile 100%, Bob Baker"},
		{model.CustomerQuery{Sort: model.SortByStage}, "Ann Archer, Émile 100%, zoë Quinn, Bob Baker"},
		{model.CustomerQuery{Filter: "wholesale"}, "Ann Archer"},
		{model.CustomerQuery{Filter: "UNSCENTED"}, "zoë Quinn"},
		{model.CustomerQuery{Filter: "ZOË"}, "zoë Quinn"},
		{model.CustomerQuery{Filter: "baker dozen"}, "Bob Baker"},
		{model.CustomerQuery{Filter: "bakers.example"}, "Bob Baker"},
		{model.CustomerQuery{Filter: "0100"}, "Émile 100%"},
		{model.CustomerQuery{Filter: "100%"}, "Émile 100%"},
		{model.CustomerQuery{Filter: "%"}, "Émile 100%"},
		{model.CustomerQuery{Filter: "_"}, ""},
		{model.CustomerQuery{Limit: 2, Offset: 1}, "Bob Baker, Émile 100%"},
	}
	for _, tt := range tests {
		if got := names(tt.q); got != tt.want {
			t.Errorf("%+v: %s; want %s", tt.q, got, tt.want)
		}
		// Every customer the list shows is found on their row; the others
		// on none.
		all := strings.Split(names(model.CustomerQuery{Filter: tt.q.Filter, Sort: tt.q.Sort}), ", ")
		for name, id := range ids {
			pos, err := db.CustomerPosition(ctx, tt.q, id)
			if err != nil {
				t.Fatal(err)
			}
			if want := slices.Index(all, name); pos != want {
				t.Errorf("%+v: %s is on row %d; want %d", tt.q, name, pos, want)
			}
		}
	}
	rows, total, _ := db.ListCustomers(ctx, model.CustomerQuery{Filter: "zoë"})
	z := rows[0]
	if total != 1 || z.Orders != 2 || z.Revenue != 1000 || model.FormatDate(z.LastOrder) != "2026-03-05" {
		t.Errorf("zoë's figures: %+v (orders 2, revenue 10.00 net of the refund, last sale 2026-03-05)", z)
	}
	c, _ := db.Customer(ctx, ids["zoë Quinn"])
	if model.FormatDate(c.FirstOrder) != "2026-01-05" {
		t.Errorf("first order %v", c.FirstOrder)
	}
}

func TestSettingsSaveAndRead(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	s, err := db.Settings(ctx)
	if err != nil || s.BusinessName != model.DefaultSettings().BusinessName {
		t.Fatalf("defaults: %+v %v", s, err)
	}
	s.BusinessName, s.HourlyRate = "Hearth & Lye", 3200
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Settings(ctx)
	if got.BusinessName != "Hearth & Lye" || got.HourlyRate != 3200 {
		t.Errorf("read back %+v", got)
	}
	s.BusinessName = ""
	if err := db.SaveSettings(ctx, s); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("empty business name: %v", err)
	}
}

func TestBackupIsAConsistentPrivateCopy(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	c := model.Customer{Name: "Ada"}
	db.CreateCustomer(ctx, &c)
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := db.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dest); fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v", fi.Mode().Perm())
	}
	if err := db.Backup(ctx, dest); err == nil {
		t.Error("a backup overwrote an existing file")
	}
	copyDB, err := Open(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	if n, _ := copyDB.CustomerCount(ctx); n != 1 {
		t.Errorf("backup holds %d customers", n)
	}
}

// A folder gets a copy named after the clock; the copy is checked.
func TestBackupCheckedNamesTheCopyInAFolder(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	c := model.Customer{Name: "Ada"}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	want := filepath.Join(dir, "clientele-20261123-093000.db")
	dest, rep, err := db.BackupChecked(ctx, dir)
	if err != nil || dest != want || rep.Path != want || !rep.OK() || rep.Customers != 1 {
		t.Fatalf("BackupChecked(folder) = %q, %v\n%s", dest, err, rep)
	}
	// The same second again: the name is taken and the copy is kept.
	if _, _, err := db.BackupChecked(ctx, dir); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second copy in the same second: %v", err)
	}
	named := filepath.Join(dir, "named.db")
	if dest, rep, err := db.BackupChecked(ctx, named); err != nil || dest != named || !rep.OK() {
		t.Errorf("BackupChecked(file) = %q, %v\n%s", dest, err, rep)
	}
}

func TestTimelineListsOrdersNewestFirst(t *testing.T) {
	t.Parallel()
	db := openTest(t)
	ctx := context.Background()
	c := model.Customer{Name: "Ada"}
	db.CreateCustomer(ctx, &c)
	addOrder(t, db, c.ID, "2026-01-05 10:00:00", model.OrderSale, 2, 500)
	addOrder(t, db, c.ID, "2026-02-05 10:00:00", model.OrderRefund, -1, 500)
	tl, err := db.Timeline(ctx, c.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(tl) != 2 || tl[0].Kind != model.TimelineRefund || tl[0].Amount != -500 || tl[1].Kind != model.TimelineOrder ||
		tl[1].Summary != "Lavender soap ×2" {
		t.Errorf("timeline %+v", tl)
	}
}
