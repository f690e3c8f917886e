// Package store keeps clientele's data in one SQLite file through
// modernc.org/sqlite (pure Go, no cgo). It implements the interfaces in
// package model and maps driver errors to model's domain errors.
//
// Two connection pools share the file: one writer connection whose
// transactions begin IMMEDIATE, so two programs on one file queue on the
// busy timeout instead of failing, and a pool of query-only readers, so
// reads never wait for a write in WAL mode.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"clientele/model"
	"clientele/store/exportfile"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// DB is the store: every model store interface over one SQLite file.
type DB struct {
	path string
	w    *sql.DB   // one connection; BEGIN IMMEDIATE
	r    *readPool // readers; query_only; statements kept
	// hist is the recorded tables as the history knows them.
	hist *histSchema
	// Now is the clock for created/updated stamps; tests fix it.
	Now func() time.Time
	// release ends the guard that keeps exports and backups off the
	// file (exportfile.Protect).
	release func()
	// readOnly says why the book cannot be written, nil when it can: a
	// book SQLite cannot write (open), or a follower's copy (OpenReadOnly).
	// Every write is refused with it before it reaches SQLite.
	readOnly *ReadOnlyError
	// health is the file's quick check, run once, before the first write
	// or when Health is asked.
	health health
}

var _ model.Store = (*DB)(nil)

// BusyTimeout is how long SQLite waits, inside one attempt, for another
// program's write to end before it answers SQLITE_BUSY.
const BusyTimeout = 5 * time.Second

// busyTimeout is BusyTimeout; tests shorten it.
var busyTimeout = BusyTimeout

// DefaultPath returns $XDG_DATA_HOME/clientele/clientele.db, or
// ~/.local/share/clientele/clientele.db when XDG_DATA_HOME is unset.
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("finding the default database: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "clientele", "clientele.db"), nil
}

// Open opens the database at path, creating it (mode 0600, in a folder
// made with mode 0700) when it does not exist, and brings its schema up to
// date. A file that is not a clientele database, or one written by a newer
// clientele, is refused with a clear error and left untouched.
//
// A book that cannot be written (a read-only file, folder or disk, a full
// disk) is opened to read: ReadOnly says why, and every write refuses at
// once with that reason. A book that must be created or upgraded first
// cannot be, and is refused with the reason. Writes also wait for the
// file's quick check (Health) and refuse a damaged file.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("no database path given")
	}
	version, err := probe(ctx, path, false)
	if err != nil {
		return nil, err
	}
	return open(ctx, path, version)
}

// OpenExisting is Open for commands that only read or copy a database
// (review, backup, export): a path with no clientele database is an
// error, where Open would start a new one, so that a mistyped --db is
// said rather than answered from an empty file it just made.
func OpenExisting(ctx context.Context, path string) (*DB, error) {
	version, err := probe(ctx, path, false)
	if err != nil {
		return nil, err
	}
	if version == 0 {
		return nil, noDatabase(path)
	}
	return open(ctx, path, version)
}

