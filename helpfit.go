package main

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// fang lays help out at the terminal's width up to 120 columns and wraps
// only the long text, at any character it likes: at 80 columns the long
// text broke mid-word ("--\nencoding") and the flag and command columns
// ran past the edge. fitHelp wraps them beforehand, at spaces, to the
// width fang will use, so that fang has nothing left to wrap.

// helpWidth is the width fang lays help out at: the terminal's, at most
// 120 columns (__FANG_TEST_WIDTH is fang's own override, for tests).
// Help piped into a pager or a file is laid out for the terminal the
// command was typed in (its controlling terminal), else for 80 columns:
// fang itself would take 120.
func helpWidth() int {
	if s := os.Getenv(fangWidthEnv); s != "" {
		if w, err := strconv.Atoi(s); err == nil && w > 0 {
			return w
		}
	}
	if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 {
		return min(w, 120)
	}
	if tty, err := os.Open("/dev/tty"); err == nil {
		defer tty.Close()
		if w, _, err := term.GetSize(tty.Fd()); err == nil && w > 0 {
			return min(w, 120)
		}
	}
	return 80
}

// fangWidthEnv is the variable fang reads its help page's width from
// (meant for its tests; the only way to give it one).
const fangWidthEnv = "__FANG_TEST_WIDTH"

// pipedHelp prepares a help page that does not go to a terminal: fang is
// told the width helpWidth chose, and the page's lines lose the spaces
// fang pads them with to the page's width (a file or a pager would keep
// them). It returns the writer to flush once the page is written.
func pipedHelp(root *cobra.Command, width int) *trimWriter {
	if term.IsTerminal(os.Stdout.Fd()) {
		return nil
	}
	os.Setenv(fangWidthEnv, strconv.Itoa(width))
	tw := &trimWriter{w: os.Stdout}
	root.SetOut(tw)
	return tw
}

// trimWriter writes what it is given line by line without the spaces at
// each line's end.
type trimWriter struct {
	w    io.Writer
	line []byte
}

func (t *trimWriter) Write(p []byte) (int, error) {
	for _, b := range p {
		if b != '\n' {
			t.line = append(t.line, b)
			continue
		}
		t.line = append(bytes.TrimRight(t.line, " "), '\n')
		if err := t.Flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes the line held so far.
func (t *trimWriter) Flush() error {
	if t == nil || len(t.line) == 0 {
		return nil
	}
	_, err := t.w.Write(t.line)
	t.line = t.line[:0]
	return err
}

// wantsHelp reports whether args ask for a help page.
func wantsHelp(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "--help" || a == "help" })
}

// Where fang puts things (charm.land/fang/v2 help.go).
const (
	fangTextPad   = 2  // the long text's left padding
	fangItemPad   = 4  // a command's or flag's left padding
	fangMinColumn = 10 // the narrowest key column
	fangColumnGap = 2  // between a key and its text
	fangFlagsTail = len(" [--flags]")
	fangCmdTail   = len(" [command]")
	narrowestText = 20 // never wrap a column narrower than this
)

// fitHelp wraps the long text, the commands' short texts and the flag
// texts of the help page args ask for, for a page width columns wide, and
// lists its commands by name and arguments only (each has its own page
// for its flags: "export [--from DAY] [--to DAY] [--format csv|md|json]"
// made the column of names 75 wide). Flags are shared with subcommands,
// so only the page shown is fitted.
func fitHelp(root *cobra.Command, args []string, width int) {
	root.InitDefaultHelpCmd() // cobra adds these as it runs: fit them too
	root.InitDefaultCompletionCmd()
	c, _, err := root.Find(slices.DeleteFunc(slices.Clone(args), func(a string) bool { return a == "help" }))
	if err != nil || c == nil {
		c = root
	}
	for _, sc := range c.Commands() {
		sc.Use = strings.Join(strings.Fields(optionalParts.ReplaceAllString(sc.Use, "")), " ")
	}
	c.Long = wrapText(c.Long, width-fangTextPad)
	text := max(width-fangItemPad-keyColumn(c), narrowestText)
	c.Flags().VisitAll(func(f *pflag.Flag) { f.Usage = wrapFlag(f, text) })
	c.InheritedFlags().VisitAll(func(f *pflag.Flag) { f.Usage = wrapFlag(f, text) })
	for _, sc := range c.Commands() {
		sc.Short = wrapText(sc.Short, text)
	}
}

// optionalParts are the bracketed parts of a usage line.
var optionalParts = regexp.MustCompile(`\[[^\]]*\]`)

