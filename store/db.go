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

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// DB is the store: every model store interface over one SQLite file.
type DB struct {
	path string
	w    *sql.DB // one connection; BEGIN IMMEDIATE
	r    *sql.DB // readers; query_only
	// readOnly is set by OpenReadOnly: every write is refused before it
	// reaches SQLite, and neither pool may write the file.
	readOnly bool
	// Now is the clock for created/updated stamps; tests fix it.
	Now func() time.Time
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
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("no database path given")
	}
	version, err := probe(ctx, path)
	if err != nil {
		return nil, err
	}
	if version > len(migrations) {
		return nil, fmt.Errorf("%s was written by a newer clientele (schema version %d, this one knows up to %d): "+
			"upgrade clientele to open it; the file was not changed", path, version, len(migrations))
	}
	if err := create(path); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	db := &DB{path: path, w: w, r: r, Now: func() time.Time { return model.WallClock(time.Now()) }}
	if err := db.migrate(ctx, version); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// OpenExisting is Open for commands that only read or copy a database
// (review, backup, export): a path with no clientele database is an
// error, where Open would start a new one, so that a mistyped --db is
// said rather than answered from an empty file it just made.
func OpenExisting(ctx context.Context, path string) (*DB, error) {
	version, err := probe(ctx, path)
	if err != nil {
		return nil, err
	}
	if version == 0 {
		return nil, noDatabase(path)
	}
	return Open(ctx, path)
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
	version, err := probe(ctx, path)
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
	return &DB{path: path, w: w, r: r, readOnly: true, Now: func() time.Time { return model.WallClock(time.Now()) }}, nil
}

// ReadOnly reports whether the store was opened with OpenReadOnly.
func (db *DB) ReadOnly() bool { return db.readOnly }

// errReadOnly is what every write on a read-only store returns.
func (db *DB) errReadOnly() error {
	return fmt.Errorf("%w: %s is open read-only", model.ErrReadOnly, db.path)
}

// noDatabase says that path holds no clientele database yet.
func noDatabase(path string) error {
	return fmt.Errorf("there is no clientele database at %s yet (the file is missing or empty)", path)
}

// Path returns the file the store was opened on.
func (db *DB) Path() string { return db.path }

// Close closes both pools; the WAL is checkpointed by the last close.
func (db *DB) Close() error {
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
// or empty file is version 0.
func probe(ctx context.Context, path string) (int, error) {
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
	// Reading may create empty -wal and -shm files; a refused file is
	// left as it was found.
	made := sidecars(path)
	version, err := readVersion(ctx, path)
	if err != nil {
		for _, s := range made {
			os.Remove(s)
		}
	}
	return version, err
}

// readVersion opens path read-only and returns its schema version, or an
// error when it is damaged or another program's database.
func readVersion(ctx context.Context, path string) (int, error) {
	ro, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0, fmt.Errorf("opening %s: %w", path, err)
	}
	defer ro.Close()
	var version, tables int
	if err := ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, fmt.Errorf("the file %s cannot be read as a database (%v); it was not changed", path, err)
	}
	if err := ro.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return 0, fmt.Errorf("the file %s is damaged (%v); it was not changed: restore a backup, or try `sqlite3 %s .recover`",
			path, err, path)
	}
	if version == 0 && tables > 0 {
		return 0, fmt.Errorf("the file %s is a SQLite database but not clientele's; it was not changed", path)
	}
	return version, nil
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
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}

// mapErr turns SQLite's result codes into the domain errors callers test
// for, keeping the driver's text for the log.
func mapErr(err error) error {
	if err == nil {
		return nil
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
		return fmt.Errorf("%w (another program kept it locked for more than %s)", model.ErrBusy,
			time.Duration(busyAttempts)*busyTimeout)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%w: %v", model.ErrReadOnly, se)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("%w: %v", model.ErrDiskFull, se)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("the database file is damaged (%v): run `clientele check`", se)
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
