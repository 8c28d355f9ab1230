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
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.model.StoredObject;
import uk.gov.education.datasharing.intake.reply.Reply;
import uk.gov.education.datasharing.intake.reply.ReplyComposer;
import uk.gov.education.datasharing.intake.schema.ProblemTexts;
import uk.gov.education.datasharing.intake.store.CaseActions;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.EncryptedObjectStore;
import uk.gov.education.datasharing.intake.store.InboundMessages;
import uk.gov.education.datasharing.intake.store.InboundMessages.Attempt;
import uk.gov.education.datasharing.intake.store.InboundMessages.State;
import uk.gov.education.datasharing.intake.store.ManifestCodec;
import uk.gov.education.datasharing.intake.store.Outbox;
import uk.gov.education.datasharing.intake.store.Sealer;
import uk.gov.education.datasharing.intake.triage.CaseLinker;

/**
 * Store stage, second half, and record stage, in one transaction: the manifest (encrypted), then the case
 * (opened, or a new version of it), the submission with its files and findings, the case's parts for its
 * next version, the queued reply and the message's final state. Only after this commits may the message
 * leave INBOX (docs/adr/0001). Safe to race with another attempt at the same message: the first wins.
 */
public final class RecordCase {

    static final String UNSAFE_FILE = "UNSAFE_FILE";
    static final String UNAUTHENTICATED = "UNAUTHENTICATED_SENDER";
    /** The reason kept for a delivery whose content was recorded before under another identity. */
    static final String SAME_CONTENT = "SAME_CONTENT";

    private final Database db;
    private final EncryptedObjectStore store;
    private final CaseHistory history;
    private final ReplyComposer composer;
    private final GatewayConfig.Folders folders;
    private final StoredFindings stored;
    private final ReplyCaps caps;
    private final GatewayConfig.Unauthenticated toUnauthenticated;
    private final Clock clock;
    private final References references = new References();
    private final InboundMessages inbound = new InboundMessages();
    private final Cases cases;
    private final Outbox outbox;
    private final CaseActions actions = new CaseActions();
    private final uk.gov.education.datasharing.intake.store.TeamWork teamWork;

    public RecordCase(Database db, EncryptedObjectStore store, CaseHistory history, ReplyComposer composer, GatewayConfig config,
                      ProblemTexts texts, Clock clock, Sealer sealer) {
        this.cases = new Cases(sealer);
        this.outbox = new Outbox(sealer);
        this.teamWork = new uk.gov.education.datasharing.intake.store.TeamWork(sealer);
        this.db = db;
        this.store = store;
        this.history = history;
        this.composer = composer;
        this.folders = config.folders();
        this.stored = new StoredFindings(texts);
        this.caps = new ReplyCaps(config.replies().perDomainPerHour(), config.replies().perHour(), outbox);
        this.toUnauthenticated = config.replies().toUnauthenticated();
        this.clock = clock;
    }

    /** The message as the stages saw it; {@code authenticated}: whether the receiving server vouched for the sender's address. */
    public record Submission(EncryptedSpool raw, Attempt attempt, String sender, boolean authenticated, CaseLinker.Decision link,
                             ExtractedFiles files, Validated validated, Decision decision) {
    }

