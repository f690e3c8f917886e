package replica

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/superfly/ltx"

	"clientele/store"
)

// Options tune a Replicator; the zero value is what clientele runs with.
type Options struct {
	Credentials Credentials
	// Interval is how often Litestream looks for new changes and copies
	// them: 1 s when zero.
	Interval time.Duration
	// KeepTrying starts even when the destination cannot be reached, and
	// keeps trying (the TUI must open the book on a train); Status says
	// copying fails. Without it Start makes a first copy and fails when it
	// cannot (`clientele replicate` says so at once).
	KeepTrying bool
	// ShutdownTimeout bounds the final copy Stop makes: 30 s when zero.
	ShutdownTimeout time.Duration
	// Logger receives Litestream's log; nil discards it.
	Logger *slog.Logger
}

// Replicator copies one book continuously to a destination while
// clientele writes it: Litestream's DB, Replica and Store (compaction into
// levels, a daily snapshot, a day of history) over one file.
type Replicator struct {
	dest   Destination
	ldb    *litestream.DB
	ls     *litestream.Store
	health *health
}

// Start begins copying the book db holds to dest. db proves the book is
// open and migrated (only store.Open returns one), which matters: the
// tables Litestream adds would otherwise make a new file look like
// another program's database. Stop it after closing db (see Stop).
func Start(ctx context.Context, db *store.DB, dest Destination, opt Options) (*Replicator, error) {
	if db.ReadOnly() != nil {
		return nil, fmt.Errorf("%s is open read-only (a followed copy): only the machine that writes a book copies it",
			db.Path())
	}
	interval := opt.Interval
	if interval <= 0 {
		interval = litestream.DefaultSyncInterval
	}
	h := &health{}
	logger := opt.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	logger = slog.New(watchHandler{Handler: logger.Handler(), h: h})
	client, err := newClient(dest, opt.Credentials.WithEnvironment(), logger)
	if err != nil {
		return nil, err
	}
	if err := client.Init(ctx); err != nil {
		if !opt.KeepTrying {
			return nil, fmt.Errorf("cannot reach %s: %w", dest, err)
		}
		h.fail(err)
	}

	ldb := litestream.NewDB(db.Path())
	ldb.MonitorInterval = interval
	ldb.Replica = litestream.NewReplicaWithClient(ldb, watchedClient{ReplicaClient: client, h: h})
	ldb.Replica.SyncInterval = interval
	ls := litestream.NewStore([]*litestream.DB{ldb}, compactionLevels())
	ls.Logger = logger
	ldb.SetLogger(logger)
	if opt.ShutdownTimeout > 0 {
		ldb.ShutdownSyncTimeout = opt.ShutdownTimeout
	}
	h.lastOK = ldb.LastSuccessfulSyncAt
	if err := ls.Open(ctx); err != nil {
		return nil, fmt.Errorf("starting to copy %s to %s: %w", db.Path(), dest, err)
	}
	r := &Replicator{dest: dest, ldb: ldb, ls: ls, health: h}
	if !opt.KeepTrying {
		if err := r.Sync(ctx); err != nil {
			ldb.ShutdownSyncTimeout = 0 // one more try, not 30 s of them
			r.ls.Close(context.WithoutCancel(ctx))
			return nil, err
		}
	}
	return r, nil
}

// compactionLevels are Litestream's defaults (30 s, 5 min, 1 h levels
// over the changes themselves), made afresh: Store keeps pointers to them.
func compactionLevels() litestream.CompactionLevels {
	var out litestream.CompactionLevels
	for _, l := range litestream.DefaultCompactionLevels {
		out = append(out, &litestream.CompactionLevel{Level: l.Level, Interval: l.Interval})
	}
	return out
}

// Destination is where the copies go.
func (r *Replicator) Destination() Destination { return r.dest }

// Sync copies every change committed so far and waits until the
// destination holds it: the final copy of a hand-over, or a first copy.
func (r *Replicator) Sync(ctx context.Context) error {
	if err := r.ldb.SyncAndWait(ctx); err != nil {
		r.health.fail(err)
		return fmt.Errorf("copying %s to %s: %w", r.ldb.Path(), r.dest, err)
	}
	return nil
}

// Stop makes a final copy (within Options.ShutdownTimeout) and stops.
// Close clientele's own store first: Litestream's connection must be the
// last one on the file, so that no clientele connection checkpoints the
// WAL behind its back and the final copy sees every change.
func (r *Replicator) Stop(ctx context.Context) error {
	if err := r.ls.Close(ctx); err != nil {
		return fmt.Errorf("the last changes may not have reached %s: %w", r.dest, err)
	}
	// Litestream skips the final copy of a book it never reached; the
	// failures it met say so.
	if st := r.Status(); st.Err != nil {
		return fmt.Errorf("the last changes may not have reached %s: %w", r.dest, st.Err)
	}
	return nil
}

