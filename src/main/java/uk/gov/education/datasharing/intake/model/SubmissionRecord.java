package uk.gov.education.datasharing.intake.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One version of a case: the message it came in and the files it held. */
public record SubmissionRecord(long id, String reference, int version, String messageSha256, long messageSize,
                               String manifestSha256, Instant receivedAt, List<ReceivedFile> files) {
    public SubmissionRecord {
        Objects.requireNonNull(reference, "reference");
        files = List.copyOf(files);
    }
}
