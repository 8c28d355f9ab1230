package uk.gov.education.datasharing.intake.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Manifest;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.model.StoredObject;
import uk.gov.education.datasharing.intake.reply.Reply;
import uk.gov.education.datasharing.intake.reply.ReplyComposer;
import uk.gov.education.datasharing.intake.schema.ProblemTexts;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.EncryptedObjectStore;
import uk.gov.education.datasharing.intake.store.InboundMessages;
import uk.gov.education.datasharing.intake.store.InboundMessages.Attempt;
import uk.gov.education.datasharing.intake.store.InboundMessages.State;
import uk.gov.education.datasharing.intake.store.ManifestCodec;
import uk.gov.education.datasharing.intake.store.Outbox;
import uk.gov.education.datasharing.intake.triage.CaseLinker;

/**
 * Store stage, second half, and record stage, in one transaction: the manifest (encrypted), then the case
 * (opened, or a new version of it), the submission with its files and findings, the case's parts for its
 * next version, the queued reply and the message's final state. Only after this commits may the message
 * leave INBOX (docs/adr/0001). Safe to race with another attempt at the same message: the first wins.
 */
public final class RecordCase {

    static final String UNSAFE_FILE = "UNSAFE_FILE";

    private final Database db;
    private final EncryptedObjectStore store;
    private final CaseHistory history;
    private final ReplyComposer composer;
    private final GatewayConfig.Folders folders;
    private final StoredFindings stored;
    private final Clock clock;
    private final References references = new References();
    private final InboundMessages inbound = new InboundMessages();
    private final Cases cases = new Cases();
    private final Outbox outbox = new Outbox();

    public RecordCase(Database db, EncryptedObjectStore store, CaseHistory history, ReplyComposer composer, GatewayConfig.Folders folders,
                      ProblemTexts texts, Clock clock) {
        this.db = db;
        this.store = store;
        this.history = history;
        this.composer = composer;
        this.folders = folders;
        this.stored = new StoredFindings(texts);
        this.clock = clock;
    }

    /** The message as the stages saw it. */
    public record Submission(EncryptedSpool raw, Attempt attempt, String sender, CaseLinker.Decision link, ExtractedFiles files,
                             Validated validated, Decision decision) {
    }

    public MessageResult record(Submission s) throws SQLException {
        String sha = s.raw().sha256();
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Optional<Attempt> current = inbound.find(c, sha, true);
            if (current.isPresent() && current.get().finished()) {
                return MessageResult.duplicate(current.get(), sha);
            }
            boolean unsafe = s.decision().quarantined();
            String reference = openOrUpdate(c, s, unsafe, now);
            List<Defect> findings = stored.keep(s.decision().findings());
            Manifest manifest = new Manifest(Manifest.FORMAT, reference, sha, s.raw().size(), now, s.files().files(), findings);
            StoredObject manifestObject = putBytes(ManifestCodec.toJson(manifest));
            var submission = cases.addSubmission(c, reference, sha, s.raw().size(), manifestObject.sha256(), now, s.files().files(), findings);
            history.keep(c, reference, submission.version(), s.validated().parts());
            Reply.Kind kind = Reply.Kind.forOutcome(s.decision().outcome());
            outbox.enqueue(c, reference, submission.id(), kind.name(), s.sender(), composer.newMessageId(reference), now);
            if (unsafe) {
                inbound.finish(c, sha, State.QUARANTINED, folders.quarantine(), reference, UNSAFE_FILE, now);
                return new MessageResult(folders.quarantine(), "QUARANTINED_" + UNSAFE_FILE + "_V" + submission.version(), reference,
                        Sha256.shortForm(sha));
            }
            inbound.finish(c, sha, State.PROCESSED, folders.processed(), reference, null, now);
            return new MessageResult(folders.processed(), s.decision().outcome().name() + "_V" + submission.version(), reference,
                    Sha256.shortForm(sha));
        });
    }

    private String openOrUpdate(Connection c, Submission s, boolean unsafe, Instant now) throws SQLException {
        CaseStatus status = unsafe ? CaseStatus.QUARANTINED : CaseStatus.OPEN;
        if (s.link() instanceof CaseLinker.ExistingCase existing) {
            cases.setState(c, existing.reference(), status, s.decision().outcome(), now);
            return existing.reference();
        }
        String reference = references.mint(c);
        List<String> flags = new ArrayList<>(((CaseLinker.NewCase) s.link()).flags());
        if (unsafe) {
            flags.add(UNSAFE_FILE);
        }
        cases.open(c, reference, s.sender(), status, s.decision().outcome(), flags, now);
        return reference;
    }

    private StoredObject putBytes(byte[] bytes) {
        try {
            return store.put(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