// open opens the probed file at path, whose schema is at version.
func open(ctx context.Context, path string, version int) (*DB, error) {
	if version > len(migrations) {
		return nil, newerSchema(path, version)
	}
	if err := create(path); err != nil {
		return nil, err
	}
	db := &DB{path: path, Now: func() time.Time { return model.WallClock(time.Now()) }}
	db.readOnly = unwritable(path)
	// A schema SQLite cannot read refuses the book here (probe leaves it
	// to the pools when no WAL is pending), which leaves no -wal or -shm
	// it made beside it. With a WAL pending the pools' close may have
	// written it into the file: the error says only what it is.
	made, pending := sidecars(path), walPending(path)
	damaged := func(err error) error {
		if pending || !errors.Is(mapErr(err), model.ErrDamaged) {
			return nil
		}
		for _, s := range made {
			os.Remove(s)
		}
		return unchangedDamage(path, err)
	}
	if db.readOnly == nil {
		err := db.connect(ctx, false)
		if err != nil && cannotWrite(err) {
			db.readOnly = &ReadOnlyError{Path: path, Reason: diagnose(path, err)}
		} else if err != nil {
			if d := damaged(err); d != nil {
				return nil, d
			}
			return nil, fmt.Errorf("opening %s: %w", path, mapErr(err))
		}
	}
	if db.readOnly != nil {
		if err := db.connect(ctx, true); err != nil {
			if d := damaged(err); d != nil {
				return nil, d
			}
			return nil, err
		}
	}
	db.release = exportfile.Protect(path)
	if version < len(migrations) {
		if err := db.upgrade(ctx, version); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := db.openHistory(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	return db, nil
}

// connect opens the two pools and makes one connection of each, so that
// the pragmas run and a file that cannot be opened so says here. With
// readOnly the writer is a read-only connection too (it can still copy
// the file with VACUUM INTO), and where SQLite cannot keep the -shm beside
// the file the pools read it as immutable (see readDSN).
func (db *DB) connect(ctx context.Context, readOnly bool) error {
	wdsn, rdsn := dsn(db.path, true), dsn(db.path, false)
	if readOnly {
		var err error
		if wdsn, err = readDSN(ctx, db.path, false); err != nil {
			return err
		}
		rdsn, _ = readDSN(ctx, db.path, true)
	}
	w := openWriter(wdsn)
	r, err := sql.Open("sqlite", rdsn)
	if err != nil {
		w.Close()
		return err
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	r.SetMaxIdleConns(max(4, runtime.NumCPU()))
	for _, p := range []*sql.DB{w, r} {
		var v int
		if err := p.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			w.Close()
			r.Close()
			return err
		}
	}
	db.w, db.r = w, newReadPool(r)
	return nil
}

// upgrade brings the schema from version up to this build's. A new file
// gets every migration in one transaction; an older one is checked and
// backed up first (migrate). A book that cannot be written cannot be
// upgraded, and says why.
func (db *DB) upgrade(ctx context.Context, version int) error {
	if db.readOnly != nil {
		if version == 0 {
			return fmt.Errorf("cannot start a new book at %s: %s", db.path, db.readOnly.Reason)
		}
		return fmt.Errorf("%s is from an older clientele (schema version %d; this one reads %d) and must be "+
			"upgraded before it can be read, which means writing to it, but %s; copy it to a folder you can write "+
			"and open the copy", db.path, version, len(migrations), db.readOnly.Reason)
	}
	if version > 0 {
		if err := db.Health(ctx); err != nil {
			return err
		}
	}
	if err := db.migrate(ctx, version); err != nil {
		return err
	}
	// A migration may leave the writer's temporary database open (ALTER
	// TABLE … DROP COLUMN checks the schema through it), and then its
	// temp_store cannot be changed inside a transaction, as an import's
	// staging does: the writer starts afresh.
	w := openWriter(dsn(db.path, true))
	old := db.w
	db.w = w
	return old.Close()
}

// newerSchema says that the file at path was written by a newer clientele.
func newerSchema(path string, version int) error {
	return fmt.Errorf("%s was written by a newer clientele (schema version %d, this one knows up to %d): "+
		"upgrade clientele to open it; the file was not changed", path, version, len(migrations))
}

// OpenReadOnly opens the clientele database at path to read only: a
// follower's copy (store/replica), which another process keeps current by
// writing its pages, and which clientele must never write, migrate or
// switch to WAL. Both pools open the file read-only (mode=ro) without a
// journal-mode pragma; every write the store offers fails with
// model.ErrReadOnly before it begins. The file must hold a database of
// exactly this build's schema: an older one cannot be brought up to date
// without writing it, and a newer one would be misread.
//
// Every read opens its own connection (no idle connection is kept): the
// follower writes pages copied from a WAL book, whose commits need not
// touch page 1, so SQLite's change counter may not move and a kept
// connection would go on reading its cached pages beside new ones.
// BenchmarkReadOnlyRead measures what that costs.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	version, err := probe(ctx, path, true)
	if err != nil {
		return nil, err
	}
	switch {
	case version == 0:
		return nil, noDatabase(path)
	case version != len(migrations):
		return nil, fmt.Errorf("%s holds a book at schema version %d and this clientele reads version %d: "+
			"run the same version of clientele on both machines; the file was not changed", path, version,
			len(migrations))
	}
	ro := dsnReadOnly(path)
	w, err := sql.Open("sqlite", ro)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(0)
	r, err := sql.Open("sqlite", ro)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	r.SetMaxIdleConns(0)
	db := &DB{path: path, w: w, r: newReadPool(r), Now: func() time.Time { return model.WallClock(time.Now()) },
		readOnly: &ReadOnlyError{Path: path, Reason: "it is a followed copy of a book another machine writes " +
			"(open read-only)"},
		release: exportfile.Protect(path)}
	hist, err := loadHistSchema(ctx, r)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	db.hist = hist
	return db, nil
}

// noDatabase says that path holds no clientele database yet.
func noDatabase(path string) error {
	return fmt.Errorf("there is no clientele database at %s yet (the file is missing or empty)", path)
}

// Path returns the file the store was opened on.
func (db *DB) Path() string { return db.path }

// Close closes both pools; the WAL is checkpointed by the last close. A
// quick check still running is stopped first.
func (db *DB) Close() error {
	db.stopHealth()
	if db.release != nil {
		db.release()
	}
	return errors.Join(db.r.Close(), db.w.Close())
}

// dsn builds the connection string. Pragmas live here so that every pooled
// connection gets them, not just the one an Exec happened to reach.
func dsn(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	if writer {
		q.Add("_pragma", "journal_mode(WAL)")
		// Statement journals (every multi-row INSERT of a load writes
		// one) stay in memory instead of temporary files.
		q.Add("_pragma", "temp_store(memory)")
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// dsnReadOnly is the connection string of OpenReadOnly's pools: the
// readers' pragmas on a file SQLite opens read-only.
func dsnReadOnly(path string) string {
	return dsn(path, false) + "&mode=ro"
}

// probe reads an existing file read-only and returns its schema version,
// without writing a byte: no journal-mode change, no migration. A missing
// or empty file is version 0. schema also reads a clientele book's schema
// (see readVersion), for callers that do not open pools on it next.
func probe(ctx context.Context, path string, schema bool) (int, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("opening %s: %w", path, err)
	case fi.IsDir():
		return 0, fmt.Errorf("%s is a folder, not a database file", path)
	case fi.Size() == 0:
		return 0, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("opening %s: %w", path, err)
	}
	header := make([]byte, headerSize)
	_, err = io.ReadFull(f, header)
	f.Close()
	if err != nil || string(header[:16]) != "SQLite format 3\x00" {
		return 0, fmt.Errorf("the file %s is not a SQLite database (was another file passed with --db?); it was not changed", path)
	}
	if err := checkHeader(header, fi.Size(), walPending(path)); err != nil {
		return 0, fmt.Errorf("the file %s is damaged: %v; it was not changed: restore a backup, or try `sqlite3 %s .recover`",
			path, err, path)
	}
	// With no -wal the header holds the schema version: a newer file is
	// refused before SQLite opens it and makes a -wal and -shm beside it.
	if v := int(binary.BigEndian.Uint32(header[60:64])); !walPending(path) && v > len(migrations) {
		return v, newerSchema(path, v)
	}
	// Reading may create empty -wal and -shm files; a refused file is
	// left as it was found.
	made := sidecars(path)
	version, err := readVersion(ctx, path, schema)
	if err == nil && version > len(migrations) {
		err = newerSchema(path, version)
	}
	if err != nil {
		for _, s := range made {
			os.Remove(s)
		}
	}
	return version, err
}

// readVersion opens path read-only and returns its schema version, or an
// error when it is damaged or another program's database. A clientele
// book's schema is read only with schema or a WAL pending.
func readVersion(ctx context.Context, path string, schema bool) (int, error) {
	ro, err := openRead(ctx, path)
	if err != nil {
		return 0, err
	}
	defer ro.Close()
	var version, tables int
	if err := ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, fmt.Errorf("the file %s cannot be read as a database (%v); it was not changed", path, err)
	}
	if version > 0 && !schema && !walPending(path) {
		// A clientele book with nothing waiting in a WAL: the connections
		// open makes next read its schema and refuse a damaged one
		// (unchangedDamage) without this one parsing it first, which was
		// 40% of opening a book. With a WAL pending they could not: the
		// last one to close would write the WAL into the file.
		return version, nil
	}
	if err := ro.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return 0, unchangedDamage(path, err)
	}
	if version == 0 && tables > 0 {
		return 0, fmt.Errorf("the file %s is a SQLite database but not clientele's; it was not changed", path)
	}
	return version, nil
}

