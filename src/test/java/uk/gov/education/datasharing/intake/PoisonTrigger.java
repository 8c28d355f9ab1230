package uk.gov.education.datasharing.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.api.Trigger;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.store.Database;

/**
 * A real, repeatable processing failure for one message: the database refuses that message's submission,
 * as a broken disk or a constraint bug would. Installed on H2 (this Java trigger) or PostgreSQL (PL/pgSQL).
 */
public final class PoisonTrigger implements Trigger {

    private static volatile String poisonedSha;

    static void install(GatewayHarness harness, String messageSha256) throws SQLException {
        GatewayConfig.Db db = GatewayConfig.db(harness.settings());
        try (Database database = new Database(db.url(), db.username(), db.password(), db.schema())) {
            database.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    if (db.url().startsWith("jdbc:h2:")) {
                        poisonedSha = messageSha256;
                        s.execute("create trigger poison before insert on submission for each row call \"" + PoisonTrigger.class.getName() + "\"");
                    } else {
                        s.execute("create or replace function poison() returns trigger as $$ begin if new.message_sha256 = '"
                                + messageSha256 + "' then raise exception 'poisoned'; end if; return new; end $$ language plpgsql");
                        s.execute("create trigger poison before insert on submission for each row execute function poison()");
                    }
                }
                return null;
            });
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null && newRow[3] != null && newRow[3].toString().equals(poisonedSha)) {
            throw new SQLException("poisoned");
        }
    }
}
