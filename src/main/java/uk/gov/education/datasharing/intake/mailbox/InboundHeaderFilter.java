package uk.gov.education.datasharing.intake.mailbox;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Keeps every inbound mail header off the Camel exchange. camel-mail 4.18.0 obeys exchange headers named
 * {@code moveTo}, {@code copyTo} and {@code delete} when it commits, and copies {@code Camel*} headers in,
 * so a sender could steer the gateway (STACK-NOTES). The gateway reads headers from its own spooled copy
 * of the message instead, so nothing is lost by dropping them all here.
 */
public final class InboundHeaderFilter implements HeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return true;
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return true;
    }
}
