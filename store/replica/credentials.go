package replica

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/benbjohnson/litestream"
	_ "github.com/benbjohnson/litestream/file" // registers file://
	_ "github.com/benbjohnson/litestream/s3"   // registers s3://
	lsftp "github.com/benbjohnson/litestream/sftp"
	lwebdav "github.com/benbjohnson/litestream/webdav"
	"golang.org/x/crypto/ssh"
)

// The environment variables clientele reads credentials from.
const (
	envPassword   = "CLIENTELE_REPLICA_PASSWORD" // SFTP or WebDAV password
	envSSHKey     = "CLIENTELE_SSH_KEY"          // path to an SSH private key
	envSSHHostKey = "CLIENTELE_SSH_HOST_KEY"     // the SFTP server's public key
)

// Credentials open a destination. They never come from the book (which is
// what gets copied): each field is a flag's value or, when empty, the
// environment's, then the usual file:
//
//   - SFTP: the password in $CLIENTELE_REPLICA_PASSWORD, or the key in
//     SSHKey, $CLIENTELE_SSH_KEY or ~/.ssh/id_ed25519, id_ecdsa, id_rsa; the
//     server's key in SSHHostKey, $CLIENTELE_SSH_HOST_KEY or
//     ~/.ssh/known_hosts (a server whose key is known nowhere is refused).
//   - WebDAV: user and password from the URL's user, the password in
//     $CLIENTELE_REPLICA_PASSWORD, or the host's entry in ~/.netrc.
//   - S3: the AWS SDK's chain: $AWS_ACCESS_KEY_ID and
//     $AWS_SECRET_ACCESS_KEY, $AWS_PROFILE, ~/.aws/credentials.
type Credentials struct {
	Password   string
	SSHKey     string // path to a private key file
	SSHHostKey string // the server's public key, as in authorized_keys
	// Home is where the usual files are looked for; empty is the user's
	// home folder.
	Home string
}

// WithEnvironment fills the fields left empty from the environment.
func (c Credentials) WithEnvironment() Credentials {
	for _, f := range []struct {
		dst *string
		env string
	}{{&c.Password, envPassword}, {&c.SSHKey, envSSHKey}, {&c.SSHHostKey, envSSHHostKey}} {
		if *f.dst == "" {
			*f.dst = os.Getenv(f.env)
		}
	}
	return c
}

// home is the folder the usual credential files are in.
func (c Credentials) home() string {
	if c.Home != "" {
		return c.Home
	}
	h, _ := os.UserHomeDir()
	return h
}

// newClient makes Litestream's client for d with the credentials filled
// in, logging to logger.
func newClient(d Destination, c Credentials, logger *slog.Logger) (litestream.ReplicaClient, error) {
	client, err := litestream.NewReplicaClientFromURL(d.url())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d, err)
	}
	switch cl := client.(type) {
	case *lsftp.ReplicaClient:
		if err := c.sftp(d, cl); err != nil {
			return nil, err
		}
	case *lwebdav.ReplicaClient:
		c.webdav(d, cl)
	}
	client.SetLogger(logger)
	return client, nil
}

// sftp gives an SFTP client its password or key and the server's key.
func (c Credentials) sftp(d Destination, cl *lsftp.ReplicaClient) error {
	if cl.Password == "" {
		cl.Password = c.Password
	}
	cl.KeyPath = c.SSHKey
	if cl.KeyPath == "" {
		for _, name := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
			p := filepath.Join(c.home(), ".ssh", name)
			if _, err := os.Stat(p); err == nil {
				cl.KeyPath = p
				break
			}
		}
	}
	if cl.Password == "" && cl.KeyPath == "" {
		return fmt.Errorf("%s: no password and no SSH key: give --ssh-key, $%s, or a key in ~/.ssh", d, envPassword)
	}
	cl.HostKey = c.SSHHostKey
	if cl.HostKey == "" {
		known := filepath.Join(c.home(), ".ssh", "known_hosts")
		key, err := knownHostKey(known, cl.Host)
		if err != nil {
			return fmt.Errorf("%s: %w", d, err)
		}
		if key == "" {
			return fmt.Errorf("%s: the server's key is not in %s, so clientele cannot tell it from an impostor: "+
				"connect once with `ssh %s` to record it, or give it with --ssh-host-key", d, known, sshTarget(cl.Host))
		}
		cl.HostKey = key
	}
	return nil
}

