package uk.gov.education.datasharing.intake.workspace;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workspace sessions and sign-ins in progress, in memory: a session or sign-in id is 256 random bits, known only to
 * the browser's cookie. A session ends after {@code idle} without a request, and after {@link #LONGEST} however active; a
 * sign-in left unfinished ends after ten minutes. Both maps are bounded, so a flood of sign-in starts cannot exhaust memory. Restarting the process signs
 * everyone out, which the provider's own session makes a click.
 */
public final class Sessions {

    static final int MAX_SESSIONS = 10_000;
    static final int MAX_PENDING = 10_000;
    private static final Duration SIGN_IN_TIME = Duration.ofMinutes(10);
    /** However active, a session ends after this, so a role taken away in the identity provider is taken away here too. */
    static final Duration LONGEST = Duration.ofHours(12);

    /** A signed-in session; {@code csrf} goes in every form and must come back with every POST. */
    public static final class Session {
        private final String id;
        private final StaffUser user;
        private final String csrf;
        private final Instant started;
        private volatile Instant lastSeen;
        private volatile String flash;

        Session(String id, StaffUser user, String csrf, Instant now) {
            this.id = id;
            this.user = user;
            this.csrf = csrf;
            this.started = now;
            this.lastSeen = now;
        }

        public String id() {
            return id;
        }

        public StaffUser user() {
            return user;
        }

        public String csrf() {
            return csrf;
        }

        /** Whether {@code token} is this session's CSRF token, compared in constant time. */
        public boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(csrf.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        /** A one-time message for the next page ("Note added"). */
        public void flash(String message) {
            this.flash = message;
        }

        public String takeFlash() {
            String f = flash;
            flash = null;
            return f;
        }
    }

    private record PendingEntry(OidcSignIn.Pending pending, Instant started) {
    }

    /** Why there is no session: none at all, or one that timed out. */
    public enum Absence { NONE, EXPIRED }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, PendingEntry> pending = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;

    public Sessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    public String startSignIn(OidcSignIn.Pending signIn) {
        Instant now = clock.instant();
        if (pending.size() >= MAX_PENDING) {
            pending.values().removeIf(p -> p.started().plus(SIGN_IN_TIME).isBefore(now));
            if (pending.size() >= MAX_PENDING) {
                pending.clear();
            }
        }
        String id = newId();
        pending.put(id, new PendingEntry(signIn, now));
        return id;
    }

    /** The sign-in this browser started, once: a second use of the same id finds nothing. */
    public Optional<OidcSignIn.Pending> finishSignIn(String id) {
        if (id == null) {
            return Optional.empty();
        }
        PendingEntry entry = pending.remove(id);
        if (entry == null || entry.started().plus(SIGN_IN_TIME).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.pending());
    }

    public Session open(StaffUser user) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> expired(s, now));
            if (sessions.size() >= MAX_SESSIONS) {
                sessions.values().stream().min(java.util.Comparator.comparing(s -> s.lastSeen)).ifPresent(s -> sessions.remove(s.id()));
            }
        }
        Session session = new Session(newId(), user, newId(), now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session for this cookie, its idle time restarted; or why there is none. */
    public Lookup find(String id) {
        if (id == null) {
            return new Lookup(null, Absence.NONE);
        }
        Session session = sessions.get(id);
        if (session == null) {
            return new Lookup(null, Absence.NONE);
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(id);
            return new Lookup(null, Absence.EXPIRED);
        }
        session.lastSeen = now;
        return new Lookup(session, null);
    }

    /** A session, or why there is none. */
    public record Lookup(Session session, Absence absence) {
    }

    int pendingCount() {
        return pending.size();
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private boolean expired(Session s, Instant now) {
        return s.lastSeen.plus(idle).isBefore(now) || s.started.plus(LONGEST).isBefore(now);
    }

    private String newId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
