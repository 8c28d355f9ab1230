package uk.gov.education.datasharing.intake.mailbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One message however it was delivered; two messages whenever their senders wrote anything different. */
class MessageIdentityTest {

    private static final String MESSAGE = "From: applicant@university.test\r\nTo: data.sharing@education.test\r\n"
            + "Message-ID: <abc@university.test>\r\nSubject: Application\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\n"
            + "DKIM-Signature: v=1; a=rsa-sha256; d=university.test;\r\n b=AAAA\r\n\r\nPlease find attached.\r\n";

    private static String identity(String raw) throws IOException {
        return MessageIdentity.of(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void whatDeliveringServersAddDoesNotChangeTheIdentity() throws IOException {
        String first = "Return-Path: <applicant@university.test>\r\nDelivered-To: data.sharing@education.test\r\n"
                + "Received: from mx1 by mx2; Tue, 1 Dec 2026 10:00:01 +0000\r\n"
                + "Authentication-Results: mx.education.test; dmarc=pass\r\n" + MESSAGE;
        String second = "Return-Path: <applicant@university.test>\r\nX-MS-Exchange-Organization-Network-Message-Id: 1234\r\n"
                + "ARC-Seal: i=1; a=rsa-sha256; cv=none;\r\n\tb=XYZ\r\n"
                + "Received: from mx1 by mx2; Tue, 1 Dec 2026 10:00:02 +0000\r\n"
                + "Received: from relay\r\n\tby mx1; Tue, 1 Dec 2026 10:00:03 +0000\r\n"
                + "X-Forefront-Antispam-Report: CIP:1.2.3.4\r\n" + MESSAGE;
        assertThat(identity(first)).isEqualTo(identity(second)).isEqualTo(identity(MESSAGE));
    }

    @Test
    void exchangeOnlineStampsOfEachDeliveryAreLeftOut() throws IOException {
        assertThat(identity(exchangeOnlineDelivery("07731fae-c387-4487-931e-08dd4784c3c4", 14, "CY8PR12MB7435:EE_")))
                .isEqualTo(identity(exchangeOnlineDelivery("1058c2c5-8f71-4af2-3928-08ddadcbb1ba", 17, "SA1PR15MB5819:EE_|CY8PR15MB5554:EE_")))
                .isEqualTo(identity(MESSAGE));
    }

    /** What Exchange Online Protection stamps on a message it delivers, with the values that differ between deliveries. */
    private static String exchangeOnlineDelivery(String correlationId, int headerCount, String diagnostic) {
        return "Received: from AM0PR01MB1234.eurprd01.prod.outlook.com by AM0PR01MB5678; Tue, 1 Dec 2026 10:00:0" + headerCount % 10 + " +0000\r\n"
                + "Authentication-Results-Original: university.test; dkim=pass\r\n"
                + "X-EOPAttributedMessage: 0\r\nX-EOPTenantAttributedMessage: 3dd8961f-e488-4e60-8e11-a82d994e183d:0\r\n"
                + "X-MS-PublicTrafficType: Email\r\nX-MS-TrafficTypeDiagnostic: " + diagnostic + "\r\n"
                + "X-MS-Office365-Filtering-Correlation-Id: " + correlationId + "\r\n"
                + "X-MS-Oob-TLC-OOBClassifiers: OLM:" + headerCount + ";\r\n"
                + "X-IncomingHeaderCount: " + headerCount + "\r\nX-IncomingTopHeaderMarker:\r\n OriginalChecksum:" + correlationId.substring(0, 8)
                + ";UpperCasedChecksum:" + headerCount + "\r\n"
                + "X-LD-Processed: 3dd8961f-e488-4e60-8e11-a82d994e183d,ExtAddr\r\n"
                + "X-MS-Exchange-Organization-Network-Message-Id: " + correlationId + "\r\n" + MESSAGE;
    }

    @Test
    void filteringServersStampsAreLeftOut() throws IOException {
        String exim = "Envelope-to: data.sharing@education.test\r\nDelivery-date: Tue, 01 Dec 2026 10:00:05 +0000\r\n";
        String rspamd = "X-Rspamd-Queue-Id: 4F2A81C0\r\nX-Rspamd-Server: mx2\r\nX-Spamd-Result: default: False [0.40 / 15.00];\r\n\tARC_NA(0.00)[]\r\n"
                + "X-Spamd-Bar: /\r\n";
        String amavis = "X-Virus-Scanned: amavisd-new at education.test\r\nX-Amavis-Alert: none\r\nX-Quarantine-ID: <q1>\r\n"
                + "X-Virus-Status: Clean\r\n";
        String milters = "DKIM-Filter: OpenDKIM Filter v2.11.0 mx.education.test 7F3A05E1234\r\n"
                + "DMARC-Filter: OpenDMARC Filter v1.4.2 mx.education.test 7F3A05E1234\r\n";
        assertThat(identity(exim + rspamd + MESSAGE)).isEqualTo(identity(amavis + MESSAGE)).isEqualTo(identity(milters + MESSAGE))
                .isEqualTo(identity(MESSAGE));
    }

    @Test
    void lineEndingsDoNotChangeTheIdentity() throws IOException {
        assertThat(identity(MESSAGE.replace("\r\n", "\n"))).isEqualTo(identity(MESSAGE));
    }

    @Test
    void anythingTheSenderWroteDoes() throws IOException {
        String base = identity(MESSAGE);
        assertThat(identity(MESSAGE.replace("Please find attached.", "Please find attached!"))).as("body").isNotEqualTo(base);
        assertThat(identity(MESSAGE.replace("Subject: Application", "Subject: Application v2"))).as("subject").isNotEqualTo(base);
        assertThat(identity(MESSAGE.replace(" b=AAAA", " b=AAAB"))).as("a continuation of a kept field").isNotEqualTo(base);
        assertThat(identity("X-Mailer: Outlook\r\n" + MESSAGE)).as("a client's own X- field").isNotEqualTo(base);
    }

    @Test
    void twoMessagesWithTheSameMessageIdAreTwo() throws IOException {
        String other = MESSAGE.replace("Please find attached.", "A different application, same Message-ID.");
        assertThat(other).contains("Message-ID: <abc@university.test>");
        assertThat(identity(other)).isNotEqualTo(identity(MESSAGE));
    }

    @Test
    void aFieldNamedLikeATraceFieldInTheBodyIsBody() throws IOException {
        String withBodyLine = MESSAGE.replace("Please find attached.", "Received: this line is in the body");
        assertThat(identity(withBodyLine)).isNotEqualTo(identity(MESSAGE.replace("Please find attached.", "")));
    }
}
