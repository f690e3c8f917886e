package exportfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

func TestNeutralise(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"=1+1": "'=1+1", "+x": "'+x", "-x": "'-x", "@x": "'@x", "\tx": "'\tx",
		"\rx": "'\rx", "x=1": "x=1", "": "", "12.50": "12.50", "(unattributed)": "(unattributed)"} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownCell(t *testing.T) {
	t.Parallel()
	if got := MarkdownCell("a|b\nc\x1b[31m"); strings.ContainsAny(got, "\n\x1b") || !strings.Contains(got, `a\|b`) {
		t.Errorf("MarkdownCell = %q", got)
	}
}

func TestFormats(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Format{"csv": CSV, "CSV": CSV, "md": Markdown, "markdown": Markdown, " json ": JSON} {
		if got, err := ParseFormat(in, CSV, Markdown, JSON); got != want || err != nil {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("json", CSV, Markdown); err == nil || !strings.Contains(err.Error(), "use csv or md") {
		t.Errorf("json among csv and md: %v", err)
	}
	if _, err := ParseFormat("xml", CSV, Markdown, JSON); err == nil || !strings.Contains(err.Error(), "use csv, md or json") {
		t.Errorf("xml: %v", err)
	}
	for path, want := range map[string]Format{"x.md": Markdown, "x.MARKDOWN": Markdown, "x.json": JSON, "x.csv": CSV,
		"x": CSV, "x.txt": CSV} {
		if got := FormatFor(path, CSV, Markdown, JSON); got != want {
			t.Errorf("FormatFor(%q) = %q, want %q", path, got, want)
		}
	}
	if got := FormatFor("x.json", CSV, Markdown); got != CSV {
		t.Errorf("x.json among csv and md = %q, want the first, csv", got)
	}
}

func TestPickPrefersTheFlagThenTheFileName(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		flag  string
		given bool
		out   string
		want  Format
	}{
		{"csv", false, "", CSV},
		{"json", true, "", JSON},
		{"csv", false, "summary.md", Markdown},
		{"csv", true, "summary.md", CSV},
		{"csv", false, "summary.txt", CSV},
	} {
		if got, err := Pick(tt.flag, tt.given, tt.out, CSV, Markdown, JSON); got != tt.want || err != nil {
			t.Errorf("Pick(%q, %v, %q) = %q, %v; want %q", tt.flag, tt.given, tt.out, got, err, tt.want)
		}
	}
	if _, err := Pick("xml", true, "x.csv", CSV, Markdown, JSON); err == nil {
		t.Error("an unknown --format given with --out was taken")
	}
}

func TestWriteIsPrivateAndReplacesAtomically(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("the database went away")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half a fi")
		return failed
	})
	if !errors.Is(err, failed) || !strings.Contains(err.Error(), "out.csv") {
		t.Errorf("a failed write: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("a failed write left %q, want the old file untouched", b)
	}
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("content %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := Write(filepath.Join(dir, "missing", "x.csv"), func(io.Writer) error { return nil }); err == nil ||
		!strings.Contains(err.Error(), "missing") {
		t.Errorf("a missing folder: %v", err)
	}
}

// WriteJSON escapes what would act on a terminal and keeps the text: it
// decodes to what was encoded, even when a character is split between
// two writes.
func TestWriteJSONEscapesControlsAndStaysFaithful(t *testing.T) {
	t.Parallel()
	in := map[string]string{"name": "a\u009b31m\u202eb\x7fc\U000E0001d\u200de\x1b]0;x\x07"}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, in, " "); err != nil {
		t.Fatal(err)
	}
	for _, r := range buf.String() {
		if r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Cf, r) || r < 0x20 && r != '\n' {
			t.Errorf("%U written raw: %q", r, buf.String())
		}
	}
	var out map[string]string
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil || out["name"] != in["name"] {
		t.Errorf("decodes to %q, %v; want %q", out["name"], err, in["name"])
	}
	// One byte at a time.
	var slow bytes.Buffer
	e := &jsonEscaper{w: &slow}
	for _, b := range []byte(`"` + "é\u202e" + `"`) {
		e.Write([]byte{b})
	}
	e.flush()
	if got := slow.String(); got != `"é\u202e"` {
		t.Errorf("byte by byte: %q", got)
	}
}

func TestCSVCellKeepsTabsAndLinesAndShowsTheRest(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"a\tb\nc":             "a\tb\nc",
		"a\r\nb\rc":           "a\nb\nc",
		"\x1b]0;x\x07":        "␛]0;x␇",
		"x\u009b1m\u202ey":    "x\uFFFD1m⍰y",
		"bad \xff":            "bad \uFFFD",
		"=1+1":                "'=1+1",
		"\t=1":                "'\t=1",
		"plain, with a comma": "plain, with a comma",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// A JSONObject given a value's members in order writes the bytes WriteJSON
// writes for the whole value: nested objects, an empty and a long array,
// text to escape, at two indents.
func TestJSONObjectWritesWhatWriteJSONWrites(t *testing.T) {
	t.Parallel()
	type rec struct {
		Name string            `json:"name"`
		Tags []string          `json:"tags"`
		Sub  map[string]any    `json:"sub"`
		Nil  *int              `json:"nil"`
		More map[string]string `json:"more,omitempty"`
	}
	type doc struct {
		Title string `json:"title"`
		None  []rec  `json:"none"`
		Recs  []rec  `json:"recs"`
		Last  rec    `json:"last"`
	}
	d := doc{Title: "<b>&\u202e\x1b[31m", None: []rec{}, Last: rec{Name: "last", Tags: []string{}}}
	for i := range 50 {
		d.Recs = append(d.Recs, rec{Name: strings.Repeat("é\u009b", i%3) + "\x7f", Tags: []string{"a", "b"}[:i%3],
			Sub: map[string]any{"n": i, "list": []int{i, i + 1}, "empty": map[string]int{}}})
	}
	for _, indent := range []string{" ", "  "} {
		var whole bytes.Buffer
		if err := WriteJSON(&whole, d, indent); err != nil {
			t.Fatal(err)
		}
		var streamed bytes.Buffer
		o := NewJSONObject(&streamed, indent)
		o.Member("title", d.Title)
		o.Array("none")
		o.EndArray()
		o.Array("recs")
		for _, r := range d.Recs {
			o.Element(r)
		}
		o.EndArray()
		o.Member("last", d.Last)
		if err := o.Close(); err != nil {
			t.Fatal(err)
		}
		if whole.String() != streamed.String() {
			t.Errorf("indent %q: streamed\n%s\nwhole\n%s", indent, streamed.String(), whole.String())
		}
	}
	var empty bytes.Buffer
	if err := NewJSONObject(&empty, " ").Close(); err != nil || empty.String() != "{}\n" {
		t.Errorf("an empty object: %q, %v", empty.String(), err)
	}
}
