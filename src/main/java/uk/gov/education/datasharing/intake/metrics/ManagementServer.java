package uk.gov.education.datasharing.intake.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The management port (127.0.0.1 by default): {@code /metrics} in Prometheus' text format, {@code /health/live}
 * (the process answers) and {@code /health/ready} (each readiness check's state in a JSON body; 200 when all pass,
 * 503 otherwise). GET only; answers carry no applicant data.
 */
public final class ManagementServer implements AutoCloseable {

    /** One readiness check: null when it passes, else a short reason (no secrets, no addresses). */
    @FunctionalInterface
    public interface Check {
        String problem() throws Exception;
    }

    static {
        // see WorkspaceServer: answers are not held back by Nagle's algorithm (read once per JVM)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "management");
        t.setDaemon(true);
        return t;
    });

    public ManagementServer(String host, int port, IntakeMetrics metrics, Map<String, Check> checks) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.createContext("/health/live", exchange -> answer(exchange, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/health/ready", exchange -> {
            Map<String, Object> body = new LinkedHashMap<>();
            Map<String, String> states = new LinkedHashMap<>();
            boolean up = true;
            for (Map.Entry<String, Check> check : checks.entrySet()) {
                String problem;
                try {
                    problem = check.getValue().problem();
                } catch (Exception e) {
                    problem = e.getClass().getSimpleName();
                }
                states.put(check.getKey(), problem == null ? "UP" : "DOWN: " + problem);
                up &= problem == null;
            }
            body.put("status", up ? "UP" : "DOWN");
            body.put("checks", states);
            answer(exchange, up ? 200 : 503, "application/json", new ObjectMapper().writeValueAsString(body));
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
