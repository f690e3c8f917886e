// Package desktop hands a message to the owner's own programs: the
// system's opener for a mailto: or sms: URL (the mail program, the phone
// link), their editor for a draft, and the clipboard (OSC 52 through the
// terminal, and the system's clipboard program where there is one). It
// never sends anything: what leaves the machine, the owner sends.
//
// Every program it runs goes through the Desktop's functions, so tests
// (and a machine with no desktop) inject their own.
package desktop

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// Desktop is the system's programs as this package reaches them.
type Desktop struct {
	GOOS     string
	Getenv   func(key string) string
	LookPath func(file string) (string, error)
	// Run runs a program to its end with stdin as its input.
	Run func(ctx context.Context, name string, args []string, stdin string) error
	// Start starts a program and returns without waiting for it (an
	// opener may keep running as the mail program).
	Start func(name string, args ...string) error
	// TempDir is where drafts are written.
	TempDir string
}

// System is the machine's own desktop.
func System() *Desktop {
	return &Desktop{GOOS: runtime.GOOS, Getenv: os.Getenv, LookPath: exec.LookPath, TempDir: os.TempDir(),
		Run: func(ctx context.Context, name string, args []string, stdin string) error {
			cmd := exec.CommandContext(ctx, name, args...)
			cmd.Stdin = strings.NewReader(stdin)
			out, err := cmd.CombinedOutput()
			if err != nil && len(out) > 0 {
				return fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(string(out)))
			}
			return err
		},
		Start: func(name string, args ...string) error {
			cmd := exec.Command(name, args...)
			if err := cmd.Start(); err != nil {
				return err
			}
			go cmd.Wait() // reap it whenever it ends
			return nil
		},
	}
}

// None is a desktop with no programs at all: nothing opens, no editor,
// no clipboard program (OSC 52 through the terminal still copies). The
// interface runs on it unless told the machine's own (tests, and a
// caller that wants nothing started).
func None() *Desktop {
	none := errors.New("no programs on this desktop")
	return &Desktop{GOOS: "none", TempDir: os.TempDir(),
		Getenv:   func(string) string { return "" },
		LookPath: func(string) (string, error) { return "", none },
		Run:      func(context.Context, string, []string, string) error { return none },
		Start:    func(string, ...string) error { return none },
	}
}

// ErrNoOpener says the system has no program to open a URL with; the
// message can be copied instead.
var ErrNoOpener = errors.New("no program to open links with (xdg-open is not installed)")

// ErrNoClipboard says the system has no clipboard program; OSC 52
// through the terminal is the clipboard then.
var ErrNoClipboard = errors.New("no clipboard program (wl-copy, xclip, xsel, pbcopy)")

// Open hands a mailto: or sms: URL to the system's opener: the mail
// program or the phone link takes it from there. Any other URL is
// refused: nothing from the book may make the desktop open a web page or
// run a file.
func (d *Desktop) Open(url string) error {
	scheme, _, _ := strings.Cut(url, ":")
	if s := strings.ToLower(scheme); s != "mailto" && s != "sms" {
		return fmt.Errorf("refusing to open %q: only mailto: and sms: links are opened", url)
	}
	if strings.ContainsAny(url, " \t\r\n\x00") {
		return fmt.Errorf("refusing to open a link with spaces or line breaks in it")
	}
	name, args := "", []string{url}
	switch d.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", url}
	default:
		for _, n := range []string{"xdg-open", "gio"} {
			if _, err := d.LookPath(n); err == nil {
				name = n
				break
			}
		}
		if name == "" {
			return ErrNoOpener
		}
		if name == "gio" {
			args = []string{"open", url}
		}
	}
	if err := d.Start(name, args...); err != nil {
		return fmt.Errorf("opening the link with %s: %w", name, err)
	}
	return nil
}

