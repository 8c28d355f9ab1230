package uk.gov.education.datasharing.intake.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import uk.gov.education.datasharing.intake.mailbox.Envelope;
import uk.gov.education.datasharing.intake.model.CaseReference;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.InboundMessages.Attempt;
import uk.gov.education.datasharing.intake.store.Outbox;
import uk.gov.education.datasharing.intake.store.Sealer;
import uk.gov.education.datasharing.intake.triage.CaseLinker;

/**
 * Link stage: which case the message belongs to, decided once per message by {@link CaseLinker} from the
 * reference it quotes, the emails of ours it replies to, and who sent it. A message retried after a crash
 * that had already opened its case keeps that case.
 */
public final class LinkCase {

    private final Database db;
    private final CaseLinker linker = new CaseLinker();
    private final Cases cases;
    private final Outbox outbox;

    public LinkCase(Database db, Sealer sealer) {
        this.db = db;
        this.cases = new Cases(sealer);
        this.outbox = new Outbox(sealer);
    }

    /** @param authenticated whether the receiving server vouched for the sender (a follow-up joins a case only then) */
    public CaseLinker.Decision link(Attempt attempt, Envelope envelope, String sender, boolean authenticated) throws SQLException {
        if (attempt.caseReference() != null) {
            return new CaseLinker.ExistingCase(attempt.caseReference());
        }
        return db.inTransaction(c -> linker.decide(sender, authenticated, CaseReference.findIn(envelope.subject()), repliedToCases(c, envelope),
                ref -> senderOf(c, ref)));
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
}
