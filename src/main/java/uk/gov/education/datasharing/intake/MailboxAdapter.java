package uk.gov.education.datasharing.intake;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.metrics.IntakeMetrics;
import uk.gov.education.datasharing.intake.pipeline.MessageIntake;
import uk.gov.education.datasharing.intake.pipeline.MessageResult;

/**
 * The one place that knows how camel-mail hands over a polled message: it passes the original Jakarta
 * Mail message to the intake stages and returns their result, whose folder the route sets as
 * {@code moveTo} (inbound headers are filtered, so only this value counts).
 *
 * <p>A failure is logged here by exception class and code location only, and rethrown without its
 * cause: parser exceptions quote the input (Angus's base64 decoder quotes the last characters it read),
 * and Camel would otherwise log that message.
 */
public final class MailboxAdapter {

    private static final Logger LOG = LoggerFactory.getLogger("intake");

    private final MessageIntake intake;
    private final IntakeMetrics metrics;
    private final Runnable afterMessage;

    /** @param afterMessage called once a message's case and reply are committed: wakes the outbox */
    public MailboxAdapter(MessageIntake intake, IntakeMetrics metrics, Runnable afterMessage) {
        this.intake = intake;
        this.metrics = metrics;
        this.afterMessage = afterMessage;
    }

    public MessageResult process(Exchange exchange) {
        MailMessage mail = exchange.getIn(MailMessage.class);
        if (mail == null || mail.getOriginalMessage() == null) {
            throw new IllegalStateException("the intake route must start from a mail endpoint");
        }
        jakarta.mail.Message original = mail.getOriginalMessage();
        // Camel fills a mail message's headers from the IMAP envelope on first use, and a crafted From makes that
        // fail after the message was handled, so it would never leave the inbox. The exchange goes on with a plain
        // message: no inbound header ever reaches it (the consumer kept the mail message itself for the move).
        exchange.setIn(new DefaultMessage(exchange));
        metrics.attempted();
        try {
            MessageResult result = intake.process(original);
            afterMessage.run();
            return result;
        } catch (Exception e) {
            metrics.failed();
            String where = describe(e);
            LOG.warn("message processing failed, left in the inbox to be tried again: PROCESSING_ERROR {}", where);
            throw new ProcessingFailedException(where);
        }
    }

    /** Exception classes of the cause chain and where the first was thrown; never exception messages. */
    static String describe(Throwable e) {
        List<String> chain = new ArrayList<>();
        for (Throwable t = e; t != null && chain.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            chain.add(t.getClass().getName());
        }
        StackTraceElement[] trace = e.getStackTrace();
        String at = trace.length == 0 ? "" : " at " + trace[0].getClassName() + "." + trace[0].getMethodName() + ":" + trace[0].getLineNumber();
        return String.join(" <- ", chain) + at;
    }

    /** What Camel sees of a failure: no input-derived text. */
    public static final class ProcessingFailedException extends RuntimeException {
        ProcessingFailedException(String description) {
            super("intake processing failed: " + description, null, false, false);
        }
    }
}
