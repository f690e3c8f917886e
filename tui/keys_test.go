package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeysLiveInKeyMaps holds every screen to its keymap: a key is
// matched with key.Matches against a binding that carries help text, so
// that ? and the help line always tell the truth. It reads the source of
// the TUI (this package and those below it) and fails on a binding made
// outside a keys.go file, and on a key matched by its name: a key
// message's String, Keystroke, Text or Code compared with a literal, or
// switched on.
func TestKeysLiveInKeyMaps(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	found := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		found++
		for _, p := range rawKeys(f, filepath.Base(path) == "keys.go") {
			t.Errorf("%s: %s", fset.Position(p.pos), p.what)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 10 {
		t.Fatalf("read only %d files: is the test in the TUI's folder?", found)
	}
}

type rawKey struct {
	pos  token.Pos
	what string
}

// rawKeys lists the places in f that make a binding (unless f is a keys.go
// file) or match a key by its name.
func rawKeys(f *ast.File, keysFile bool) []rawKey {
	var out []rawKey
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && !keysFile {
				if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "key" &&
					(sel.Sel.Name == "NewBinding" || sel.Sel.Name == "WithKeys") {
					out = append(out, rawKey{n.Pos(), "key." + sel.Sel.Name + " outside keys.go: put the binding in a KeyMap"})
				}
			}
		case *ast.BinaryExpr:
			if n.Op != token.EQL && n.Op != token.NEQ {
				break
			}
			if keyName(n.X) && literal(n.Y) || keyName(n.Y) && literal(n.X) {
				out = append(out, rawKey{n.Pos(), "a key compared with a literal: match a KeyMap binding with key.Matches"})
			}
		case *ast.SwitchStmt:
			if n.Tag != nil && keyName(n.Tag) {
				out = append(out, rawKey{n.Pos(), "a switch on a key's name: match KeyMap bindings with key.Matches"})
			}
		}
		return true
	})
	return out
}

// keyName reports whether e reads a key message's name: x.String(),
// x.Keystroke(), x.Text or x.Code, x being msg, k or key.
func keyName(e ast.Expr) bool {
	if c, ok := e.(*ast.CallExpr); ok && len(c.Args) == 0 {
		if sel, ok := c.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "String" || sel.Sel.Name == "Keystroke") {
			return keyValue(sel.X)
		}
	}
	if sel, ok := e.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Text" || sel.Sel.Name == "Code") {
		return keyValue(sel.X)
	}
	return false
}

// keyValue reports whether e is named as a key message is.
func keyValue(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && (id.Name == "msg" || id.Name == "k" || id.Name == "key" || id.Name == "m")
}

// literal reports whether e is a string or rune literal, or a named key
// code (tea.KeyEnter); "" names no key.
func literal(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return e.Kind == token.STRING && e.Value != `""` || e.Kind == token.CHAR
	case *ast.SelectorExpr:
		return strings.HasPrefix(e.Sel.Name, "Key")
	}
	return false
}
