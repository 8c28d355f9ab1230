package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README documents every configuration key the code reads (each {@code "intake.…"} string in main). */
class ConfigurationDocumentedTest {

    private static final Pattern KEY = Pattern.compile("\"(intake\\.[a-z0-9.-]*[a-z0-9])\"");

    @Test
    void everyKeyTheCodeReadsIsInTheReadmesTables() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = KEY.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        String readme = Files.readString(Path.of("README.md"));
        assertThat(keys).hasSizeGreaterThan(40);
        assertThat(keys).allSatisfy(key -> assertThat(readme).as("README documents " + key).contains("| `" + key + "` |"));
    }
}
