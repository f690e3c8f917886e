package main

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
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
			c, _, _ := root.Find(path)
			for _, w := range strings.Fields(c.Long) {
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

func flagNames(c *cobra.Command) []string {
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, "--"+f.Name)
		}
	})
	return names
}
