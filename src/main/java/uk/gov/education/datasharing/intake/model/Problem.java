package uk.gov.education.datasharing.intake.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A problem as a stage finds it, before it is worded: the code, the document it is about (a safe name),
 * where in it, what was found, and the values its wording uses. {@code schemas/problems.yaml} turns it
 * into the {@link Defect} people read. Records nothing but facts, so rules stay free of wording.
 */
public record Problem(ProblemCode code, String document, String location, String found, String variant, Map<String, Object> values) {

    public Problem {
        Objects.requireNonNull(code, "code");
        document = document == null ? "" : document;
        location = location == null ? "" : location;
        found = found == null ? "" : found;
        variant = variant == null ? "" : variant;
        values = Map.copyOf(values);
    }

    public static Problem of(ProblemCode code, String document, String location, String found) {
        return new Problem(code, document, location, found, "", Map.of());
    }

    /** The same problem with one more value for its wording (a string, a number, or a flag for a section). */
    public Problem with(String name, Object value) {
        if (!code.wordingValues().contains(name)) {
            throw new IllegalArgumentException(code + " has no value " + name);
        }
        Map<String, Object> more = new LinkedHashMap<>(values);
        more.put(name, Objects.requireNonNull(value, name));
        return new Problem(code, document, location, found, variant, more);
    }

    /** The same problem worded by one of its code's variants. */
    public Problem variant(String name) {
        if (!code.variants().contains(name)) {
            throw new IllegalArgumentException(code + " has no variant " + name);
        }
        return new Problem(code, document, location, found, name, values);
    }

    public Defect.Severity severity() {
        return code.severity();
    }

    @Override
    public String toString() {
        return "Problem[" + code + "]"; // found and values can hold the applicant's words
    }
}
