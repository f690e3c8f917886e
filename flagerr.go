package main

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// pflag's errors speak Go ('invalid argument "abc" for "--customers"
// flag: strconv.ParseInt: parsing "abc": invalid syntax') and name no
// flag meant when one is mistyped. flagError says them for a person.

var (
	badValue    = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag: (.*)$`)
	unknownFlag = regexp.MustCompile(`^unknown flag: (--[\w-]+)$`)
)

// flagError is the root's flag error function: a value that does not
// read names the flag and what it takes; an unknown flag names the flags
// it may have meant.
func flagError(c *cobra.Command, err error) error {
	msg := err.Error()
	see := "see " + c.CommandPath() + " --help"
	if m := badValue.FindStringSubmatch(msg); m != nil {
		what := "is not a value " + m[2] + " takes"
		switch tail := m[3]; {
		case strings.Contains(tail, "ParseInt"), strings.Contains(tail, "ParseUint"):
			what = "is not a whole number"
		case strings.Contains(tail, "ParseFloat"):
			what = "is not a number"
		case strings.Contains(tail, "ParseBool"):
			what = "is not true or false"
		case strings.Contains(tail, "ParseDuration"), strings.Contains(tail, "time: "):
			what = "is not a duration such as 30s or 5m"
		}
		return fmt.Errorf("%s: %q %s; %s", m[2], m[1], what, see)
	}
	if m := unknownFlag.FindStringSubmatch(msg); m != nil {
		if near := nearFlags(c, strings.TrimPrefix(m[1], "--")); len(near) > 0 {
			return fmt.Errorf("unknown flag %s: did you mean %s? %s", m[1], strings.Join(near, " or "), capitalize(see))
		}
		return fmt.Errorf("unknown flag %s; %s", m[1], see)
	}
	return errors.New(msg)
}

// nearFlags are c's flags that name starts, or that are within two edits
// of it.
func nearFlags(c *cobra.Command, name string) []string {
	var near []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && (strings.HasPrefix(f.Name, name) || editDistance(f.Name, name) <= 2) {
			near = append(near, "--"+f.Name)
		}
	})
	return near
}

// editDistance is the Levenshtein distance of a and b, in bytes (flag
// names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// capitalize starts s with a capital letter.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
