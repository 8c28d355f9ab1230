package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.model.CaseSummary;
import uk.gov.education.datasharing.intake.store.Cases;

/** Shared set-up for tests that boot the gateway; subclasses may run it against PostgreSQL instead of H2. */
abstract class GatewayITSupport {

    @TempDir
    Path dir;
    GatewayHarness harness;

    protected GatewayHarness createHarness(Path dir) throws IOException {
        return new GatewayHarness(dir, null, null);
    }

    @BeforeEach
    void createGatewayHarness() throws Exception {
        harness = createHarness(dir);
    }

    @AfterEach
    void closeGatewayHarness() {
        harness.close();
    }

    List<CaseSummary> cases() throws Exception {
        return harness.gateway().database().inTransaction(c -> new Cases(harness.gateway().sealer()).list(c, 100));
    }
}
