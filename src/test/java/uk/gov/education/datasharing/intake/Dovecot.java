package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * A real Dovecot IMAP server (Debian's dovecot-imapd, and dovecot-submissiond for SMTP submission; installed by .ci/run) started by a test on a free loopback port,
 * in a folder of its own: maildir storage, and either only OAuth 2.0 logins (XOAUTH2, OAUTHBEARER), each bearer token
 * checked against the token introspection endpoint of the test's authorisation server, or one password for every user. Skipped locally without Dovecot, failed
 * under CI=true.
 */
final class Dovecot implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/dovecot");
    static final Path SUBMISSION = Path.of("/usr/lib/dovecot/submission");

    final Path dir;
    final int port;
    /** The SMTP submission port (0: none): logins as for IMAP, mail relayed to the test's SMTP server. */
    final int submissionPort;
    private final Path config;
    private Process process;

    Dovecot(Path dir, URI introspection, String introspectionClient, String introspectionSecret) throws Exception {
        this(dir, oauth2Logins(dir, introspection, introspectionClient, introspectionSecret), 0);
    }

    /**
     * As {@link #Dovecot(Path, URI, String, String)}, also accepting mail by SMTP submission (Debian's dovecot-submissiond)
     * from users logged in with a bearer token, and relaying it to the SMTP server on {@code relayPort}.
     */
    static Dovecot withSubmission(Path dir, URI introspection, String introspectionClient, String introspectionSecret, int relayPort)
            throws Exception {
        Requires.present(Files.isExecutable(SUBMISSION), "dovecot's submission service (dovecot-submissiond)");
        return new Dovecot(dir, oauth2Logins(dir, introspection, introspectionClient, introspectionSecret), relayPort);
    }

    /** A Dovecot where any user name logs in with {@code password} (PLAIN and LOGIN): for benchmarks that need a real server, not OAuth. */
    static Dovecot withPassword(Path dir, String password) throws Exception {
        return new Dovecot(dir, String.join("\n",
                "auth_mechanisms = plain login",
                "passdb {",
                "  driver = static",
                "  args = password=" + password,
                "}"), 0);
    }

    private static String oauth2Logins(Path dir, URI introspection, String introspectionClient, String introspectionSecret)
            throws IOException {
        Files.createDirectories(dir);
        URI withClient = URI.create(introspection.getScheme() + "://" + introspectionClient + ":" + introspectionSecret + "@"
                + introspection.getHost() + ":" + introspection.getPort() + introspection.getPath());
        Path oauth = dir.resolve("dovecot-oauth2.conf.ext");
        Files.writeString(oauth, String.join("\n",
                "introspection_mode = post",
                "introspection_url = " + withClient,
                "username_attribute = username",
                "active_attribute = active",
                "active_value = true",
                ""), StandardCharsets.UTF_8);
        return String.join("\n",
                "auth_mechanisms = xoauth2 oauthbearer",
                "passdb {",
                "  driver = oauth2",
                "  mechanisms = xoauth2 oauthbearer",
                "  args = " + oauth,
                "}");
    }

    private Dovecot(Path dir, String logins, int relayPort) throws Exception {
        Requires.present(Files.isExecutable(BINARY), "dovecot (dovecot-imapd)");
        this.dir = Files.createDirectories(dir);
        port = freePort();
        submissionPort = relayPort == 0 ? 0 : freePort();
        String submission = relayPort == 0 ? "" : String.join("\n",
                "hostname = localhost",
                "submission_relay_host = 127.0.0.1",
                "submission_relay_port = " + relayPort,
                "submission_relay_ssl = no",
                "service submission-login {",
                "  inet_listener submission {",
                "    address = 127.0.0.1",
                "    port = " + submissionPort,
                "  }",
                "}");
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("state"));
        Path mail = Files.createDirectories(dir.resolve("mail"));
        run("chown", "-R", "dovecot:dovecot", mail.toString());
        // the mail processes run as the dovecot user: let it through the test's private folders down to its own
        for (Path up = mail.getParent(); up != null && up.getNameCount() > 1; up = up.getParent()) {
            run("chmod", "a+x", up.toString());
        }
        config = dir.resolve("dovecot.conf");
        Files.writeString(config, String.join("\n",
                "protocols = imap" + (relayPort == 0 ? "" : " submission"),
                "listen = 127.0.0.1",
                "instance_name = intake-test-" + UUID.randomUUID().toString().substring(0, 8),
                "base_dir = " + dir.resolve("run"),
                "state_dir = " + dir.resolve("state"),
                "log_path = " + dir.resolve("dovecot.log"),
                "ssl = no",
                "disable_plaintext_auth = no",
                "auth_cache_size = 0",
                "mail_location = maildir:" + mail + "/%u",
                "default_internal_user = dovecot",
                "first_valid_uid = 1",
                "default_login_user = dovenull",
                "service imap-login {",
                "  inet_listener imap {",
                "    address = 127.0.0.1",
                "    port = " + port,
                "  }",
                "  inet_listener imaps {",
                "    port = 0",
                "  }",
                "}",
                "service pop3-login {",
                "  inet_listener pop3 {",
                "    port = 0",
                "  }",
                "}",
                logins,
                submission,
                "userdb {",
                "  driver = static",
                "  args = uid=dovecot gid=dovecot home=" + mail + "/%u",
                "}",
                "namespace inbox {",
                "  inbox = yes",
                "}",
                ""), StandardCharsets.UTF_8);
        start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    void start() throws Exception {
        process = new ProcessBuilder(BINARY.toString(), "-F", "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("dovecot.out").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Stops the server: every open IMAP connection is cut, so clients must log in again. */
    void stop() throws Exception {
        if (process != null) {
            // the IMAP session processes outlive a stopped master: end them too, so every connection is really cut
            List<ProcessHandle> sessions = process.toHandle().descendants().toList();
            process.destroy();
            process.waitFor();
            sessions.forEach(ProcessHandle::destroyForcibly);
            process = null;
        }
    }

    /** Delivers a message into the user's INBOX as a new maildir file, as Dovecot's LDA would. */
    void deliver(String user, String raw) throws Exception {
        deliverAll(user, List.of(raw));
    }

    /**
     * Delivers many messages into the user's INBOX at once: written and handed to the dovecot user first, then each renamed
     * into new/, so the whole backlog appears within milliseconds.
     */
    void deliverAll(String user, List<String> raws) throws Exception {
        Path home = dir.resolve("mail").resolve(user);
        Path newDir = home.resolve("new");
        Path tmpDir = newDir.resolveSibling("tmp");
        List<String> owned = new java.util.ArrayList<>(List.of("chown", "dovecot:dovecot"));
        for (Path d : List.of(home, tmpDir, newDir, newDir.resolveSibling("cur"))) {
            if (!Files.isDirectory(d)) {
                Files.createDirectories(d);
                owned.add(d.toString());
            }
        }
        List<Path> written = new java.util.ArrayList<>();
        for (String raw : raws) {
            Path tmp = tmpDir.resolve(UUID.randomUUID() + ".intake-test");
            Files.writeString(tmp, raw, StandardCharsets.ISO_8859_1);
            written.add(tmp);
            owned.add(tmp.toString());
        }
        // only what was made here: the server renames and removes its own files meanwhile, which a recursive chown trips on
        run(owned.toArray(String[]::new));
        for (Path tmp : written) {
            Files.move(tmp, newDir.resolve(tmp.getFileName()));
        }
    }

    /** Messages in one of the user's folders, read from the maildir (INBOX, or a folder such as Processed). */
    int count(String user, String folder) throws IOException {
        Path box = dir.resolve("mail").resolve(user);
        if (!"INBOX".equals(folder)) {
            box = box.resolve("." + folder);
        }
        int count = 0;
        for (String sub : List.of("new", "cur")) {
            Path d = box.resolve(sub);
            if (Files.isDirectory(d)) {
                try (var files = Files.list(d)) {
                    count += (int) files.count();
                }
            }
        }
        return count;
    }

    String log() throws IOException {
        Path log = dir.resolve("dovecot.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
