package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.nio.file.Path;

/** The end-to-end tests again, with the case index in PostgreSQL. */
class IntakeEndToEndPostgresIT extends IntakeEndToEndIT {
    @Override
    protected GatewayHarness createHarness(Path dir) throws IOException {
        return Postgres.harness(dir);
    }

    @Override
    protected String databaseDump() throws Exception {
        Requires.present(Postgres.pgDumpInstalled(), "pg_dump");
        return Postgres.dump();
    }
}
