package uk.gov.education.datasharing.intake.model;

import java.util.Objects;

/**
 * One problem found in a submission, worded for people: a stable {@code code} (a {@link ProblemCode}), a
 * severity (see {@link Severity}), the document it is about, where in it, what was found, what is wrong and
 * how to fix it (from schemas/problems.yaml). What is stored and shown; {@code document} is a safe name.
 */
public record Defect(String code, Severity severity, String document, String location, String found, String message,
                     String fix) {

    /** UNSAFE: the file is refused and the message quarantined; ERROR blocks acceptance; WARNING does not. */
    public enum Severity { UNSAFE, ERROR, WARNING }

    public Defect {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        document = document == null ? "" : document;
        location = location == null ? "" : location;
        found = found == null ? "" : found;
        fix = fix == null ? "" : fix;
    }
}
