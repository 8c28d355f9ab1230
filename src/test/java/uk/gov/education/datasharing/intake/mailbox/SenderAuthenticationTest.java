package uk.gov.education.datasharing.intake.mailbox;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 8601 Authentication-Results: only the trusted server's topmost header counts, and only an aligned pass authenticates. */
@Timeout(30)
class SenderAuthenticationTest {

    private static final SenderAuthentication TRUSTED = new SenderAuthentication("mx.dfe.test", SenderAuthentication.WithoutHeader.UNAUTHENTICATED);

    private static Envelope from(String sender, String... results) {
        return new Envelope(Optional.of(sender), null, null, false, false, false, "", List.of(), List.of(results));
    }

    @Test
    void aDmarcPassFromTheTrustedServerAuthenticates() {
        assertThat(TRUSTED.verdict(from("a@uni.test", "mx.dfe.test; spf=pass smtp.mailfrom=uni.test; dmarc=pass header.from=uni.test"))
                .authenticated()).isTrue();
    }

    @Test
    void dkimOrSpfAuthenticateOnlyForTheFromDomainOrItsOrganisation() {
        assertThat(TRUSTED.verdict(from("a@uni.test", "mx.dfe.test; dkim=pass header.d=uni.test header.s=s1")).authenticated()).isTrue();
        assertThat(TRUSTED.verdict(from("a@dept.uni.test", "mx.dfe.test; spf=pass smtp.mailfrom=bounce@uni.test")).authenticated()).isTrue();
        assertThat(TRUSTED.verdict(from("a@uni.test", "mx.dfe.test; dkim=pass header.d=evil.test")).authenticated()).isFalse();
        assertThat(TRUSTED.verdict(from("a@uni.test", "mx.dfe.test; dmarc=fail; dkim=fail header.d=uni.test")).authenticated()).isFalse();
    }

    @Test
    void onlyTheTopmostTrustedHeaderCountsSoAForgedOneBelowItDoesNot() {
        Envelope forged = from("a@uni.test", "mx.dfe.test; dmarc=fail header.from=uni.test", "mx.dfe.test; dmarc=pass header.from=uni.test");
        assertThat(TRUSTED.verdict(forged).authenticated()).isFalse();
        Envelope otherServer = from("a@uni.test", "mx.evil.test; dmarc=pass header.from=uni.test");
        assertThat(TRUSTED.verdict(otherServer).authenticated()).isFalse();
    }

    @Test
    void withoutTheTrustedHeaderTheSettingDecides() {
        assertThat(TRUSTED.verdict(from("a@uni.test")).authenticated()).isFalse();
        assertThat(new SenderAuthentication(null, SenderAuthentication.WithoutHeader.AUTHENTICATED)
                .verdict(from("a@uni.test", "mx.evil.test; dmarc=fail")).authenticated()).isTrue();
    }
}