    public MessageResult record(Submission s) throws SQLException {
        String sha = s.raw().sha256(); // the raw bytes, as stored
        String identity = s.attempt().sha256(); // the message, however delivered (docs/adr/0016)
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Optional<Attempt> current = inbound.find(c, identity, true);
            if (current.isPresent() && current.get().finished()) {
                return MessageResult.duplicate(current.get(), identity);
            }
            String contentKey = s.files().contentKey();
            if (contentKey != null) {
                inbound.keepContentKey(c, identity, contentKey);
                Optional<Attempt> sameContent = inbound.sameContent(c, contentKey, identity);
                if (sameContent.isPresent()) { // delivered again, its MIME written anew by a server (docs/adr/0025)
                    Attempt first = sameContent.get();
                    inbound.finish(c, identity, first.state(), first.folder(), first.caseReference(), SAME_CONTENT, now);
                    return MessageResult.duplicate(first, identity);
                }
            }
            boolean unsafe = s.decision().quarantined();
            String reference = openOrUpdate(c, s, unsafe, now);
            List<Defect> findings = stored.keep(s.decision().findings());
            Manifest manifest = new Manifest(Manifest.FORMAT, reference, sha, s.raw().size(), now, s.files().files(), findings);
            StoredObject manifestObject = putBytes(ManifestCodec.toJson(manifest));
            var submission = cases.addSubmission(c, reference, sha, s.raw().size(), manifestObject.sha256(), now, s.files().files(), findings);
            actions.setSubmissionOutcome(c, submission.id(), s.decision().outcome());
            history.keep(c, reference, submission.version(), s.validated().parts());
            queueReply(c, s, reference, submission.id(), now);
            if (unsafe) {
                inbound.finish(c, identity, State.QUARANTINED, folders.quarantine(), reference, UNSAFE_FILE, now);
                return new MessageResult(folders.quarantine(), "QUARANTINED_" + UNSAFE_FILE + "_V" + submission.version(), reference,
                        Sha256.shortForm(identity));
            }
            inbound.finish(c, identity, State.PROCESSED, folders.processed(), reference, null, now);
            return new MessageResult(folders.processed(), s.decision().outcome().name() + "_V" + submission.version(), reference,
                    Sha256.shortForm(identity));
        });
    }

    /**
     * The reply the sender gets: by outcome when authenticated; otherwise a neutral notice or none, as
     * configured. Over a cap, or not to be sent, it is recorded as refused.
     */
    private void queueReply(Connection c, Submission s, String reference, long submissionId, Instant now) throws SQLException {
        Reply.Kind kind = s.authenticated() ? Reply.Kind.forOutcome(s.decision().outcome()) : Reply.Kind.RECEIVED_NOTICE;
        Optional<String> refusal = !s.authenticated() && toUnauthenticated == GatewayConfig.Unauthenticated.NONE
                ? Optional.of(UNAUTHENTICATED) : caps.refusal(c, s.sender(), now);
        String messageId = composer.newMessageId(reference);
        if (refusal.isPresent()) {
            outbox.refuse(c, reference, submissionId, kind.name(), s.sender(), messageId, refusal.get(), now);
        } else {
            outbox.enqueue(c, reference, submissionId, kind.name(), s.sender(), messageId, now);
        }
    }

    /** Opens the case, or updates it; a quarantined case stays quarantined until the team releases it. */
    private String openOrUpdate(Connection c, Submission s, boolean unsafe, Instant now) throws SQLException {
        CaseStatus status = unsafe ? CaseStatus.QUARANTINED : CaseStatus.OPEN;
        if (s.link() instanceof CaseLinker.ExistingCase existing) {
            boolean held = actions.statusOf(c, existing.reference()).filter(st -> st == CaseStatus.QUARANTINED).isPresent();
            cases.setState(c, existing.reference(), held ? CaseStatus.QUARANTINED : status,
                    held ? Outcome.QUARANTINED : s.decision().outcome(), now);
            if (unsafe) {
                actions.addFlag(c, existing.reference(), UNSAFE_FILE);
            }
            teamWork.reopenIfFinished(c, existing.reference(), now);
            return existing.reference();
        }
        CaseLinker.NewCase opened = (CaseLinker.NewCase) s.link();
        String reference = references.mint(c);
        List<String> flags = new ArrayList<>(opened.flags());
        if (unsafe) {
            flags.add(UNSAFE_FILE);
        }
        if (!s.authenticated()) {
            flags.add(UNAUTHENTICATED); // the team's flagged queue: the receiving server did not vouch for this sender
        }
        cases.open(c, reference, s.sender(), status, s.decision().outcome(), flags, now);
        if (opened.related() != null) {
            actions.relate(c, reference, opened.related());
        }
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
