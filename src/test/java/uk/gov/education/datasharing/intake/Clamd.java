package uk.gov.education.datasharing.intake;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import uk.gov.education.datasharing.intake.inspect.ClamdScanner;

import static org.awaitility.Awaitility.await;

/**
 * A real ClamAV daemon (Debian's clamav-daemon) for tests, started in the foreground on a free TCP port and a
 * Unix socket, with a signature database written here (no signature download is possible): the EICAR test
 * string and one custom signature, each matched anywhere in a file or in what clamd unpacks from it.
 */
public final class Clamd implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/clamd");
    /** The EICAR anti-malware test file: harmless, and detected as malware by design. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    public static final String CUSTOM = "DFE-INTAKE-CUSTOM-TEST-SIGNATURE-7d1f";
    /** clamd's StreamMaxLength here: files beyond it are not scanned. */
    public static final int STREAM_MAX_BYTES = 1 << 20;

    private final Path dir;
    private final int port;
    private Process process;

    private Clamd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts clamd in {@code dir}; skips the test locally (fails it under CI=true) when clamd is not installed. */
    public static Clamd start(Path dir) throws IOException {
        Requires.present(Files.isExecutable(BINARY), "clamd (Debian's clamav-daemon)");
        Clamd clamd = new Clamd(dir, freePort());
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/test.ndb"), "Eicar-Test-Signature:0:*:" + hex(EICAR) + "\n"
                + "DfE-Custom-Test-Signature:0:*:" + hex(CUSTOM) + "\n");
        Files.writeString(dir.resolve("clamd.conf"), String.join("\n",
                "Foreground yes",
                "DatabaseDirectory " + dir.resolve("db"),
                "TCPSocket " + clamd.port,
                "TCPAddr 127.0.0.1",
                "LocalSocket " + clamd.socket(),
                "LogFile " + dir.resolve("clamd.log"),
                "StreamMaxLength " + STREAM_MAX_BYTES,
                "User " + System.getProperty("user.name"),
                ""));
        clamd.run();
        return clamd;
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** (Re)starts the daemon and waits until it answers PING. */
    public void run() throws IOException {
        process = new ProcessBuilder(List.of(BINARY.toString(), "-c", dir.resolve("clamd.conf").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("clamd.out").toFile()).start();
        ClamdScanner scanner = scanner();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(scanner::ready);
    }

    /** Stops the daemon (as an outage would) and waits until it is gone. */
    public void stop() {
        if (process != null) {
            process.destroy();
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
            process = null;
        }
    }

    public int port() {
        return port;
    }

    public Path socket() {
        return dir.resolve("clamd.sock");
    }

    public ClamdScanner scanner() {
        return new ClamdScanner("127.0.0.1", port, null, Duration.ofSeconds(30));
    }

    public String log() throws IOException {
        File log = dir.resolve("clamd.log").toFile();
        return log.exists() ? Files.readString(log.toPath()) : "";
    }

    @Override
    public void close() {
        stop();
    }
}
