package uk.gov.education.datasharing.intake.schema;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How an answer is checked. */
public enum FieldType {
    TEXT, EMAIL, PHONE, DATE, ICO_NUMBER, CHOICE, MULTI_CHOICE, YES_NO;

    @JsonCreator
    public static FieldType parse(String value) {
        for (FieldType type : values()) {
            if (type.name().equals(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'))) {
                return type;
            }
        }
        throw new IllegalArgumentException("must be one of " + String.join(", ",
                java.util.Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()));
    }
}
