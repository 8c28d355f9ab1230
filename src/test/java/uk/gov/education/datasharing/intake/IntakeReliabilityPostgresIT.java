package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.nio.file.Path;

/** The reliability tests again, with the case index in PostgreSQL. */
class IntakeReliabilityPostgresIT extends IntakeReliabilityIT {
    @Override
    protected GatewayHarness createHarness(Path dir) throws IOException {
        return Postgres.harness(dir);
    }
}