// keyColumn is how wide fang makes the column of command and flag names
// on c's page (a little wider, at worst, than fang's own count).
func keyColumn(c *cobra.Command) int {
	w := fangMinColumn
	for _, sc := range c.Commands() {
		if sc.Hidden {
			continue
		}
		k := ansi.StringWidth(sc.Use) + fangFlagsTail
		if sc.HasAvailableSubCommands() {
			k += fangCmdTail
		}
		w = max(w, k+fangColumnGap)
	}
	c.Flags().VisitAll(func(f *pflag.Flag) {
		k := len("--" + f.Name)
		if f.Shorthand != "" {
			k += len("-" + f.Shorthand + " ")
		}
		w = max(w, k+fangColumnGap)
	})
	return max(w, len("-h --help")+fangColumnGap)
}

// wrapFlag wraps a flag's text to width with the " (default)" fang adds
// after it, and returns the text without it.
func wrapFlag(f *pflag.Flag, width int) string {
	tail := ""
	if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
		tail = " (" + f.DefValue + ")"
	}
	return strings.TrimSuffix(wrapText(strings.Join(strings.Fields(f.Usage), " ")+tail, width), tail)
}

// wrapText wraps each line of s longer than width at spaces; a wrapped
// line goes on under its own text (under the second column of a line
// laid out as "  name   text", else at its indent). A word longer than
// width stays whole.
func wrapText(s string, width int) string {
	if s == "" || width <= 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for i, line := range lines {
		if ansi.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		hang := strings.Repeat(" ", hangIndent(line))
		if len(hang) > width/2 {
			hang = hang[:len(line)-len(strings.TrimLeft(line, " "))]
		}
		cur := line[:len(line)-len(strings.TrimLeft(line, " "))]
		first := true
		for _, word := range splitPaths(splitKeepingColumns(strings.TrimLeft(line, " ")), width-len(hang)) {
			switch {
			case first:
				cur += word
				first = false
			case ansi.StringWidth(cur)+ansi.StringWidth(word) <= width:
				cur += word
			default:
				out = append(out, strings.TrimRight(cur, " "))
				cur = hang + strings.TrimLeft(word, " ")
			}
		}
		if i+1 < len(lines) && continues(line, lines[i+1]) {
			// The rest of a sentence goes on the line that follows it
			// rather than standing alone ("cells that" / "a spreadsheet").
			lines[i+1] = strings.TrimRight(cur, " ") + joint(line) + strings.TrimLeft(lines[i+1], " ")
			continue
		}
		out = append(out, cur)
	}
	return strings.Join(out, "\n")
}

// joint is what goes between line and the line after it, joined: nothing
// when line ends in a list of names cut after a comma or a slash
// ("…,UnitPrice," / "CustomerID,Country"), else a space.
func joint(line string) string {
	f := strings.Fields(line)
	last := f[len(f)-1]
	if strings.HasSuffix(last, ",") || strings.HasSuffix(last, "/") {
		if strings.ContainsAny(last[:len(last)-1], ",/") {
			return ""
		}
	}
	return " "
}

// continues reports whether next goes on with line's text: plain text
// under line's own text (its indent, or its second column's), not a list's
// next item.
func continues(line, next string) bool {
	rest := strings.TrimLeft(next, " ")
	indent := len(next) - len(rest)
	return rest != "" && indent == hangIndent(line) && hangIndent(next) == indent &&
		!strings.HasPrefix(rest, "- ") && !strings.HasPrefix(rest, "* ")
}

// splitPaths splits a word wider than width after its slashes or commas
// (a path such as $XDG_DATA_HOME/clientele/clientele.db, a file's header
// a,b,c): the pieces after the first carry no space, so that on one line
// they read as one word.
func splitPaths(words []string, width int) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if ansi.StringWidth(strings.TrimLeft(w, " ")) <= width || !strings.ContainsAny(w, "/,") {
			out = append(out, w)
			continue
		}
		for len(w) > 0 {
			i := strings.IndexAny(w, "/,")
			if i < 0 || i == len(w)-1 {
				out = append(out, w)
				break
			}
			out = append(out, w[:i+1])
			w = w[i+1:]
		}
	}
	return out
}

// splitKeepingColumns splits s into words, each but the first with the
// spaces before it, so that a run of spaces between columns is kept.
func splitKeepingColumns(s string) []string {
	var words []string
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' && s[i-1] != ' ' {
			words = append(words, s[start:i])
			start = i
		}
	}
	return words
}

// hangIndent is where a wrapped line of line goes on: under the text
// after the first run of two or more spaces past the indent ("    csv
// your own list: …"), else at the indent.
func hangIndent(line string) int {
	indent := len(line) - len(strings.TrimLeft(line, " "))
	rest := line[indent:]
	if i := strings.Index(rest, "  "); i > 0 {
		j := i
		for j < len(rest) && rest[j] == ' ' {
			j++
		}
		if j < len(rest) {
			return ansi.StringWidth(line[:indent+j])
		}
	}
	return indent
}
