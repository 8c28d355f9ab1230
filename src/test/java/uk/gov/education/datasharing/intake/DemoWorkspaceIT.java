package uk.gov.education.datasharing.intake;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A newcomer's first minute with the packaged demo: it prints the workspace's address and how to sign in; signing in
 * on the demo's own OpenID Connect page with a user name leads to the queue holding the demo's cases.
 */
class DemoWorkspaceIT {

    private static final Path JAR = Path.of("target/intake-gateway.jar");

    @TempDir
    Path dir;
    private Process demo;

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.destroyForcibly();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theDemoPrintsTheWorkspaceAndASignInLeadsToTheQueueWithTheDemoCases() throws Exception {
        assumeTrue(Files.exists(JAR), "run after `mvn package`");
        long started = System.nanoTime();
        Path log = dir.resolve("demo.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "demo", "--dir", dir.resolve("demo").toString(), "--imap-port", "" + freePort(), "--smtp-port", "" + freePort(),
                "--workspace-port", "" + freePort(), "--sign-in-port", "" + freePort()));
        demo = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> Files.readString(log).contains("Press Ctrl-C to stop."));
        String printed = Files.readString(log);
        Matcher address = Pattern.compile("The team's workspace: (http://127\\.0\\.0\\.1:[0-9]+)/").matcher(printed);
        assertThat(address.find()).as(printed).isTrue();
        assertThat(printed).contains("Sign in with any user name (e.g. alex)").contains("DEMO-ONLY-team-secret.asc");
        Matcher reference = Pattern.compile("opened case (DSI-[0-9A-Z]{4}-[0-9A-Z]{4})").matcher(printed);
        assertThat(reference.find()).isTrue();

        WebClient browser = new WebClient(URI.create(address.group(1)));
        var toProvider = browser.raw("/sign-in/start");
        String login = toProvider.headers().firstValue("Location").orElseThrow();
        WebClient.Page form = browser.get(login);
        assertThat(form.body()).contains("name=\"username\"");
        WebClient.Page queue = browser.post(login, Map.of("username", "alex"));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertThat(queue.uri().getPath()).isEqualTo("/queues/new");
        assertThat(queue.body()).contains(reference.group(1)).contains("Sign out alex");
        System.out.println("demo started and the queue reached in " + seconds + " s");
    }
}
