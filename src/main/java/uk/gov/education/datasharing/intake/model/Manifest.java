package uk.gov.education.datasharing.intake.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What one submission contained; stored encrypted beside its files. */
public record Manifest(int format, String reference, String messageSha256, long messageSize,
                       Instant receivedAt, List<ReceivedFile> files, List<Defect> findings) {
    /** 2: files carry what inspection decided (detected type, kind, scan, verdict). */
    public static final int FORMAT = 2;

    public Manifest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(messageSha256, "messageSha256");
        Objects.requireNonNull(receivedAt, "receivedAt");
        files = List.copyOf(files);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
