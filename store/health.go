package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"clientele/model"
)

// DamagedError says that a book failed SQLite's quick check, or that a
// write met damage: clientele writes nothing more to it. It matches
// model.ErrDamaged and says how to recover.
type DamagedError struct {
	Path string
	// Findings are quick_check's first lines, or the error a write met.
	Findings []string
}

// Error implements error.
func (e *DamagedError) Error() string {
	return fmt.Sprintf("the file %s is damaged (%s), so clientele will not write to it: run `clientele check --db %s` "+
		"for a report, restore your latest backup, or rescue what still reads with `sqlite3 %s .recover` on a copy",
		e.Path, strings.Join(e.Findings, "; "), e.Path, e.Path)
}

// Is reports model.ErrDamaged.
func (e *DamagedError) Is(target error) bool { return target == model.ErrDamaged }

// health is a book's quick check: run once, in the background, on one of
// the readers.
type health struct {
	start  sync.Once
	done   chan struct{}
	cancel context.CancelFunc
	err    error // the verdict, once done is closed

	mu  sync.Mutex
	met error // damage a write met since, which overrides a clean verdict
}

// healthFindings is how many of quick_check's lines a DamagedError keeps.
const healthFindings = 3

// Health runs SQLite's quick check of the whole file, once, and returns
// its verdict: nil for a sound file, a *DamagedError for a damaged one
// (or one a write has since found damaged), or ctx's error when ctx ends
// first (the check goes on). Every write waits for it, so nothing is
// written to a damaged file; it reads every page (about a second at
// 100,000 customers), which is why Open does not wait for it: the TUI
// asks for it as it starts and shows the verdict, and a save made before
// it ends waits for the rest.
func (db *DB) Health(ctx context.Context) error {
	h := &db.health
	h.start.Do(func() {
		h.done = make(chan struct{})
		var cctx context.Context
		cctx, h.cancel = context.WithCancel(context.Background())
		go func() {
			defer close(h.done)
			h.err = db.quickCheck(cctx)
		}()
	})
	select {
	case <-h.done:
	case <-ctx.Done():
		return ctx.Err()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.met != nil {
		return h.met
	}
	return h.err
}

// quickCheck runs PRAGMA quick_check and words its findings.
func (db *DB) quickCheck(ctx context.Context) error {
	rows, err := db.r.QueryContext(ctx, fmt.Sprintf("PRAGMA quick_check(%d)", healthFindings))
	if err != nil {
		return db.checkFailed(ctx, err)
	}
	defer rows.Close()
	var findings []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return db.checkFailed(ctx, err)
		}
		if msg != "ok" {
			findings = append(findings, msg)
		}
	}
	if err := rows.Err(); err != nil {
		return db.checkFailed(ctx, err)
	}
	if len(findings) > 0 {
		return &DamagedError{Path: db.path, Findings: findings}
	}
	return nil
}

// checkFailed is the verdict of a quick check that could not run to the
// end: damage it met, or the error (a closed store, a cancelled check).
func (db *DB) checkFailed(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("the quick check of %s was stopped: %w", db.path, ctx.Err())
	}
	if err := mapErr(err); errors.Is(err, model.ErrDamaged) {
		return &DamagedError{Path: db.path, Findings: []string{err.Error()}}
	}
	return fmt.Errorf("checking %s: %w", db.path, err)
}

// metDamage records that a write met damage: every later write refuses.
func (db *DB) metDamage(err *DamagedError) {
	db.health.mu.Lock()
	if db.health.met == nil {
		db.health.met = err
	}
	db.health.mu.Unlock()
}

// stopHealth stops a quick check still running and waits for it to end,
// so that Close never pulls the reader from under it.
func (db *DB) stopHealth() {
	h := &db.health
	h.start.Do(func() { // a check not started never will be
		h.done = make(chan struct{})
		h.err = fmt.Errorf("%s is closed", db.path)
		close(h.done)
	})
	if h.cancel != nil {
		h.cancel()
	}
	<-h.done
}
