package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"clientele/model"
	"clientele/store/exportfile"
)

// Backup writes a consistent copy of the database to dest with VACUUM INTO,
// while other connections keep working. dest must not exist, and may not
// be a book (exportfile.CheckTarget). The copy is written under a hidden
// temporary name in dest's folder (mode 0600), synced, and only then given
// dest's name: a kill or a full disk midway never leaves a partial file
// named dest.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if err := exportfile.CheckTarget(dest); err != nil {
		return err
	}
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("%s already exists; choose another name (nothing was written)", dest)
	} else if !errors.Is(err, os.ErrNotExist) {
		return model.WriteError(dest, err)
	}
	// Reserve a temporary name with the right mode; VACUUM INTO needs the
	// file empty.
	f, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return model.WriteError(dest, err)
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		// After the copy has its name there is nothing here to remove.
		os.Remove(tmp)
		os.Remove(tmp + "-journal")
	}()
	if _, err := db.w.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		err = mapErr(err)
		if errors.Is(err, model.ErrDamaged) {
			return db.failed(ctx, err) // how to recover, not only that it failed
		}
		return fmt.Errorf("copying the database to %s: %w", dest, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("copying the database to %s: %w", dest, err)
	}
	if err := publish(tmp, dest); err != nil {
		return err
	}
	syncDir(filepath.Dir(dest))
	return nil
}

// publish gives the finished file at tmp the name dest, unless dest exists
// by then: a hard link fails rather than replace a file; where the disk has
// no hard links, a rename after a last look.
func publish(tmp, dest string) error {
	err := os.Link(tmp, dest)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s already exists; choose another name (nothing was written)", dest)
	}
	if _, serr := os.Lstat(dest); serr == nil {
		return fmt.Errorf("%s already exists; choose another name (nothing was written)", dest)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return model.WriteError(dest, err)
	}
	return nil
}

// syncFile flushes the file at path to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir flushes a folder's entries, so a new name survives a power cut;
// a folder that cannot be synced (some file systems) is left as it is.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
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
