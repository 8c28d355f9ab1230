package uk.gov.education.datasharing.intake.io;

import java.io.IOException;

/** Reads a spool's plaintext at any position (decrypting as it goes); -1 at the end. */
@FunctionalInterface
interface PlainReader {

    int read(long position, byte[] target, int offset, int length) throws IOException;
}
