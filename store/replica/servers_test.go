package replica

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/net/webdav"
)

// The destinations of these tests all run inside the test, on 127.0.0.1.

// fileDestination is a folder.
func fileDestination(t *testing.T) (Destination, Credentials) {
	t.Helper()
	return mustParse(t, "file://"+filepath.Join(t.TempDir(), "copies")), Credentials{Home: t.TempDir()}
}

func mustParse(t testing.TB, raw string) Destination {
	t.Helper()
	d, err := ParseDestination(raw)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sftpDestination is an SSH server with the SFTP subsystem over a folder.
// It knows the owner by an ed25519 key, which the credentials find where
// OpenSSH keeps it (~/.ssh/id_ed25519 of their Home), and the server's key
// is recorded, hashed, in that Home's ~/.ssh/known_hosts.
func sftpDestination(t *testing.T) (Destination, Credentials) {
	t.Helper()
	root := t.TempDir()
	_, hostPriv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	hostSigner, err := ssh.NewSignerFromKey(hostPriv)
	if err != nil {
		t.Fatal(err)
	}
	userPub, userPriv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sshUserPub, err := ssh.NewPublicKey(userPub)
	if err != nil {
		t.Fatal(err)
	}
	config := &ssh.ServerConfig{
		PublicKeyCallback: func(c ssh.ConnMetadata, k ssh.PublicKey) (*ssh.Permissions, error) {
			if c.User() == "owner" && string(k.Marshal()) == string(sshUserPub.Marshal()) {
				return nil, nil
			}
			return nil, errors.New("unknown key")
		},
	}
	config.AddHostKey(hostSigner)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go serveSFTP(conn, config, root)
		}
	}()

	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, ".ssh"), 0o700)
	block, err := ssh.MarshalPrivateKey(userPriv, "")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(home, ".ssh", "id_ed25519"), string(pem.EncodeToMemory(block)))
	addr := ln.Addr().(*net.TCPAddr)
	salt := make([]byte, 20)
	rand.Read(salt)
	m := hmac.New(sha1.New, salt)
	fmt.Fprintf(m, "[127.0.0.1]:%d", addr.Port)
	hashed := "|1|" + base64.StdEncoding.EncodeToString(salt) + "|" + base64.StdEncoding.EncodeToString(m.Sum(nil))
	writeFile(t, filepath.Join(home, ".ssh", "known_hosts"),
		"other.example.org "+strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sshUserPub)))+"\n"+
			hashed+" "+string(ssh.MarshalAuthorizedKey(hostSigner.PublicKey())))
	return mustParse(t, fmt.Sprintf("sftp://owner@127.0.0.1:%d/books/shop", addr.Port)), Credentials{Home: home}
}

func serveSFTP(conn net.Conn, config *ssh.ServerConfig, root string) {
	defer conn.Close()
	_, chans, reqs, err := ssh.NewServerConn(conn, config)
	if err != nil {
		return
	}
	go ssh.DiscardRequests(reqs)
	for nc := range chans {
		if nc.ChannelType() != "session" {
			nc.Reject(ssh.UnknownChannelType, "sessions only")
			continue
		}
		ch, chReqs, err := nc.Accept()
		if err != nil {
			return
		}
		go func() {
			defer ch.Close()
			for req := range chReqs {
				ok := req.Type == "subsystem" && len(req.Payload) > 4 && string(req.Payload[4:]) == "sftp"
				req.Reply(ok, nil)
				if !ok {
					continue
				}
				server, err := sftp.NewServer(ch, sftp.WithServerWorkingDirectory(root))
				if err != nil {
					return
				}
				if err := server.Serve(); err != nil && !errors.Is(err, io.EOF) {
					server.Close()
					return
				}
				server.Close()
				return
			}
		}()
	}
}

// webdavDestination is golang.org/x/net/webdav over a folder, behind basic
// authentication whose password the credentials find in ~/.netrc. It
// answers one request at a time: x/net/webdav locks a folder while it makes
// it, and answers 423 Locked to a second MKCOL of the same folder meanwhile
// (Litestream uploads a snapshot and a change side by side), which
// Litestream's monitor retries but a test's one Sync would report.
func webdavDestination(t *testing.T) (Destination, Credentials) {
	t.Helper()
	h := &webdav.Handler{FileSystem: webdav.Dir(t.TempDir()), LockSystem: webdav.NewMemLS()}
	var one sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		one.Lock()
		defer one.Unlock()
		if u, p, ok := r.BasicAuth(); !ok || u != "owner" || p != "s3cret" {
			w.Header().Set("WWW-Authenticate", `Basic realm="books"`)
			http.Error(w, "who are you?", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	home := t.TempDir()
	writeFile(t, filepath.Join(home, ".netrc"), "machine example.org login x password y\n"+
		"machine 127.0.0.1\n  login owner\n  password s3cret\n")
	return mustParse(t, "webdav://owner@"+strings.TrimPrefix(srv.URL, "http://")+"/books/shop"), Credentials{Home: home}
}

// s3Destination is gofakes3, an S3-compatible server in memory, with one
// bucket. The AWS SDK reads its credentials from the environment, so a
// test using it cannot run in parallel; it also clears AWS_CA_BUNDLE,
// which this machine sets and which the SDK refuses beside the plain HTTP
// client Litestream gives it.
func s3Destination(t *testing.T) (Destination, Credentials) {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket("books"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gofakes3.New(backend).Server())
	t.Cleanup(srv.Close)
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "owner", "AWS_SECRET_ACCESS_KEY": "s3cret", "AWS_CA_BUNDLE": "",
		"AWS_PROFILE": "", "AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "none"), "AWS_EC2_METADATA_DISABLED": "true",
	} {
		t.Setenv(k, v)
		if v == "" {
			os.Unsetenv(k)
		}
	}
	return mustParse(t, "s3://books/shop?endpoint="+strings.TrimPrefix(srv.URL, "http://")+"&region=us-east-1"),
		Credentials{Home: t.TempDir()}
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
