package uk.gov.education.datasharing.intake.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.google.re2j.Pattern;

/** SHA-256 helpers: the identity of every message and stored object. */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static boolean isHex(String value) {
        return value != null && HEX.matcher(value).matches();
    }

    /** The first eight characters, as shown to people. */
    public static String shortForm(String hex) {
        return hex.substring(0, 8);
    }
}
