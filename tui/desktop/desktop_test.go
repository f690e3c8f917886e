package desktop

import (
	"context"
	"encoding/base64"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fake is a desktop with the programs installed that have, recording
// what it runs.
func fake(goos string, env map[string]string, installed ...string) (*Desktop, *[]string) {
	var ran []string
	d := &Desktop{GOOS: goos, TempDir: os.TempDir(),
		Getenv: func(k string) string { return env[k] },
		LookPath: func(f string) (string, error) {
			for _, p := range installed {
				if p == f {
					return "/usr/bin/" + f, nil
				}
			}
			return "", exec.ErrNotFound
		},
		Run: func(_ context.Context, name string, args []string, stdin string) error {
			ran = append(ran, strings.Join(append([]string{name}, args...), " ")+" <"+stdin)
			return nil
		},
		Start: func(name string, args ...string) error {
			ran = append(ran, strings.Join(append([]string{name}, args...), " "))
			return nil
		},
	}
	return d, &ran
}

func TestOpenHandsOnlyMailAndTextLinksToTheOpener(t *testing.T) {
	t.Parallel()
	d, ran := fake("linux", nil, "xdg-open")
	if err := d.Open("mailto:ada@example.com?subject=Hi%20there"); err != nil {
		t.Fatal(err)
	}
	if err := d.Open("SMS:+447700900123?body=Hi"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"https://evil.example", "file:///etc/passwd", "javascript:alert(1)", "/bin/sh",
		"mailto:a@b.c?body=a b", "mailto:a@b.c\nrm -rf"} {
		if err := d.Open(bad); err == nil {
			t.Errorf("%q was opened", bad)
		}
	}
	want := []string{"xdg-open mailto:ada@example.com?subject=Hi%20there", "xdg-open SMS:+447700900123?body=Hi"}
	if strings.Join(*ran, "\n") != strings.Join(want, "\n") {
		t.Errorf("ran %q", *ran)
	}
	mac, ran := fake("darwin", nil)
	if err := mac.Open("mailto:ada@example.com"); err != nil || (*ran)[0] != "open mailto:ada@example.com" {
		t.Errorf("on a Mac: %v %q", err, *ran)
	}
	bare, _ := fake("linux", nil)
	if err := bare.Open("mailto:ada@example.com"); !errors.Is(err, ErrNoOpener) {
		t.Errorf("with no opener: %v", err)
	}
	gio, ran := fake("linux", nil, "gio")
	if err := gio.Open("sms:123456"); err != nil || (*ran)[0] != "gio open sms:123456" {
		t.Errorf("with gio: %v %q", err, *ran)
	}
}

func TestClipboardProgramsAndOSC52(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, ran := fake("linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "wl-copy", "xclip")
	if how, err := d.Copy(ctx, "Hi Ada"); err != nil || how != "wl-copy" || (*ran)[0] != "wl-copy <Hi Ada" {
		t.Errorf("Wayland: %q %v %q", how, err, *ran)
	}
	x, ran := fake("linux", map[string]string{"DISPLAY": ":0"}, "xsel")
	if how, err := x.Copy(ctx, "Hi"); err != nil || how != "xsel" || (*ran)[0] != "xsel --clipboard --input <Hi" {
		t.Errorf("X with xsel: %q %v %q", how, err, *ran)
	}
	ssh, _ := fake("linux", nil, "xclip")
	if _, err := ssh.Copy(ctx, "Hi"); !errors.Is(err, ErrNoClipboard) {
		t.Errorf("over SSH: %v", err)
	}
	text := "Hi \x1b]0;pwned\x07 Ada\n"
	seq := OSC52(text)
	body, ok := strings.CutPrefix(seq, "\x1b]52;c;")
	body, ok2 := strings.CutSuffix(body, "\x07")
	if !ok || !ok2 || strings.ContainsAny(body, "\x1b\x07\n") {
		t.Fatalf("OSC52 %q", seq)
	}
	if got, err := base64.StdEncoding.DecodeString(body); err != nil || string(got) != text {
		t.Errorf("OSC52 carries %q, %v", got, err)
	}
}

func TestEditorChoiceAndDrafts(t *testing.T) {
	t.Parallel()
	d, _ := fake("linux", map[string]string{"VISUAL": "code --wait", "EDITOR": "vim"}, "nano")
	if ed, err := d.Editor(); err != nil || strings.Join(ed, " ") != "code --wait" {
		t.Errorf("editor %q %v", ed, err)
	}
	d, _ = fake("linux", nil, "vi")
	cmd, err := d.EditorCommand("/tmp/x.txt")
	if err != nil || strings.Join(cmd.Args, " ") != "vi /tmp/x.txt" {
		t.Errorf("editor command %v %v", cmd, err)
	}
	none, _ := fake("linux", nil)
	if _, err := none.Editor(); err == nil {
		t.Error("no editor found, and no error")
	}
}

// A draft goes through a real editor (sed standing for one, no desktop
// needed) and comes back as saved; the file does not stay behind.
func TestEditDraftRunsTheEditor(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("sed"); err != nil {
		t.Skip("no sed")
	}
	d := System()
	d.TempDir = t.TempDir()
	d.Getenv = func(k string) string {
		if k == "EDITOR" {
			return "sed -i s/Hi/Hello/"
		}
		return ""
	}
	got, err := d.EditDraft(context.Background(), "Subject: x\n\nHi Ada\n")
	if err != nil || got != "Subject: x\n\nHello Ada\n" {
		t.Fatalf("edited %q, %v", got, err)
	}
	if left, _ := filepath.Glob(filepath.Join(d.TempDir, "*")); len(left) != 0 {
		t.Errorf("drafts left behind: %v", left)
	}
	d.Getenv = func(k string) string {
		if k == "EDITOR" {
			return "false"
		}
		return ""
	}
	if _, err := d.EditDraft(context.Background(), "x"); err == nil {
		t.Error("a failing editor gave no error")
	}
	if left, _ := filepath.Glob(filepath.Join(d.TempDir, "*")); len(left) != 0 {
		t.Errorf("drafts left behind after a failure: %v", left)
	}
}
