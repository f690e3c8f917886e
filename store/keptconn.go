package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
)

// openWriter opens the writer's pool: one connection (SQLite takes one
// writer at a time) whose statements are kept between writes.
//
// A write's statement is where SQLite compiles the triggers of the table
// it writes (the history's, the kept figures' and blocks'): an INSERT
// into order_lines compiles a dozen trigger programs into its own, and
// compiling was a quarter of what a save cost. Each text is compiled once
// per connection and reset after each use, as the readers' are
// (readPool); this is done in the driver's connection rather than with
// database/sql's statements because every write runs in a transaction,
// on *sql.Tx, whose ExecContext prepares afresh.
func openWriter(dsn string) *sql.DB {
	w := sql.OpenDB(keptConnector{dsn: dsn})
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	return w
}

// keptConnector opens SQLite connections that keep their statements.
type keptConnector struct{ dsn string }

// sqliteDriver is the driver registered as "sqlite", which holds the
// functions the schema and the queries call (clientele_fold, …: see
// sqlutil.go and review.go).
var sqliteDriver = func() driver.Driver {
	db, _ := sql.Open("sqlite", "") // opens no connection
	defer db.Close()
	return db.Driver()
}()

// Connect opens a connection to the connector's file.
func (k keptConnector) Connect(context.Context) (driver.Conn, error) {
	c, err := sqliteDriver.Open(k.dsn)
	if err != nil {
		return nil, err
	}
	return &keptConn{Conn: c, stmts: map[string]*keptStmt{}}, nil
}

// Driver is SQLite's.
func (keptConnector) Driver() driver.Driver { return sqliteDriver }

// keptConn is a SQLite connection whose ExecContext and QueryContext run
// each text through a statement kept for it. database/sql hands a
// connection to one call at a time (and closes rows under the same
// lock), so the connection needs no lock of its own. PrepareContext
// still prepares afresh: its caller owns and closes what it gets (the
// Loader's batches, through Conn.Raw).
type keptConn struct {
	driver.Conn // SQLite's own
	stmts       map[string]*keptStmt
}

// keptStmt is a kept statement; busy while rows of it are open.
type keptStmt struct {
	driver.Stmt
	busy bool
}

// kept returns the statement kept for query, preparing it the first
// time; nil when it is reading already (a query of the same text inside
// its own rows runs on a statement of its own).
func (c *keptConn) kept(ctx context.Context, query string) (*keptStmt, error) {
	if s, ok := c.stmts[query]; ok {
		if s.busy {
			return nil, nil
		}
		return s, nil
	}
	if len(c.stmts) >= maxKeptStatements {
		c.closeStmts(false)
	}
	ds, err := c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s := &keptStmt{Stmt: ds}
	c.stmts[query] = s
	return s, nil
}

// closeStmts finalizes the kept statements, all of them or only those
// not reading.
func (c *keptConn) closeStmts(all bool) error {
	var errs []error
	for q, s := range c.stmts {
		if s.busy && !all {
			continue
		}
		errs = append(errs, s.Close())
		delete(c.stmts, q)
	}
	return errors.Join(errs...)
}

// ExecContext runs query on its kept statement.
func (c *keptConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	s, err := c.kept(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
	}
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext runs query on its kept statement, which stays busy until
// the rows close.
func (c *keptConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	s, err := c.kept(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
	}
	rows, err := s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	s.busy = true
	return &keptRows{Rows: rows, s: s}, nil
}

// PrepareContext prepares a statement of the caller's own.
func (c *keptConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

// BeginTx begins a transaction as SQLite's connection does.
func (c *keptConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

// Ping is SQLite's.
func (c *keptConn) Ping(ctx context.Context) error { return c.Conn.(driver.Pinger).Ping(ctx) }

// ResetSession is SQLite's.
func (c *keptConn) ResetSession(ctx context.Context) error {
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

// IsValid is SQLite's.
func (c *keptConn) IsValid() bool { return c.Conn.(driver.Validator).IsValid() }

// Close finalizes the kept statements, then closes the connection:
// SQLite closes a connection only once its statements are finalized.
func (c *keptConn) Close() error {
	return errors.Join(c.closeStmts(true), c.Conn.Close())
}

// keptRows are the rows of a kept statement, which they give back when
// they close (SQLite's rows reset a kept statement rather than finalize
// it).
type keptRows struct {
	driver.Rows
	s *keptStmt
}

// Close closes the rows and frees their statement.
func (r *keptRows) Close() error {
	err := r.Rows.Close()
	r.s.busy = false
	return err
}
