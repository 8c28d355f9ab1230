package uk.gov.education.datasharing.intake.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import uk.gov.education.datasharing.intake.config.Settings.ConfigException;
import uk.gov.education.datasharing.intake.inspect.ClamdScanner;
import uk.gov.education.datasharing.intake.inspect.FileInspector;
import uk.gov.education.datasharing.intake.inspect.Scanner;
import uk.gov.education.datasharing.intake.mailbox.ClientCertificate;
import uk.gov.education.datasharing.intake.mailbox.SenderAuthentication;
import uk.gov.education.datasharing.intake.reply.SmtpTransport.Security;

/** The gateway's typed configuration, checked once at start-up; every problem names its key. */
public record GatewayConfig(
        Imap imap, Smtp smtp, String mailboxAddress, String mailboxName, Folders folders, Path storeDir,
        Db db, List<Path> recipients, Limits limits, Replies replies, Auth auth, OAuth oauth) {

    /** {@code imaps}: TLS from the first byte; {@code imap}: STARTTLS required, unless {@code plaintext} was allowed. */
    public record Imap(String host, int port, String protocol, String username, String password, String folder,
                       boolean trustAllCertificates, boolean plaintext) {
        @Override
        public String toString() {
            String security = protocol.equals("imaps") ? "TLS" : plaintext ? "PLAIN" : "STARTTLS";
            return "Imap[" + protocol + "://" + host + ":" + port + "/" + folder + ", " + security + "]";
        }
    }

    public record Smtp(String host, int port, Security security, String username, String password,
                       boolean trustAllCertificates) {
        @Override
        public String toString() {
            return "Smtp[" + security + " " + host + ":" + port + "]";
        }
    }

    public record Folders(String processed, String quarantine, String ignored) {
    }

    public record Db(String url, String username, String password, String schema) {
        @Override
        public String toString() {
            return "Db[" + url.replaceAll("password=[^&;]*", "password=***") + "]";
        }
    }

    public record Limits(long messageBytes, int maxAttempts, int mimeDepth, int mimeParts, int files, long fileBytes,
                         long totalBytes, int headerBytes, int archiveEntries, int archiveRatio, int archiveDepth,
                         int documentEntries, long documentInflatedBytes, int pdfObjects, Duration messageTime) {

        /** The bounds on looking inside one file. */
        public FileInspector.Limits inspection() {
            return new FileInspector.Limits((int) fileBytes, documentEntries, documentInflatedBytes, pdfObjects);
        }
    }

    /**
     * @param perDomainPerHour  replies to one recipient domain per hour; more are refused and recorded
     * @param perHour           replies in all per hour; more are refused and recorded
     * @param toUnauthenticated what a sender whose address is not authenticated gets: a neutral notice, or nothing
     */
    public record Replies(int perSenderPerDay, Duration outboxPoll, Duration retryInitial, Duration retryMax, int perDomainPerHour,
                          int perHour, Unauthenticated toUnauthenticated) {
    }

    /** What an unauthenticated sender is sent: a notice that echoes nothing they wrote, or no reply. */
    public enum Unauthenticated { NOTICE, NONE }

    /** Sender authentication: the receiving server's authserv-id to trust, and what to assume without its header. */
    public record Auth(String trustedAuthservId, SenderAuthentication.WithoutHeader withoutHeader) {
    }

    public static GatewayConfig from(Settings s) {
        boolean imapPlaintext = flag(s, "intake.imap.allow-plaintext");
        boolean smtpPlaintext = flag(s, "intake.smtp.allow-plaintext");
        String imapProtocol = oneOf(s, "intake.imap.protocol", "imaps", "imap");
        String smtpProtocol = oneOf(s, "intake.smtp.protocol", "smtps", "smtp");
        Security security = smtpProtocol.equals("smtps") ? Security.SMTPS
                : smtpPlaintext ? Security.PLAIN : Security.STARTTLS;
        OAuth oauth = oauth(s); // with a token, no IMAP password is needed
        Imap imap = new Imap(required(s, "intake.imap.host"), port(s, "intake.imap.port"), imapProtocol,
                required(s, "intake.imap.username"), oauth != null ? "" : required(s, "intake.imap.password"),
                orDefault(s, "intake.imap.folder", "INBOX"), flag(s, "intake.imap.trust-all-certificates"),
                imapProtocol.equals("imap") && imapPlaintext);
        Smtp smtp = new Smtp(required(s, "intake.smtp.host"), port(s, "intake.smtp.port"), security,
                s.get("intake.smtp.username"), s.get("intake.smtp.password"), flag(s, "intake.smtp.trust-all-certificates"));
        String address = required(s, "intake.mailbox.address").toLowerCase(Locale.ROOT);
        if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+|[^@\\s]+@localhost")) {
            throw new ConfigException("intake.mailbox.address", "not an email address");
        }
        Folders folders = new Folders(orDefault(s, "intake.folders.processed", "Processed"),
                orDefault(s, "intake.folders.quarantine", "Quarantine"), orDefault(s, "intake.folders.ignored", "Ignored"));
        Db db = db(s);
        List<Path> recipients = Arrays.stream(required(s, "intake.crypto.recipients").split(","))
                .map(String::trim).filter(p -> !p.isEmpty()).map(Path::of).toList();
        for (Path file : recipients) {
            if (!Files.isReadable(file)) {
                throw new ConfigException("intake.crypto.recipients", "cannot read key file " + file);
            }
        }
        Limits limits = limits(s);
        scanner(s);
        Replies replies = new Replies(positiveInt(s, "intake.replies.per-sender-per-day"),
                Duration.ofMillis(positiveLong(s, "intake.outbox.poll-interval-ms")),
                Duration.ofSeconds(positiveLong(s, "intake.outbox.retry-initial-seconds")),
                Duration.ofSeconds(positiveLong(s, "intake.outbox.retry-max-seconds")),
                positiveInt(s, "intake.replies.per-domain-per-hour"), positiveInt(s, "intake.replies.per-hour"),
                Unauthenticated.valueOf(oneOf(s, "intake.replies.unauthenticated", "notice", "none").toUpperCase(Locale.ROOT)));
        Auth auth = new Auth(s.get("intake.auth.trusted-authserv-id"), SenderAuthentication.WithoutHeader.valueOf(
                oneOf(s, "intake.auth.without-header", "unauthenticated", "authenticated").toUpperCase(Locale.ROOT)));
        return new GatewayConfig(imap, smtp, address, orDefault(s, "intake.mailbox.display-name", "DfE data sharing"),
                folders, storeDir(s), db, recipients, limits, replies, auth, oauth);
    }

    /**
     * The malware scanner the intake.scanner.* settings name: none, or clamd on intake.scanner.clamd.socket (a Unix
     * socket) when set, else on intake.scanner.clamd.host and .port.
     */
    public static Scanner scanner(Settings s) {
        if (oneOf(s, "intake.scanner", "none", "clamd").equals("none")) {
            return Scanner.NONE;
        }
        String socket = s.get("intake.scanner.clamd.socket");
        return new ClamdScanner(orDefault(s, "intake.scanner.clamd.host", "127.0.0.1"), port(s, "intake.scanner.clamd.port"),
                socket == null || socket.isBlank() ? null : Path.of(socket),
                Duration.ofSeconds(positiveLong(s, "intake.scanner.clamd.timeout-seconds")));
    }

    /** Where the management port (metrics, health) listens: 127.0.0.1 unless set; port 0 picks a free one. */
    public record ManagementPort(String host, int port) {
    }

    public static ManagementPort management(Settings s) {
        String port = required(s, "intake.management.port");
        int parsed;
        try {
            parsed = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("intake.management.port", "not a port number");
        }
        if (parsed < 0 || parsed > 65535) {
            throw new ConfigException("intake.management.port", "not a port number");
        }
        return new ManagementPort(orDefault(s, "intake.management.host", "127.0.0.1"), parsed);
    }

    /**
     * OAuth 2.0 for the mailbox (XOAUTH2 on IMAP and SMTP), client-credentials flow: the token endpoint (Microsoft Entra
     * ID: {@code https://login.microsoftonline.com/TENANT/oauth2/v2.0/token}), the app's client id, its credential (a
     * client secret, or a certificate and key: exactly one of the two is set), and the scope. Null when
     * {@code intake.mail.auth} is {@code password}.
     */
    public record OAuth(java.net.URI tokenUrl, String clientId, String clientSecret, ClientCertificate certificate, String scope) {
        @Override
        public String toString() {
            return "OAuth[" + tokenUrl + ", " + clientId + "]";
        }
    }

    /** The mailbox's OAuth settings, or null when it logs in with a password. */
    public static OAuth oauth(Settings s) {
        if (oneOf(s, "intake.mail.auth", "password", "oauth2").equals("password")) {
            return null;
        }
        String url = s.get("intake.oauth.token-url");
        java.net.URI tokenUrl;
        if (url == null || url.isBlank()) {
            String tenant = required(s, "intake.oauth.tenant");
            if (!tenant.matches("[A-Za-z0-9.-]{1,100}")) {
                throw new ConfigException("intake.oauth.tenant", "not a tenant id or domain");
            }
            tokenUrl = java.net.URI.create("https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token");
        } else {
            tokenUrl = uri(url, "intake.oauth.token-url");
        }
        String secret = s.get("intake.oauth.client-secret");
        String certificateFile = s.get("intake.oauth.client-certificate");
        boolean hasSecret = secret != null && !secret.isBlank();
        boolean hasCertificate = certificateFile != null && !certificateFile.isBlank();
        if (hasSecret == hasCertificate) {
            throw new ConfigException(hasSecret ? "intake.oauth.client-certificate" : "intake.oauth.client-secret",
                    hasSecret ? "set together with intake.oauth.client-secret: give the app's secret or its certificate, not both"
                            : "required with intake.mail.auth=oauth2 (or intake.oauth.client-certificate instead)");
        }
        ClientCertificate certificate = null;
        if (hasCertificate) {
            try {
                certificate = ClientCertificate.load(Path.of(certificateFile.trim()), java.time.Instant.now());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("intake.oauth.client-certificate", e.getMessage());
            }
        }
        return new OAuth(tokenUrl, required(s, "intake.oauth.client-id"), hasSecret ? secret : null, certificate,
                orDefault(s, "intake.oauth.scope", "https://outlook.office365.com/.default"));
    }

    /**
     * How the intake route learns of new mail: IMAP IDLE when {@code idle} and the server offers it, and a poll every
     * {@code delay} in any case (the only way when IDLE is off or lost).
     */
    public record Polling(Duration delay, boolean idle, int consumers) {
    }

    public static Polling polling(Settings s) {
        long consumers = positiveLong(s, "intake.imap.consumers");
        if (consumers > 8) {
            throw new ConfigException("intake.imap.consumers", "at most 8 (each is a connection to the mailbox); got " + consumers);
        }
        return new Polling(Duration.ofMillis(positiveLong(s, "intake.imap.poll-delay-ms")), flag(s, "intake.imap.idle"), (int) consumers);
    }

    /**
     * The team's workspace (docs/adr/0017): where it listens, the address people reach it at, TLS (a PKCS#12 key store)
     * unless plaintext was explicitly allowed, the OpenID Connect provider that signs staff in and the claims that name
     * them and their roles, and how long an idle session lasts.
     */
    public record Workspace(boolean enabled, String host, int port, java.net.URI publicUrl, Path keyStore, String keyStorePassword,
                            boolean plaintext, Oidc oidc, Duration idle) {
        @Override
        public String toString() {
            return "Workspace[" + (enabled ? publicUrl + (plaintext ? ", PLAIN" : ", TLS") : "off") + "]";
        }
    }

    /** An OpenID Connect client: issuer, client, and which claims carry the user's name and roles. */
    public record Oidc(java.net.URI issuer, String clientId, String clientSecret, String usernameClaim, String rolesClaim,
                       String teamRole, String opsRole) {
        @Override
        public String toString() {
            return "Oidc[" + issuer + ", " + clientId + "]";
        }
    }

    public static Workspace workspace(Settings s) {
        if (!flag(s, "intake.workspace.enabled")) {
            return new Workspace(false, "127.0.0.1", 0, null, null, null, true, null, Duration.ofMinutes(30));
        }
        String host = orDefault(s, "intake.workspace.host", "127.0.0.1");
        int port = (int) nonNegativeLong(s, "intake.workspace.port");
        if (port > 65535) {
            throw new ConfigException("intake.workspace.port", "not a port number");
        }
        boolean plaintext = flag(s, "intake.workspace.allow-plaintext");
        String store = s.get("intake.workspace.tls.key-store");
        if (!plaintext && (store == null || store.isBlank())) {
            throw new ConfigException("intake.workspace.tls.key-store",
                    "missing: the workspace serves HTTPS with this PKCS#12 key store (or set intake.workspace.allow-plaintext=true behind a TLS proxy)");
        }
        Path keyStore = store == null || store.isBlank() ? null : Path.of(store);
        if (keyStore != null && !Files.isReadable(keyStore)) {
            throw new ConfigException("intake.workspace.tls.key-store", "cannot read " + keyStore);
        }
        String url = orDefault(s, "intake.workspace.public-url", "");
        java.net.URI publicUrl = url.isBlank() ? null : uri(url, "intake.workspace.public-url");
        Oidc oidc = new Oidc(uri(required(s, "intake.workspace.oidc.issuer"), "intake.workspace.oidc.issuer"),
                required(s, "intake.workspace.oidc.client-id"), required(s, "intake.workspace.oidc.client-secret"),
                orDefault(s, "intake.workspace.oidc.username-claim", "preferred_username"),
                orDefault(s, "intake.workspace.oidc.roles-claim", "roles"),
                orDefault(s, "intake.workspace.oidc.team-role", "team"), orDefault(s, "intake.workspace.oidc.ops-role", "ops"));
        return new Workspace(true, host, port, publicUrl, keyStore, s.get("intake.workspace.tls.key-store-password"), plaintext, oidc,
                Duration.ofMinutes(positiveLong(s, "intake.workspace.idle-minutes")));
    }

    private static java.net.URI uri(String value, String key) {
        try {
            java.net.URI uri = new java.net.URI(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new ConfigException(key, "must be an http or https address");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(key, "not an address");
        }
    }

    /**
     * The gateway's own reconciliation of mailbox and case index: every {@code interval} (zero: never), over messages
     * that arrived within {@code window}, leaving out the last {@code settle} (messages still on their way).
     */
    public record Reconcile(Duration interval, Duration window, Duration settle) {
    }

    public static Reconcile reconcile(Settings s) {
        return new Reconcile(Duration.ofSeconds(nonNegativeLong(s, "intake.reconcile.interval-seconds")),
                Duration.ofDays(positiveLong(s, "intake.reconcile.window-days")),
                Duration.ofSeconds(nonNegativeLong(s, "intake.reconcile.settle-seconds")));
    }

    private static long nonNegativeLong(Settings s, String key) {
        String value = required(s, key);
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new ConfigException(key, "must be zero or a positive whole number");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be zero or a positive whole number");
        }
    }

    /** Just the intake.limits.* settings, for the offline commands too. */
    public static Limits limits(Settings s) {
        Limits limits = new Limits(positiveLong(s, "intake.limits.message-bytes"), positiveInt(s, "intake.limits.max-attempts"),
                positiveInt(s, "intake.limits.mime-depth"), positiveInt(s, "intake.limits.mime-parts"),
                positiveInt(s, "intake.limits.files"), positiveLong(s, "intake.limits.file-bytes"),
                positiveLong(s, "intake.limits.total-bytes"), positiveInt(s, "intake.limits.header-bytes"),
                positiveInt(s, "intake.limits.archive-entries"), positiveInt(s, "intake.limits.archive-ratio"),
                positiveInt(s, "intake.limits.archive-depth"), positiveInt(s, "intake.limits.document-entries"),
                positiveLong(s, "intake.limits.document-inflated-bytes"), positiveInt(s, "intake.limits.pdf-objects"),
                Duration.ofSeconds(positiveLong(s, "intake.limits.message-seconds")));
        if (limits.fileBytes() > Integer.MAX_VALUE - 8) {
            throw new ConfigException("intake.limits.file-bytes", "must be under 2 GB");
        }
        return limits;
    }

    /** Just the database settings, for commands that need nothing else (cases, decrypt). */
    public static Db db(Settings s) {
        return new Db(required(s, "intake.db.url"), s.get("intake.db.username"), s.get("intake.db.password"), s.get("intake.db.schema"));
    }

    public static Path storeDir(Settings s) {
        return Path.of(required(s, "intake.store.dir"));
    }

    private static String required(Settings s, String key) {
        String value = s.get(key);
        if (value == null) {
            throw new ConfigException(key, "missing (set it in the properties file or as " + Settings.environmentName(key) + ")");
        }
        return value;
    }

    private static String orDefault(Settings s, String key, String fallback) {
        String value = s.get(key);
        return value == null ? fallback : value;
    }

    private static boolean flag(Settings s, String key) {
        String value = s.get(key);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ConfigException(key, "must be true or false");
    }

    private static String oneOf(Settings s, String key, String... allowed) {
        String value = required(s, key).toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(value)) {
            throw new ConfigException(key, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static int port(Settings s, String key) {
        int port = positiveInt(s, key);
        if (port > 65535) {
            throw new ConfigException(key, "not a port number");
        }
        return port;
    }

    private static int positiveInt(Settings s, String key) {
        long value = positiveLong(s, key);
        if (value > Integer.MAX_VALUE) {
            throw new ConfigException(key, "too large");
        }
        return (int) value;
    }

    private static long positiveLong(Settings s, String key) {
        String value = required(s, key);
        try {
            long parsed = Long.parseLong(value);
            if (parsed <= 0) {
                throw new ConfigException(key, "must be a positive whole number");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a positive whole number");
        }
    }
}
