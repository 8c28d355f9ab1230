package uk.gov.education.datasharing.intake;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the project (gpg, LibreOffice, PostgreSQL, the real workbooks in
 * ../shared/fixtures). Locally a missing one skips the test; under CI=true it fails it, since .ci/run
 * provides each and a green CI must not hide a test that did not run.
 */
public final class Requires {

    /** DfE's published NPD workbooks, beside the project (never copied into it). */
    public static final Path NPD_WORKBOOKS = Path.of("..", "shared", "fixtures", "npd-data-tables");

    private Requires() {
    }

    public static void present(boolean present, String what) {
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(what + " is missing, and CI=true: .ci/run must provide it");
        }
        Assumptions.assumeTrue(present, what + " is missing; skipped (outside CI)");
    }

    /** One of the real NPD workbooks, or a skip (locally) / failure (CI) when ../shared/fixtures is absent. */
    public static Path npdWorkbook(String name) {
        Path path = NPD_WORKBOOKS.resolve(name);
        present(Files.isReadable(path), "../shared/fixtures/npd-data-tables/" + name);
        return path;
    }
}
