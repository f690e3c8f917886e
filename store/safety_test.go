package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"clientele/model"
	"clientele/store/testsize"
)

// loadOrders fills db with n customers, each with one sale of two lines,
// so the file spans many pages.
func loadOrders(t testing.TB, db *DB, n int) {
	t.Helper()
	err := db.Load(context.Background(), func(l *Loader) error {
		for i := range n {
			c := model.Customer{Name: fmt.Sprintf("Customer %05d", i), Stage: model.StageCustomer,
				Notes: strings.Repeat("note ", 20)}
			if err := l.Customer(&c); err != nil {
				return err
			}
			o := model.Order{CustomerID: c.ID, OrderedAt: fixedNow.AddDate(0, 0, -i%300), Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Lavender soap", 2, 450, 120), model.NewLine("Candle", 1, 1200, 400)}}
			if err := l.Order(&o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestBackupWhileAnotherConnectionWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "live.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	loadOrders(t, db, 500)
	// A second handle on the file stands for the TUI of another program:
	// its own connections, its own writes, all through the busy timeout.
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	var wrote atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			c := model.Customer{Name: fmt.Sprintf("Walk-in %d", i), Stage: model.StageCustomer}
			if err := other.CreateCustomer(ctx, &c); err != nil {
				t.Errorf("write %d during the backup: %v", i, err)
				return
			}
			o := model.Order{CustomerID: c.ID, OrderedAt: fixedNow, Kind: model.OrderSale,
				Lines: []model.OrderLine{model.NewLine("Gift box", 1, 3500, 1400)}}
			if err := other.CreateOrder(ctx, &o); err != nil {
				t.Errorf("order %d during the backup: %v", i, err)
				return
			}
			wrote.Add(1)
		}
	}()
	dir := t.TempDir()
	for i := range 5 {
		for wrote.Load() < int64(10*(i+1)) && !t.Failed() {
			time.Sleep(time.Millisecond)
		}
		dest := filepath.Join(dir, fmt.Sprintf("copy%d.db", i))
		if err := db.Backup(ctx, dest); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		rep, err := Check(ctx, dest)
		if err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		// A consistent copy: whole, every order's customer there, every
		// customer's figures matching their orders (a torn copy would
		// hold a customer without the order written in the same breath,
		// or an order without its refreshed figures).
		if !rep.OK() {
			t.Fatalf("backup %d does not check out:\n%s", i, rep)
		}
		if rep.Customers < 500+10*(i+1) || rep.Orders != rep.Customers-countWithoutOrders(t, dest) {
			t.Errorf("backup %d holds %d customers, %d orders", i, rep.Customers, rep.Orders)
		}
	}
	close(stop)
	wg.Wait()
	if wrote.Load() < 50 {
		t.Errorf("only %d writes ran alongside the backups", wrote.Load())
	}
}

// countWithoutOrders counts the customers of the file at path who have no
// order: a Walk-in created just before the copy, whose order came after.
func countWithoutOrders(t *testing.T, path string) int {
	t.Helper()
	ro, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var n int
	if err := ro.QueryRow("SELECT count(*) FROM customers WHERE order_count = 0").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpenBacksUpAnOlderFileBeforeMigrating(t *testing.T) {
	// Not parallel: it changes a package variable (migrations or
	// busyTimeout) every other test reads.
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c := model.Customer{Name: "Ada", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	// This build pretends to know one schema change more than the file.
	real := migrations
	migrations = append(real[:len(real):len(real)], "CREATE TABLE later_feature (x INTEGER) STRICT;")
	defer func() { migrations = real }()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var v int
	db.r.QueryRow("PRAGMA user_version").Scan(&v)
	db.Close()
	if v != len(real)+1 {
		t.Errorf("migrated to version %d, want %d", v, len(real)+1)
	}
	baks, _ := filepath.Glob(path + ".before-v*.bak")
	if len(baks) != 1 {
		t.Fatalf("backups next to the file: %v", baks)
	}
	if want := fmt.Sprintf(".before-v%d-", len(real)+1); !strings.Contains(baks[0], want) {
		t.Errorf("backup %s is not named %s…", baks[0], want)
	}
	if fi, _ := os.Stat(baks[0]); fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, want 0600", fi.Mode().Perm())
	}
	// The backup is the file as it was: the old version, the same data,
	// and this build opens it (migrating a copy of it, not the backup).
	migrations = real
	rep, err := Check(ctx, baks[0])
	if err != nil || !rep.OK() || rep.Customers != 1 {
		t.Fatalf("backup check: %v\n%s", err, rep)
	}
	ro, _ := sql.Open("sqlite", "file:"+baks[0]+"?mode=ro")
	ro.QueryRow("PRAGMA user_version").Scan(&v)
	ro.Close()
	if v != len(real) {
		t.Errorf("backup is at version %d, want %d", v, len(real))
	}
	_ = before
}

// damage writes a damaged copy of the file at src and returns its path.
func damage(t *testing.T, src, name string, hurt func([]byte) []byte) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(filepath.Dir(src), name)
	if err := os.WriteFile(dst, hurt(bytes.Clone(b)), 0o600); err != nil {
		t.Fatal(err)
	}
	return dst
}

// sample is sampleFile's file, made once per test binary.
var sample struct {
	sync.Once
	image []byte
}

// sampleFile is a closed database with 2,000 customers and orders, a
// copy of the one this test binary made first.
func sampleFile(t *testing.T) string {
	t.Helper()
	sample.Do(func() {
		path := filepath.Join(t.TempDir(), "sample.db")
		db, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		loadOrders(t, db, 2000)
		// No free pages: the tests that turn a page to noise mean one SQLite
		// reads (a load's marks of the kept book come and go, and leave some).
		if _, err := db.w.Exec("VACUUM"); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		image, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sample.image = image
	})
	if sample.image == nil {
		t.Fatal("the sample file could not be made: see the first test that asked for it")
	}
	path := filepath.Join(t.TempDir(), "good.db")
	if err := os.WriteFile(path, sample.image, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// noisyCopy writes a copy of the file at src with a page in the middle
// turned to noise: Open cannot see it without reading every page, check
// must.
func noisyCopy(t *testing.T, src string) string {
	t.Helper()
	return damage(t, src, "noisy.db", func(b []byte) []byte {
		p := len(b) / 4096 / 2 * 4096
		for i := p; i < p+4096; i++ {
			b[i] ^= 0xa5
		}
		return b
	})
}

// behindTheBack runs queries on the file at path without the store and
// without foreign keys: the damage a person with the sqlite3 shell can do.
func behindTheBack(t *testing.T, path string, queries ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range queries {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// fixFigures runs `clientele check --fix` on the file at path and checks
// it is sound after.
func fixFigures(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.FixFigures(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if rep, err := Check(ctx, path); err != nil || !rep.OK() {
		t.Fatalf("after the fix: %v\n%s", err, rep)
	}
}

func TestOpenRefusesDamagedFilesUntouched(t *testing.T) {
	t.Parallel()
	good := sampleFile(t)
	cases := []struct {
		name string
		hurt func([]byte) []byte
		want string
	}{
		{"half.db", func(b []byte) []byte { return b[:len(b)/2/4096*4096] }, "cut-off copy"},
		{"ragged.db", func(b []byte) []byte { return b[:len(b)-1000] }, "not a whole number"},
		{"header-only.db", func(b []byte) []byte { return b[:100] }, "not a whole number"},
		{"short.db", func(b []byte) []byte { return b[:10] }, "not a SQLite database"},
		{"magic.db", func(b []byte) []byte { b[3] ^= 0x20; return b }, "not a SQLite database"},
		{"reserved.db", func(b []byte) []byte { b[20] ^= 0xff; return b }, "reserves 255 bytes"},
		{"fractions.db", func(b []byte) []byte { b[21] ^= 0x01; return b }, "payload fractions"},
		{"pagesize.db", func(b []byte) []byte { b[16] ^= 0x03; return b }, "page size"},
		{"schema.db", func(b []byte) []byte { // page 1's b-tree header
			for i := 100; i < 108; i++ {
				b[i] ^= 0xa5
			}
			return b
		}, "was not changed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := damage(t, good, c.name, c.hurt)
			before, _ := os.ReadFile(path)
			_, err := Open(context.Background(), path)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("Open = %v, want an error naming the file and %q", err, c.want)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the damaged file was changed")
			}
			for _, s := range []string{"-wal", "-shm"} {
				if _, err := os.Stat(path + s); err == nil {
					t.Errorf("%s was left next to the refused file", s)
				}
			}
			if _, err := Check(context.Background(), path); err == nil {
				t.Error("check read the damaged file without a word")
			}
		})
	}
}

func TestCheckFindsDamageBrokenReferencesAndWrongFigures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	good := sampleFile(t)
	rep, err := Check(ctx, good)
	if err != nil || !rep.OK() || rep.Customers != 2000 || rep.Orders != 2000 || rep.Lines != 4000 {
		t.Fatalf("good file: %v\n%s", err, rep)
	}
	if !strings.Contains(rep.String(), "All is well.") {
		t.Errorf("report:\n%s", rep)
	}

	rep, err = Check(ctx, noisyCopy(t, good))
	if err != nil || rep.OK() || len(rep.Integrity) == 0 || !strings.Contains(rep.String(), "FAIL  integrity") ||
		!strings.Contains(rep.String(), "restore the latest backup") {
		t.Errorf("noisy page: %v\n%s", err, rep)
	}

	// Broken references and figures, written behind the store's back.
	behindTheBack(t, good, "UPDATE customers SET revenue = revenue + 1 WHERE id IN (1, 2)",
		"UPDATE customers SET order_count = 0, last_order_at = NULL WHERE id = 3")
	rep, err = Check(ctx, good)
	if err != nil || rep.OK() || rep.FiguresOff != 3 || len(rep.ForeignKeys) != 0 ||
		!strings.Contains(rep.String(), "customer 3 (Customer 00002): kept 0 orders") ||
		!strings.Contains(rep.String(), "clientele check --fix") {
		t.Fatalf("wrong figures: %v\n%s", err, rep)
	}
	fixFigures(t, good)

	behindTheBack(t, good, "UPDATE orders SET customer_id = 99999 WHERE id = 5")
	rep, err = Check(ctx, good)
	if err != nil || rep.OK() || len(rep.ForeignKeys) != 1 ||
		!strings.Contains(rep.String(), "orders row 5 refers to a customers record that does not exist") {
		t.Fatalf("broken reference: %v\n%s", err, rep)
	}
}

// CheckAndFix writes only with fix, only to the figures, and never to a
// damaged file.
func TestCheckAndFixRecomputesOnlyTheFigures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	good := sampleFile(t)
	noisy := noisyCopy(t, good)
	behindTheBack(t, good, "UPDATE customers SET revenue = revenue + 1 WHERE id IN (1, 2)",
		"UPDATE orders SET customer_id = 99999 WHERE id = 5")

	rep, fixed, err := CheckAndFix(ctx, good, false)
	if err != nil || fixed != 0 || rep.FiguresOff != 3 || len(rep.ForeignKeys) != 1 {
		t.Fatalf("without fix: fixed %d, %v\n%s", fixed, err, rep)
	}
	if rep, err := Check(ctx, good); err != nil || rep.FiguresOff != 3 {
		t.Fatalf("without fix the figures changed: %v\n%s", err, rep)
	}
	// Customers 1 and 2 (revenue) and 5 (an order taken away) are off:
	// fix recomputes them; the broken reference stays for a person.
	rep, fixed, err = CheckAndFix(ctx, good, true)
	if err != nil || fixed != 3 || rep.FiguresOff != 0 || len(rep.ForeignKeys) != 1 || rep.OK() {
		t.Fatalf("with fix: fixed %d, %v\n%s", fixed, err, rep)
	}

	before, _ := os.ReadFile(noisy)
	rep, fixed, err = CheckAndFix(ctx, noisy, true)
	if err != nil || fixed != 0 || len(rep.Integrity) == 0 {
		t.Errorf("damaged file: fixed %d, %v\n%s", fixed, err, rep)
	}
	if after, _ := os.ReadFile(noisy); !bytes.Equal(before, after) {
		t.Error("fix wrote to a damaged file")
	}
}

func TestWritesSayReadOnlyAndDiskFull(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTest(t)
	c := model.Customer{Name: "Ada", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	// The writer is one connection, so a pragma on it holds for every
	// write. query_only answers SQLITE_READONLY, as a read-only file does.
	if _, err := db.w.Exec("PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
	c.Notes = "changed"
	if err := db.UpdateCustomer(ctx, &c); !errors.Is(err, model.ErrReadOnly) {
		t.Errorf("read-only: %v, want ErrReadOnly", err)
	}
	db.w.Exec("PRAGMA query_only = 0")
	// A page limit answers SQLITE_FULL, as a full disk does.
	var pages int
	db.w.QueryRow("PRAGMA page_count").Scan(&pages)
	if _, err := db.w.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages)); err != nil {
		t.Fatal(err)
	}
	c.Notes = strings.Repeat("a long note that needs new pages ", 500)
	if err := db.UpdateCustomer(ctx, &c); !errors.Is(err, model.ErrDiskFull) {
		t.Errorf("full: %v, want ErrDiskFull", err)
	}
	got, _ := db.Customer(ctx, c.ID)
	if got.Notes != "" {
		t.Errorf("a failed write left notes %q", got.Notes[:min(20, len(got.Notes))])
	}
}

// mountTmpfs mounts a small tmpfs at a new folder, or skips the test where
// mounting is not allowed (not root, or no CAP_SYS_ADMIN in a container).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir, err := tryTmpfs(t, size)
	if err != nil {
		t.Skipf("cannot mount a tmpfs here (%v); TestWritesSayReadOnlyAndDiskFull covers the mapping", err)
	}
	return dir
}

// tryTmpfs mounts a small tmpfs at a new folder, unmounted when the test
// ends, or says why it cannot.
func tryTmpfs(t *testing.T, size string) (string, error) {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		return "", fmt.Errorf("%v: %s", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir, nil
}

func TestRealFullDiskAndReadOnlyMount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := mountTmpfs(t, "1m")
	path := filepath.Join(dir, "small.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := model.Customer{Name: "Ada", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}
	var full error
	for i := 0; i < 10000 && full == nil; i++ {
		n := model.Customer{Name: fmt.Sprintf("Filler %d", i), Stage: model.StageCustomer, Notes: strings.Repeat("x", 4000)}
		full = db.CreateCustomer(ctx, &n)
	}
	if !errors.Is(full, model.ErrDiskFull) {
		t.Fatalf("filling the disk: %v, want ErrDiskFull", full)
	}
	// What was saved before is still there, and reads go on.
	if got, err := db.Customer(ctx, c.ID); err != nil || got.Name != "Ada" {
		t.Errorf("after the disk filled: %v, %v", got.Name, err)
	}

	db.Close()

	// The same file on a disk mounted read-only: Open says so, or the
	// first save does, in words; nothing is changed.
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	ro, err := Open(ctx, path)
	if err == nil {
		defer ro.Close()
		c.Notes = "after remount"
		err = ro.UpdateCustomer(ctx, &c)
	}
	t.Logf("read-only mount: %v", err)
	if !errors.Is(err, model.ErrReadOnly) {
		t.Errorf("on a read-only mount: %v, want ErrReadOnly", err)
	}
}

func TestWriteRetriesWhileAnotherProgramHoldsTheLock(t *testing.T) {
	// Not parallel: it changes a package variable (migrations or
	// busyTimeout) every other test reads.
	defer func(d time.Duration) { busyTimeout = d }(busyTimeout)
	busyTimeout = 200 * time.Millisecond
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "busy.db")
	holder, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	saver, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer saver.Close()
	c := model.Customer{Name: "Ada", Stage: model.StageCustomer}
	if err := saver.CreateCustomer(ctx, &c); err != nil {
		t.Fatal(err)
	}

	hold := func(d time.Duration) (release chan struct{}) {
		tx, err := holder.w.BeginTx(ctx, nil) // IMMEDIATE: the write lock
		if err != nil {
			t.Fatal(err)
		}
		release = make(chan struct{})
		go func() {
			select {
			case <-time.After(d):
			case <-release:
			}
			tx.Rollback()
		}()
		return release
	}

	// Held longer than one busy timeout, shorter than all attempts: the
	// save waits and succeeds.
	hold(350 * time.Millisecond)
	start := time.Now()
	c.Notes = "saved while another program wrote"
	if err := saver.UpdateCustomer(ctx, &c); err != nil {
		t.Fatalf("save during a 350 ms lock with a 200 ms busy timeout: %v", err)
	}
	if waited := time.Since(start); waited < 300*time.Millisecond {
		t.Errorf("the save waited only %v: was the lock held?", waited)
	}

	// Held past every attempt: ErrBusy, in words, without SQLite's.
	release := hold(5 * time.Second)
	err = saver.UpdateCustomer(ctx, &c)
	close(release)
	if !errors.Is(err, model.ErrBusy) {
		t.Fatalf("save during a long lock: %v, want ErrBusy", err)
	}
	if msg := err.Error(); strings.Contains(msg, "database is locked") || !strings.Contains(msg, "try again") {
		t.Errorf("busy message %q", msg)
	}
}

// unwritableBook is a book of three customers in a condition that stops
// writing, and the words the reason for it must hold.
type unwritableBook struct {
	name, path, reason string
}

// unwritableBooks makes a book in every condition that stops writing this
// machine can make: a read-only disk and a full one where a tmpfs can be
// mounted (root), a read-only folder and file where permissions hold
// (not root).
func unwritableBooks(t *testing.T) []unwritableBook {
	t.Helper()
	make3 := func(dir string) string {
		path := filepath.Join(dir, "book.db")
		db, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"Ada", "Ben", "Cy"} {
			c := model.Customer{Name: n, Stage: model.StageCustomer}
			if err := db.CreateCustomer(context.Background(), &c); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		return path
	}
	var out []unwritableBook
	if os.Geteuid() != 0 {
		dir := t.TempDir()
		path := make3(dir)
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		out = append(out, unwritableBook{"a read-only folder", path, "folder " + dir + " may not be written"})
		path = make3(t.TempDir())
		os.Chmod(path, 0o444)
		out = append(out, unwritableBook{"a read-only file", path, "the file may not be written"})
		return out
	}
	dir, err := tryTmpfs(t, "2m")
	if err != nil {
		t.Logf("cannot mount a tmpfs here (%v): no read-only or full disk to try", err)
		return nil
	}
	path := make3(dir)
	if b, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v %s", err, b)
	}
	out = append(out, unwritableBook{"a read-only disk", path, "mounted read-only"})
	dir = mountTmpfs(t, "1m")
	path = make3(dir)
	fill(t, dir)
	out = append(out, unwritableBook{"a full disk", path, "full"})
	return out
}

// fill writes a file into dir until its disk is full.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			return
		}
	}
}

