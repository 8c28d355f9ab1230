package uk.gov.education.datasharing.intake.mailbox;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30) // hostile input: a regression into a hang fails here instead of hanging the build
class HeaderBlockTest {

    private static InputStream of(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldAcceptOrdinaryHeaders() throws Exception {
        assertThat(HeaderBlock.within(of("From: a@b.test\r\nSubject: x\r\n\r\n" + "body".repeat(100_000)), 1024)).isTrue();
        assertThat(HeaderBlock.within(of("From: a@b.test\nSubject: x\n\nbody"), 1024)).isTrue();
    }

    @Test
    void shouldRefuseHeadersLongerThanTheLimitWithoutReadingOn() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThat(HeaderBlock.within(endless, 4096)).isFalse();
        assertThat(HeaderBlock.within(of("X-Long: " + "y".repeat(5000) + "\r\n\r\nbody"), 4096)).isFalse();
    }
}
