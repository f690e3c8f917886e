package store

import (
	"context"
	"errors"
	"fmt"
	"os"
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
		return fmt.Errorf("creating %s: %w", dest, err)
	}
	f.Close()
	if _, err := db.w.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		os.Remove(dest)
		return fmt.Errorf("copying the database to %s: %w", dest, mapErr(err))
	}
	return nil
}
