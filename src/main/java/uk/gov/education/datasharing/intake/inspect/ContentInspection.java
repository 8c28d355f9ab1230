package uk.gov.education.datasharing.intake.inspect;

import java.util.Objects;

/** What was learnt from one file's bytes: its type from content, the structure readers' facts, the scan. */
public record ContentInspection(String detectedType, ContentFacts facts, Scanner.Result scan) {
    public ContentInspection {
        Objects.requireNonNull(detectedType, "detectedType");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(scan, "scan");
    }
}
