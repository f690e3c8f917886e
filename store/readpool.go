package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// maxKeptStatements bounds the statements a readPool or a writer's
// connection (keptConn) keeps: the store's
// reads are a few hundred fixed texts, and texts built with a count in
// them (an IN list of n places) must not grow the cache without end. A
// full cache is emptied and fills again with what is read from then on.
const maxKeptStatements = 512

// readPool is the readers' pool with each query's statement kept between
// reads. SQLite compiles a statement's text into a program, and with the
// driver that is most of what a short read costs (a customer's detail, a
// page of the list: a key's load); a kept statement is compiled once per
// connection and reset after each use. database/sql keeps one compiled
// statement per connection of the pool and hands a connection to one
// query at a time, so a kept statement never serves two reads at once.
// Transactions and the writer prepare as before.
type readPool struct {
	*sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// newReadPool wraps the readers' pool p.
func newReadPool(p *sql.DB) *readPool {
	return &readPool{DB: p, stmts: map[string]*sql.Stmt{}}
}

// stmt returns the kept statement for query, preparing it the first
// time; nil when the text does not prepare (the caller then runs the text
// as it is, and meets the same error there).
func (p *readPool) stmt(ctx context.Context, query string) *sql.Stmt {
	p.mu.Lock()
	defer p.mu.Unlock()
	if s, ok := p.stmts[query]; ok {
		return s
	}
	if len(p.stmts) >= maxKeptStatements {
		p.closeStmts() // a statement still reading is finalized when its rows close
	}
	s, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	p.stmts[query] = s
	return s
}

// QueryContext runs query through its kept statement.
func (p *readPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := p.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return p.DB.QueryContext(ctx, query, args...)
}

// QueryRowContext runs query through its kept statement.
func (p *readPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := p.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return p.DB.QueryRowContext(ctx, query, args...)
}

// Close closes the kept statements, then the pool: SQLite closes a
// connection only once its statements are finalized.
func (p *readPool) Close() error {
	p.mu.Lock()
	err := p.closeStmts()
	p.mu.Unlock()
	return errors.Join(err, p.DB.Close())
}

// closeStmts closes and forgets every kept statement; p.mu is held.
func (p *readPool) closeStmts() error {
	var errs []error
	for q, s := range p.stmts {
		errs = append(errs, s.Close())
		delete(p.stmts, q)
	}
	return errors.Join(errs...)
}
