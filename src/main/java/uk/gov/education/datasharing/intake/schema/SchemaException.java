package uk.gov.education.datasharing.intake.schema;

/** A schema file that cannot be used; the message names the file, the line and the field. */
public final class SchemaException extends RuntimeException {

    public SchemaException(String file, int line, String field, String problem) {
        super(file + (line > 0 ? ":" + line : "") + (field == null || field.isEmpty() ? "" : ": " + field) + ": " + problem);
    }
}
