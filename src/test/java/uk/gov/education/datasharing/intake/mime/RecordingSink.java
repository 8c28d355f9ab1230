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
    /** When set, says a stored file is an archive when its bytes start as a zip does (the gateway asks Tika). */
    boolean probesContent;

    @Override
    public StoredObject store(FoundFile file, InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        stored.add(bytes);
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes);
        return new StoredObject(Sha256.hex(digest), bytes.length, false);
    }

    @Override
    public java.util.Optional<Boolean> isArchive(StoredObject object) {
        if (!probesContent) {
            return java.util.Optional.empty();
        }
        byte[] bytes = stored.get(stored.size() - 1);
        return java.util.Optional.of(bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4);
    }
}
