package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;


/**
 * The PostgreSQL the development machines run (127.0.0.1:5432, database test, user postgres, trust
 * authentication), or another named by INTAKE_TEST_PG_URL. Tests using it are skipped when none answers.
 */
final class Postgres {

    static final String URL = System.getenv().getOrDefault("INTAKE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("INTAKE_TEST_PG_USER", "postgres");
    private static Boolean reachable;

    private Postgres() {
    }

    static synchronized boolean reachable() {
        if (reachable == null) {
            DriverManager.setLoginTimeout(3);
            try (Connection ignored = DriverManager.getConnection(URL, USER, "")) {
                reachable = true;
            } catch (SQLException e) {
                reachable = false;
            }
        }
        return reachable;
    }

    /** A harness on a fresh schema of its own, dropped when the harness closes. */
    static GatewayHarness harness(Path dir) throws IOException {
        Requires.present(reachable(), "PostgreSQL at " + URL);
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        return new GatewayHarness(dir, URL, schema) {
            @Override
            public void close() {
                super.close();
                try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
                    s.execute("drop schema if exists " + schema + " cascade");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    static boolean pgDumpInstalled() {
        try {
            return new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** pg_dump of the whole test database (every schema), as text. */
    static String dump() throws IOException, InterruptedException {
        String hostAndDb = URL.substring("jdbc:postgresql://".length());
        String host = hostAndDb.substring(0, hostAndDb.indexOf(':'));
        String port = hostAndDb.substring(hostAndDb.indexOf(':') + 1, hostAndDb.indexOf('/'));
        String database = hostAndDb.substring(hostAndDb.indexOf('/') + 1);
        Process p = new ProcessBuilder("pg_dump", "-h", host, "-p", port, "-U", USER, database).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("pg_dump failed: " + out.lines().findFirst().orElse(""));
        }
        return out;
    }
}
