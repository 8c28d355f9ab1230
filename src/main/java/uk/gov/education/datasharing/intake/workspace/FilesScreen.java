package uk.gov.education.datasharing.intake.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.FileNames;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.model.SubmissionRecord;
import uk.gov.education.datasharing.intake.store.AuditLog;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.StoredObjects;

/**
 * A case's files without the server reading them: the encrypted bundle (every version's OpenPGP objects with a
 * README and the SHA-256 of each plaintext) for {@code gpg} or {@code decrypt}, and a page that decrypts them in the
 * browser with the team member's own key (OpenPGP.js). The server only ever sends ciphertext. Each download is audited.
 */
final class FilesScreen {

    /** One object of a case as the team saves it: its path in the bundle (without .pgp), and its plaintext's SHA-256. */
    record CaseObject(int version, String path, String name, String sha256, boolean unsafe, String what) {
    }

    private final Database db;
    private final Cases cases;
    private final StoredObjects objects;
    private final AuditLog audit;
    private final Views views;
    private final Clock clock;

    FilesScreen(Database db, Cases cases, StoredObjects objects, AuditLog audit, Views views, Clock clock) {
        this.db = db;
        this.cases = cases;
        this.objects = objects;
        this.audit = audit;
        this.views = views;
        this.clock = clock;
    }

    /** Everything stored for a case, by version; empty when there is no such case. */
    private Optional<List<CaseObject>> objectsOf(String reference) throws SQLException {
        return db.inTransaction(c -> {
            if (cases.find(c, reference).isEmpty()) {
                return Optional.empty();
            }
            List<CaseObject> list = new ArrayList<>();
            for (SubmissionRecord s : cases.submissions(c, reference)) {
                String dir = "v" + s.version() + "/";
                list.add(new CaseObject(s.version(), dir + "manifest.json", "manifest.json", s.manifestSha256(), false, "Manifest"));
                list.add(new CaseObject(s.version(), dir + "message.eml", "message.eml", s.messageSha256(), false, "The email as received"));
                Set<String> used = new HashSet<>();
                for (ReceivedFile f : s.files()) {
                    boolean unsafe = f.check().verdict() == FileCheck.Verdict.UNSAFE;
                    String name = FileNames.unique(f.safeName() + (unsafe ? FileNames.UNSAFE_SUFFIX : ""), used);
                    list.add(new CaseObject(s.version(), dir + (unsafe ? "unsafe/" : "files/") + name, name, f.sha256(), unsafe,
                            unsafe ? "Refused as unsafe" : Display.sentence(f.check().kind().label())));
                }
            }
            return Optional.of(list);
        });
    }

    Optional<WebResponse> page(WebRequest request, String reference) throws SQLException {
        Optional<List<CaseObject>> found = objectsOf(reference);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        db.inTransaction(c -> audit.append(c, clock.instant(), request.user().username(), "VIEW_FILES", reference, "", request.remote()));
        Map<Integer, List<Map<String, Object>>> byVersion = new LinkedHashMap<>();
        for (CaseObject o : found.get()) {
            Map<String, Object> row = new HashMap<>();
            row.put("sha256", o.sha256());
            row.put("shortHash", Sha256.shortForm(o.sha256()));
            row.put("name", o.name());
            row.put("what", o.what());
            row.put("unsafe", o.unsafe());
            row.put("stored", objects.contains(o.sha256()));
            byVersion.computeIfAbsent(o.version(), v -> new ArrayList<>()).add(row);
        }
        List<Map<String, Object>> versions = new ArrayList<>();
        byVersion.forEach((v, rows) -> versions.add(Map.of("version", v, "objects", rows)));
        Map<String, Object> model = Map.of("reference", reference, "versions", versions);
        return Optional.of(WebResponse.html(200, views.page("Files of " + reference, "files", model, request.session(), List.of(), "navQueues")));
    }

    /** One stored object of the case, as OpenPGP ciphertext; empty when the object is not the case's. */
    Optional<WebResponse> object(WebRequest request, String reference, String sha256) throws SQLException {
        Optional<List<CaseObject>> found = objectsOf(reference);
        if (found.isEmpty() || found.get().stream().noneMatch(o -> o.sha256().equals(sha256)) || !objects.contains(sha256)) {
            return Optional.empty();
        }
        db.inTransaction(c -> audit.append(c, clock.instant(), request.user().username(), "DOWNLOAD_OBJECT", reference,
                Sha256.shortForm(sha256), request.remote()));
        return Optional.of(WebResponse.download("application/pgp-encrypted", sha256 + ".pgp", out -> {
            try (InputStream in = objects.open(sha256)) {
                in.transferTo(out);
            }
        }));
    }

    /** The whole case as a zip of OpenPGP objects, written as it is read from the store. */
    Optional<WebResponse> bundle(WebRequest request, String reference) throws SQLException {
        Optional<List<CaseObject>> found = objectsOf(reference);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<CaseObject> list = found.get().stream().filter(o -> objects.contains(o.sha256())).toList();
        db.inTransaction(c -> audit.append(c, clock.instant(), request.user().username(), "DOWNLOAD_BUNDLE", reference,
                list.size() + " objects", request.remote()));
        return Optional.of(WebResponse.download("application/zip", reference + "-encrypted.zip", out -> writeBundle(out, reference, list)));
    }

    private void writeBundle(OutputStream out, String reference, List<CaseObject> list) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            String root = reference + "/";
            zip.putNextEntry(new ZipEntry(root + "README.txt"));
            zip.write(readme(reference).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            StringBuilder sums = new StringBuilder();
            for (CaseObject o : list) {
                zip.putNextEntry(new ZipEntry(root + o.path() + ".pgp"));
                try (InputStream in = objects.open(o.sha256())) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
                sums.append(o.sha256()).append("  ").append(o.path()).append('\n');
            }
            zip.putNextEntry(new ZipEntry(root + "SHA256SUMS"));
            zip.write(sums.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private static String readme(String reference) {
        return "Case " + reference + ", encrypted to the data sharing team's keys.\n\n"
                + "Each .pgp file is one OpenPGP message. Decrypt one with your team secret key:\n"
                + "  gpg --decrypt v1/files/NAME.pgp > NAME\n"
                + "then check it against SHA256SUMS (sha256sum -c SHA256SUMS, once all are decrypted beside it).\n\n"
                + "Files under unsafe/ were refused as unsafe and end in .unsafe so they cannot be opened by a double click.\n"
                + "Open them only on a machine set aside for it.\n";
    }
}
