package uk.gov.education.datasharing.intake.crypto;

import java.time.Duration;
import java.util.List;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import uk.gov.education.datasharing.intake.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 9: team keys are checked before use: bound, not revoked, not expired; soon-expiring ones are named. */
@Timeout(120)
class TeamPublicKeysTest {

    private static final TeamKeyGenerator GENERATOR = new TeamKeyGenerator(2048);

    private static PGPPublicKey encryptionSubkey(PGPPublicKeyRing ring) {
        List<PGPPublicKey> keys = new java.util.ArrayList<>();
        ring.getPublicKeys().forEachRemaining(keys::add);
        return keys.get(1);
    }

    private static String fingerprint(PGPPublicKey key) {
        return Hex.toHexString(key.getFingerprint()).toUpperCase();
    }

    @Test
    void aRingWhosePrimaryKeyIsRevokedGivesNoKey() throws Exception {
        TeamKeyGenerator.GeneratedKeyPair pair = TestKeys.pair();
        PGPPublicKey primary = pair.publicRing().getPublicKey();
        PGPPrivateKey secret = pair.secretRing().getSecretKey().extractPrivateKey(
                new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(new char[0]));
        PGPSignatureGenerator revocation = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256), primary);
        revocation.init(PGPSignature.KEY_REVOCATION, secret);
        PGPPublicKey revoked = PGPPublicKey.addCertification(primary, revocation.generateCertification(primary));
        PGPPublicKeyRing ring = PGPPublicKeyRing.insertPublicKey(pair.publicRing(), revoked);
        assertThatThrownBy(() -> TeamPublicKeys.of(List.of(ring))).isInstanceOf(TeamPublicKeys.KeyFileException.class);
        assertThat(TeamPublicKeys.of(List.of(pair.publicRing())).fingerprints()).containsExactly(fingerprint(encryptionSubkey(pair.publicRing())));
    }

    @Test
    void aSubkeyAnotherPrimaryKeyBoundIsNotUsed() {
        PGPPublicKeyRing ours = GENERATOR.generate("Team <team@dfe.test>", null).publicRing();
        PGPPublicKeyRing theirs = GENERATOR.generate("Attacker <a@evil.test>", null).publicRing();
        PGPPublicKey foreign = encryptionSubkey(theirs);
        PGPPublicKeyRing spliced = PGPPublicKeyRing.insertPublicKey(PGPPublicKeyRing.removePublicKey(ours, encryptionSubkey(ours)), foreign);
        assertThat(TeamPublicKeys.of(List.of(spliced)).fingerprints()).doesNotContain(fingerprint(foreign));
    }

    @Test
    void anExpiredRingGivesNoKeyAndOneExpiringSoonIsNamed() throws Exception {
        PGPPublicKeyRing expiring = GENERATOR.generate("Team <team@dfe.test>", null, Duration.ofDays(10)).publicRing();
        TeamPublicKeys keys = TeamPublicKeys.of(List.of(expiring));
        assertThat(keys.expiringWithin(Duration.ofDays(30))).singleElement().asString().startsWith(fingerprint(encryptionSubkey(expiring)));
        assertThat(keys.expiringWithin(Duration.ofDays(5))).isEmpty();
        PGPPublicKeyRing expired = GENERATOR.generate("Team <team@dfe.test>", null, Duration.ofSeconds(1)).publicRing();
        Thread.sleep(2_100);
        assertThatThrownBy(() -> TeamPublicKeys.of(List.of(expired))).isInstanceOf(TeamPublicKeys.KeyFileException.class);
    }
}