// sshTarget is how ssh is told to reach hostport.
func sshTarget(hostport string) string {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil || port == "22" {
		return strings.Trim(hostport, "[]")
	}
	return "-p " + port + " " + host
}

// webdav gives a WebDAV client its user and password: the environment's
// password for the URL's user, else the host's ~/.netrc entry.
func (c Credentials) webdav(d Destination, cl *lwebdav.ReplicaClient) {
	if cl.Password != "" {
		return
	}
	if c.Password != "" {
		cl.Password = c.Password
		return
	}
	login, password := netrc(filepath.Join(c.home(), ".netrc"), d.u.Hostname())
	if password != "" && (cl.Username == "" || cl.Username == login) {
		cl.Username, cl.Password = login, password
	}
}

// hostKeyPreference is the order in which Go's SSH client asks a server
// for its key: the server shows the first kind it has, so the recorded key
// of that kind is the one to expect.
var hostKeyPreference = []string{ssh.KeyAlgoECDSA256, ssh.KeyAlgoECDSA384, ssh.KeyAlgoECDSA521, ssh.KeyAlgoRSA,
	ssh.KeyAlgoED25519}

// knownHostKey finds hostport's key in an OpenSSH known_hosts file (plain
// or hashed names, [host]:port for other ports) and returns it in
// authorized_keys form, the kind Go's client asks for first; "" when the
// host is not there. A missing file is not an error.
func knownHostKey(file, hostport string) (string, error) {
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	defer f.Close()
	want := hostport
	if host, port, err := net.SplitHostPort(hostport); err == nil {
		want = host
		if port != "22" {
			want = "[" + host + "]:" + port
		}
	}
	best, rank := "", len(hostKeyPreference)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		marker, hosts, key, _, _, err := ssh.ParseKnownHosts(sc.Bytes())
		if err != nil || marker != "" || !slices.ContainsFunc(hosts, func(h string) bool { return hostMatches(h, want) }) {
			continue
		}
		if r := slices.Index(hostKeyPreference, key.Type()); r >= 0 && r < rank {
			best, rank = strings.TrimSpace(string(ssh.MarshalAuthorizedKey(key))), r
		}
	}
	return best, sc.Err()
}

// hostMatches reports whether a known_hosts name (plain, or hashed as
// |1|salt|hash) is host.
func hostMatches(entry, host string) bool {
	rest, ok := strings.CutPrefix(entry, "|1|")
	if !ok {
		return entry == host
	}
	salt64, hash64, ok := strings.Cut(rest, "|")
	if !ok {
		return false
	}
	salt, err1 := base64.StdEncoding.DecodeString(salt64)
	hash, err2 := base64.StdEncoding.DecodeString(hash64)
	if err1 != nil || err2 != nil {
		return false
	}
	m := hmac.New(sha1.New, salt)
	m.Write([]byte(host))
	return hmac.Equal(m.Sum(nil), hash)
}

// netrc returns the login and password of machine in a .netrc file, or
// of its default entry; empty when there is none.
func netrc(file, machine string) (login, password string) {
	b, err := os.ReadFile(file)
	if err != nil {
		return "", ""
	}
	fields := strings.Fields(string(b))
	var cur string // the machine the tokens being read belong to
	var defLogin, defPassword string
	for i := 0; i < len(fields); i++ {
		next := func() string {
			if i+1 < len(fields) {
				i++
				return fields[i]
			}
			return ""
		}
		switch fields[i] {
		case "machine":
			cur = next()
		case "default":
			cur = "\x00default"
		case "login":
			v := next()
			if cur == machine {
				login = v
			} else if cur == "\x00default" {
				defLogin = v
			}
		case "password":
			v := next()
			if cur == machine {
				password = v
			} else if cur == "\x00default" {
				defPassword = v
			}
		}
	}
	if login == "" && password == "" {
		return defLogin, defPassword
	}
	return login, password
}
