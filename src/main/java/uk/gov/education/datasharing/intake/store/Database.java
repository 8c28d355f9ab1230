package uk.gov.education.datasharing.intake.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;

/**
 * The case index database: a small connection pool, Flyway migrations at start, and transactions.
 * H2 (file) for the embedded default, PostgreSQL in production; the same migrations serve both.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;

    public Database(String url, String username, String password, String schema) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durable(url));
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setPoolName("intake-db");
        config.setAutoCommit(false);
        config.setInitializationFailTimeout(5_000);
        config.setConnectionTimeout(10_000);
        if (schema != null && !schema.isBlank()) {
            config.setSchema(schema);
        }
        this.dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema == null || schema.isBlank() ? new String[0] : new String[] {schema})
                .createSchemas(true)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /**
     * H2 keeps committed changes in memory for up to WRITE_DELAY ms (default 500) and has no redo log, so a
     * killed process loses commits the gateway has already acted on (a message moved out of INBOX). The
     * mailbox-is-the-queue rule needs every commit on disk before it returns: force WRITE_DELAY=0.
     */
    static String durable(String url) {
        if (url.startsWith("jdbc:h2:file:") || (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:"))) {
            return url.replaceAll("(?i);WRITE_DELAY=[^;]*", "") + ";WRITE_DELAY=0";
        }
        return url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Work done in one transaction: committed if it returns, rolled back if it throws. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
