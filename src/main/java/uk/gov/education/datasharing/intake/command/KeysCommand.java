package uk.gov.education.datasharing.intake.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import uk.gov.education.datasharing.intake.crypto.TeamKeyGenerator;
import uk.gov.education.datasharing.intake.io.PrivateFiles;

/** {@code keys}: a GnuPG-compatible team key pair for trials. Production teams may bring keys made by gpg. */
@Command(name = "keys", description = "Create a GnuPG-compatible team key pair for trials (public key for the gateway, "
        + "secret key for the team's machine only).")
final class KeysCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Folder to write team-public.asc and team-secret.asc into.")
    Path out;

    @Option(names = "--name", defaultValue = "DfE data sharing team", description = "Name in the key's user id.")
    String name;

    @Option(names = "--email", defaultValue = "data.sharing@education.gov.uk", description = "Email in the key's user id.")
    String email;

    @Option(names = "--passphrase-file", description = "Protect the secret key with the passphrase in this file.")
    Path passphraseFile;

    @Option(names = "--bits", defaultValue = "3072", description = "RSA key size (at least 2048).")
    int bits;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        Path publicFile = out.resolve("team-public.asc");
        Path secretFile = out.resolve("team-secret.asc");
        if (Files.exists(publicFile) || Files.exists(secretFile)) {
            System.err.println("error: " + out + " already holds a key pair; choose another --out");
            return 1;
        }
        char[] passphrase = passphraseFile == null ? null : Files.readString(passphraseFile).strip().toCharArray();
        TeamKeyGenerator.GeneratedKeyPair pair = new TeamKeyGenerator(bits).generate(name + " <" + email + ">", passphrase);
        write(pair, publicFile, secretFile);
        System.out.println("Team key pair created, fingerprint " + pair.fingerprint());
        System.out.println("  public key (give to the gateway, intake.crypto.recipients): " + publicFile);
        System.out.println("  secret key (keep on the team's machine only, never on the gateway): " + secretFile);
        System.out.println("  to use it with GnuPG: gpg --import " + secretFile);
        return 0;
    }

    static void write(TeamKeyGenerator.GeneratedKeyPair pair, Path publicFile, Path secretFile) throws java.io.IOException {
        Files.writeString(publicFile, pair.armoredPublicKey(), StandardCharsets.US_ASCII);
        PrivateFiles.create(secretFile, pair.armoredSecretKey());
    }
}
