package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import jakarta.mail.MessagingException;

import uk.gov.education.datasharing.intake.io.Deadline;

/**
 * Runs a message's work under its deadline. Empty when the deadline passed, whether the work noticed (a
 * read threw {@link Deadline.Exceeded}, perhaps wrapped by a parser) or finished late: a late result is not
 * trusted, since parts of it may have been cut short.
 */
final class WithinDeadline {

    private WithinDeadline() {
    }

    static <T> Optional<T> run(Duration limit, StageTimings.Work<T> work) throws IOException, MessagingException, SQLException {
        try (Deadline.Scope scope = Deadline.start(limit)) {
            T result = work.run();
            return scope.passed() ? Optional.empty() : Optional.of(result);
        } catch (RuntimeException | IOException | MessagingException | SQLException e) {
            if (Deadline.exceeded(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
