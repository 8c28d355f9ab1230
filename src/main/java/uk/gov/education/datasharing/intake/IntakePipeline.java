package uk.gov.education.datasharing.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.intake.EncryptedSpool;
import uk.gov.education.datasharing.intake.intake.Envelope;
import uk.gov.education.datasharing.intake.intake.HeaderBlock;
import uk.gov.education.datasharing.intake.intake.IsAutomaticMail;
import uk.gov.education.datasharing.intake.inspect.ContentInspection;
import uk.gov.education.datasharing.intake.inspect.FileInspector;
import uk.gov.education.datasharing.intake.inspect.FilePolicy;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.mime.FileExtractor;
import uk.gov.education.datasharing.intake.model.CaseReference;
import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Manifest;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.model.StoredObject;
import uk.gov.education.datasharing.intake.reply.Reply;
import uk.gov.education.datasharing.intake.reply.ReplyComposer;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.StateKey;
import uk.gov.education.datasharing.intake.store.EncryptedObjectStore;
import uk.gov.education.datasharing.intake.store.InboundMessages;
import uk.gov.education.datasharing.intake.store.InboundMessages.Attempt;
import uk.gov.education.datasharing.intake.store.InboundMessages.State;
import uk.gov.education.datasharing.intake.store.ManifestCodec;
import uk.gov.education.datasharing.intake.store.Outbox;
import uk.gov.education.datasharing.intake.schema.Routing;
import uk.gov.education.datasharing.intake.schema.Schemas;
import uk.gov.education.datasharing.intake.triage.CaseLinker;
import uk.gov.education.datasharing.intake.validate.SubmissionReader;
import uk.gov.education.datasharing.intake.validate.Validation;
import uk.gov.education.datasharing.intake.validate.Validator;

/**
 * One polled message, start to finish: spool it encrypted, count the attempt, screen out automatic mail,
 * store every file encrypted, then record case, submission, files, queued reply and the message's final
 * state in one transaction. Only after that does the route let camel-mail move the message out of INBOX,
 * so a crash anywhere means the message is polled again and finishes once (docs/adr/0001).
 */
public final class IntakePipeline {

    private static final Logger LOG = LoggerFactory.getLogger("intake");
    private static final String UNKNOWN_SENDER = "";
    private static final String UNSAFE_FILE = "UNSAFE_FILE";

    private static final java.util.Set<String> ANSWER_CODES = java.util.Set.of("ANSWER_FORMAT", "ANSWER_NOT_APPLICABLE", "ANSWER_MUST_BE",
            "EXPLANATION_MISSING", "DATA_NEEDED_TOO_FAR_AHEAD");
    private static final java.time.ZoneId UK = java.time.ZoneId.of("Europe/London");
    /** Findings kept per submission; a workbook with thousands of bad rows must not become thousands of rows here. */
    static final int MAX_FINDINGS = 2_000;

    private final GatewayConfig config;
    private final Database db;
    private final EncryptedObjectStore store;
    private final Path spoolDir;
    private final FileExtractor extractor;
    private final FileInspector inspector;
    private final FilePolicy policy = new FilePolicy();
    private final Schemas schemas;
    private final Validator validator;
    private final CaseHistory history;
    private final IsAutomaticMail isAutomatic;
    private final CaseLinker linker = new CaseLinker();
    private final ReplyComposer composer;
    private final Clock clock;
    private final Session parsing = Session.getInstance(parsingProperties());
    private final InboundMessages inbound = new InboundMessages();
    private final Cases cases = new Cases();
    private final Outbox outbox = new Outbox();
    private final SecureRandom random = new SecureRandom();

    public IntakePipeline(GatewayConfig config, Database db, EncryptedObjectStore store, Path spoolDir,
                          ReplyComposer composer, Clock clock, Schemas schemas) {
        this(config, db, store, spoolDir, composer, clock, schemas, null, Scanner.NONE);
    }

    /** @param stateKey the gateway's key for case state between messages; null: each message is validated on its own */
    public IntakePipeline(GatewayConfig config, Database db, EncryptedObjectStore store, Path spoolDir,
                          ReplyComposer composer, Clock clock, Schemas schemas, StateKey stateKey, Scanner scanner) {
        this.config = config;
        this.history = new CaseHistory(stateKey);
        this.schemas = schemas;
        this.validator = new Validator(schemas);
        this.db = db;
        this.store = store;
        this.spoolDir = spoolDir;
        this.composer = composer;
        this.clock = clock;
        GatewayConfig.Limits l = config.limits();
        this.extractor = new FileExtractor(new FileExtractor.Limits(l.mimeDepth(), l.mimeParts(), l.files(), l.fileBytes(),
                l.totalBytes(), l.archiveEntries(), l.archiveRatio(), l.archiveDepth()));
        this.inspector = new FileInspector(config.limits().inspection(), scanner);
        this.isAutomatic = new IsAutomaticMail(config.mailboxAddress());
    }

