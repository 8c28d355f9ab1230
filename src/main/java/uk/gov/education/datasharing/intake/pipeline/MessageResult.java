package uk.gov.education.datasharing.intake.pipeline;

/** How one message ended: the folder it moves to, and what to log. Holds no content. */
public record MessageResult(String folder, String outcome, String reference, String messageHash) {

    @Override
    public String toString() {
        return "message " + messageHash + " " + outcome + (reference == null ? "" : " " + reference) + " -> " + folder;
    }
}
