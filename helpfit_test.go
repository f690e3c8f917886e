package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestHelpFitsTheTerminal reads every command's --help as fang lays it
// out at 80 and 120 columns: no line runs past the edge, and no word of
// the long text nor any flag name is broken across lines.
func TestHelpFitsTheTerminal(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	var pages [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		pages = append(pages, path)
		for _, sc := range c.Commands() {
			walk(sc, append(append([]string(nil), path...), sc.Name()))
		}
	}
	root := rootCmd()
	walk(root, nil)
	for _, width := range []int{80, 120} {
		for _, path := range pages {
			cmd := exec.Command(bin, append(append([]string(nil), path...), "--help")...)
			cmd.Env = append(os.Environ(), "__FANG_TEST_WIDTH="+strconv.Itoa(width), "NO_COLOR=1")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v --help: %v\n%s", path, err, out)
			}
			page := ansi.Strip(string(out))
			for _, line := range strings.Split(page, "\n") {
				if w := ansi.StringWidth(line); w > width {
					t.Errorf("%v at %d: a line of %d columns: %q", path, width, w, line)
				}
			}
			words := map[string]bool{}
			for _, w := range strings.Fields(page) {
				words[w] = true
			}
			// A list of names may break after a comma or a slash.
			for _, w := range strings.Fields(cutAfter.ReplaceAllString(page, "$1")) {
				words[w] = true
			}
			c, _, _ := root.Find(path)
			for _, w := range strings.Fields(cutAfter.ReplaceAllString(c.Long, "$1")) {
				if !words[w] {
					t.Errorf("%v at %d: %q of the long text is broken or missing", path, width, w)
				}
			}
			for _, name := range flagNames(c) {
				if !words[name] && !words["["+name] {
					t.Errorf("%v at %d: flag %s is broken or missing", path, width, name)
				}
			}
		}
	}
}

// cutAfter is a line break in a list of names, after a comma or a slash
// ("InvoiceNo,…,UnitPrice," / "CustomerID,Country"), not in a sentence.
var cutAfter = regexp.MustCompile(`(\S*[,/]\S*[,/])\n\s*`)

func flagNames(c *cobra.Command) []string {
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, "--"+f.Name)
		}
	})
	return names
}

// Help piped into a pager or a file, from a process with no terminal,
// is laid out for 80 columns (fang took 120) and its lines carry no
// padding at their ends; a sentence wrapped at the edge goes on with the
// next line of the text instead of leaving a word alone on a line.
func TestPipedHelpIsEightyColumnsWithoutPadding(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	for _, path := range [][]string{nil, {"export"}, {"import"}} {
		cmd := exec.Command(bin, append(append([]string(nil), path...), "--help")...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no controlling terminal
		cmd.Env = append(os.Environ(), "NO_COLOR=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v --help: %v\n%s", path, err, out)
		}
		lines := strings.Split(string(out), "\n")
		for i, line := range lines {
			if w := ansi.StringWidth(line); w > 80 {
				t.Errorf("%v: a line of %d columns: %q", path, w, line)
			}
			if strings.HasSuffix(line, " ") {
				t.Errorf("%v: line %d ends in spaces: %q", path, i+1, line)
			}
			// The long text (at two spaces; columns stand further in).
			if words := strings.Fields(line); len(words) == 1 && strings.HasPrefix(line, "  "+words[0]) &&
				i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && strings.ToUpper(line) != line {
				t.Errorf("%v: %q stands alone on line %d", path, line, i+1)
			}
		}
	}
}
