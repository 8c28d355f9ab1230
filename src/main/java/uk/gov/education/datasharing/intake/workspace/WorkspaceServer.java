package uk.gov.education.datasharing.intake.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.gov.education.datasharing.intake.config.GatewayConfig;
import uk.gov.education.datasharing.intake.model.CaseQueue;
import uk.gov.education.datasharing.intake.store.AuditLog;
import uk.gov.education.datasharing.intake.store.CaseQueues;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.Database;
import uk.gov.education.datasharing.intake.store.Outbox;
import uk.gov.education.datasharing.intake.store.QueueCounts;
import uk.gov.education.datasharing.intake.store.Sealer;
import uk.gov.education.datasharing.intake.store.TeamWork;

/**
 * The data sharing team's workspace (docs/adr/0017): a server-rendered GOV.UK web app on its own port. This class is
 * the door: TLS, sessions, sign-in, roles, CSRF, security headers and error pages; the screens decide what a page
 * shows. Every page is {@code no-store}, every script comes from the app itself, and nothing a page shows is logged.
 */
public final class WorkspaceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceServer.class);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and delayed ACKs
        // hold every answer back ~40 ms. Read once, when the first server of the JVM is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    static final String SESSION_COOKIE = "intake_session";
    static final String SIGN_IN_COOKIE = "intake_sign_in";
    private static final int MAX_FORM_BYTES = 64 * 1024;
    private static final Pattern CASE_PATH = Pattern.compile("/cases/([A-Z]{3}-[0-9A-Z-]{1,20})(?:/([a-z]{1,20}))?");
    private static final Pattern EMAIL_PATH = Pattern.compile("/cases/([A-Z]{3}-[0-9A-Z-]{1,20})/emails/([0-9]{1,18})");
    private static final Pattern OBJECT_PATH = Pattern.compile("/cases/([A-Z]{3}-[0-9A-Z-]{1,20})/objects/([0-9a-f]{64})");
    private static final Pattern QUEUE_PATH = Pattern.compile("/queues/([a-z-]{1,20})");
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
            + "manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final GatewayConfig.Workspace config;
    private final Database db;
    private final Clock clock;
    private final Views views = new Views();
    private final Assets assets = new Assets();
    private final Sessions sessions;
    private final QueueScreen queues;
    private final CaseScreen cases;
    private final FilesScreen files;
    private final CaseQueues caseQueues;
    private final AuditLog audit = new AuditLog();
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "workspace");
        t.setDaemon(true);
        return t;
    });
    private HttpServer server;
    private OidcSignIn signIn;
    private URI base;

    /** @param mailboxAddress the data sharing mailbox, whose domain the workspace's emails take their Message-IDs in */
    /** Gives a quarantined case's messages another run; returns how many were released (0: none was quarantined). */
    @FunctionalInterface
    public interface Reprocessing {
        int reprocess(String reference) throws Exception;
    }

    /** One email the gateway sent (or will send) for a case, as the applicant reads it; empty when the case has no such email. */
    @FunctionalInterface
    public interface SentEmails {
        Optional<String> text(String reference, long id) throws Exception;
    }

    /**
     * What the workspace uses from the rest of the gateway: the mailbox address (the domain of its emails' Message-IDs),
     * the encrypted store (read as ciphertext only), and the mailbox and outbox actions the composition root wires in
     * ({@code repliesQueued} wakes the outbox so a request to an applicant leaves at once).
     */
    public record Gateway(String mailboxAddress, java.nio.file.Path storeDir, Reprocessing reprocessing, SentEmails emails,
                          Runnable repliesQueued) {
    }

    public WorkspaceServer(GatewayConfig.Workspace config, Database db, Sealer sealer, Clock clock, Gateway gateway) {
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.sessions = new Sessions(config.idle(), clock);
        this.caseQueues = new CaseQueues(sealer);
        this.queues = new QueueScreen(db, caseQueues, views, clock);
        this.cases = new CaseScreen(db, new Cases(sealer), new TeamWork(sealer), new Outbox(sealer), audit, views, clock, gateway);
        this.files = new FilesScreen(db, new Cases(sealer), new uk.gov.education.datasharing.intake.store.StoredObjects(gateway.storeDir()), audit, views,
                clock);
    }

    /** Binds the port (0 picks a free one) and starts answering. */
    public void start() throws IOException, GeneralSecurityException {
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (config.plaintext()) {
            server = HttpServer.create(address, 64);
        } else {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls()));
            server = https;
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        base = config.publicUrl() != null ? config.publicUrl()
                : URI.create((config.plaintext() ? "http" : "https") + "://" + config.host() + ":" + port());
        signIn = new OidcSignIn(config.oidc(), base.resolve("/sign-in/callback"));
    }

    private SSLContext tls() throws IOException, GeneralSecurityException {
        char[] password = config.keyStorePassword() == null ? new char[0] : config.keyStorePassword().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(config.keyStore())) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address people open: intake.workspace.public-url, or where it listens. */
    public URI address() {
        return base;
    }

    private void handle(HttpExchange exchange) throws IOException {
        WebResponse response;
        try {
            response = answer(exchange);
        } catch (RuntimeException | java.sql.SQLException e) {
            LOG.warn("workspace request failed: {}", e.getClass().getName(), e);
            response = error(500, null, "Sorry, there is a problem with the service", List.of("Try again later. What you did may not have been saved."));
        }
        write(exchange, response);
    }

    private WebResponse answer(HttpExchange exchange) throws IOException, java.sql.SQLException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (!method.equals("GET") && !method.equals("POST")) {
            return error(405, null, "That is not something this page does", List.of());
        }
        if (method.equals("GET") && path.startsWith("/assets/")) {
            return assets.serve(path).orElseGet(() -> error(404, null, "Page not found", List.of()));
        }
        Map<String, String> cookies = cookies(exchange);
        String remote = exchange.getRemoteAddress().getAddress().getHostAddress();
        Map<String, List<String>> form = Map.of();
        if (method.equals("POST")) {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                return error(413, null, "That was too much to send", List.of("Send less text, in smaller parts."));
            }
            form = WebRequest.decode(new String(body, StandardCharsets.UTF_8));
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Sessions.Lookup lookup = sessions.find(cookies.get(SESSION_COOKIE));
        WebRequest request = new WebRequest(method, path, rawQuery, WebRequest.decode(rawQuery), form, lookup.session(), remote);

        switch (path) {
            case "/sign-in":
                return signInPage(request, lookup.absence() == Sessions.Absence.EXPIRED || request.param("expired").equals("yes"));
            case "/sign-in/start":
                return startSignIn(request);
            case "/sign-in/callback":
                return completeSignIn(request, cookies.get(SIGN_IN_COOKIE));
            default:
                break;
        }
        if (request.session() == null) {
            String returnTo = method.equals("GET") && (path.startsWith("/cases/") || path.startsWith("/queues/")) ? path : null;
            String expired = lookup.absence() == Sessions.Absence.EXPIRED ? "expired=yes" : "";
            String query = returnTo == null ? expired : (expired.isEmpty() ? "" : expired + "&") + "return=" + returnTo;
            return WebResponse.redirect("/sign-in" + (query.isEmpty() ? "" : "?" + query));
        }
        if (method.equals("POST") && !request.session().csrfMatches(request.field("csrf"))) {
            return error(403, request.session(), "This form has expired or did not come from this workspace",
                    List.of("Go back to the page, reload it, and try again."));
        }
        StaffUser user = request.user();
        if (path.equals("/sign-out") && method.equals("POST")) {
            sessions.close(request.session().id());
            return WebResponse.redirect("/sign-in?signed-out=yes").cookie(clear(SESSION_COOKIE));
        }
        if (path.equals("/") && method.equals("GET")) {
            return WebResponse.redirect(user.is(StaffUser.Role.TEAM) ? "/queues/new" : "/operations");
        }
        if (path.equals("/operations") && method.equals("GET")) {
            return operations(request);
        }
        boolean teamPage = path.startsWith("/queues/") || path.startsWith("/cases/");
        if (teamPage && !user.is(StaffUser.Role.TEAM)) {
            return error(403, request.session(), "You cannot see cases", List.of(
                    "Case details are for the data sharing team. Your role lets you see queues and counts on the operations page."));
        }
        Matcher queue = QUEUE_PATH.matcher(path);
        if (queue.matches() && method.equals("GET")) {
            Optional<CaseQueue> q = CaseQueue.ofSlug(queue.group(1));
            if (q.isPresent()) {
                return queues.show(request, q.get());
            }
        }
        Matcher email = EMAIL_PATH.matcher(path);
        if (email.matches() && method.equals("GET")) {
            Optional<WebResponse> shown = cases.email(request, email.group(1), Long.parseLong(email.group(2)));
            if (shown.isPresent()) {
                return shown.get();
            }
        }
        Matcher object = OBJECT_PATH.matcher(path);
        if (object.matches() && method.equals("GET")) {
            Optional<WebResponse> download = files.object(request, object.group(1), object.group(2));
            if (download.isPresent()) {
                return download.get();
            }
        }
        Matcher caseMatch = CASE_PATH.matcher(path);
        if (caseMatch.matches()) {
            String reference = caseMatch.group(1);
            String action = caseMatch.group(2) == null ? "" : caseMatch.group(2);
            Optional<WebResponse> page = method.equals("POST") ? cases.act(request, reference, action) : switch (action) {
                case "" -> cases.show(request, reference, CaseScreen.Entered.NONE);
                case "files" -> files.page(request, reference);
                case "bundle" -> files.bundle(request, reference);
                default -> Optional.empty();
            };
            if (page.isPresent()) {
                return page.get();
            }
        }
        return error(404, request.session(), "Page not found", List.of("If you typed the address, check it is correct."));
    }

    private WebResponse signInPage(WebRequest request, boolean expired) {
        Map<String, Object> model = new HashMap<>();
        model.put("expired", expired);
        model.put("idleMinutes", config.idle().toMinutes());
        model.put("signedOut", request.param("signed-out").equals("yes"));
        String returnTo = safeReturn(request.param("return"));
        model.put("returnTo", returnTo);
        return WebResponse.html(200, views.page("Sign in", "sign-in", model, null, List.of(), null));
    }

    private WebResponse startSignIn(WebRequest request) {
        OidcSignIn.Pending pending = signIn.begin(safeReturn(request.param("return")));
        try {
            URI provider = signIn.authorizationUri(pending);
            String id = sessions.startSignIn(pending);
            return WebResponse.redirect(provider.toString()).cookie(cookie(SIGN_IN_COOKIE, id, 600));
        } catch (OidcSignIn.SignInException e) {
            LOG.warn("workspace sign-in could not start: {}", e.getMessage());
            return error(503, null, "Sign-in is not available at the moment", List.of("Try again in a few minutes."));
        }
    }

    private WebResponse completeSignIn(WebRequest request, String signInId) throws java.sql.SQLException {
        Optional<OidcSignIn.Pending> pending = sessions.finishSignIn(signInId);
        if (pending.isEmpty()) {
            return error(400, null, "Your sign-in took too long or was started in another browser", List.of("Start again from the sign-in page."));
        }
        StaffUser user;
        try {
            user = signIn.complete(base.resolve("/sign-in/callback" + (request.rawQuery() == null ? "" : "?" + request.rawQuery())), pending.get());
        } catch (OidcSignIn.SignInException e) {
            LOG.warn("workspace sign-in failed: {}", e.getMessage());
            return error(403, null, "You could not be signed in", List.of("Start again from the sign-in page. If it happens again, ask your administrator."));
        }
        if (user.roles().isEmpty()) {
            db.inTransaction(c -> audit.append(c, clock.instant(), user.username(), "SIGN_IN_REFUSED", null, "no workspace role", request.remote()));
            return error(403, null, "You do not have access to this workspace",
                    List.of("Your account has neither the team role nor the operations role. Ask your administrator."));
        }
        Sessions.Session session = sessions.open(user);
        db.inTransaction(c -> audit.append(c, clock.instant(), user.username(), "SIGN_IN", null, String.join(",",
                user.roles().stream().map(Enum::name).sorted().toList()), request.remote()));
        String target = pending.get().returnTo() != null ? pending.get().returnTo() : "/";
        return WebResponse.redirect(target).cookie(cookie(SESSION_COOKIE, session.id(), -1)).cookie(clear(SIGN_IN_COOKIE));
    }

    private WebResponse operations(WebRequest request) throws java.sql.SQLException {
        QueueCounts counts = new QueueCounts();
        Map<String, Object> model = db.inTransaction(c -> {
            Map<String, Object> m = new HashMap<>();
            m.put("queues", caseQueues.counts(c).entrySet().stream().map(e -> Map.of("label", e.getKey().label(), "count", e.getValue())).toList());
            List<Map<String, Object>> intake = new java.util.ArrayList<>();
            counts.messagesByState(c).forEach((state, n) -> intake.add(Map.of("label", "Messages " + Display.words(state).toLowerCase(), "count", n)));
            counts.repliesByState(c).forEach((state, n) -> intake.add(Map.of("label", "Replies " + Display.words(state).toLowerCase(), "count", n)));
            m.put("intake", intake);
            return m;
        });
        return WebResponse.html(200, views.page("Operations", "operations", model, request.session(), List.of(), "navOperations"));
    }

    /** Only a path of this workspace's own pages may be returned to after sign-in. */
    private static String safeReturn(String value) {
        return value != null && (CASE_PATH.matcher(value).matches() || QUEUE_PATH.matcher(value).matches()) ? value : null;
    }

    private WebResponse error(int status, Sessions.Session session, String heading, List<String> lines) {
        Map<String, Object> model = Map.of("heading", heading, "lines", lines);
        return WebResponse.html(status, views.page(heading, "error", model, session, List.of(), null));
    }

    private String cookie(String name, String value, int maxAge) {
        return name + "=" + value + "; Path=/; HttpOnly; Secure; SameSite=Lax" + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    private String clear(String name) {
        return name + "=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0";
    }

    private static Map<String, String> cookies(HttpExchange exchange) {
        Map<String, String> cookies = new HashMap<>();
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && cookies.size() < 50) {
                    cookies.putIfAbsent(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
                }
            }
        }
        return cookies;
    }

    private void write(HttpExchange exchange, WebResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cache-Control", "no-store");
        if (!config.plaintext()) {
            headers.set("Strict-Transport-Security", "max-age=31536000");
        }
        response.headers().forEach(headers::set);
        for (String cookie : response.cookies()) {
            headers.add("Set-Cookie", cookie);
        }
        byte[] body = response.body();
        if (response.stream() != null) {
            exchange.sendResponseHeaders(response.status(), 0);
            try (OutputStream out = exchange.getResponseBody()) {
                response.stream().writeTo(out);
            } catch (IOException e) {
                LOG.warn("workspace download stopped: {}", e.getClass().getSimpleName());
            }
        } else {
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }
}
