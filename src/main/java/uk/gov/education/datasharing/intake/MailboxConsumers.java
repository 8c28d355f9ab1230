package uk.gov.education.datasharing.intake;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.builder.TemplatedRouteBuilder;

/**
 * Makes the mailbox consumers once the YAML routes are loaded: one route per consumer from the {@code intake-mailbox}
 * template (routes/intake-mailbox.yaml), {@code intake-mailbox-1} to {@code intake-mailbox-N}, each polling with its own
 * scheduler bean {@code intakeSchedulerN} (docs/adr/0021).
 */
final class MailboxConsumers extends MainListenerSupport {

    static final String TEMPLATE = "intake-mailbox";

    private final int consumers;

    MailboxConsumers(int consumers) {
        this.consumers = consumers;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        for (int i = 1; i <= consumers; i++) {
            TemplatedRouteBuilder.builder(main.getCamelContext(), TEMPLATE).routeId(TEMPLATE + "-" + i)
                    .parameter("consumer", String.valueOf(i)).add();
        }
    }
}
