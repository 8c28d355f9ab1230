package uk.gov.education.datasharing.intake.store;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import uk.gov.education.datasharing.intake.model.Manifest;

/** Manifest to and from JSON; the bytes are encrypted before they reach the disk. */
public final class ManifestCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ManifestCodec() {
    }

    public static byte[] toJson(Manifest manifest) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new IllegalStateException("manifest serialisation failed", e);
        }
    }

    public static Manifest fromJson(byte[] json) throws IOException {
        return MAPPER.readValue(json, Manifest.class);
    }
}
