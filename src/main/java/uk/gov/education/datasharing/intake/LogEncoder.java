package uk.gov.education.datasharing.intake;

import java.util.Locale;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * The log line format: text by the configured pattern, or with {@code INTAKE_LOG_FORMAT=json} (environment, or the
 * system property of that name) one JSON object per line for log shipping (Logback's own JSON encoder: time, level,
 * thread, logger, message, and a stack trace when there is one). One encoder, so the configuration has no unused
 * appender for Logback to warn about on stdout.
 */
public final class LogEncoder extends EncoderBase<ILoggingEvent> {

    private String pattern = "%d %-5level %logger - %msg%n";
    private Encoder<ILoggingEvent> delegate;

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    static boolean json() {
        String format = System.getProperty("INTAKE_LOG_FORMAT", System.getenv("INTAKE_LOG_FORMAT"));
        return format != null && format.trim().toLowerCase(Locale.ROOT).equals("json");
    }

    @Override
    public void start() {
        if (json()) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setWithSequenceNumber(false);
            encoder.setWithNanoseconds(false);
            encoder.setWithContext(false);
            encoder.setWithArguments(false);
            encoder.setWithMessage(false);
            encoder.setWithFormattedMessage(true);
            delegate = encoder;
        } else {
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setPattern(pattern);
            delegate = encoder;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
