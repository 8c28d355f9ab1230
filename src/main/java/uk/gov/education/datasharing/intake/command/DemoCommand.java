package uk.gov.education.datasharing.intake.command;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.crypto.TeamKeyGenerator;
import uk.gov.education.datasharing.intake.io.PrivateFiles;

/**
 * {@code demo}: everything in one process on this machine: a real mail server (GreenMail), an H2 database
 * and demo-only keys in a demo folder, and the gateway. It sends itself a few example messages, says what
 * happened to each, then keeps running so you can send your own until Ctrl-C.
 */
@Command(name = "demo", description = "Run everything embedded (mail server, database, demo keys, gateway) and send example submissions.")
final class DemoCommand implements Callable<Integer> {

    static final String MAILBOX = "data.sharing@dfe-demo.test";
    static final String APPLICANT = "researcher@university.test";
    static final String PASSWORD = "demo";

    @Option(names = "--dir", defaultValue = "demo-data", description = "Folder for the demo's database, store and keys.")
    Path dir;

    @Option(names = "--imap-port", defaultValue = "3143", description = "Local IMAP port of the embedded mail server.")
    int imapPort;

    @Option(names = "--smtp-port", defaultValue = "3025", description = "Local SMTP port of the embedded mail server.")
    int smtpPort;

    @Option(names = "--workspace-port", defaultValue = "8080", description = "Local port of the team's workspace.")
    int workspacePort;

    @Option(names = "--sign-in-port", defaultValue = "8081", description = "Local port of the demo's OpenID Connect sign-in server.")
    int signInPort;

    @Option(names = "--exit", description = "Stop after the examples instead of waiting for Ctrl-C.")
    boolean exitAfterExamples;