// A book that cannot be written opens to read, says why, reads, copies
// and checks; every write refuses at once with the reason, before it
// reads any input, whatever the caller wraps around it.
func TestAnUnwritableBookOpensToReadAndSaysWhy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	books := unwritableBooks(t)
	if len(books) == 0 {
		t.Skip("no unwritable condition can be made here")
	}
	for _, b := range books {
		t.Run(b.name, func(t *testing.T) {
			db, err := Open(ctx, b.path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer db.Close()
			ro := db.ReadOnly()
			if !errors.Is(ro, model.ErrReadOnly) || !strings.Contains(ro.Error(), b.reason) {
				t.Errorf("ReadOnly() = %v, want the reason %q", ro, b.reason)
			}
			if got, err := db.Customer(ctx, 1); err != nil || got.Name != "Ada" {
				t.Errorf("reading: %q, %v", got.Name, err)
			}
			c := model.Customer{Name: "Di", Stage: model.StageCustomer}
			if err := db.CreateCustomer(ctx, &c); !errors.Is(err, model.ErrReadOnly) ||
				!strings.Contains(err.Error(), b.reason) {
				t.Errorf("a save: %v, want the reason %q", err, b.reason)
			}
			read := false
			err = db.Load(ctx, func(l *Loader) error {
				read = true
				return fmt.Errorf("line 2, column CustomerID: %w", l.Customer(&model.Customer{Name: "Ed"}))
			})
			if !errors.Is(err, model.ErrReadOnly) || strings.Contains(err.Error(), "line 2") || read {
				t.Errorf("a load: %v (input read: %v), want the reason before any line", err, read)
			}
			if rep, err := Check(ctx, b.path); err != nil || !rep.OK() || rep.Customers != 3 {
				t.Errorf("check: %v\n%s", err, rep)
			}
			copy := filepath.Join(t.TempDir(), "copy.db")
			if err := db.Backup(ctx, copy); err != nil {
				t.Errorf("backup: %v", err)
			} else if rep, err := Check(ctx, copy); err != nil || rep.Customers != 3 {
				t.Errorf("the copy: %v\n%s", err, rep)
			}
		})
	}
}

