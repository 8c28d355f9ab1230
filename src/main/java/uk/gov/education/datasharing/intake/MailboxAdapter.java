package uk.gov.education.datasharing.intake;

import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;

/**
 * The one place that knows how camel-mail hands over a polled message: it passes the original Jakarta
 * Mail message to the pipeline and returns the pipeline's result, whose folder the route sets as
 * {@code moveTo} (inbound headers are filtered, so only this value counts).
 */
public final class MailboxAdapter {

    private final IntakePipeline pipeline;

    public MailboxAdapter(IntakePipeline pipeline) {
        this.pipeline = pipeline;
    }

    public IntakePipeline.Result process(Exchange exchange) throws Exception {
        MailMessage mail = exchange.getIn(MailMessage.class);
        if (mail == null || mail.getOriginalMessage() == null) {
            throw new IllegalStateException("the intake route must start from a mail endpoint");
        }
        return pipeline.process(mail.getOriginalMessage());
    }
}