    @Override
    public Integer call() throws Exception {
        for (int port : new int[] {imapPort, smtpPort, workspacePort, signInPort}) {
            if (!free(port)) {
                System.err.println("error: port " + port + " is in use; choose another with --imap-port, --smtp-port, --workspace-port"
                        + " or --sign-in-port");
                return IntakeGateway.CANNOT_START;
            }
        }
        Files.createDirectories(dir);
        Path keys = demoKeys(dir.resolve("keys"));
        DemoSignIn signIn = new DemoSignIn(signInPort);
        Path configFile = writeConfig(keys, signIn);

        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        mail.start();
        mail.setUser(MAILBOX, MAILBOX, PASSWORD);
        mail.setUser(APPLICANT, APPLICANT, PASSWORD);

        Gateway gateway;
        try {
            gateway = Gateway.create(Settings.load(null, configFile, System.getenv(), new Properties()));
            gateway.start();
        } catch (RuntimeException e) {
            mail.stop();
            signIn.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            mail.stop();
            signIn.close();
            stopped.countDown();
        }, "demo-shutdown"));

        say("");
        say("The intake gateway is running, with an embedded mail server and database in " + dir.toAbsolutePath() + ".");
        say("Malware scanning: " + ("clamd".equalsIgnoreCase(System.getenv("INTAKE_SCANNER")) ? "ClamAV's clamd (INTAKE_SCANNER=clamd)."
                : "off (files are recorded as not scanned). To scan with ClamAV's clamd and its official signatures, install clamav-daemon,"
                + " run freshclam, and start the demo with INTAKE_SCANNER=clamd INTAKE_SCANNER_CLAMD_SOCKET=/run/clamav/clamd.ctl"
                + " (README: \"Malware scanning with ClamAV\")."));
        say("Operations: http://127.0.0.1:" + gateway.managementPort() + "/metrics (Prometheus), /health/live and /health/ready.");
        say("The team's workspace: " + gateway.workspaceAddress().orElseThrow() + "/");
        say("  Sign in with any user name (e.g. alex) on the demo sign-in page: demo users have both the team and ops roles.");
        say("  For the operations view alone, put {\"roles\": [\"ops\"]} in its claims box.");
        say("  To decrypt files in the browser, load the demo's secret key: " + keys.toAbsolutePath().resolve("DEMO-ONLY-team-secret.asc"));
        say("Sending four example messages to " + MAILBOX + " ...");
        new DemoExamples(gateway, mail, smtpPort, dir, keys, configFile).run();
        if (exitAfterExamples) {
            System.exit(0);
        }
        howToSendYourOwn(configFile);
        stopped.await();
        return 0;
    }

    private void howToSendYourOwn(Path configFile) {
        say("");
        say("Send your own message with any mail client (no TLS, no login; demo only):");
        say("  SMTP 127.0.0.1:" + smtpPort + ", to " + MAILBOX + ", from any address (e.g. " + APPLICANT + ")");
        say("  Read the replies over IMAP 127.0.0.1:" + imapPort + " as " + APPLICANT + ", password " + PASSWORD);
        say("  or with curl: curl smtp://127.0.0.1:" + smtpPort + " --mail-from you@example.test --mail-rcpt " + MAILBOX
                + " --upload-file message.eml");
        say("List cases:  ./gateway cases --config " + configFile);
        say("Press Ctrl-C to stop.");
    }

    /** The demo's keys: made once, reused by later runs. The secret key is written here for the demo only. */
    private static Path demoKeys(Path keys) throws IOException {
        Path publicKey = keys.resolve("team-public.asc");
        Path secretKey = keys.resolve("DEMO-ONLY-team-secret.asc");
        if (Files.exists(publicKey) && Files.exists(secretKey)) {
            return keys;
        }
        Files.createDirectories(keys);
        Files.deleteIfExists(publicKey);
        Files.deleteIfExists(secretKey);
        say("Generating a demo team key pair (demo only: a real gateway never holds the secret key) ...");
        TeamKeyGenerator.GeneratedKeyPair pair = new TeamKeyGenerator(2048).generate("Demo team (DEMO ONLY) <" + MAILBOX + ">", null);
        KeysCommand.write(pair, publicKey, secretKey);
        Files.writeString(keys.resolve("README.txt"), "DEMO ONLY. These keys were generated by `gateway demo`.\n"
                + "The secret key is here so the demo can be decrypted; a real gateway never holds one.\n", StandardCharsets.UTF_8);
        return keys;
    }

    private Path writeConfig(Path keys, DemoSignIn signIn) throws IOException {
        Path file = dir.resolve("demo.properties");
        Path absolute = dir.toAbsolutePath();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# Written by `gateway demo`: the embedded demo's settings (demo only: plain IMAP/SMTP on this machine).\n");
            out.write("intake.imap.host=127.0.0.1\nintake.imap.port=" + imapPort + "\nintake.imap.protocol=imap\n");
            out.write("intake.imap.allow-plaintext=true\nintake.imap.username=" + MAILBOX + "\nintake.imap.password=" + PASSWORD + "\n");
            out.write("intake.imap.poll-delay-ms=1000\n");
            out.write("intake.smtp.host=127.0.0.1\nintake.smtp.port=" + smtpPort + "\nintake.smtp.protocol=smtp\n");
            out.write("intake.smtp.allow-plaintext=true\nintake.mailbox.address=" + MAILBOX + "\n");
            // demo only: the embedded mail server stamps no Authentication-Results, so its senders are taken as authenticated
            out.write("intake.auth.without-header=authenticated\n");
            out.write("intake.mailbox.display-name=DfE data sharing (demo)\n");
            out.write("intake.store.dir=" + absolute.resolve("store").toString().replace("\\", "/") + "\n");
            out.write("intake.db.url=jdbc:h2:file:" + absolute.resolve("db/intake").toString().replace("\\", "/") + "\n");
            out.write("intake.crypto.recipients=" + keys.toAbsolutePath().resolve("team-public.asc").toString().replace("\\", "/") + "\n");
            out.write("intake.outbox.poll-interval-ms=500\n");
            out.write("intake.management.port=0\n");
            out.write("intake.state.key=" + demoStateKey(keys) + "\n");
            out.write("intake.workspace.enabled=true\nintake.workspace.port=" + workspacePort + "\nintake.workspace.allow-plaintext=true\n");
            out.write("intake.workspace.oidc.issuer=" + signIn.issuer() + "\n");
            out.write("intake.workspace.oidc.client-id=" + DemoSignIn.CLIENT_ID + "\nintake.workspace.oidc.client-secret="
                    + DemoSignIn.CLIENT_SECRET + "\n");
        }
        return file;
    }

    /** The demo's state key, made once per demo folder so earlier cases stay readable across runs. */
    private static String demoStateKey(Path keys) throws IOException {
        Path file = keys.resolve("DEMO-ONLY-state.key");
        if (!Files.exists(file)) {
            PrivateFiles.create(file, uk.gov.education.datasharing.intake.store.StateKey.generate() + "\n");
        }
        return Files.readString(file).strip();
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void say(String line) {
        System.out.println(line);
    }
}