// A book that is from an older clientele and cannot be written cannot be
// upgraded, and Open says so instead of failing on a missing column.
func TestAnOlderUnwritableBookSaysWhyItCannotBeUpgraded(t *testing.T) {
	// Not parallel: it changes a package variable (migrations or
	// busyTimeout) every other test reads.
	books := unwritableBooks(t)
	if len(books) == 0 {
		t.Skip("no unwritable condition can be made here")
	}
	real := migrations
	migrations = append(real[:len(real):len(real)], "CREATE TABLE later_feature (x INTEGER) STRICT;")
	defer func() { migrations = real }()
	for _, b := range books {
		_, err := Open(context.Background(), b.path)
		if err == nil || !strings.Contains(err.Error(), "older clientele") || !strings.Contains(err.Error(), b.reason) {
			t.Errorf("%s: %v", b.name, err)
		}
	}
}

// A file that fails SQLite's quick check is never written: whatever page
// the noise lands on, Health names the damage and how to recover, every
// write refuses it, and the file's bytes stay as they were.
func TestADamagedBookIsNeverWrittenTo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	good := sampleFile(t)
	size, _ := os.Stat(good)
	pages := int(size.Size() / 4096)
	for _, page := range []int{2, pages / 4, pages / 2, pages * 3 / 4, pages - 1} {
		t.Run(fmt.Sprint("page ", page), func(t *testing.T) {
			path := damage(t, good, fmt.Sprintf("noisy%d.db", page), func(b []byte) []byte {
				r := rand.New(rand.NewPCG(uint64(page), 1))
				for i := page * 4096; i < (page+1)*4096; i++ {
					b[i] = byte(r.Uint32())
				}
				return b
			})
			before, _ := os.ReadFile(path)
			db, err := Open(ctx, path)
			if err != nil {
				t.Logf("refused at open: %v", err)
				return
			}
			herr := db.Health(ctx)
			var d *DamagedError
			if !errors.As(herr, &d) || !errors.Is(herr, model.ErrDamaged) {
				db.Close()
				t.Fatalf("Health = %v, want a DamagedError", herr)
			}
			for _, w := range []string{"clientele check", "backup", ".recover"} {
				if !strings.Contains(herr.Error(), w) {
					t.Errorf("the damage message does not name %q: %v", w, herr)
				}
			}
			c := model.Customer{Name: "Di", Stage: model.StageCustomer}
			if err := db.CreateCustomer(ctx, &c); !errors.Is(err, model.ErrDamaged) {
				t.Errorf("a save: %v, want ErrDamaged", err)
			}
			err = db.Load(ctx, func(l *Loader) error { return l.Customer(&model.Customer{Name: "Ed"}) })
			if !errors.Is(err, model.ErrDamaged) {
				t.Errorf("a load: %v, want ErrDamaged", err)
			}
			if err := db.FixFigures(ctx); !errors.Is(err, model.ErrDamaged) {
				t.Errorf("fix: %v, want ErrDamaged", err)
			}
			db.Close()
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the damaged file was written")
			}
		})
	}
}

