// Package model holds clientele's domain: the types a solo business keeps
// about its customers, the rules computed over them, and the interfaces the
// store implements. It does no I/O.
package model

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// Domain errors. Store methods wrap driver errors into these so callers can
// decide what to tell the user with errors.Is.
var (
	// ErrNotFound means the record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means a value broke a rule; the error names the field.
	ErrInvalid = errors.New("invalid")
	// ErrConflict means the write clashes with data already stored, such
	// as a second segment with the same name.
	ErrConflict = errors.New("conflict")
	// ErrBusy means another program held the database for longer than the
	// busy timeout; trying again usually works.
	ErrBusy = errors.New("the database is busy in another program; try again")
	// ErrReadOnly means the database file cannot be written.
	ErrReadOnly = errors.New("the database file is read-only")
	// ErrDiskFull means the disk holding the database is full.
	ErrDiskFull = errors.New("the disk is full")
	// ErrDamaged means the database file failed SQLite's checks: nothing
	// more is written to it.
	ErrDamaged = errors.New("the database file is damaged")
)

// FieldError says which field of a record is wrong and why. It matches
// ErrInvalid with errors.Is.
type FieldError struct {
	Field string // the field as a person calls it, e.g. "email"
	Msg   string // what is wrong, e.g. `"bob@" is not an email address`
}

// Error implements error.
func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// Is reports ErrInvalid.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

// Invalid returns a *FieldError for field with a formatted message.
func Invalid(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Errors collects the field errors of one record so a form can show every
// message at once.
type Errors []*FieldError

// Error implements error.
func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Is reports ErrInvalid.
func (es Errors) Is(target error) bool { return target == ErrInvalid }

// For returns the message for field, or "" when the field is fine.
func (es Errors) For(field string) string {
	for _, e := range es {
		if e.Field == field {
			return e.Msg
		}
	}
	return ""
}

// add appends err when it is a *FieldError; other errors are wrapped with
// the field name.
func (es *Errors) add(field string, err error) {
	if err == nil {
		return
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		if fe.Field == "" {
			fe = &FieldError{Field: field, Msg: fe.Msg}
		}
		*es = append(*es, fe)
		return
	}
	*es = append(*es, &FieldError{Field: field, Msg: err.Error()})
}

// err returns nil when there are no errors, so a nil Errors never hides in
// a non-nil error interface.
func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// WriteError says why the file at path could not be created, in words a
// person can act on: the folder it goes in is missing, or may not be
// written to. It reads err only: the caller did the I/O.
func WriteError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: the folder %s does not exist", path, filepath.Dir(path))
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot write %s: permission denied in the folder %s", path, filepath.Dir(path))
	}
	return fmt.Errorf("cannot write %s: %w", path, err)
}

// Why is the reason an error gives in a few words of its own, without the
// file it is about (a read-only book's "the disk holding it is full"), or
// the whole error when it has none.
func Why(err error) string {
	var w interface{ Why() string }
	if errors.As(err, &w) {
		return w.Why()
	}
	return err.Error()
}
