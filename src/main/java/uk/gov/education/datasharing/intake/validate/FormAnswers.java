package uk.gov.education.datasharing.intake.validate;

import java.util.Map;
import java.util.Optional;

/**
 * The answers read from one Word form, by field id. {@code fromLabels} is true when the form had lost its
 * content controls and the answers were read from "label | answer" table rows instead.
 */
public record FormAnswers(String document, Map<String, String> answers, boolean fromLabels) implements ReadPart {

    public FormAnswers {
        answers = Map.copyOf(answers);
    }

    /** The answer, trimmed; empty when the field was left blank or not found. */
    public Optional<String> answer(String id) {
        String value = answers.get(id);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public boolean is(String id, String expected) {
        return answer(id).map(a -> a.equalsIgnoreCase(expected)).orElse(false);
    }
}