// Status is what a Replicator says about its copies.
type Status struct {
	Destination Destination
	// LastCopy is when the destination last held every change the book
	// had: the last time Litestream's copy succeeded. Zero before the
	// first.
	LastCopy time.Time
	// Err is why copying fails, nil while it works; FailingSince is the
	// first failure since the last copy.
	Err          error
	FailingSince time.Time
}

// Failing reports whether copying has failed for at least d by now.
func (s Status) Failing(now time.Time, d time.Duration) bool {
	return s.Err != nil && now.Sub(s.FailingSince) >= d
}

// String is one line for a person: where, when last, and what fails.
func (s Status) String() string {
	switch {
	case s.Err != nil:
		return fmt.Sprintf("copying to %s has failed since %s: %v", s.Destination,
			s.FailingSince.Local().Format("2006-01-02 15:04:05"), s.Err)
	case s.LastCopy.IsZero():
		return fmt.Sprintf("copying to %s: no copy yet", s.Destination)
	}
	return fmt.Sprintf("copying to %s: last copy %s", s.Destination, s.LastCopy.Local().Format("2006-01-02 15:04:05"))
}

// Status reports the last copy and any failure. It does no I/O: the TUI
// can ask for it as often as it draws.
func (r *Replicator) Status() Status {
	return r.health.status(r.dest)
}

// health collects the failures Litestream meets, from its client and its
// log, against its own record of the last successful copy.
type health struct {
	mu     sync.Mutex
	err    error
	at     time.Time // of the last failure
	since  time.Time // of the first failure after the last success
	lastOK func() time.Time
}

// ok is the time of the last successful copy.
func (h *health) ok() time.Time {
	if h.lastOK == nil {
		return time.Time{}
	}
	return h.lastOK()
}

// fail records a failure, unless it is only a cancelled context.
func (h *health) fail(err error) {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return
	}
	now := time.Now()
	ok := h.ok()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.since.IsZero() || ok.After(h.at) {
		h.since = now
	}
	h.err, h.at = err, now
}

// failedSince reports a failure recorded at or after t.
func (h *health) failedSince(t time.Time) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.err != nil && !h.at.Before(t)
}

func (h *health) status(d Destination) Status {
	ok := h.ok()
	h.mu.Lock()
	defer h.mu.Unlock()
	s := Status{Destination: d, LastCopy: ok}
	if h.err != nil && h.at.After(ok) {
		s.Err, s.FailingSince = h.err, h.since
	}
	return s
}

// watchedClient is Litestream's client for the destination, with every
// failure recorded as it happens (Litestream's log of them is rate
// limited).
type watchedClient struct {
	litestream.ReplicaClient
	h *health
}

func (c watchedClient) record(err error) error {
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		c.h.fail(err)
	}
	return err
}

// Init does nothing: Start has tried the destination already, and every
// client connects again on first use, so an unreachable destination
// (KeepTrying) does not stop Litestream from starting.
func (c watchedClient) Init(context.Context) error { return nil }

func (c watchedClient) LTXFiles(ctx context.Context, level int, seek ltx.TXID, meta bool) (ltx.FileIterator, error) {
	itr, err := c.ReplicaClient.LTXFiles(ctx, level, seek, meta)
	return itr, c.record(err)
}

func (c watchedClient) OpenLTXFile(ctx context.Context, level int, min, max ltx.TXID, offset, size int64) (io.ReadCloser, error) {
	rc, err := c.ReplicaClient.OpenLTXFile(ctx, level, min, max, offset, size)
	return rc, c.record(err)
}

func (c watchedClient) WriteLTXFile(ctx context.Context, level int, min, max ltx.TXID, r io.Reader) (*ltx.FileInfo, error) {
	info, err := c.ReplicaClient.WriteLTXFile(ctx, level, min, max, r)
	return info, c.record(err)
}

func (c watchedClient) DeleteLTXFiles(ctx context.Context, a []*ltx.FileInfo) error {
	return c.record(c.ReplicaClient.DeleteLTXFiles(ctx, a))
}

// watchHandler passes Litestream's log on and records what it logs as an
// error (a local failure, such as a full disk, never reaches the client).
type watchHandler struct {
	slog.Handler
	h *health
}

func (w watchHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelError || w.Handler.Enabled(ctx, l)
}

func (w watchHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelError {
		msg := r.Message
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "error" || a.Key == "err" {
				msg += ": " + a.Value.String()
				return false
			}
			return true
		})
		w.h.fail(errors.New(msg))
	}
	if !w.Handler.Enabled(ctx, r.Level) {
		return nil
	}
	return w.Handler.Handle(ctx, r)
}

func (w watchHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return watchHandler{Handler: w.Handler.WithAttrs(as), h: w.h}
}

func (w watchHandler) WithGroup(name string) slog.Handler {
	return watchHandler{Handler: w.Handler.WithGroup(name), h: w.h}
}