    /** How one message ended: the folder it moves to, and what to log. Holds no content. */
    public record Result(String folder, String outcome, String reference, String messageHash) {
        @Override
        public String toString() {
            return "message " + messageHash + " " + outcome + (reference == null ? "" : " " + reference) + " -> " + folder;
        }
    }

    public Result process(Message message) throws IOException, MessagingException, SQLException {
        if (message.getSize() > config.limits().messageBytes()) {
            return tooLarge();
        }
        EncryptedSpool spool;
        try {
            spool = EncryptedSpool.write(spoolDir, out -> writeRaw(message, out), config.limits().messageBytes());
        } catch (EncryptedSpool.SpoolLimitException e) {
            return tooLarge(); // the server's declared size was wrong
        }
        try (spool) {
            return process(spool);
        }
    }

    /** Over intake.limits.message-bytes: it cannot be spooled, so it goes to quarantine unstored. */
    private Result tooLarge() {
        LOG.warn("message over the size limit: MESSAGE_TOO_LARGE -> {}", config.folders().quarantine());
        return new Result(config.folders().quarantine(), "MESSAGE_TOO_LARGE", null, "unhashed");
    }

    Result process(EncryptedSpool spool) throws IOException, MessagingException, SQLException {
        Instant now = clock.instant();
        String sha = spool.sha256();
        Attempt attempt = db.inTransaction(c -> inbound.beginAttempt(c, sha, spool.size(), now));
        if (attempt.finished()) {
            return new Result(attempt.folder(), "DUPLICATE_OF_" + attempt.state(), attempt.caseReference(), Sha256.shortForm(sha));
        }
        if (attempt.attempts() > config.limits().maxAttempts()) {
            return quarantine(spool, attempt, "PROCESSING_FAILED", now);
        }
        try (InputStream in = spool.open()) {
            if (!HeaderBlock.within(in, config.limits().headerBytes())) {
                return quarantine(spool, attempt, "HEADERS_TOO_LONG", now);
            }
        }
        try (InputStream in = spool.open()) {
            MimeMessage mime = new MimeMessage(parsing, in);
            Envelope envelope = Envelope.read(mime);
            store.put(spool.open());
            Optional<String> automatic = isAutomatic.reason(envelope);
            if (automatic.isPresent()) {
                return ignore(sha, automatic.get(), now);
            }
            String sender = envelope.sender().orElseThrow();
            boolean overLimit = db.inTransaction(c -> outbox.queuedTo(c, sender, now.minus(Duration.ofDays(1))))
                    >= config.replies().perSenderPerDay();
            if (overLimit) {
                return ignore(sha, "REPLY_LIMIT", now);
            }
            InspectingSink sink = new InspectingSink(new SubmissionReader(schemas, SubmissionReader.MAX_REQUESTED_ROWS));
            FileExtractor.Extraction extraction = extractor.extract(mime, sink);
            Checked checked = check(extraction, sink, now, attempt, envelope, sender);
            if (!checked.findings().isEmpty()) {
                LOG.info("message {}: findings {}", Sha256.shortForm(sha),
                        checked.findings().stream().map(Defect::code).distinct().toList());
            }
            return record(spool, attempt, envelope, sender, checked, now);
        }
    }

    /**
     * Stores each extracted file and inspects it: the file is spooled encrypted first, so inspection can
     * seek without plaintext on disk. Identical files are inspected once. Tells the extractor which files
     * are plain zip archives by content, so a renamed zip is unpacked too.
     */
    private final class InspectingSink implements FileExtractor.Sink {
        final Map<String, ContentInspection> inspections = new HashMap<>();
        final Map<String, SubmissionReader.Parsed> parsed = new HashMap<>();
        final SubmissionReader reader;

        InspectingSink(SubmissionReader reader) {
            this.reader = reader;
        }

        @Override
        public StoredObject store(InputStream content) throws IOException {
            try (EncryptedSpool file = EncryptedSpool.write(spoolDir, "file-", out -> content.transferTo(out), Long.MAX_VALUE)) {
                StoredObject stored;
                try (InputStream plain = file.open()) {
                    stored = IntakePipeline.this.store.put(plain);
                }
                if (!inspections.containsKey(stored.sha256())) {
                    ContentInspection inspection = inspector.inspect(file);
                    inspections.put(stored.sha256(), inspection);
                    // read forms and workbooks now, while the plaintext is reachable through the spool; named later
                    ReceivedFile unnamed = new ReceivedFile(0, "", "", "", "application/octet-stream", stored.size(), stored.sha256());
                    parsed.put(stored.sha256(), reader.parse(policy.judge(unnamed, inspection, false).check(), file::channel));
                }
                return stored;
            }
        }

