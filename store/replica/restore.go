package replica

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/superfly/ltx"

	"clientele/store"
)

// RestoreOptions tune Restore and Follow.
type RestoreOptions struct {
	Credentials Credentials
	// At restores the book as it was at that moment (the last change
	// copied at or before it); zero restores the latest.
	At time.Time
	// Logger receives Litestream's log; nil discards it.
	Logger *slog.Logger
}

// Restore writes the book copied at from into path, a new file, and
// checks it as `clientele check` does. It never writes over anything:
// path, and the -wal, -shm and -journal files SQLite would read beside
// it, must not exist. The book is written and checked in a private folder
// beside path and moved to path only when its check has run, so path
// never holds half a book. A report that is not OK is returned with the
// book in place, for the caller to show.
func Restore(ctx context.Context, from Destination, path string, opt RestoreOptions) (store.CheckReport, error) {
	return restore(ctx, from, path, opt, false)
}

// restore is Restore; follow also prepares the copy for Follow: rollback
// mode, which a follower's readers need, and the -txid file saying how far
// it goes.
func restore(ctx context.Context, from Destination, path string, opt RestoreOptions, follow bool) (store.CheckReport, error) {
	rep := store.CheckReport{Path: path}
	if err := vacant(path); err != nil {
		return rep, err
	}
	r, err := newReplica(from, path, opt)
	if err != nil {
		return rep, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return rep, fmt.Errorf("creating the folder for %s: %w", path, err)
	}
	work, err := os.MkdirTemp(dir, ".clientele-restore-")
	if err != nil {
		return rep, fmt.Errorf("restoring into %s: %w", dir, err)
	}
	defer os.RemoveAll(work)
	tmp := filepath.Join(work, filepath.Base(path))

	lo := litestream.NewRestoreOptions()
	lo.OutputPath = tmp
	lo.Timestamp = opt.At.UTC()
	if opt.At.IsZero() {
		lo.Timestamp = time.Time{}
		// The exact position, so that a follower resumes from the change
		// after the last one this copy holds.
		plan, err := litestream.CalcRestorePlan(ctx, r.Client, 0, time.Time{}, r.Logger())
		if err != nil {
			return rep, restoreError(from, opt.At, err)
		}
		lo.TXID = plan[len(plan)-1].MaxTXID
	}
	if err := r.Restore(ctx, lo); err != nil {
		return rep, restoreError(from, opt.At, err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return rep, err
	}
	if follow {
		if err := rollbackMode(ctx, tmp); err != nil {
			return rep, err
		}
	}
	rep, err = store.Check(ctx, tmp)
	rep.Path = path
	if err != nil {
		return rep, fmt.Errorf("the copy at %s is not a book clientele can read: %w", from, err)
	}
	if follow {
		if err := litestream.WriteTXIDFile(path, lo.TXID); err != nil {
			return rep, err
		}
	}
	return rep, place(tmp, path)
}

// newReplica is a Litestream replica over the client for from, logging as
// opt says, for restoring into path.
func newReplica(from Destination, path string, opt RestoreOptions) (*litestream.Replica, error) {
	logger := opt.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	client, err := newClient(from, opt.Credentials.WithEnvironment(), logger)
	if err != nil {
		return nil, err
	}
	// The DB is never opened: it only carries the logger the replica uses.
	ldb := litestream.NewDB(path)
	ldb.Logger = logger
	return litestream.NewReplicaWithClient(ldb, client), nil
}

// restoreError says what a failed restore means.
func restoreError(from Destination, at time.Time, err error) error {
	switch {
	case errors.Is(err, litestream.ErrTxNotAvailable) && !at.IsZero():
		return fmt.Errorf("%s holds no copy made at or before %s (copies are kept for a day)", from,
			at.Local().Format("2006-01-02 15:04:05"))
	case errors.Is(err, litestream.ErrTxNotAvailable), errors.Is(err, litestream.ErrNoSnapshots):
		return fmt.Errorf("%s holds no copy of a book (is `clientele replicate --to %s` running?)", from, from)
	}
	return fmt.Errorf("restoring from %s: %w", from, err)
}

// vacant refuses a path that exists, or that SQLite would read a journal
// for.
func vacant(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("%s already exists: a restore never writes over a file; choose a new --db", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// place moves the restored file to path, which it first reserves with
// O_EXCL: if anything took the name meanwhile, that is refused, not
// replaced.
func place(tmp, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("%s: %w (a restore never writes over a file)", path, err)
	}
	f.Close()
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// rollbackMode switches a restored file from WAL to rollback mode, the
// mode a follower's pages are written in, and in which SQLite's readers in
// another process wait on the follower's lock instead of reading half an
// update.
func rollbackMode(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return err
	}
	defer db.Close()
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
		return fmt.Errorf("preparing the copy %s: %w", path, err)
	}
	if mode != "delete" {
		return fmt.Errorf("preparing the copy %s: its journal mode stayed %s", path, mode)
	}
	return nil
}

// FollowOptions tune Follow.
type FollowOptions struct {
	Credentials Credentials
	// Interval is how often the follower looks for new changes: 1 s when
	// zero.
	Interval time.Duration
	// Ready is called once the copy can be opened: after the first restore
	// has checked out, or at once when following resumes.
	Ready func()
	// Logger receives Litestream's log; nil discards it.
	Logger *slog.Logger
}

// Follow keeps path a current, read-only copy of the book at from until
// ctx ends: Litestream's follower (`litestream restore -f`). A new path
// is restored and checked first (see Restore); a path a follower made
// before (it has a -txid file beside it) is brought up to date from where
// it stopped; any other file is refused.
//
// The follower writes pages into the file while holding SQLite's own
// locks, which only keep out readers in another process: open the copy
// (store.OpenReadOnly) in a different process from the one following.
func Follow(ctx context.Context, from Destination, path string, opt FollowOptions) error {
	txid, err := litestream.ReadTXIDFile(path)
	if err != nil {
		return err
	}
	_, statErr := os.Lstat(path)
	switch {
	case statErr == nil && txid == 0:
		return fmt.Errorf("%s exists and is not a followed copy: follow into a new file", path)
	case errors.Is(statErr, fs.ErrNotExist):
		ro := RestoreOptions{Credentials: opt.Credentials, Logger: opt.Logger}
		rep, err := restore(ctx, from, path, ro, true)
		if err != nil {
			return err
		}
		if !rep.OK() {
			return fmt.Errorf("the copy of %s does not check out:\n%s", from, rep)
		}
	case statErr != nil:
		return statErr
	}
	if opt.Ready != nil {
		opt.Ready()
	}
	// Failures, from the destination's client and from Litestream's log,
	// keep the copy from being marked current (freshClient).
	h := &health{}
	logger := opt.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	logger = slog.New(watchHandler{Handler: logger.Handler(), h: h})
	r, err := newReplica(from, path, RestoreOptions{Credentials: opt.Credentials, Logger: logger})
	if err != nil {
		return err
	}
	r.Client = &freshClient{ReplicaClient: watchedClient{ReplicaClient: r.Client, h: h}, path: path, h: h}
	lo := litestream.NewRestoreOptions()
	lo.OutputPath = path
	lo.Follow = true
	if opt.Interval > 0 {
		lo.FollowInterval = opt.Interval
	}
	if err := r.Restore(ctx, lo); err != nil {
		return fmt.Errorf("following %s into %s: %w", from, path, err)
	}
	return nil
}

// Followed reports how current a followed copy is: the position of the
// last change it holds, and the time it was last known current (the time
// of its -txid file: when the last change arrived, or, while a follower
// runs, the start of its latest look at the destination that went
// without a failure; see freshClient). ok is false when path is not a
// followed copy. It reads the -txid file: call it off the interface's
// Update.
func Followed(path string) (txid ltx.TXID, at time.Time, ok bool) {
	fi, err := os.Stat(litestream.TXIDPath(path))
	if err != nil {
		return 0, time.Time{}, false
	}
	txid, err = litestream.ReadTXIDFile(path)
	if err != nil || txid == 0 {
		return 0, time.Time{}, false
	}
	return txid, fi.ModTime(), true
}

// freshClient is the follower's client for the destination. Each time the
// follower looks for new changes (a listing of level 0), the look before
// it is over: when neither it nor applying what it found met a failure,
// the copy held every change the destination held when that look began,
// and the -txid file's time is moved on to then. A follower whose
// destination cannot be reached, or that has stopped, leaves the time
// where it was: the copy is current as of that time, no later.
type freshClient struct {
	litestream.ReplicaClient
	path string
	h    *health
	prev time.Time // when the previous look at level 0 began
}

func (c *freshClient) LTXFiles(ctx context.Context, level int, seek ltx.TXID, meta bool) (ltx.FileIterator, error) {
	if level == 0 {
		now := time.Now()
		if !c.prev.IsZero() && !c.h.failedSince(c.prev) {
			markCurrent(c.path, c.prev)
		}
		c.prev = now
	}
	return c.ReplicaClient.LTXFiles(ctx, level, seek, meta)
}

// markCurrent moves the time of path's -txid file on to at, never back.
func markCurrent(path string, at time.Time) {
	txid := litestream.TXIDPath(path)
	if fi, err := os.Stat(txid); err == nil && at.After(fi.ModTime()) {
		os.Chtimes(txid, at, at)
	}
}