// The schema of a new file is made in one transaction: a kill while it
// is made leaves an empty file or the whole schema, never part of one
// (which check would call damaged, and which the next open would back up
// for nothing).
func TestAKillWhileTheSchemaIsMadeLeavesNoPartOfIt(t *testing.T) {
	t.Parallel()
	if os.Getenv(helperEnv) != "" {
		return
	}
	dir := t.TempDir()
	// How long making the schema takes.
	start := time.Now()
	cmd := helper(t, "create", filepath.Join(dir, "timing.db"))
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("helper: %v %s", err, out)
	}
	took := time.Since(start)
	versions := map[int]int{}
	kills := testsize.Pick(10, 30)
	for kill := range kills {
		path := filepath.Join(dir, fmt.Sprintf("new%d.db", kill))
		cmd := helper(t, "create", path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(rand.N(took))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		v, err := probe(context.Background(), path, true)
		if err != nil {
			t.Fatalf("kill %d: %v", kill, err)
		}
		versions[v]++
		if v != 0 && v != len(migrations) {
			t.Errorf("kill %d left schema version %d of %d", kill, v, len(migrations))
		}
		db, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("kill %d: reopening: %v", kill, err)
		}
		db.Close()
		if baks, _ := filepath.Glob(path + ".before-*"); len(baks) > 0 {
			t.Errorf("kill %d: reopening backed up a file that held nothing: %v", kill, baks)
		}
	}
	t.Logf("%d kills over %v of making the schema: versions left %v", kills, took.Round(time.Millisecond), versions)
}

