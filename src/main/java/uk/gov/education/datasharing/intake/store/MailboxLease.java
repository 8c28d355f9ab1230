package uk.gov.education.datasharing.intake.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.model.Sha256;

/**
 * Which of several gateways on one PostgreSQL works a mailbox (docs/adr/0019): the one holding a session-level advisory
 * lock named after the mailbox. It holds it on a connection of its own for as long as that connection lives, so a
 * killed instance's lock goes with its connection and another takes it at its next check (each poll). On H2 (one
 * process by nature) every instance is the holder.
 */
public final class MailboxLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("gateway");

    private final Database db;
    private final long key;
    private final boolean shared;
    private Connection held;
    private volatile boolean holding;

    /** @param mailbox what is worked (the mailbox address and folder): instances working the same one share a lock */
    public MailboxLease(Database db, String url, String mailbox) {
        this.db = db;
        this.shared = url.startsWith("jdbc:postgresql:");
        MessageDigest digest = Sha256.newDigest();
        byte[] hash = digest.digest(("intake-mailbox:" + mailbox).getBytes(StandardCharsets.UTF_8));
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (hash[i] & 0xff);
        }
        this.key = k;
    }

    /** Whether this instance works the mailbox now: it holds the lock, or has just taken it. */
    public synchronized boolean held() {
        holding = check();
        return holding;
    }

    /** What the last {@link #held} found, without asking the database (for metrics: a scrape never takes the lease). */
    public boolean lastKnown() {
        return !shared || holding;
    }

    private boolean check() {
        if (!shared) {
            return true;
        }
        if (held != null) {
            if (alive(held)) {
                return true;
            }
            LOG.warn("lost the connection holding the mailbox lease: standing by until it can be taken again");
            closeQuietly();
        }
        try {
            Connection c = db.dataSource().getConnection();
            boolean taken;
            try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_lock(?)")) {
                lock.setLong(1, key);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    taken = rs.getBoolean(1);
                }
            }
            c.commit();
            if (taken) {
                held = c;
                LOG.info("this instance holds the mailbox lease: it polls the mailbox and sends replies");
                return true;
            }
            c.close();
            return false;
        } catch (SQLException e) {
            LOG.warn("could not ask for the mailbox lease ({}): standing by", e.getClass().getSimpleName());
            return false;
        }
    }

    private static boolean alive(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("select 1");
            c.commit();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void closeQuietly() {
        try {
            if (held != null) {
                held.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing the lease connection: {}", e.getClass().getSimpleName());
        }
        held = null;
    }

    /** Gives the lease up (the gateway is stopping): another instance takes it at its next poll. */
    @Override
    public synchronized void close() {
        if (held != null) {
            try (PreparedStatement unlock = held.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, key);
                unlock.execute();
                held.commit();
            } catch (SQLException e) {
                LOG.debug("releasing the lease: {}", e.getClass().getSimpleName());
            }
            closeQuietly();
        }
        holding = false;
    }
}
