package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"clientele/model"

	"modernc.org/sqlite"
)

func init() {
	// clientele_fold is the folding names sort by and the filter compares
	// with (see fold); SQLite's own lower() folds only ASCII. It is used in
	// our writes, never in the schema, so the sqlite3 shell can still read
	// and check every table and index.
	sqlite.MustRegisterDeterministicScalarFunction("clientele_fold", 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case string:
				return fold(v), nil
			case []byte:
				return fold(string(v)), nil
			case nil:
				return "", nil
			}
			return args[0], nil
		})
	// The keys likely duplicates are found by (model.PhoneKey, NameKey of
	// the folded name, and that reversed), kept like the folded name.
	text := func(name string, fn func(string) string) {
		sqlite.MustRegisterDeterministicScalarFunction(name, 1,
			func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
				switch v := args[0].(type) {
				case string:
					return fn(v), nil
				case []byte:
					return fn(string(v)), nil
				}
				return "", nil
			})
	}
	text("clientele_email_key", model.EmailKey)
	text("clientele_phone_key", model.PhoneKey)
	text("clientele_name_key", nameKey)
	text("clientele_name_rev", func(s string) string { return model.Reverse(nameKey(s)) })
}

// nameKey is the key a name is compared by for duplicates: folded, words
// sorted (model.NameKey).
func nameKey(name string) string { return model.NameKey(fold(name)) }

// fold is how names sort and the filter compares: lower case with accents
// dropped, so "Émile" sorts among the e's and "emile" finds him.
func fold(s string) string {
	s = strings.ToLower(s)
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// likeWords turns a filter into LIKE patterns, one per word, with %, _ and
// the escape character escaped.
func likeWords(filter string) []any {
	var out []any
	for _, w := range strings.Fields(fold(filter)) {
		w = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(w)
		out = append(out, "%"+w+"%")
	}
	return out
}

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// dbDate is t as a stored day, or NULL for the zero time.
func dbDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(model.DateLayout)
}

// dbTime is t as a stored time, or NULL for the zero time.
func dbTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(model.DateTimeLayout)
}

// parseTime reads a stored day or time; NULL and unreadable text are the
// zero time (the schema's CHECKs keep the latter out).
func parseTime(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, err := model.ParseDateTime(s.String)
	if err != nil {
		return time.Time{}
	}
	return t
}

// nullID is id as a foreign key: NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullInt is n, or NULL for 0 (fit and tier: 0 means unset).
func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// nullText is s, or NULL for "".
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// placeholders returns "?, ?, ?" for n arguments.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// nullInt64 is n, or NULL for 0.
func nullInt64(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}
