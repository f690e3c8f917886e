package testsize

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every test that asks testsize for its size is run again at full size by
// .ci/run: a test sized down here and left out there would never run at
// the size its issue asked for.
func TestEverySizedTestRunsAtFullSizeInCI(t *testing.T) {
	root := filepath.Join("..", "..")
	ci, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^full='\^\(([^)]*)\)\$'$`).FindSubmatch(ci)
	if m == nil {
		t.Fatal(".ci/run has no line full='^(TestA|TestB)$' naming the tests it runs at full size")
	}
	listed := map[string]bool{}
	for _, name := range strings.Split(string(m[1]), "|") {
		listed[name] = true
	}
	sized := sizedTests(t, root)
	for name, where := range sized {
		if !listed[name] {
			t.Errorf("%s (%s) is sized by testsize but .ci/run's full pass does not name it", name, where)
		}
	}
	for name := range listed {
		if _, ok := sized[name]; !ok {
			t.Errorf(".ci/run's full pass names %s, which does not ask testsize for its size", name)
		}
	}
	if len(sized) == 0 {
		t.Error("no test asks testsize for its size")
	}
}

// sizedTests finds the Test functions under root whose body, or a
// package-level variable they use, calls into testsize; it returns each
// with its file.
func sizedTests(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		// Package-level variables set from testsize (a count of kills).
		sizedVars := map[string]bool{}
		for _, decl := range f.Decls {
			if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.VAR && callsTestsize(g) {
				for _, spec := range g.Specs {
					for _, n := range spec.(*ast.ValueSpec).Names {
						sizedVars[n.Name] = true
					}
				}
			}
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") || fn.Body == nil {
				continue
			}
			uses := callsTestsize(fn.Body)
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && sizedVars[id.Name] {
					uses = true
				}
				return true
			})
			if uses {
				out[fn.Name.Name] = path
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// callsTestsize reports whether n refers to the testsize package.
func callsTestsize(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := s.X.(*ast.Ident); ok && id.Name == "testsize" {
				found = true
			}
		}
		return !found
	})
	return found
}
