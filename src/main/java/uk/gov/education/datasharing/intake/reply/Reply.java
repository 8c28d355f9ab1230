package uk.gov.education.datasharing.intake.reply;

import java.util.List;
import java.util.Objects;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.ReceivedFile;

/** Everything needed to write one reply; built from the case index, never from inbound headers. */
public record Reply(Kind kind, String reference, int version, String recipient, String messageId, List<ReceivedFile> files,
                    List<Defect> problems, String teamText) {

    /**
     * ACKNOWLEDGEMENT: received and complete (or, before validation existed, received); DEFECTS: what to fix;
     * REDIRECT: another service handles it; ENQUIRY: no application documents, the team will read it;
     * QUARANTINE_NOTICE: a file was refused as unsafe; RECEIVED_NOTICE: the sender is not authenticated, so
     * the reply says only that something arrived, and repeats nothing the sender wrote; REQUEST: the team asks the
     * applicant for more, in words a member of the team wrote.
     */
    public enum Kind {
        ACKNOWLEDGEMENT, DEFECTS, REDIRECT, ENQUIRY, QUARANTINE_NOTICE, RECEIVED_NOTICE, REQUEST;

        public static Kind forOutcome(uk.gov.education.datasharing.intake.model.Outcome outcome) {
            return switch (outcome) {
                case QUARANTINED -> QUARANTINE_NOTICE;
                case DEFECTS -> DEFECTS;
                case REDIRECTED -> REDIRECT;
                case ENQUIRY -> ENQUIRY;
                case ACCEPTED, RECEIVED -> ACKNOWLEDGEMENT;
            };
        }
    }

    public Reply(Kind kind, String reference, int version, String recipient, String messageId, List<ReceivedFile> files,
                 List<Defect> problems) {
        this(kind, reference, version, recipient, messageId, files, problems, null);
    }

    public Reply {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(messageId, "messageId");
        files = List.copyOf(files);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    @Override
    public String toString() {
        return "Reply[" + kind + ", " + reference + " v" + version + "]";
    }
}
