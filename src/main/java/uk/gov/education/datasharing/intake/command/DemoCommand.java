package uk.gov.education.datasharing.intake.command;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.Settings;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import uk.gov.education.datasharing.intake.crypto.TeamKeyGenerator;
import uk.gov.education.datasharing.intake.model.CaseReference;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.templates.TemplateWriter;
import uk.gov.education.datasharing.intake.store.InboundMessages;

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

    @Option(names = "--exit", description = "Stop after the examples instead of waiting for Ctrl-C.")
    boolean exitAfterExamples;

    @Override
    public Integer call() throws Exception {
        for (int port : new int[] {imapPort, smtpPort}) {
            if (!free(port)) {
                System.err.println("error: port " + port + " is in use; choose another with --imap-port / --smtp-port");
                return IntakeGateway.CANNOT_START;
            }
        }
        Files.createDirectories(dir);
        Path keys = demoKeys(dir.resolve("keys"));
        Path configFile = writeConfig(keys);

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
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            mail.stop();
            stopped.countDown();
        }, "demo-shutdown"));

        say("");
        say("The intake gateway is running, with an embedded mail server and database in " + dir.toAbsolutePath() + ".");
        say("Sending four example messages to " + MAILBOX + " ...");
        runExamples(gateway, mail, keys, configFile);
        if (exitAfterExamples) {
            System.exit(0);
        }
        say("");
        say("Send your own message with any mail client (no TLS, no login; demo only):");
        say("  SMTP 127.0.0.1:" + smtpPort + ", to " + MAILBOX + ", from any address (e.g. " + APPLICANT + ")");
        say("  Read the replies over IMAP 127.0.0.1:" + imapPort + " as " + APPLICANT + ", password " + PASSWORD);
        say("  or with curl: curl smtp://127.0.0.1:" + smtpPort + " --mail-from you@example.test --mail-rcpt " + MAILBOX
                + " --upload-file message.eml");
        say("List cases:  ./gateway cases --config " + configFile);
        say("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    private void runExamples(Gateway gateway, GreenMail mail, Path keys, Path configFile) throws Exception {
        Session smtp = Session.getInstance(smtpProperties());

        MimeMessage application = message(smtp, APPLICANT, "Application for National Pupil Database data",
                "Dear data sharing team,\n\nPlease find our application attached.\n\nDr A. Researcher\n");
        Path examples = dir.resolve("examples");
        var schemas = Gateway.loadSchemas(Settings.load(null, configFile, System.getenv(), new Properties()));
        new TemplateWriter(schemas).examples(examples, java.time.LocalDate.now());
        attachAll(application, examples.resolve("srs-npd"));
        Transport.send(application);
        MimeMessage acknowledgement = awaitReplyTo(mail, 1);
        String reference = ((CaseReference.Valid) CaseReference.findIn(acknowledgement.getSubject()).orElseThrow()).reference().value();
        say("");
        say("1. A complete application for NPD data in the ONS Secure Research Service (examples/srs-npd), from " + APPLICANT + ":");
        say("   opened case " + reference + "; its message and files are stored encrypted in " + dir.resolve("store/objects"));
        say("   acknowledgement sent: \"" + acknowledgement.getSubject() + "\"");
        for (var file : gateway.database().inTransaction(c -> new Cases().submissions(c, reference)).get(0).files()) {
            say("   " + file.safeName() + ": " + file.check().detectedType() + ", " + file.check().verdict().name().toLowerCase(java.util.Locale.ROOT)
                    + ", recognised as " + file.check().kind().label() + " (by " + file.check().recognisedBy() + ")");
        }

        MimeMessage outOfOffice = message(smtp, "colleague@council.test", "Automatic reply: Application",
                "I am out of the office until Monday.\n");
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        Transport.send(outOfOffice);
        awaitState(gateway, InboundMessages.State.IGNORED, 1);
        say("2. An out-of-office reply: recognised as automatic mail, recorded, moved to the Ignored folder, not answered.");

        MimeMessage followUp = message(smtp, APPLICANT, "Re: " + acknowledgement.getSubject(),
                "We have decided to apply for direct supply instead; the revised application is attached.\n");
        followUp.setHeader("In-Reply-To", acknowledgement.getMessageID());
        attachAll(followUp, examples.resolve("direct-supply"));
        Transport.send(followUp);
        MimeMessage second = awaitReplyTo(mail, 2);
        say("3. A reply to the acknowledgement with a revised application for direct supply (examples/direct-supply):");
        say("   added to " + reference + " as version 2;");
        say("   acknowledgement sent: \"" + second.getSubject() + "\"");

        java.util.Map<String, String> leo = uk.gov.education.datasharing.intake.templates.Examples.srsApplication(java.time.LocalDate.now());
        leo.put("data.datasets", "LEO");
        leo.put("data.sources", "Other");
        MimeMessage deaOnly = message(smtp, APPLICANT, "Application for LEO data", "Please find our application attached.\n");
        attach(deaOnly, new uk.gov.education.datasharing.intake.templates.FormTemplate()
                .write(schemas.applicationForm(), leo),
                "application-form.docx");
        Transport.send(deaOnly);
        MimeMessage redirect = awaitReplyTo(mail, 3);
        say("4. An application only for LEO (a Digital Economy Act dataset): answered with where to apply instead;");
        say("   reply sent: \"" + redirect.getSubject() + "\"");

        List<CaseSummary> cases = gateway.database().inTransaction(c -> new Cases().list(c, 20));
        say("");
        System.out.print(CasesCommand.table(cases));
        say("");
        say("Decrypt a case on the team's machine (the demo key is for trials only):");
        say("  ./gateway decrypt " + reference + " --key " + keys.resolve("DEMO-ONLY-team-secret.asc")
                + " --out " + dir.resolve("decrypted") + " --config " + configFile);
        say("  or with GnuPG: gpg --import " + keys.resolve("DEMO-ONLY-team-secret.asc") + " && gpg --decrypt FILE.pgp");
    }

    private static MimeMessage message(Session session, String from, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
        message.setSubject(subject, "UTF-8");
        MimeMultipart multipart = new MimeMultipart();
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        multipart.addBodyPart(body);
        message.setContent(multipart);
        return message;
    }

    private static void attachAll(MimeMessage message, Path folder) throws MessagingException, IOException {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                attach(message, Files.readAllBytes(file), file.getFileName().toString());
            }
        }
    }

    private static void attach(MimeMessage message, byte[] content, String name) throws MessagingException, IOException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(content, "application/octet-stream")));
        part.setFileName(name);
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        ((MimeMultipart) message.getContent()).addBodyPart(part);
        message.saveChanges();
    }

    private static MimeMessage awaitReplyTo(GreenMail mail, int count) throws InterruptedException, MessagingException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> replies = java.util.Arrays.stream(mail.getReceivedMessagesForDomain("university.test")).toList();
            if (replies.size() >= count) {
                return replies.get(count - 1);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no acknowledgement within 60 seconds; see the log above");
    }

    private static void awaitState(Gateway gateway, InboundMessages.State state, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (gateway.database().inTransaction(c -> new InboundMessages().count(c, state)) >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("example not processed within 60 seconds; see the log above");
    }

    private Properties smtpProperties() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        return props;
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

    private Path writeConfig(Path keys) throws IOException {
        Path file = dir.resolve("demo.properties");
        Path absolute = dir.toAbsolutePath();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# Written by `gateway demo`: the embedded demo's settings (demo only: plain IMAP/SMTP on this machine).\n");
            out.write("intake.imap.host=127.0.0.1\nintake.imap.port=" + imapPort + "\nintake.imap.protocol=imap\n");
            out.write("intake.imap.allow-plaintext=true\nintake.imap.username=" + MAILBOX + "\nintake.imap.password=" + PASSWORD + "\n");
            out.write("intake.imap.poll-delay-ms=1000\n");
            out.write("intake.smtp.host=127.0.0.1\nintake.smtp.port=" + smtpPort + "\nintake.smtp.protocol=smtp\n");
            out.write("intake.smtp.allow-plaintext=true\nintake.mailbox.address=" + MAILBOX + "\n");
            out.write("intake.mailbox.display-name=DfE data sharing (demo)\n");
            out.write("intake.store.dir=" + absolute.resolve("store").toString().replace("\\", "/") + "\n");
            out.write("intake.db.url=jdbc:h2:file:" + absolute.resolve("db/intake").toString().replace("\\", "/") + "\n");
            out.write("intake.crypto.recipients=" + keys.toAbsolutePath().resolve("team-public.asc").toString().replace("\\", "/") + "\n");
            out.write("intake.outbox.poll-interval-ms=500\n");
            out.write("intake.state.key=" + demoStateKey(keys) + "\n");
        }
        return file;
    }

    /** The demo's state key, made once per demo folder so earlier cases stay readable across runs. */
    private static String demoStateKey(Path keys) throws IOException {
        Path file = keys.resolve("DEMO-ONLY-state.key");
        if (!Files.exists(file)) {
            Files.writeString(file, uk.gov.education.datasharing.intake.store.StateKey.generate() + "\n");
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

    private static void say(String line) {
        System.out.println(line);
    }
}
