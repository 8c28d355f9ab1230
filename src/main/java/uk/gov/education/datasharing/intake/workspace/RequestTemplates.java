package uk.gov.education.datasharing.intake.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The texts the team can start from when asking an applicant for more ({@code /workspace/requests.yaml}); each is edited before sending. */
final class RequestTemplates {

    record Template(String id, String title, String text) {
    }

    private final List<Template> templates;

    RequestTemplates() {
        try (InputStream in = RequestTemplates.class.getResourceAsStream("/workspace/requests.yaml")) {
            templates = List.copyOf(new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<List<Template>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Template> all() {
        return templates;
    }

    Optional<Template> find(String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