// olderFile makes a file at the first k migrations, as an older clientele
// (or one killed while it made the schema in steps) left it; with data it
// holds one customer, written as that clientele would.
func olderFile(t *testing.T, k int, data bool) string {
	t.Helper()
	real := migrations
	migrations = real[:k]
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", k))
	db, err := Open(context.Background(), path)
	migrations = real
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if data {
		behindTheBack(t, path, `INSERT INTO customers (name, stage, created_at, updated_at)
			VALUES ('Ada', 'customer', '2026-01-02 10:00:00', '2026-01-02 10:00:00')`)
	}
	return path
}

// check on a whole file from an older clientele says what it is and
// offers the upgrade; --fix upgrades it (backing it up first when it held
// anything) and then checks its figures. Never "damaged".
func TestCheckSaysWhatAnOlderFileIsAndUpgradesIt(t *testing.T) {
	// Not parallel: olderFile changes migrations, which every other test
	// reads.
	ctx := context.Background()
	for _, tc := range []struct {
		k    int
		data bool
	}{{1, true}, {3, true}, {len(migrations) - 1, true}, {3, false}} {
		t.Run(fmt.Sprintf("version %d, data %v", tc.k, tc.data), func(t *testing.T) {
			path := olderFile(t, tc.k, tc.data)
			rep, err := Check(ctx, path)
			if err != nil || !rep.OK() || !rep.Older() || rep.Version != tc.k || len(rep.Integrity) > 0 {
				t.Fatalf("check: %v\n%s", err, rep)
			}
			text := rep.String()
			for _, w := range []string{"from an older clientele", fmt.Sprintf("schema version %d", tc.k),
				"clientele check --fix", "whole"} {
				if !strings.Contains(text, w) {
					t.Errorf("the report lacks %q:\n%s", w, text)
				}
			}
			if strings.Contains(text, "damaged") || strings.Contains(text, "restore") {
				t.Errorf("the report calls an older file damaged:\n%s", text)
			}
			rep, fixed, err := CheckAndFix(ctx, path, true)
			if err != nil || !rep.OK() || rep.Older() || rep.UpgradedFrom != tc.k || rep.Version != len(migrations) ||
				fixed != 0 {
				t.Fatalf("check --fix: fixed %d, %v\n%s", fixed, err, rep)
			}
			if !strings.Contains(rep.String(), fmt.Sprintf("Upgraded the file from schema version %d", tc.k)) {
				t.Errorf("the report after the upgrade:\n%s", rep)
			}
			baks, _ := filepath.Glob(path + ".before-*")
			if tc.data != (len(baks) == 1) {
				t.Errorf("backups %v of a file that held data: %v", baks, tc.data)
			}
			if tc.data && rep.Customers != 1 {
				t.Errorf("after the upgrade: %d customers", rep.Customers)
			}
		})
	}
}

