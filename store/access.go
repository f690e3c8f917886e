package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"syscall"

	"clientele/model"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ReadOnlyError says why a book cannot be written: it was opened to read,
// and every write refuses with it, at once, before reading any input. It
// matches model.ErrReadOnly.
type ReadOnlyError struct {
	Path string
	// Reason says what stops writing, in words: "the folder /x cannot be
	// written (…)", "the disk holding it is full".
	Reason string
}

// Error implements error.
func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("%s can only be read: %s; nothing can be saved to it until that changes", e.Path, e.Reason)
}

// Is reports model.ErrReadOnly.
func (e *ReadOnlyError) Is(target error) bool { return target == model.ErrReadOnly }

// Why is the reason alone, for a line that names the file elsewhere (the
// TUI's: model.Why).
func (e *ReadOnlyError) Why() string { return e.Reason }

// ReadOnly returns why the book cannot be written (a *ReadOnlyError), or
// nil when it can. The TUI shows it; reading commands print it and go on.
func (db *DB) ReadOnly() error {
	if db.readOnly == nil {
		return nil
	}
	return db.readOnly
}

// unwritable reports a file that exists but may not be opened to write
// (its permissions, a read-only mount), as SQLite would find when it falls
// back to reading it; nil when it can be, or does not exist.
func unwritable(path string) *ReadOnlyError {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err == nil {
		f.Close()
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if reason := osReason(err, "the file may not be written (its permissions are read-only)"); reason != "" {
		return &ReadOnlyError{Path: path, Reason: reason}
	}
	return nil
}

// osReason words an operating system error that stops writing; "" for
// one that does not. denied is what permission denied means here.
func osReason(err error, denied string) string {
	switch {
	case errors.Is(err, syscall.EROFS):
		return "the disk holding it is mounted read-only"
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return "the disk holding it is full"
	case errors.Is(err, fs.ErrPermission):
		return denied
	}
	return ""
}

// cannotWrite reports a SQLite error from opening a book that means it
// cannot be written (read-only file, folder or disk; a full disk; the
// -wal or -shm cannot be made), rather than that it cannot be read.
func cannotWrite(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR,
		sqlite3.SQLITE_PERM:
		return true
	}
	return false
}

// diagnose says why SQLite could not open path to write (err): the
// file, its folder (where SQLite keeps the -wal and -shm) or the disk.
func diagnose(path string, err error) string {
	if ro := unwritable(path); ro != nil {
		return ro.Reason
	}
	dir := filepath.Dir(path)
	if reason := osReason(tryWrite(dir), fmt.Sprintf("the folder %s may not be written, and SQLite keeps %s-wal and "+
		"%s-shm beside the book", dir, filepath.Base(path), filepath.Base(path))); reason != "" {
		return reason
	}
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL {
		return "the disk holding it is full"
	}
	return fmt.Sprintf("SQLite cannot write it (%v)", err)
}

// tryWrite writes as much as SQLite needs to start a -shm (32 KiB) into
// a new file in dir, syncs it and removes it: the error says whether the
// folder may be written and the disk has room.
func tryWrite(dir string) error {
	f, err := os.CreateTemp(dir, ".clientele-probe-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, 64<<10))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// readDSN is the connection string that reads path without writing a
// byte: mode=ro, query_only with queryOnly. SQLite reads a WAL file only
// beside a -shm it can write; where it cannot make one (a read-only folder
// or disk, a full disk) and no changes wait in a -wal, the file is whole
// in itself and is read as immutable. Changes waiting in a -wal that
// cannot be read are an error: reading without them would be reading an
// old book.
func readDSN(ctx context.Context, path string, queryOnly bool) (string, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	if queryOnly {
		q.Add("_pragma", "query_only(1)")
	}
	base := "file:" + (&url.URL{Path: path}).EscapedPath() + "?"
	err := tryRead(ctx, base+q.Encode())
	if err == nil || !cannotWrite(err) {
		return base + q.Encode(), err
	}
	if walPending(path) {
		return "", fmt.Errorf("%s has changes waiting in %s-wal that SQLite cannot read without writing %s-shm, "+
			"and %s: copy the three files to a folder you can write and open the copy", path, filepath.Base(path),
			filepath.Base(path), diagnose(path, err))
	}
	q.Set("immutable", "1")
	return base + q.Encode(), tryRead(ctx, base+q.Encode())
}

// tryRead opens dsn and reads the schema version, to see that it reads.
func tryRead(ctx context.Context, dsn string) error {
	c, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer c.Close()
	var v int
	return c.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
}
