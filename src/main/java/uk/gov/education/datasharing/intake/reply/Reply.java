package uk.gov.education.datasharing.intake.reply;

import java.util.List;
import java.util.Objects;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.ReceivedFile;

/** Everything needed to write one reply; built from the case index, never from inbound headers. */
public record Reply(Kind kind, String reference, int version, String recipient, String messageId, List<ReceivedFile> files,
                    List<Defect> problems) {

    /** ACKNOWLEDGEMENT: received (with any problems); QUARANTINE_NOTICE: a file was refused as unsafe. */
    public enum Kind { ACKNOWLEDGEMENT, QUARANTINE_NOTICE }

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
