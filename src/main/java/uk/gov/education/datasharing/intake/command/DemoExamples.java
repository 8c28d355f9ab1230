package uk.gov.education.datasharing.intake.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.util.GreenMail;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.model.CaseReference;
import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.InboundMessages;
import uk.gov.education.datasharing.intake.templates.TemplateWriter;

/**
 * The demo's example messages, sent through the embedded mail server as an applicant would: a complete
 * SRS application, an out-of-office reply, a revised application for direct supply in reply to the
 * acknowledgement, and a LEO-only application; each waited for and explained.
 */
final class DemoExamples {

    private final Gateway gateway;
    private final GreenMail mail;
    private final Session smtp;
    private final Path dir;
    private final Path keys;
    private final Path configFile;

    DemoExamples(Gateway gateway, GreenMail mail, int smtpPort, Path dir, Path keys, Path configFile) {
        this.gateway = gateway;
        this.mail = mail;
        this.smtp = Session.getInstance(smtpProperties(smtpPort));
        this.dir = dir;
        this.keys = keys;
        this.configFile = configFile;
    }

    /** Sends the four examples in turn, waiting for each to be processed, and says what happened. */
    void run() throws Exception {
        var schemas = Gateway.loadSchemas(Settings.load(null, configFile, System.getenv(), new Properties()));
        Path examples = dir.resolve("examples");
        new TemplateWriter(schemas).examples(examples, java.time.LocalDate.now());
        MimeMessage acknowledgement = completeApplication(examples);
        String reference = ((CaseReference.Valid) CaseReference.findIn(acknowledgement.getSubject()).orElseThrow()).reference().value();
        outOfOffice();
        revisedApplication(examples, acknowledgement, reference);
        leoOnly(schemas);
        summary(reference);
    }

    private MimeMessage completeApplication(Path examples) throws Exception {

        MimeMessage application = message(DemoCommand.APPLICANT, "Application for National Pupil Database data",
                "Dear data sharing team,\n\nPlease find our application attached.\n\nDr A. Researcher\n");
        attachAll(application, examples.resolve("srs-npd"));
        Transport.send(application);
        MimeMessage acknowledgement = awaitReplyTo(1);
        String reference = ((CaseReference.Valid) CaseReference.findIn(acknowledgement.getSubject()).orElseThrow()).reference().value();
        DemoCommand.say("");
        DemoCommand.say("1. A complete application for NPD data in the ONS Secure Research Service (examples/srs-npd), from " + DemoCommand.APPLICANT + ":");
        DemoCommand.say("   opened case " + reference + "; its message and files are stored encrypted in " + dir.resolve("store/objects"));
        DemoCommand.say("   acknowledgement sent: \"" + acknowledgement.getSubject() + "\"");
        for (var file : gateway.database().inTransaction(c -> new Cases(gateway.sealer()).submissions(c, reference)).get(0).files()) {
            DemoCommand.say("   " + file.safeName() + ": " + file.check().detectedType() + ", " + file.check().verdict().name().toLowerCase(java.util.Locale.ROOT)
                    + ", recognised as " + file.check().kind().label() + " (by " + file.check().recognisedBy() + ")");
        }
        return acknowledgement;
    }

    private void outOfOffice() throws Exception {
        MimeMessage outOfOffice = message("colleague@council.test", "Automatic reply: Application",
                "I am out of the office until Monday.\n");
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        Transport.send(outOfOffice);
        awaitState(InboundMessages.State.IGNORED, 1);
        DemoCommand.say("2. An out-of-office reply: recognised as automatic mail, recorded, moved to the Ignored folder, not answered.");
    }

    private void revisedApplication(Path examples, MimeMessage acknowledgement, String reference) throws Exception {
        MimeMessage followUp = message(DemoCommand.APPLICANT, "Re: " + acknowledgement.getSubject(),
                "We have decided to apply for direct supply instead; the revised application is attached.\n");
        followUp.setHeader("In-Reply-To", acknowledgement.getMessageID());
        attachAll(followUp, examples.resolve("direct-supply"));
        Transport.send(followUp);
        MimeMessage second = awaitReplyTo(2);
        DemoCommand.say("3. A reply to the acknowledgement with a revised application for direct supply (examples/direct-supply):");
        DemoCommand.say("   added to " + reference + " as version 2;");
        DemoCommand.say("   acknowledgement sent: \"" + second.getSubject() + "\"");
    }

    private void leoOnly(uk.gov.education.datasharing.intake.schema.Schemas schemas) throws Exception {
        java.util.Map<String, String> leo = uk.gov.education.datasharing.intake.templates.Examples.srsApplication(java.time.LocalDate.now());
        leo.put("data.datasets", "LEO");
        leo.put("data.sources", "Other");
        MimeMessage deaOnly = message(DemoCommand.APPLICANT, "Application for LEO data", "Please find our application attached.\n");
        attach(deaOnly, new uk.gov.education.datasharing.intake.templates.FormTemplate()
                .write(schemas.applicationForm(), leo),
                "application-form.docx");
        Transport.send(deaOnly);
        MimeMessage redirect = awaitReplyTo(3);
        DemoCommand.say("4. An application only for LEO (a Digital Economy Act dataset): answered with where to apply instead;");
        DemoCommand.say("   reply sent: \"" + redirect.getSubject() + "\"");
    }

    private void summary(String reference) throws Exception {
        List<CaseSummary> cases = gateway.database().inTransaction(c -> new Cases(gateway.sealer()).list(c, 20));
        DemoCommand.say("");
        System.out.print(CasesCommand.table(cases));
        DemoCommand.say("");
        DemoCommand.say("Decrypt a case on the team's machine (the demo key is for trials only):");
        DemoCommand.say("  ./gateway decrypt " + reference + " --key " + keys.resolve("DEMO-ONLY-team-secret.asc")
                + " --out " + dir.resolve("decrypted") + " --config " + configFile);
        DemoCommand.say("  or with GnuPG: gpg --import " + keys.resolve("DEMO-ONLY-team-secret.asc") + " && gpg --decrypt FILE.pgp");
    }

    private MimeMessage message(String from, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(smtp);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(DemoCommand.MAILBOX));
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

    private MimeMessage awaitReplyTo(int count) throws InterruptedException, MessagingException {
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

    private void awaitState(InboundMessages.State state, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (gateway.database().inTransaction(c -> new InboundMessages().count(c, state)) >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("example not processed within 60 seconds; see the log above");
    }

    private static Properties smtpProperties(int smtpPort) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        return props;
    }
}