// A load the disk fills midway fails as a full disk, not as the line it
// was on, and gives the space its -wal took back: the owner can save
// again at once.
func TestALoadThatFillsTheDiskGivesTheSpaceBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := mountTmpfs(t, "3m")
	path := filepath.Join(dir, "book.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Load(ctx, func(l *Loader) error {
		for i := 0; ; i++ {
			c := model.Customer{Name: fmt.Sprintf("Filler %d", i), Stage: model.StageCustomer,
				Notes: strings.Repeat("x", 4000)}
			if err := l.Customer(&c); err != nil {
				return fmt.Errorf("line %d, column Notes: %w", i+2, err)
			}
		}
	})
	if !errors.Is(err, model.ErrDiskFull) || strings.Contains(err.Error(), "line") {
		t.Fatalf("load: %v, want a full disk and no line blamed", err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 64<<10 {
		t.Errorf("the failed load left a %d-byte -wal on the full disk", fi.Size())
	}
	c := model.Customer{Name: "Ada", Stage: model.StageCustomer}
	if err := db.CreateCustomer(ctx, &c); err != nil {
		t.Errorf("a save after the failed load: %v", err)
	}
}

// Every amount a book may hold is bounded so that every sum of them fits:
// ten thousand lines and costs at the largest amount the model accepts,
// spread over ten customers and none, add up exactly in the Profit book
// and its analysis (SQLite's sums and Go's), where at a bound of 10^15
// they wrapped or failed with "integer overflow". Amounts past the bound
// are refused at every door.
func TestSumsOfTheLargestAmountsFit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTest(t)
	const n = 10_000
	top := model.MaxMoney
	err := db.Load(ctx, func(l *Loader) error {
		var ids []int64
		for i := range 10 {
			c := model.Customer{Name: fmt.Sprintf("Whale %d", i), Stage: model.StageCustomer}
			if err := l.Customer(&c); err != nil {
				return err
			}
			ids = append(ids, c.ID)
		}
		for i := range n {
			id := int64(0)
			if i%11 != 10 {
				id = ids[i%11]
			}
			o := model.Order{CustomerID: id, OrderedAt: fixedNow.AddDate(0, 0, -i%300), Kind: model.OrderSale,
				Lines: []model.OrderLine{{Description: "Everything", Quantity: 1, UnitPrice: top, Amount: top,
					UnitCost: top}}}
			if err := l.Order(&o); err != nil {
				return err
			}
			if err := l.Cost(&model.Cost{On: fixedNow, CustomerID: id, Category: model.CostOther, Amount: top}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	book, err := db.ProfitBook(ctx, model.AllTime())
	if err != nil {
		t.Fatalf("the Profit book: %v", err)
	}
	s, _ := db.Settings(ctx)
	sum := model.AnalyseProfit(book, model.ProfitOptions{Today: fixedNow, Settings: s})
	want := model.Money(n) * top
	if tt := sum.Totals; tt.Revenue != want || tt.DirectCost != want || tt.CostToServe != want || tt.Profit != -want {
		t.Errorf("totals: revenue %d, direct %d, cost to serve %d, profit %d; want ±%d",
			tt.Revenue, tt.DirectCost, tt.CostToServe, tt.Profit, want)
	}

	over := top + 1
	for what, err := range map[string]error{
		"a line's price": db.CreateOrder(ctx, &model.Order{OrderedAt: fixedNow, Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("x", 1, over, 0)}}),
		"a line's quantity": db.CreateOrder(ctx, &model.Order{OrderedAt: fixedNow, Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("x", model.MaxQuantity+1, 1, 0)}}),
		"a line's direct cost": db.CreateOrder(ctx, &model.Order{OrderedAt: fixedNow, Kind: model.OrderSale,
			Lines: []model.OrderLine{model.NewLine("x", 2, 1, top)}}),
		"a refund's amount": db.CreateOrder(ctx, &model.Order{OrderedAt: fixedNow, Kind: model.OrderRefund,
			Lines: []model.OrderLine{model.NewLine("x", -1, over, 0)}}),
		"a cost":      db.CreateCost(ctx, &model.Cost{On: fixedNow, Category: model.CostOther, Amount: over}),
		"an offering": db.CreateOffering(ctx, &model.Offering{Name: "x", Kind: model.KindProduct, Price: over}),
		"acquisition": db.CreateCustomer(ctx, &model.Customer{Name: "x", AcquisitionCost: over}),
		"hourly rate": db.SaveSettings(ctx, model.Settings{Currency: "GBP", HourlyRate: over, ReviewSize: 50}),
		"a loaded line": db.Load(ctx, func(l *Loader) error {
			return l.Order(&model.Order{OrderedAt: fixedNow, Kind: model.OrderSale,
				Lines: []model.OrderLine{{Description: "x", Quantity: 1, UnitPrice: over, Amount: over}}})
		}),
	} {
		if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "the most clientele") &&
			!strings.Contains(err.Error(), "units") {
			t.Errorf("%s past the bound: %v", what, err)
		}
	}
	// Written around the bounds, with the sqlite3 shell: check names them.
	behindTheBack(t, db.path, "UPDATE order_lines SET amount = amount * 10, quantity = 9000000 WHERE id <= 2",
		"UPDATE costs SET amount = amount * 10 WHERE id = 1")
	rep, err := Check(ctx, db.path)
	if err != nil || rep.OK() || strings.Join(rep.Amounts, "; ") != "order_lines: 2 rows; costs: 1 row" ||
		!strings.Contains(rep.String(), "FAIL  amounts") {
		t.Errorf("check after amounts past the bounds: %v\n%s", err, rep)
	}
}

// Litestream's tables, in a book copied by `clientele replicate`, are its
// bookkeeping: a book that holds nothing else holds nothing of the
// owner's, and is upgraded without a backup beside it; the history
// records none of their writes.
func TestLitestreamsTablesAreNotTheOwners(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// A book of the first schema, copied: Litestream's tables and their
	// rows (as its db.go makes and writes them), and nothing else.
	path := filepath.Join(t.TempDir(), "copied.db")
	if err := create(path); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{migrations[0], "PRAGMA user_version = 1",
		`CREATE TABLE IF NOT EXISTS _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER)`,
		`CREATE TABLE IF NOT EXISTS _litestream_lock (id INTEGER)`,
		`INSERT INTO _litestream_seq (id, seq) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET seq = seq + 1`,
		`INSERT INTO _litestream_lock (id) VALUES (1)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			raw.Close()
			t.Fatal(err)
		}
	}
	raw.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if baks, _ := filepath.Glob(path + ".before-v*.bak"); len(baks) > 0 {
		t.Errorf("a book holding only Litestream's rows was backed up before its upgrade: %v", baks)
	}
	s, err := loadHistSchema(ctx, db.r)
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range LitestreamTables {
		if !IsLitestreamTable(table) || s.tables[table] != nil {
			t.Errorf("the history records %s", table)
		}
	}
}