        @Override
        public Optional<Boolean> isArchive(StoredObject stored) {
            ContentInspection inspection = inspections.get(stored.sha256());
            return inspection == null ? Optional.empty() : Optional.of(FilePolicy.isPlainArchive(inspection));
        }
    }

    /**
     * The files with what inspection decided, every finding (files, then validation), whether any file was
     * refused as unsafe, and the outcome.
     */
    record Checked(List<ReceivedFile> files, List<Defect> findings, boolean unsafe, Outcome outcome, Map<String, Object> parts) {
    }

    private Checked check(FileExtractor.Extraction extraction, InspectingSink sink, Instant now, Attempt attempt, Envelope envelope,
                          String sender) throws SQLException {
        List<ReceivedFile> files = new ArrayList<>();
        List<Defect> findings = new ArrayList<>(extraction.findings());
        for (ReceivedFile file : extraction.files()) {
            FilePolicy.Judgement judgement = policy.judge(file, sink.inspections.get(file.sha256()),
                    extraction.unpackedArchives().contains(file.sha256()));
            files.add(file.withCheck(judgement.check()));
            findings.addAll(judgement.findings());
            sink.reader.add(file.safeName(), judgement.check(), sink.parsed.getOrDefault(file.sha256(), SubmissionReader.Parsed.NOTHING));
        }
        Map<String, Object> parts = sink.reader.parts();
        if (findings.stream().anyMatch(d -> d.severity() == Defect.Severity.UNSAFE)) {
            return new Checked(files, findings, true, Outcome.QUARANTINED, Map.of());
        }
        List<Cases.StoredFinding> before = List.of();
        if (history.enabled()) {
            Optional<String> linked = db.inTransaction(c -> decideCase(c, attempt, envelope, sender) instanceof CaseLinker.ExistingCase e
                    ? Optional.of(e.reference()) : Optional.<String>empty());
            if (linked.isPresent()) {
                before = db.inTransaction(c -> history.mergeEarlier(c, linked.get(), sink.reader, files));
            }
        }
        Validation validation = validator.validate(sink.reader.submission(LocalDate.ofInstant(now, UK)));
        findings.addAll(sink.reader.problems());
        validation.problems().stream().map(IntakePipeline::withoutAnswers).forEach(findings::add);
        for (Routing.Redirect redirect : validation.redirects()) {
            findings.add(new Defect(Defect.REDIRECT, Defect.Severity.WARNING, "", redirect.to(), "", redirect.message(), redirect.link()));
        }
        findings.addAll(CaseHistory.fixedSince(before, findings));
        boolean errors = findings.stream().anyMatch(d -> d.severity() == Defect.Severity.ERROR);
        if (findings.size() > MAX_FINDINGS) {
            int dropped = findings.size() - (MAX_FINDINGS - 1);
            findings.subList(MAX_FINDINGS - 1, findings.size()).clear();
            findings.add(new Defect("MORE_PROBLEMS", Defect.Severity.ERROR, "", "", String.valueOf(dropped),
                    "There are " + dropped + " more problems than we list here.", "Fix the problems above, then check the rest with the validate tool or send the documents again."));
        }
        Outcome outcome = switch (validation.outcome()) {
            case ACCEPTED -> errors ? Outcome.DEFECTS : Outcome.ACCEPTED;
            case DEFECTS -> Outcome.DEFECTS;
            case REDIRECTED -> Outcome.REDIRECTED;
            case ENQUIRY -> Outcome.ENQUIRY;
        };
        return new Checked(files, findings, false, outcome, parts);
    }

    private CaseLinker.Decision decideCase(Connection c, Attempt attempt, Envelope envelope, String sender) throws SQLException {
        return attempt.caseReference() != null
                ? new CaseLinker.ExistingCase(attempt.caseReference())
                : linker.decide(sender, CaseReference.findIn(envelope.subject()), repliedToCases(c, envelope), ref -> senderOf(c, ref));
    }

    /** Findings about answers keep where and what is wrong, never the applicant's answer itself. */
    private static Defect withoutAnswers(Defect d) {
        return ANSWER_CODES.contains(d.code()) ? new Defect(d.code(), d.severity(), d.document(), d.location(), "", d.message(), d.fix()) : d;
    }

