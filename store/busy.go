package store

import (
	"context"
	"database/sql"
	"errors"

	"clientele/model"
)

// busyAttempts is how many times a write tries to begin while another
// program (a second copy of clientele importing a year of orders, the
// sqlite3 shell) holds the write lock: each attempt waits up to the busy
// timeout, so a save waits up to 15 s before it gives up with ErrBusy,
// which the TUI words as "try again in a moment".
const busyAttempts = 3

// begin starts an IMMEDIATE transaction on the writer connection, trying
// again while the database stays busy. Only BEGIN is retried: once a
// transaction holds the write lock, nothing in it waits for another
// program, and fn (which may read a file as it goes) runs exactly once.
func (db *DB) begin(ctx context.Context) (*sql.Tx, error) { return db.beginOn(ctx, nil) }

// beginOn is begin on conn, a connection of the writer pinned by the
// caller; nil is the writer's pool.
func (db *DB) beginOn(ctx context.Context, conn *sql.Conn) (*sql.Tx, error) {
	if db.readOnly != nil {
		return nil, db.readOnly
	}
	for attempt := 1; ; attempt++ {
		var tx *sql.Tx
		var err error
		if conn != nil {
			// Not rolled back by database/sql when ctx ends, which
			// would leave the connection outside a transaction for what
			// fn runs on it directly (the Loader's batches): fn's
			// statements end with ctx, and change rolls back.
			tx, err = conn.BeginTx(context.WithoutCancel(ctx), nil)
		} else {
			tx, err = db.w.BeginTx(ctx, nil)
		}
		if err == nil {
			return tx, nil
		}
		err = mapErr(err)
		if !errors.Is(err, model.ErrBusy) || attempt >= busyAttempts || ctx.Err() != nil {
			return nil, err
		}
	}
}
