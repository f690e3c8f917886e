package replica

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"clientele/model"
	"clientele/store"
	"clientele/store/storetest"
)

// testInterval is how often the tests' replicators and followers look
// for changes: short, so that a test waits milliseconds, not seconds.
const testInterval = 20 * time.Millisecond

// openBook opens a new book in a temporary folder.
func openBook(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), storetest.NewBook(t, "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// write adds customers named "write from" … "write to-1", one save each.
func write(t testing.TB, db *store.DB, from, to int) {
	t.Helper()
	for n := from; n < to; n++ {
		c := model.Customer{Name: fmt.Sprintf("write %d", n), Stage: model.StageProspect}
		if err := db.CreateCustomer(context.Background(), &c); err != nil {
			t.Fatal(err)
		}
	}
}

// names lists the customers of the book at path, by id, reading the file
// read-only.
func names(t testing.TB, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT name FROM customers ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// want is the names write(…, from, to) gives.
func want(from, to int) []string {
	var out []string
	for n := from; n < to; n++ {
		out = append(out, fmt.Sprintf("write %d", n))
	}
	return out
}

// start starts a replicator of db to dest and stops it when the test
// ends (after the book is closed).
func start(t testing.TB, db *store.DB, dest Destination, creds Credentials) *Replicator {
	t.Helper()
	r, err := Start(context.Background(), db, dest, Options{Credentials: creds, Interval: testInterval,
		ShutdownTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// stop closes the book, then the replicator: the order Stop asks for.
func stop(t testing.TB, db *store.DB, r *Replicator) {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// restoreOK restores from dest into a new file and fails the test unless
// the restored book checks out.
func restoreOK(t testing.TB, dest Destination, creds Credentials, at time.Time) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "restored.db")
	rep, err := Restore(context.Background(), dest, path, RestoreOptions{Credentials: creds, At: at})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Path != path {
		t.Fatalf("the restored book does not check out:\n%s", rep)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the restored book has mode %v, want 0600", fi.Mode().Perm())
	}
	return path
}

// roundTrip copies a book to dest while it is written, and restores it
// whole, checked, with Litestream's tables left out of the check.
func roundTrip(t *testing.T, dest Destination, creds Credentials) {
	db := openBook(t)
	write(t, db, 0, 5)
	r := start(t, db, dest, creds)
	write(t, db, 5, 40)
	if err := r.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	st := r.Status()
	if st.Err != nil || st.LastCopy.IsZero() || st.Destination.String() != dest.String() {
		t.Errorf("Status after a copy = %+v, want a last copy and no error", st)
	}
	write(t, db, 40, 45)
	stop(t, db, r)
	path := restoreOK(t, dest, creds, time.Time{})
	if got := names(t, path); !slices.Equal(got, want(0, 45)) {
		t.Errorf("restored %d customers %v…, want the 45 written", len(got), got[:min(3, len(got))])
	}
}

func TestRoundTripToAFolder(t *testing.T) {
	t.Parallel()
	dest, creds := fileDestination(t)
	roundTrip(t, dest, creds)
}

func TestRoundTripOverSFTP(t *testing.T) {
	t.Parallel()
	dest, creds := sftpDestination(t)
	roundTrip(t, dest, creds)
}

func TestRoundTripToWebDAV(t *testing.T) {
	t.Parallel()
	dest, creds := webdavDestination(t)
	roundTrip(t, dest, creds)
}

func TestRoundTripToS3(t *testing.T) {
	dest, creds := s3Destination(t)
	roundTrip(t, dest, creds)
}

// A point-in-time restore stops where the clock said: half-way through a
// run of writes, it holds the first half and nothing of the second.
func TestRestoreAtATimeHalfWayThroughWrites(t *testing.T) {
	t.Parallel()
	dest, creds := fileDestination(t)
	db := openBook(t)
	r := start(t, db, dest, creds)
	ctx := context.Background()
	write(t, db, 0, 10)
	if err := r.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	half := time.Now()
	time.Sleep(50 * time.Millisecond)
	write(t, db, 10, 20)
	if err := r.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	stop(t, db, r)
	if got := names(t, restoreOK(t, dest, creds, half)); !slices.Equal(got, want(0, 10)) {
		t.Errorf("restored at half-way: %v, want the first 10 writes", got)
	}
	if got := names(t, restoreOK(t, dest, creds, time.Time{})); !slices.Equal(got, want(0, 20)) {
		t.Errorf("restored the latest: %v, want all 20 writes", got)
	}
	_, err := Restore(ctx, dest, filepath.Join(t.TempDir(), "x.db"),
		RestoreOptions{Credentials: creds, At: half.Add(-time.Hour)})
	if err == nil || !strings.Contains(err.Error(), "no copy made at or before") {
		t.Errorf("restore to before the first copy: %v, want it said", err)
	}
}

// A restore never writes over a file: not the book, not a -wal beside the
// name, and the file it refused is left as it was.
func TestRestoreNeverOverwrites(t *testing.T) {
	t.Parallel()
	dest, creds := fileDestination(t)
	db := openBook(t)
	r := start(t, db, dest, creds)
	write(t, db, 0, 3)
	stop(t, db, r)

	dir := t.TempDir()
	existing := filepath.Join(dir, "book.db")
	writeFile(t, existing, "the owner's book")
	writeFile(t, filepath.Join(dir, "fresh.db-wal"), "a stray journal")
	for _, path := range []string{existing, filepath.Join(dir, "fresh.db")} {
		_, err := Restore(context.Background(), dest, path, RestoreOptions{Credentials: creds})
		if err == nil || !strings.Contains(err.Error(), "already exists") {
			t.Errorf("restore into %s: %v, want a refusal", path, err)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "the owner's book" {
		t.Errorf("the refused file now holds %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "fresh.db")); err == nil {
		t.Error("a refused restore left a file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the folder holds %d entries after refused restores, want the 2 it had", len(entries))
	}
}

// Moving the writing role: the old machine makes its final copy and
// stops; the new one restores, opens the book and replicates to the same
// destination; a third restore holds both machines' writes.
func TestWriterHandoff(t *testing.T) {
	t.Parallel()
	dest, creds := fileDestination(t)
	ctx := context.Background()

	old := openBook(t)
	r := start(t, old, dest, creds)
	write(t, old, 0, 20)
	if err := r.Sync(ctx); err != nil { // the final copy
		t.Fatal(err)
	}
	stop(t, old, r)

	moved := restoreOK(t, dest, creds, time.Time{})
	db, err := store.Open(ctx, moved)
	if err != nil {
		t.Fatal(err)
	}
	r = start(t, db, dest, creds)
	write(t, db, 20, 30)
	stop(t, db, r)

	if got := names(t, restoreOK(t, dest, creds, time.Time{})); !slices.Equal(got, want(0, 30)) {
		t.Errorf("after the hand-over the copies hold %v, want both machines' 30 writes", got)
	}
}

// A failing destination shows in Status, since when, and clears once a
// copy works again.
func TestStatusSaysWhenCopyingFails(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dest := mustParse(t, "file://"+filepath.Join(dir, "copies"))
	db := openBook(t)
	r := start(t, db, dest, Credentials{})
	defer func() { db.Close(); r.Stop(context.Background()) }()
	before := time.Now()
	// The folder becomes a file: every write to it fails.
	if err := os.RemoveAll(filepath.Join(dir, "copies")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "copies"), "not a folder")
	write(t, db, 0, 3)
	deadline := time.Now().Add(10 * time.Second)
	var st Status
	for st = r.Status(); st.Err == nil && time.Now().Before(deadline); st = r.Status() {
		time.Sleep(testInterval)
	}
	if st.Err == nil || st.FailingSince.Before(before) || !st.Failing(time.Now(), 0) || st.Failing(time.Now(), time.Hour) {
		t.Fatalf("Status with the destination broken = %+v, want a failure since the break", st)
	}
	if !strings.Contains(st.String(), "has failed since") {
		t.Errorf("Status.String() = %q", st.String())
	}
	os.Remove(filepath.Join(dir, "copies"))
	if err := r.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st := r.Status(); st.Err != nil {
		t.Errorf("Status after the destination came back = %+v, want no error", st)
	}
}

// A followed copy is never replicated: only the writing machine copies.
func TestStartRefusesAReadOnlyBook(t *testing.T) {
	t.Parallel()
	db := openBook(t)
	path := db.Path()
	db.Close()
	ro, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	dest, creds := fileDestination(t)
	if _, err := Start(context.Background(), ro, dest, Options{Credentials: creds}); err == nil {
		t.Error("Start on a read-only book succeeded")
	}
}

// Start without KeepTrying says at once when the destination cannot be
// reached; with it, the book opens and Status says why nothing is copied.
func TestStartWhenTheDestinationIsDown(t *testing.T) {
	t.Parallel()
	db := openBook(t)
	dest := mustParse(t, "sftp://owner@127.0.0.1:1/books")
	creds := Credentials{Password: "x", SSHHostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
		Home: t.TempDir()}
	if _, err := Start(context.Background(), db, dest, Options{Credentials: creds}); err == nil ||
		!strings.Contains(err.Error(), "cannot reach") {
		t.Errorf("Start to a closed port: %v, want cannot reach", err)
	}
	r, err := Start(context.Background(), db, dest, Options{Credentials: creds, KeepTrying: true,
		Interval: testInterval, ShutdownTimeout: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if st := r.Status(); st.Err == nil {
		t.Errorf("Status with the destination down = %+v, want its error", st)
	}
	db.Close()
	if err := r.Stop(context.Background()); err == nil {
		t.Error("Stop with the destination down said the last changes were copied")
	}
}

// A followed copy is current as of the follower's latest clean look at
// the destination, not only as of the last change that arrived: with
// nothing written, Followed's time moves on; once the destination cannot
// be read, it stays where it was.
func TestAFollowedCopyIsCurrentAsOfTheLatestLook(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dest := mustParse(t, "file://"+filepath.Join(dir, "copies"))
	db := openBook(t)
	write(t, db, 0, 3)
	r := start(t, db, dest, Credentials{})
	defer func() { db.Close(); r.Stop(context.Background()) }()
	if err := r.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "followed.db")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Follow(ctx, dest, copyPath, FollowOptions{Interval: testInterval}) }()
	defer func() { cancel(); <-done }()

	// after waits until Followed's time passes t, and returns it.
	after := func(t0 time.Time, what string) (uint64, time.Time) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(testInterval) {
			if txid, at, ok := Followed(copyPath); ok && at.After(t0) {
				return uint64(txid), at
			}
		}
		t.Fatalf("%s: the followed copy's time never passed %v", what, t0)
		return 0, time.Time{}
	}
	txid, first := after(time.Time{}, "the first restore")
	idle := time.Now()
	txid2, at := after(idle, "nothing written")
	if txid2 != txid {
		t.Errorf("nothing was written and the copy moved from %d to %d", txid, txid2)
	}
	if !at.After(first) {
		t.Errorf("current as of %v, not after %v", at, first)
	}

	// The destination becomes a file: the follower's looks fail.
	if err := os.RemoveAll(filepath.Join(dir, "copies")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "copies"), "not a folder")
	time.Sleep(10 * testInterval)
	_, broken, _ := Followed(copyPath)
	time.Sleep(20 * testInterval)
	if _, later, _ := Followed(copyPath); !later.Equal(broken) {
		t.Errorf("with the destination unreadable the copy says it is current as of %v, then %v", broken, later)
	}
}

// A book copied, closed and opened again (which lines the history's
// triggers up with its schema) keeps Litestream's tables out of its
// history: no trigger on them, and the changes are the owner's writes
// only.
func TestTheHistoryLeavesLitestreamsTablesOut(t *testing.T) {
	t.Parallel()
	dest, creds := fileDestination(t)
	ctx := context.Background()
	db := openBook(t)
	path := db.Path()
	r := start(t, db, dest, creds)
	write(t, db, 0, 3)
	if err := r.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	stop(t, db, r)

	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	r = start(t, db, dest, creds)
	write(t, db, 3, 6)
	if err := r.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	stop(t, db, r)

	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var litestream, triggers int
	if err := raw.QueryRow(`SELECT count(*) FILTER (WHERE type = 'table' AND name LIKE '\_litestream\_%' ESCAPE '\'),
		count(*) FILTER (WHERE type = 'trigger' AND tbl_name LIKE '\_litestream\_%' ESCAPE '\') FROM sqlite_schema`).
		Scan(&litestream, &triggers); err != nil {
		t.Fatal(err)
	}
	if litestream != len(LitestreamTables) || triggers != 0 {
		t.Errorf("the book has %d of Litestream's tables (want %d) and %d triggers on them (want 0)",
			litestream, len(LitestreamTables), triggers)
	}
	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	changes, err := db.History(ctx, model.HistoryQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 6 {
		var what []string
		for _, c := range changes {
			what = append(what, c.What)
		}
		t.Errorf("the history holds %d changes, want the 6 writes: %q", len(changes), what)
	}
}
