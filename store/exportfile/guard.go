package exportfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// The guard: no file clientele writes (an export, a backup, the TUI's
// export) may replace a book. A book is a database this program has open
// (store.Open protects it until Close) together with the files SQLite
// keeps beside it, -wal, -shm and -journal; and any file that is a SQLite
// database or write-ahead log, whoever has it open.

// sidecars are the files SQLite keeps beside a database, named after it.
var sidecars = []string{"-wal", "-shm", "-journal"}

// books counts, by path, the databases this program has open.
var books = struct {
	sync.Mutex
	open map[string]int
}{open: map[string]int{}}

// Protect marks the database at path, and its -wal, -shm and -journal, as
// files no write may replace until release is called. store.Open calls it
// for every database it opens.
func Protect(path string) (release func()) {
	books.Lock()
	books.open[path]++
	books.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			books.Lock()
			if books.open[path]--; books.open[path] <= 0 {
				delete(books.open, path)
			}
			books.Unlock()
		})
	}
}

// CheckTarget refuses a path that a write would put over a book: one that
// is, or resolves to (relatively, through symlinks, a hard link or a
// folder's symlink, in another case on a disk that ignores case), a
// database this program has open or one of its -wal, -shm or -journal
// files; a file that is a SQLite database or write-ahead log; or the -wal,
// -shm or -journal name of a SQLite database. Exports (Write) and backups
// call it before they create anything; its error says nothing was written.
func CheckTarget(path string) error {
	refuse := func(what string) error {
		return fmt.Errorf("refusing to write %s: it is %s; choose another name (nothing was written)", path, what)
	}
	books.Lock()
	open := make([]string, 0, len(books.open))
	for p := range books.open {
		open = append(open, p)
	}
	books.Unlock()
	target := resolve(path)
	for _, book := range open {
		for _, s := range append([]string{""}, sidecars...) {
			f := book + s
			if sameFile(path, f) || strings.EqualFold(target, resolve(f)) {
				if s == "" {
					return refuse("the database clientele has open (" + book + ")")
				}
				return refuse("the " + s + " file of the database clientele has open (" + book + ")")
			}
		}
	}
	if isDatabase(path) {
		return refuse("a file that already exists and is a SQLite database (a book or a backup of one)")
	}
	for _, s := range sidecars {
		if base, ok := strings.CutSuffix(path, s); ok && isDatabase(base) {
			return refuse("the " + s + " file of the SQLite database " + base)
		}
	}
	return nil
}

// resolve returns path made absolute with its folder's symlinks followed,
// and the file's own when it is a symlink; a part that does not exist yet
// is kept as written.
func resolve(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	// The file does not exist (or is a dangling symlink): resolve its
	// folder, then the link's target if it is one.
	dir, base := filepath.Split(abs)
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		dir = r
	}
	if to, err := os.Readlink(filepath.Join(dir, base)); err == nil {
		if !filepath.IsAbs(to) {
			to = filepath.Join(dir, to)
		}
		return filepath.Clean(to)
	}
	return filepath.Join(dir, base)
}

// sameFile reports whether a and b both exist and are one file.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// isDatabase reports whether the file at path begins as a SQLite database
// or a SQLite write-ahead log does.
func isDatabase(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	if bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return true
	}
	magic := binary.BigEndian.Uint32(head)
	return magic == 0x377f0682 || magic == 0x377f0683
}
