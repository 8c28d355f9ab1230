package uk.gov.education.datasharing.intake.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
    private final StaffUser alex = new StaffUser("alex", "Alex", Set.of(StaffUser.Role.TEAM));

    @Test
    void aSessionLivesWhileUsedButNoLongerThanTwelveHours() {
        Sessions.Session s = sessions.open(alex);
        for (int i = 0; i < 12 * 3; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(sessions.find(s.id()).session()).as("after " + (i + 1) * 20 + " minutes of use").isNotNull();
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.find(s.id()).absence()).isEqualTo(Sessions.Absence.EXPIRED);
        assertThat(sessions.find(s.id()).absence()).isEqualTo(Sessions.Absence.NONE);
    }

    @Test
    void aSignInCanBeFinishedOnceAndNotAfterTenMinutes() {
        String id = sessions.startSignIn(new OidcSignIn.Pending(null, null, null, null));
        assertThat(sessions.finishSignIn(id)).isPresent();
        assertThat(sessions.finishSignIn(id)).isEmpty();
        String late = sessions.startSignIn(new OidcSignIn.Pending(null, null, null, null));
        clock.advance(Duration.ofMinutes(11));
        assertThat(sessions.finishSignIn(late)).isEmpty();
        assertThat(sessions.finishSignIn(null)).isEmpty();
    }

    @Test
    void idsAreLongRandomAndTheCsrfTokenIsComparedExactly() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Sessions.Session s = sessions.open(alex);
            assertThat(s.id()).hasSize(43);
            ids.add(s.id());
            assertThat(s.csrfMatches(s.csrf())).isTrue();
            assertThat(s.csrfMatches(s.csrf().substring(1))).isFalse();
            assertThat(s.csrfMatches(null)).isFalse();
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void aFloodOfSignInStartsCannotGrowWithoutBound() {
        for (int i = 0; i < Sessions.MAX_PENDING * 3; i++) {
            sessions.startSignIn(new OidcSignIn.Pending(null, null, null, null));
        }
        String last = sessions.startSignIn(new OidcSignIn.Pending(null, null, null, "/queues/new"));
        assertThat(sessions.pendingCount()).isLessThanOrEqualTo(Sessions.MAX_PENDING);
        assertThat(sessions.finishSignIn(last)).isPresent();
    }
}
