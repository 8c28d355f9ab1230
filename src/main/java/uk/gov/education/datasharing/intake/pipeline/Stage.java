package uk.gov.education.datasharing.intake.pipeline;

import java.util.Locale;

/** The stages of a message's journey that the gateway times (poll, move and reply belong to the routes). */
public enum Stage {
    SPOOL, ATTEMPT, STORE, SCREEN, EXTRACT, INSPECT, LINK, VALIDATE, DECIDE, RECORD;

    /** The stage's name in logs and metrics: {@code spool}, {@code extract}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
