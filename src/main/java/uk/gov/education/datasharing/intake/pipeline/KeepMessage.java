package uk.gov.education.datasharing.intake.pipeline;

import java.io.IOException;

import uk.gov.education.datasharing.intake.io.EncryptedSpool;
import uk.gov.education.datasharing.intake.store.EncryptedObjectStore;

/** Store stage, first half: the raw message, encrypted to the team's keys, whatever happens to it next. */
public final class KeepMessage {

    private final EncryptedObjectStore store;

    public KeepMessage(EncryptedObjectStore store) {
        this.store = store;
    }

    public void keep(EncryptedSpool raw) throws IOException {
        store.put(raw.open());
    }
}
