package kit

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"clientele/model"
)

// Clean makes stored text safe to draw on one line: control characters
// and escape sequences become visible symbols (see model.Printable).
func Clean(s string) string { return model.Printable(s) }

// FitCell cleans s and fits it to exactly w columns: cut with an ellipsis
// when too wide (wide characters count two), padded with spaces when short.
func FitCell(s string, w int, right bool) string {
	if w <= 0 {
		return ""
	}
	s = Clean(s)
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw == w {
		return s
	}
	if right {
		return strings.Repeat(" ", w-sw) + s
	}
	return s + strings.Repeat(" ", w-sw)
}

// Truncate cuts an already-clean (possibly styled) line to w columns.
func Truncate(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// TruncateWords cuts clean, unstyled text to w columns between words,
// with an ellipsis; a single word longer than half the width is cut
// inside.
func TruncateWords(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w < 2 {
		return ansi.Truncate(s, w, "")
	}
	cut := ansi.Truncate(s, w-1, "")
	if i := strings.LastIndexByte(cut, ' '); ansi.StringWidth(cut[:max(i, 0)]) > w/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:·") + "…"
}

// FitBlock makes s exactly h lines of at most w columns each: long lines
// are cut, missing lines are added empty. It is the last guard that no
// screen draws wider or taller than the terminal.
func FitBlock(s string, w, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Wrap breaks clean text into lines of at most w columns, on spaces where
// it can.
func Wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		para = model.Printable(para)
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(para, w, ""), "\n")...)
	}
	return out
}

// WrapEven wraps s to w columns in as many lines as Wrap takes, but as
// even as they can be: no last word left alone on its line.
func WrapEven(s string, w int) []string {
	lines := Wrap(s, w)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := 1, w // the narrowest width that takes no more lines
	for lo < hi {
		mid := (lo + hi) / 2
		if len(Wrap(s, mid)) <= len(lines) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return Wrap(s, lo)
}

// WrapParts joins parts with " · " in lines of at most w columns,
// breaking between parts; a part too long for a line is wrapped on its
// own. Parts are cleaned.
func WrapParts(parts []string, w int) []string {
	var out []string
	line := ""
	for _, p := range parts {
		p = Clean(p)
		switch {
		case line == "":
			line = p
		case ansi.StringWidth(line)+3+ansi.StringWidth(p) <= w:
			line += " · " + p
		default:
			out = append(out, Wrap(line, w)...)
			line = p
		}
	}
	return append(out, Wrap(line, w)...)
}

// Width is the display width of a possibly styled string.
func Width(s string) int { return ansi.StringWidth(s) }

// Fold is s as names are compared: trimmed, in lower case.
func Fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ExpandHome turns a leading ~/ into the home folder: paths are typed as
// a shell would take them.
func ExpandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// Percent writes a ratio as a whole percentage: 0.256 is "26%".
func Percent(r float64) string { return strconv.Itoa(int(math.Round(r*100))) + "%" }

// MaxCompletions is the most names a field offers as completions; past
// it, matching every key press against the list would slow typing.
const MaxCompletions = 5000

// AdvocateMark is the sign before an advocate's name in every list:
// advocates matter most, so they stand out wherever they appear.
const AdvocateMark = "★ "

// MarkedName returns name with the advocate mark for an advocate.
func MarkedName(name string, stage model.Stage) string {
	if stage == model.StageAdvocate {
		return AdvocateMark + name
	}
	return name
}

// HomePath writes path with the home folder as ~, as a person reads it:
// ~/.local/share/clientele/clientele.db. It reads the environment once per
// call, no file.
func HomePath(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return path
	}
	if rest, ok := strings.CutPrefix(path, home+string(filepath.Separator)); ok {
		return "~" + string(filepath.Separator) + rest
	}
	return path
}