// Editor is the command line of the owner's editor: $VISUAL, else
// $EDITOR (either may carry arguments: "code --wait"), else nano or vi,
// whichever is installed.
func (d *Desktop) Editor() ([]string, error) {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(d.Getenv(v)); len(f) > 0 {
			return f, nil
		}
	}
	for _, n := range []string{"nano", "vi"} {
		if _, err := d.LookPath(n); err == nil {
			return []string{n}, nil
		}
	}
	return nil, errors.New("no editor: set $EDITOR")
}

// EditorCommand is the editor opened on path, for the interface to run
// while it gives the terminal over (tea.ExecProcess).
func (d *Desktop) EditorCommand(path string) (*exec.Cmd, error) {
	ed, err := d.Editor()
	if err != nil {
		return nil, err
	}
	return exec.Command(ed[0], append(ed[1:], path)...), nil
}

// WriteDraft writes text to a new private file for the editor and
// returns its path.
func (d *Desktop) WriteDraft(text string) (string, error) {
	f, err := os.CreateTemp(d.TempDir, "clientele-draft-*.txt")
	if err != nil {
		return "", fmt.Errorf("writing the draft: %w", err)
	}
	_, err = io.WriteString(f, text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("writing the draft: %w", err)
	}
	return f.Name(), nil
}

// ReadDraft reads the draft back after the editor and removes it: the
// message is personal data and is not left in the temporary folder.
func ReadDraft(path string) (string, error) {
	b, err := os.ReadFile(path)
	os.Remove(path)
	if err != nil {
		return "", fmt.Errorf("reading the draft back: %w", err)
	}
	return string(b), nil
}

// EditDraft runs the editor on text in the foreground (for a command,
// not the interface, which lends the terminal with tea.ExecProcess) and
// returns what was saved.
func (d *Desktop) EditDraft(ctx context.Context, text string) (string, error) {
	ed, err := d.Editor()
	if err != nil {
		return "", err
	}
	path, err := d.WriteDraft(text)
	if err != nil {
		return "", err
	}
	if err := d.Run(ctx, ed[0], append(ed[1:], path), ""); err != nil {
		os.Remove(path)
		return "", fmt.Errorf("the editor: %w", err)
	}
	return ReadDraft(path)
}

// OSC52 is the escape sequence that asks the terminal to put text on the
// system clipboard (OSC 52, BEL-terminated): the text travels base64
// encoded, so nothing in it can act on the terminal. Inside tmux or
// screen the terminal must allow it (tmux: set-clipboard on).
func OSC52(text string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\x07"
}

// WriteOSC52 writes OSC52(text) to w, a terminal.
func WriteOSC52(w io.Writer, text string) error {
	_, err := io.WriteString(w, OSC52(text))
	return err
}

// Copy puts text on the system's clipboard with its own program — wl-copy
// under Wayland, xclip or xsel under X, pbcopy on a Mac, clip.exe on
// Windows and WSL — and says which; ErrNoClipboard when there is none
// (over SSH, on a bare console), where OSC 52 is the way.
func (d *Desktop) Copy(ctx context.Context, text string) (string, error) {
	type prog struct {
		name string
		args []string
		when bool
	}
	progs := []prog{
		{"pbcopy", nil, d.GOOS == "darwin"},
		{"clip.exe", nil, d.GOOS == "windows" || d.Getenv("WSL_DISTRO_NAME") != ""},
		{"wl-copy", nil, d.Getenv("WAYLAND_DISPLAY") != ""},
		{"xclip", []string{"-selection", "clipboard"}, d.Getenv("DISPLAY") != ""},
		{"xsel", []string{"--clipboard", "--input"}, d.Getenv("DISPLAY") != ""},
	}
	for _, p := range progs {
		if !p.when {
			continue
		}
		if _, err := d.LookPath(p.name); err != nil {
			continue
		}
		if err := d.Run(ctx, p.name, p.args, text); err != nil {
			return "", fmt.Errorf("copying with %s: %w", p.name, err)
		}
		return p.name, nil
	}
	return "", ErrNoClipboard
}