// unchangedDamage says that the file at path is damaged (err), and was
// not changed.
func unchangedDamage(path string, err error) error {
	return fmt.Errorf("the file %s is damaged (%v); it was not changed: restore a backup, or try `sqlite3 %s .recover`",
		path, err, path)
}

// openRead opens path to read it without writing a byte (see readDSN).
func openRead(ctx context.Context, path string) (*sql.DB, error) {
	dsn, err := readDSN(ctx, path, true)
	if err == nil {
		var c *sql.DB
		if c, err = sql.Open("sqlite", dsn); err == nil {
			return c, nil
		}
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return nil, fmt.Errorf("the file %s cannot be read as a database (%v); it was not changed", path, err)
	}
	return nil, err
}

// create makes the folder (0700) and an empty file (0600) so that SQLite,
// which would create it with the umask's 0644, opens a private file; the
// -wal and -shm files it adds copy that mode.
func create(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("creating the folder for %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("creating %s: %w", path, err)
	}
	return f.Close()
}

// write runs fn in one IMMEDIATE transaction on the writer connection and
// commits, or rolls back and returns fn's error mapped to a domain error.
// A book that cannot be written, or that failed its quick check, refuses
// before fn runs. When the file itself fails the write (read-only, full,
// busy, damaged), that is the error, whatever fn wrapped it in: an import
// never blames its line 2 for a read-only disk. The transaction is one
// change of the history (store/history.go), n saying what it is: the
// triggers record every row fn writes under it.
func (db *DB) write(ctx context.Context, n note, fn func(tx *sql.Tx) error) error {
	return db.change(ctx, model.ChangeEdit, n, false, func(tx *sql.Tx, _ int64) error { return fn(tx) })
}

