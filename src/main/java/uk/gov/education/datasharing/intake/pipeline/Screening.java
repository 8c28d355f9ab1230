package uk.gov.education.datasharing.intake.pipeline;

import jakarta.mail.internet.MimeMessage;

import uk.gov.education.datasharing.intake.mailbox.Envelope;
import uk.gov.education.datasharing.intake.mailbox.SenderAuthentication;

/** What screening decided: go on with the parsed message, or stop here (ignore it, or quarantine it). */
public sealed interface Screening {

    /** An ordinary message from one sender: go on. */
    record Pass(MimeMessage mime, Envelope envelope, String sender, SenderAuthentication.Verdict authenticity) implements Screening {
        @Override
        public String toString() {
            return "Pass";
        }
    }

    /** Recorded and moved to Ignored, never answered (automatic mail, the reply limit). */
    record Ignore(String reason) implements Screening {
    }

    /** Moved to Quarantine without being read further (a header block too long to parse safely). */
    record Quarantine(String reason) implements Screening {
    }
}
