package uk.gov.education.datasharing.intake.validate;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A submission part (form answers or data tables) to and from JSON, for sealing between messages. */
public final class PartCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PartCodec() {
    }

    public static byte[] toJson(ReadPart part) {
        try {
            return JSON.writeValueAsBytes(part);
        } catch (IOException e) {
            throw new IllegalStateException("part serialisation failed", e);
        }
    }

    public static ReadPart fromJson(String part, byte[] json) throws IOException {
        return part.startsWith(SubmissionReader.TABLES) ? JSON.readValue(json, DataTables.class) : JSON.readValue(json, FormAnswers.class);
    }
}
