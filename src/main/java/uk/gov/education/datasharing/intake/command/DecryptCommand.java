package uk.gov.education.datasharing.intake.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.crypto.OpenPgpDecryptor;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.Manifest;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.Sha256;
import uk.gov.education.datasharing.intake.model.SubmissionRecord;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.InboundMessages;
import uk.gov.education.datasharing.intake.store.ManifestCodec;
import uk.gov.education.datasharing.intake.store.Sealer;
import uk.gov.education.datasharing.intake.store.StoredObjects;

/**
 * {@code decrypt}: on the team's machine, turns a stored case back into its files with the team's secret
 * key. Every decrypted object is checked against the SHA-256 it is stored under.
 */
@Command(name = "decrypt", description = "Decrypt a case's messages and files with the team's secret key (team side).")
final class DecryptCommand implements Callable<Integer> {

    static final String UNSAFE_SUFFIX = uk.gov.education.datasharing.intake.model.FileNames.UNSAFE_SUFFIX;

    @Mixin
    IntakeGateway.ConfigOptions config;

    @Parameters(index = "0", description = "The case reference, e.g. DSI-K7M2-Q9PX.")
    String reference;

    @Option(names = "--key", required = true, description = "The team's armored secret key file.")
    Path keyFile;

    @Option(names = "--passphrase-file", description = "File holding the secret key's passphrase, if it has one.")
    Path passphraseFile;

    @Option(names = "--out", required = true, description = "Folder to write the case into (REFERENCE/vN/...).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Settings settings = config.settings();
        Path objects = GatewayConfig.storeDir(settings).resolve("objects");
        OpenPgpDecryptor decryptor;
        try (InputStream key = Files.newInputStream(keyFile)) {
            char[] passphrase = passphraseFile == null ? null : Files.readString(passphraseFile).strip().toCharArray();
            decryptor = new OpenPgpDecryptor(key, passphrase);
        }
        List<SubmissionRecord> submissions;
        List<String> messages;
        try (Database db = Gateway.openDatabase(GatewayConfig.db(settings))) {
            Cases cases = new Cases(new Sealer(Gateway.requiredStateKey(settings)));
            if (db.inTransaction(c -> cases.find(c, reference)).isEmpty()) {
                System.err.println("error: no case " + reference);
                return 1;
            }
            submissions = db.inTransaction(c -> cases.submissions(c, reference));
            messages = db.inTransaction(c -> new InboundMessages().messagesOfCase(c, reference));
        }
        Path caseDir = Files.createDirectories(out.resolve(reference));
        int written = 0;
        Set<String> inSubmissions = new HashSet<>();
        for (SubmissionRecord submission : submissions) {
            Path versionDir = Files.createDirectories(caseDir.resolve("v" + submission.version()));
            ByteArrayOutputStream manifestJson = new ByteArrayOutputStream();
            decryptVerified(decryptor, objects, submission.manifestSha256(), manifestJson);
            Files.write(versionDir.resolve("manifest.json"), manifestJson.toByteArray());
            Manifest manifest = ManifestCodec.fromJson(manifestJson.toByteArray());
            written += writeObject(decryptor, objects, submission.messageSha256(), versionDir.resolve("message.eml"));
            inSubmissions.add(submission.messageSha256());
            Set<String> used = new HashSet<>();
            for (ReceivedFile file : manifest.files()) {
                written += writeObject(decryptor, objects, file.sha256(), target(versionDir, file, used));
            }
        }
        for (String sha : messages) {
            if (!inSubmissions.contains(sha) && Files.exists(objectPath(objects, sha))) {
                written += writeObject(decryptor, objects, sha, caseDir.resolve("unprocessed-" + Sha256.shortForm(sha) + ".eml"));
            }
        }
        System.out.println("Decrypted " + written + " object(s) of " + reference + " into " + caseDir);
        return 0;
    }

    /**
     * Where a file goes: {@code files/NAME}; a file refused as unsafe goes to {@code unsafe/NAME.unsafe}, a
     * suffix no operating system opens or runs, so it cannot be started by a double click.
     */
    static Path target(Path versionDir, ReceivedFile file, Set<String> used) throws IOException {
        boolean unsafe = file.check().verdict() == FileCheck.Verdict.UNSAFE;
        Path dir = Files.createDirectories(versionDir.resolve(unsafe ? "unsafe" : "files"));
        return dir.resolve(unique(file.safeName() + (unsafe ? UNSAFE_SUFFIX : ""), used));
    }

    private static int writeObject(OpenPgpDecryptor decryptor, Path objects, String sha, Path target) throws IOException {
        try (OutputStream file = Files.newOutputStream(target)) {
            decryptVerified(decryptor, objects, sha, file);
        }
        return 1;
    }

    private static void decryptVerified(OpenPgpDecryptor decryptor, Path objects, String sha, OutputStream target) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = Files.newInputStream(objectPath(objects, sha))) {
            decryptor.decrypt(in, new DigestOutputStream(target, digest));
        }
        if (!Sha256.hex(digest).equals(sha)) {
            throw new IOException("object " + Sha256.shortForm(sha) + " does not match its name: the store was altered");
        }
    }

    private static Path objectPath(Path objects, String sha) {
        return new StoredObjects(objects.getParent()).pathOf(sha);
    }

    static String unique(String name, Set<String> used) {
        return uk.gov.education.datasharing.intake.model.FileNames.unique(name, used);
    }
}
