package uk.gov.education.datasharing.intake.mime;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.model.StoredObject;

/** A sink that keeps what it is given in memory, in order, so tests can look at each file's bytes. */
final class RecordingSink implements FileExtractor.Sink {

    final List<byte[]> stored = new ArrayList<>();

    @Override
    public StoredObject store(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        stored.add(bytes);
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes);
        return new StoredObject(Sha256.hex(digest), bytes.length, false);
    }
}
