package uk.gov.education.datasharing.intake.schema;

import java.util.List;
import java.util.Optional;

/** A Word form (the application form or the security questionnaire): sections of fields, from schemas/. */
public record FormSchema(String kind, int version, String title, List<Section> sections) {

    public FormSchema {
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    public record Section(String id, String heading, List<Field> fields) {
        public Section {
            fields = fields == null ? List.of() : List.copyOf(fields);
        }
    }

    /**
     * One answer the form asks for. {@code requiredWhen} makes it required only when another field has a
     * given answer; {@code mustBe} is the only acceptable answer (questionnaire); {@code explainWhen} asks for
     * an explanation (in field {@code explanation}) when the answer is that value; {@code evidence} names a
     * document the answer refers to.
     */
    public record Field(String id, String label, FieldType type, String help, boolean required, Condition requiredWhen,
                        List<String> values, boolean naAllowed, String mustBe, String explainWhen, String explanation,
                        String evidence, String evidenceKind) {
        public Field {
            values = values == null ? List.of() : List.copyOf(values);
            help = help == null ? "" : help;
        }
    }

    /** Another field's answer, e.g. {@code access.route} equals {@code Direct supply}. */
    public record Condition(String field, String equals) {
    }

    public List<Field> fields() {
        return sections.stream().flatMap(s -> s.fields().stream()).toList();
    }

    public Optional<Field> field(String id) {
        return fields().stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
