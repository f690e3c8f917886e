package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"clientele/model"
)

// Backup writes a consistent copy of the database to dest with VACUUM INTO,
// while other connections keep working. dest must not exist; the copy is
// created with mode 0600.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("%s already exists; choose another name", dest)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	// Reserve the name with the right mode; VACUUM INTO needs the file empty.
	f, err := os.OpenFile(dest, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return model.WriteError(dest, err)
	}
	f.Close()
	if _, err := db.w.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		os.Remove(dest)
		return fmt.Errorf("copying the database to %s: %w", dest, mapErr(err))
	}
	return nil
}

// BackupChecked writes a copy with Backup, then reads it back with Check.
// When dest is a folder the copy goes inside it, named after db.Now:
// clientele-20261123-093000.db. It returns the copy's path and report: a
// copy that cannot be read back is an error; one that reads back with
// problems is a report that is not OK, for the caller to show.
func (db *DB) BackupChecked(ctx context.Context, dest string) (string, CheckReport, error) {
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		dest = filepath.Join(dest, "clientele-"+db.Now().Format("20060102-150405")+".db")
	}
	if err := db.Backup(ctx, dest); err != nil {
		return dest, CheckReport{}, err
	}
	rep, err := Check(ctx, dest)
	if err != nil {
		return dest, rep, fmt.Errorf("the copy at %s cannot be read back: %w", dest, err)
	}
	return dest, rep, nil
}
