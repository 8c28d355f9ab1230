package uk.gov.education.datasharing.intake.pipeline;

import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.store.InboundMessages;

/** How one message ended: the folder it moves to, and what to log. Holds no content. */
public record MessageResult(String folder, String outcome, String reference, String messageHash) {

    /** A message already finished (delivered twice, or finished by another attempt): moved where it went before. */
    static MessageResult duplicate(InboundMessages.Attempt attempt, String sha256) {
        return new MessageResult(attempt.folder(), "DUPLICATE_OF_" + attempt.state(), attempt.caseReference(), Sha256.shortForm(sha256));
    }

    @Override
    public String toString() {
        return "message " + messageHash + " " + outcome + (reference == null ? "" : " " + reference) + " -> " + folder;
    }
}
