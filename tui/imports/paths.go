package imports

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"clientele/tui/kit"
)

// readings are the paths typed or pasted text may mean, the most literal
// first: a file:// URL's path; a path in quotes, as a terminal pastes a
// file dropped on it ('/home/me/My Orders.csv'); backslashes before
// spaces, as shells and some terminals write them; a leading ~ for the
// home folder. The command that looks at the files takes the first that
// exists, so a name that holds a quote or a backslash is still found.
func readings(typed string) []string {
	s := strings.TrimSpace(typed)
	if s == "" {
		return nil
	}
	var out []string
	add := func(p string) {
		p = kit.ExpandHome(p)
		if p == "~" {
			if home, err := os.UserHomeDir(); err == nil {
				p = home
			}
		}
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	if p, ok := fileURL(s); ok {
		add(p)
		return out
	}
	add(s)
	inner := unquote(s)
	add(inner)
	add(unescape(inner))
	return out
}

// plain is the reading to complete: quotes and escapes taken away, a
// file:// URL made a path, the ~ kept.
func plain(typed string) string {
	s := strings.TrimSpace(typed)
	if p, ok := fileURL(s); ok {
		return p
	}
	if s != "" && strings.ContainsAny(s[:1], `'"`) || strings.Contains(s, `\`) {
		return unescape(unquote(s))
	}
	return s
}

// fileURL reads a file:// URL (as file managers copy a file) as its path.
func fileURL(s string) (string, bool) {
	if !strings.HasPrefix(strings.ToLower(s), "file://") {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil || u.Path == "" || (u.Host != "" && u.Host != "localhost") {
		return "", false
	}
	return u.Path, true
}

// unquote takes away the quotes around a path: '…' (a quote inside
// written as a shell does: the quotes closed, \' and opened again) or
// "…" (with \" and \\ inside).
func unquote(s string) string {
	if len(s) < 2 || s[0] != s[len(s)-1] {
		return s
	}
	switch inner := s[1 : len(s)-1]; s[0] {
	case '\'':
		return strings.ReplaceAll(inner, `'\''`, `'`)
	case '"':
		return strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(inner)
	}
	return s
}

// unescape takes away the backslash before each character it escapes:
// My\ Orders.csv is "My Orders.csv".
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	escaped := false
	for _, r := range s {
		if r == '\\' && !escaped {
			escaped = true
			continue
		}
		escaped = false
		b.WriteRune(r)
	}
	return b.String()
}

// shown is a path as the prompt's messages name it: the home folder as ~.
func shown(path string) string {
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if rest, ok := strings.CutPrefix(path, home+string(filepath.Separator)); ok {
			return "~" + string(filepath.Separator) + rest
		}
	}
	return path
}

// foundMsg answers a path looked up: the file to read, or why there is
// none, in words that name the path.
type foundMsg struct {
	p     *prompt
	typed string
	path  string
	err   error
}

// find looks the typed path up in a command: the first reading that
// exists and is a file that can be opened.
func find(p *prompt, typed string) tea.Cmd {
	read := p.real(typed)
	return func() tea.Msg {
		msg := foundMsg{p: p, typed: typed}
		rs := readings(read)
		if len(rs) == 0 {
			msg.err = errors.New("type the path of the file to import (Tab completes names)")
			return msg
		}
		for _, r := range rs {
			fi, err := os.Stat(r)
			if err != nil {
				continue
			}
			if fi.IsDir() {
				msg.err = errors.New(shown(r) + " is a folder: type the name of a file in it (Tab lists them)")
				return msg
			}
			f, err := os.Open(r)
			if err != nil {
				msg.err = errors.New(shown(r) + " cannot be read: " + reason(err))
				return msg
			}
			f.Close()
			if abs, err := filepath.Abs(r); err == nil {
				r = abs
			}
			msg.path = r
			return msg
		}
		msg.err = missing(rs[len(rs)-1])
		return msg
	}
}

// missing says what is missing of a path that does not exist: a folder
// on the way, or the file.
func missing(path string) error {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		for dir != filepath.Dir(dir) {
			up := filepath.Dir(dir)
			if fi, err := os.Stat(up); err == nil && fi.IsDir() {
				break
			}
			dir = up
		}
		return errors.New(shown(path) + ": there is no folder " + shown(dir))
	}
	return errors.New(shown(path) + ": there is no such file (Tab completes names)")
}

// reason says why a file cannot be opened.
func reason(err error) string {
	if errors.Is(err, fs.ErrPermission) {
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// entry is a name in a folder that completes what was typed.
type entry struct {
	name string
	dir  bool
}

// listedMsg answers a completion: the names in the folder typed that
// start as the last part of the path does.
type listedMsg struct {
	p      *prompt
	typed  string // the field's value when Tab was pressed
	prefix string // the path up to the name being completed, as typed
	base   string // the start of the name
	dir    string // the folder listed, as the messages name it
	names  []entry
	err    error
}

// maxListed is the most names a completion keeps, for folders of
// thousands of files.
const maxListed = 1000

// complete lists, in a command, the names that complete the typed path:
// its folder's entries that start with its last part (any case when none
// starts with it exactly); hidden ones only when the part starts with a
// dot.
func complete(p *prompt, typed string) tea.Cmd {
	read := p.real(typed)
	return func() tea.Msg {
		path := plain(read)
		if path == "~" {
			path = "~/"
		}
		cut := strings.LastIndexByte(path, filepath.Separator) + 1
		prefix, base := path[:cut], path[cut:]
		dir := kit.ExpandHome(prefix)
		if prefix == "~/" {
			dir, _ = os.UserHomeDir()
		}
		if dir == "" {
			dir = "."
		}
		msg := listedMsg{p: p, typed: typed, prefix: prefix, base: base, dir: shownDir(prefix)}
		des, err := os.ReadDir(dir)
		if err != nil {
			msg.err = err
			return msg
		}
		var exact, folded []entry
		for _, de := range des {
			n := de.Name()
			if strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".") {
				continue
			}
			isDir := de.IsDir()
			if de.Type()&fs.ModeSymlink != 0 {
				if fi, err := os.Stat(filepath.Join(dir, n)); err == nil {
					isDir = fi.IsDir()
				}
			}
			switch {
			case strings.HasPrefix(n, base):
				exact = append(exact, entry{n, isDir})
			case strings.HasPrefix(strings.ToLower(n), strings.ToLower(base)):
				folded = append(folded, entry{n, isDir})
			}
		}
		msg.names = exact
		if len(exact) == 0 {
			msg.names = folded
		}
		slices.SortFunc(msg.names, func(a, b entry) int {
			return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name))
		})
		if len(msg.names) > maxListed {
			msg.names = msg.names[:maxListed]
		}
		return msg
	}
}

// shownDir names the folder of a completion as typed, the current one as
// "this folder".
func shownDir(prefix string) string {
	if prefix == "" {
		return "this folder"
	}
	return prefix
}

// value is what the field holds once name completes it.
func (l listedMsg) value(e entry) string {
	v := l.prefix + e.name
	if e.dir {
		v += string(filepath.Separator)
	}
	return v
}

// common is the longest start the names share.
func common(names []entry) string {
	if len(names) == 0 {
		return ""
	}
	c := names[0].name
	for _, e := range names[1:] {
		for !strings.HasPrefix(e.name, c) {
			_, size := utf8.DecodeLastRuneInString(c)
			c = c[:len(c)-size]
		}
	}
	return c
}
