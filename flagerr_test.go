package main

import (
	"strings"
	"testing"
)

func TestFlagErrorsSpeakToAPerson(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"demo", "--customers", "abc"}, `--customers: "abc" is not a whole number; see clientele demo --help`},
		{[]string{"import", "--form", "etsy", "x.csv"}, "unknown flag --form: did you mean --format? See clientele import --help"},
		{[]string{"review", "--zzzzzz"}, "unknown flag --zzzzzz; see clientele review --help"},
	} {
		_, err := runCmd(t, tt.args...)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%v: %v; want %s", tt.args, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "strconv") {
			t.Errorf("%v: %v speaks Go", tt.args, err)
		}
	}
}

func TestVersionFlagSaysWhatVersionSays(t *testing.T) {
	cmd, err := runCmd(t, "version")
	if err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{"--version", "-v"} {
		if out, err := runCmd(t, flag); err != nil || out != cmd {
			t.Errorf("%s: %q, %v; want %q", flag, out, err, cmd)
		}
	}
}