    private Result record(EncryptedSpool spool, Attempt attempt, Envelope envelope, String sender,
                          Checked checked, Instant now) throws SQLException, IOException {
        String sha = spool.sha256();
        return db.inTransaction(c -> {
            Optional<Attempt> current = inbound.find(c, sha, true);
            if (current.isPresent() && current.get().finished()) {
                return new Result(current.get().folder(), "DUPLICATE_OF_" + current.get().state(), current.get().caseReference(),
                        Sha256.shortForm(sha));
            }
            CaseLinker.Decision decision = decideCase(c, attempt, envelope, sender);
            CaseStatus status = checked.unsafe() ? CaseStatus.QUARANTINED : CaseStatus.OPEN;
            Outcome outcome = checked.outcome();
            String reference;
            if (decision instanceof CaseLinker.ExistingCase existing) {
                reference = existing.reference();
                cases.setState(c, reference, status, outcome, now);
            } else {
                reference = newReference(c);
                List<String> flags = new ArrayList<>(((CaseLinker.NewCase) decision).flags());
                if (checked.unsafe()) {
                    flags.add(UNSAFE_FILE);
                }
                cases.open(c, reference, sender, status, outcome, flags, now);
            }
            Manifest manifest = new Manifest(Manifest.FORMAT, reference, sha, spool.size(), now, checked.files(), checked.findings());
            StoredObject manifestObject = putBytes(ManifestCodec.toJson(manifest));
            var submission = cases.addSubmission(c, reference, sha, spool.size(), manifestObject.sha256(), now, checked.files(),
                    checked.findings());
            history.keep(c, reference, submission.version(), checked.parts());
            Reply.Kind kind = Reply.Kind.forOutcome(outcome);
            outbox.enqueue(c, reference, submission.id(), kind.name(), sender, composer.newMessageId(reference), now);
            if (checked.unsafe()) {
                inbound.finish(c, sha, State.QUARANTINED, config.folders().quarantine(), reference, UNSAFE_FILE, now);
                return new Result(config.folders().quarantine(), "QUARANTINED_" + UNSAFE_FILE + "_V" + submission.version(), reference,
                        Sha256.shortForm(sha));
            }
            inbound.finish(c, sha, State.PROCESSED, config.folders().processed(), reference, null, now);
            return new Result(config.folders().processed(), outcome.name() + "_V" + submission.version(), reference, Sha256.shortForm(sha));
        });
    }

    private Result quarantine(EncryptedSpool spool, Attempt attempt, String reason, Instant now) throws IOException, SQLException {
        store.put(spool.open());
        String sender = UNKNOWN_SENDER;
        if (!reason.equals("HEADERS_TOO_LONG")) {
            try (InputStream in = spool.open()) {
                sender = Envelope.read(new MimeMessage(parsing, in)).sender().orElse(UNKNOWN_SENDER);
            } catch (MessagingException | RuntimeException e) {
                // the sender is a convenience for the team; an unreadable header must not stop the quarantine
            }
        }
        String knownSender = sender;
        String sha = spool.sha256();
        String reference = db.inTransaction(c -> {
            String ref = attempt.caseReference();
            if (ref != null && cases.exists(c, ref)) {
                cases.setState(c, ref, CaseStatus.QUARANTINED, Outcome.QUARANTINED, now);
            } else {
                ref = newReference(c);
                cases.open(c, ref, knownSender, CaseStatus.QUARANTINED, Outcome.QUARANTINED, List.of(reason), now);
            }
            inbound.finish(c, sha, State.QUARANTINED, config.folders().quarantine(), ref, reason, now);
            return ref;
        });
        LOG.warn("message {}: {} after {} failed attempt(s), quarantined as {}", Sha256.shortForm(sha), reason, attempt.attempts() - 1, reference);
        return new Result(config.folders().quarantine(), "QUARANTINED", reference, Sha256.shortForm(sha));
    }

    private Result ignore(String sha, String reason, Instant now) throws SQLException {
        db.inTransaction(c -> {
            inbound.finish(c, sha, State.IGNORED, config.folders().ignored(), null, reason, now);
            return null;
        });
        return new Result(config.folders().ignored(), "IGNORED_" + reason, null, Sha256.shortForm(sha));
    }

    private List<String> repliedToCases(Connection c, Envelope envelope) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String id : envelope.referencedMessageIds()) {
            Optional<String> reference = outbox.caseOfMessageId(c, id);
            if (reference.isPresent() && !found.contains(reference.get())) {
                found.add(reference.get());
            }
        }
        return found;
    }

    private Optional<String> senderOf(Connection c, String reference) {
        try {
            return cases.senderOf(c, reference);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String newReference(Connection c) throws SQLException {
        for (int i = 0; i < 10; i++) {
            String candidate = CaseReference.generate(random).value();
            if (!cases.exists(c, candidate)) {
                return candidate;
            }
        }
        throw new SQLException("could not find a free case reference");
    }

    private StoredObject putBytes(byte[] bytes) {
        try {
            return store.put(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeRaw(Message message, java.io.OutputStream out) throws IOException {
        try {
            message.writeTo(out);
        } catch (MessagingException e) {
            throw new IOException("could not read the message from the mailbox", e);
        }
    }

    private static Properties parsingProperties() {
        Properties props = new Properties();
        props.put("mail.mime.decodefilename", "true");
        props.put("mail.mime.decodeparameters", "true");
        return props;
    }
}