// change is write for a change of any kind; fn is given the change's id.
// keep keeps the change in the history even when it touched nothing.
func (db *DB) change(ctx context.Context, kind model.ChangeKind, n note, keep bool,
	fn func(tx *sql.Tx, id int64) error) error {
	return db.changeOn(ctx, kind, n, keep, false, false, func(_ *sql.Conn, tx *sql.Tx, id int64) error {
		return fn(tx, id)
	})
}

// changeOn is change. pin holds the writer's connection from before the
// transaction to after it, and hands it to fn, which may reach the driver
// through it (Conn.Raw; the Loader's batches). unchecked also runs the
// transaction with foreign keys off (which only a connection outside a
// transaction can turn off): fn must prove the references it writes
// itself (LoadNew). A pinned connection is given back with foreign keys
// on, or closed.
func (db *DB) changeOn(ctx context.Context, kind model.ChangeKind, n note, keep, pin, unchecked bool,
	fn func(conn *sql.Conn, tx *sql.Tx, id int64) error) error {
	if db.readOnly != nil {
		return db.readOnly
	}
	if err := db.Health(ctx); err != nil {
		return err
	}
	var conn *sql.Conn
	if pin || unchecked {
		var err error
		if conn, err = db.w.Conn(ctx); err != nil {
			return db.failed(ctx, err)
		}
	}
	if unchecked {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			giveBack(conn)
			return db.failed(ctx, err)
		}
	}
	err := db.changeIn(ctx, conn, kind, n, keep, fn)
	if conn != nil {
		giveBack(conn) // before failed, which may write on the writer
	}
	return db.failed(ctx, err)
}

