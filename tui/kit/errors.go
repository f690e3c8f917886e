package kit

import (
	"errors"
	"strings"

	"clientele/model"
)

// ErrorText says what went wrong in words a person can act on.
func ErrorText(err error) string {
	var refused refusedError
	switch {
	case errors.As(err, &refused):
		return refused.text
	case errors.Is(err, model.ErrBusy):
		return "Another copy of clientele is writing to this file; try again in a moment."
	case errors.Is(err, model.ErrDamaged):
		// The store's words name the file and the three ways back: clientele
		// check, the latest backup, sqlite3's .recover.
		return sentence(err.Error())
	case errors.Is(err, model.ErrReadOnly):
		// The store says why (a read-only folder, file or disk, a full disk,
		// a followed copy); the bare error says only that.
		if err.Error() != model.ErrReadOnly.Error() && !strings.HasPrefix(err.Error(), model.ErrReadOnly.Error()+":") {
			return sentence(err.Error())
		}
		return "The database file is read-only: nothing was saved; check its permissions."
	case errors.Is(err, model.ErrDiskFull):
		return "The disk is full: nothing was saved. Free some space and try again."
	}
	// A clash with stored data or a broken rule says what it is about;
	// the kind of error ("conflict: ") is for code, not for the owner.
	msg := err.Error()
	for _, kind := range []error{model.ErrConflict, model.ErrInvalid} {
		if errors.Is(err, kind) {
			msg = strings.TrimPrefix(msg, kind.Error()+": ")
		}
	}
	return msg
}

// FieldMsg is a field error's message without the field's name.
func FieldMsg(err error) string {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return err.Error()
}

// ValidateCost accepts an amount of money of zero or more, or nothing.
func ValidateCost(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	m, err := model.ParseMoney(s)
	if err != nil {
		return err
	}
	if m < 0 {
		return errors.New("must be zero or more")
	}
	return nil
}

// RequiredText refuses an empty field.
func RequiredText(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("is required")
	}
	return nil
}

// Smallest terminal the app draws in; below it says so instead.
const MinWidth, MinHeight = 20, 5
