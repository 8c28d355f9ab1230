package uk.gov.education.datasharing.intake.pipeline;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;

import uk.gov.education.datasharing.intake.model.CaseReference;
import uk.gov.education.datasharing.intake.store.Cases;

/** Mints case references no case has yet. */
final class References {

    private final SecureRandom random = new SecureRandom();
    private final Cases cases = new Cases(null); // only asks whether a reference is taken

    String mint(Connection c) throws SQLException {
        for (int i = 0; i < 10; i++) {
            String candidate = CaseReference.generate(random).value();
            if (!cases.exists(c, candidate)) {
                return candidate;
            }
        }
        throw new SQLException("could not find a free case reference");
    }
}