// changeIn runs change's transaction on conn (nil: the writer's pool).
func (db *DB) changeIn(ctx context.Context, conn *sql.Conn, kind model.ChangeKind, n note, keep bool,
	fn func(conn *sql.Conn, tx *sql.Tx, id int64) error) error {
	tx, err := db.beginOn(ctx, conn)
	if err != nil {
		return err
	}
	id, err := openChange(ctx, tx, db.Now().Format(model.DateTimeLayout), kind, n)
	if err == nil {
		err = fn(conn, tx, id)
	}
	if err == nil {
		err = closeChange(ctx, tx, keep)
	}
	if err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// giveBack returns a pinned writer connection to its pool with foreign
// keys on, as every connection has them (the DSN). One where they do not
// read back on (a transaction left open: the pragma is a no-op inside
// one) is closed instead, and the pool opens a fresh one when needed.
func giveBack(conn *sql.Conn) {
	ctx := context.Background()
	on := 0
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err == nil {
		if err := conn.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&on); err != nil {
			on = 0
		}
	}
	if on != 1 {
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	conn.Close()
}

// failed maps the error of a write. The file's own failures come out
// alone: a read-only file says why, a full disk gives the WAL's pages
// back (a failed import would otherwise leave megabytes of -wal on a disk
// that has none to spare), and damage is remembered so that no later
// write is tried.
func (db *DB) failed(ctx context.Context, err error) error {
	err = mapErr(err)
	var se *storageError
	if !errors.As(err, &se) {
		return err
	}
	switch se.kind {
	case model.ErrReadOnly:
		return &ReadOnlyError{Path: db.path, Reason: diagnose(db.path, se.cause)}
	case model.ErrDiskFull:
		db.w.ExecContext(context.WithoutCancel(ctx), "PRAGMA wal_checkpoint(TRUNCATE)")
	case model.ErrDamaged:
		d := &DamagedError{Path: db.path, Findings: []string{se.cause.Error()}}
		db.metDamage(d)
		return d
	}
	return se
}

// storageError is an error of the file rather than of the data: busy,
// read-only, full or damaged. It matches its kind, a model error.
type storageError struct {
	kind  error
	text  string
	cause *sqlite.Error
}

func (e *storageError) Error() string        { return e.text }
func (e *storageError) Is(target error) bool { return target == e.kind }
func (e *storageError) Unwrap() error        { return e.cause }

// mapErr turns SQLite's result codes into the domain errors callers test
// for, keeping the driver's text for the log.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var st *storageError
	if errors.As(err, &st) {
		return st
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return fmt.Errorf("%w: %s", model.ErrConflict, constraintText(se))
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return fmt.Errorf("%w: it refers to a record that does not exist, or is still referred to", model.ErrConflict)
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return fmt.Errorf("%w: %s", model.ErrInvalid, constraintText(se))
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		// Not the driver's "database is locked": say what it means.
		return &storageError{kind: model.ErrBusy, cause: se, text: fmt.Sprintf("%v (another program kept it locked "+
			"for more than %s)", model.ErrBusy, time.Duration(busyAttempts)*busyTimeout)}
	case sqlite3.SQLITE_READONLY:
		return &storageError{kind: model.ErrReadOnly, cause: se, text: fmt.Sprintf("%v: %v", model.ErrReadOnly, se)}
	case sqlite3.SQLITE_FULL:
		return &storageError{kind: model.ErrDiskFull, cause: se, text: fmt.Sprintf("%v: %v", model.ErrDiskFull, se)}
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return &storageError{kind: model.ErrDamaged, cause: se,
			text: fmt.Sprintf("the database file is damaged (%v): run `clientele check`", se)}
	}
	if strings.Contains(se.Error(), "integer overflow") {
		return fmt.Errorf("%w: the amounts add up to more than clientele can hold; `clientele check` names "+
			"the amounts beyond its limits", model.ErrInvalid)
	}
	return err
}

// constraintText shortens "constraint failed: UNIQUE constraint failed:
// segments.name (2067)" to "segments.name must be unique".
func constraintText(se *sqlite.Error) string {
	msg := se.Error()
	for _, kind := range []string{"UNIQUE", "CHECK", "NOT NULL"} {
		if _, after, ok := strings.Cut(msg, kind+" constraint failed: "); ok {
			after, _, _ = strings.Cut(after, " (")
			switch kind {
			case "UNIQUE":
				return after + " is already taken"
			case "NOT NULL":
				return after + " is required"
			}
			return "a value breaks the rule " + after
		}
	}
	return msg
}
