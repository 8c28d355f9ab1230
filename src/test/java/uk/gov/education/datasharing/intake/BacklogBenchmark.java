package uk.gov.education.datasharing.intake;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import uk.gov.education.datasharing.intake.config.Settings;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Backlog throughput of the gateway against a bare Camel route, on the same real mail server and the same message mix in
 * the same run (issue 13). Not a test: run with
 * {@code mvn -B verify -Pbenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=BacklogBenchmark
 * -Dfailsafe.failIfNoSpecifiedTests=false} after {@code mvn -DskipTests package}; results are printed and appended to
 * target/benchmark-backlog.txt.
 * <ul>
 *   <li>Mail server: Dovecot (maildir, password login), started by the benchmark; replies go to GreenMail's SMTP.</li>
 *   <li>Messages: 100 (benchmark.backlog-messages) of about 1.7 MB, each with an application form and a questionnaire
 *       (Word) and a 30,000-row NPD workbook (benchmark.backlog-rows) that the gateway validates in full. All are put in
 *       the INBOX at once, after the contender is up and has handled 20 messages of the same mix unmeasured
 *       (benchmark.warmup-messages; 0 measures a cold start).</li>
 *   <li>Contenders, each its own JVM with a 256 MB heap and the parallel collector (benchmark.gc), each on a fresh mailbox of the same server, one after the other,
 *       3 rounds (benchmark.rounds): the packaged gateway with its defaults (H2, IMAP IDLE) and a 200 ms poll
 *       delay; {@link BareMailRoute}, which saves attachments and replies, polling every 200 ms.</li>
 *   <li>Measured: seconds from delivery until the last message is in Processed (drain), until the last reply has
 *       arrived, CPU seconds per thread while draining, and the process's peak resident memory (VmHWM). For the gateway
 *       also the per-stage time from its own metrics, and in round 1 a JFR profile (target/benchmark-backlog-1.jfr)
 *       summarised by hottest methods.</li>
 *   <li>Also: acknowledgement latency of the gateway with its default settings at one message of this mix a second.</li>
 * </ul>
 */
class BacklogBenchmark extends GatewayITSupport {

    private static final Path JAR = Path.of("target/intake-gateway.jar");
    private static final int MESSAGES = Integer.getInteger("benchmark.backlog-messages", 100);
    private static final int ROWS = Integer.getInteger("benchmark.backlog-rows", 30_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    /** Both contenders' collector: the one ops/intake-gateway.service and ./gateway run with (docs/adr/0023). */
    private static final String GC = System.getProperty("benchmark.gc", "-XX:+UseParallelGC");
    private static final String PASSWORD = "benchmark-password";
    private static final String POLL_DELAY_MS = "200";
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final int USER_HZ = 100; // the kernel's clock ticks per second in /proc
    /** Messages each contender handles before the measured backlog; 0 measures a cold start. */
    private static final int WARMUP = Integer.getInteger("benchmark.warmup-messages", 20);
    private List<byte[]> workbooks;

    private record Run(String contender, int round, double drainSeconds, double replySeconds, long peakRssMb) {
        String line() {
            return String.format(Locale.ROOT, "round %d %-8s drain %6.1f s = %5.2f messages/s; last reply after %6.1f s; peak RSS %d MB",
                    round, contender, drainSeconds, MESSAGES / drainSeconds, replySeconds, peakRssMb);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.MINUTES)
    void drainABacklogAgainstABareCamelRoute() throws Exception {
        assumeTrue(Files.exists(JAR), "run after `mvn package`");
        workbooks = workbooks();
        List<Run> runs = new ArrayList<>();
        try (Dovecot dovecot = Dovecot.withPassword(dir.resolve("dovecot"), PASSWORD)) {
            for (int round = 1; round <= ROUNDS; round++) {
                List<String> order = round % 2 == 1 ? List.of("bare", "gateway") : List.of("gateway", "bare");
                for (String contender : order) {
                    String user = contender + round;
                    List<String> raws = messages(user, workbooks);
                    if (round == 1 && "bare".equals(contender)) {
                        BenchmarkSupport.report("backlog", String.format(Locale.ROOT,
                                "backlog benchmark: %d messages of %.2f MB (form, questionnaire, %,d-row workbook) after %d warm-up messages, %d rounds, %d cores, JVM %s, gateway env %s%n",
                                MESSAGES, raws.stream().mapToLong(String::length).average().orElse(0) / 1e6, ROWS, WARMUP, ROUNDS,
                                CORES, "-Xmx256m " + GC, System.getProperty("benchmark.gateway-env", "defaults")));
                    }
                    Run run = "bare".equals(contender) ? bare(dovecot, user, round, raws) : gateway(dovecot, user, round, raws);
                    runs.add(run);
                    BenchmarkSupport.report("backlog", run.line() + "\n");
                }
            }
        }
        StringBuilder ratios = new StringBuilder();
        for (int round = 1; round <= ROUNDS; round++) {
            int r = round;
            double bare = runs.stream().filter(x -> x.round() == r && x.contender().equals("bare")).findFirst().orElseThrow().drainSeconds();
            double gateway = runs.stream().filter(x -> x.round() == r && x.contender().equals("gateway")).findFirst().orElseThrow().drainSeconds();
            ratios.append(String.format(Locale.ROOT, "round %d gateway/bare throughput %.2f×%n", round, bare / gateway));
        }
        BenchmarkSupport.report("backlog", ratios.toString());
    }

    /** Four different workbooks of ROWS rows, which the messages take in turn. */
    private List<byte[]> workbooks() throws IOException {
        List<byte[]> made = new ArrayList<>();
        Path table = Files.createTempFile(dir, "tables-", ".xlsx");
        for (int i = 0; i < 4; i++) {
            Documents.largeNpdWorkbook(table, ROWS, i, -2);
            made.add(Files.readAllBytes(table));
        }
        return made;
    }

    private static List<String> messages(String user, List<byte[]> workbooks) {
        List<String> raws = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            raws.add(message(user, i, workbooks.get(i % workbooks.size())));
        }
        return raws;
    }

    /** Message {@code i} of the mix: an application form, the workbook and a questionnaire (also used by {@link MessageCpuBenchmark}). */
    static String message(String user, int i, byte[] workbook) {
        byte[] form = Documents.docx("Application for DfE personal data", "Applicant " + user + " " + i, "Project " + i,
                "Lawful basis", "Data", "Access", "Declaration");
        byte[] questionnaire = Documents.docx("Information security questionnaire", "1. Policy: Yes " + i, "2. ISO 27001: Yes");
        return Mails.withAttachments(sender(user, i), GatewayHarness.MAILBOX, "Application " + user + " " + i,
                "Please find our application attached.", "application-form.docx", form, "npd-data-tables.xlsx",
                workbook, "security-questionnaire.docx", questionnaire);
    }

    private static String sender(String user, int i) {
        return "applicant-" + user + "-" + i + "@university" + i + ".test"; // one domain each: the per-domain reply cap stays out of it
    }

    private Run bare(Dovecot dovecot, String user, int round, List<String> raws) throws Exception {
        Path log = logFile(user);
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx256m", GC, "-cp", System.getProperty("java.class.path"),
                BareMailRoute.class.getName(), String.valueOf(dovecot.port), user, PASSWORD,
                String.valueOf(harness.mail.getSmtp().getPort()), dir.resolve(user + "-attachments").toString(), POLL_DELAY_MS)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("READY"));
            return drain("bare", round, process, dovecot, user, raws);
        } finally {
            stop(process);
        }
    }

    private Run gateway(Dovecot dovecot, String user, int round, List<String> raws) throws Exception {
        int management = freePort();
        Path jfr = Path.of("target", "benchmark-backlog-" + round + ".jfr").toAbsolutePath();
        Map<String, String> env = new HashMap<>();
        env.put("INTAKE_IMAP_POLL_DELAY_MS", POLL_DELAY_MS);
        // e.g. -Dbenchmark.gateway-env=INTAKE_IMAP_CONSUMERS=1,INTAKE_IMAP_MAX_MESSAGES_PER_POLL=20 to compare settings
        for (String pair : System.getProperty("benchmark.gateway-env", "").split(",")) {
            if (pair.contains("=")) {
                env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        Process process = startGateway(dovecot, user, management, env, round == 1 ? jfr : null);
        Run run;
        try {
            run = drain("gateway", round, process, dovecot, user, raws);
            BenchmarkSupport.report("backlog", stages(get(management, "/metrics"), round));
        } finally {
            stop(process);
        }
        if (round == 1 && Files.exists(jfr)) {
            BenchmarkSupport.report("backlog", JfrSummary.hotMethods(jfr, 15));
        }
        return run;
    }

    /**
     * Starts the packaged gateway on the user's mailbox with its own store and database, the harness's SMTP and keys, and
     * otherwise the gateway's defaults plus {@code overrides}; returns once it is ready.
     */
    private Process startGateway(Dovecot dovecot, String user, int management, Map<String, String> overrides, Path jfr) throws Exception {
        Map<String, String> env = new HashMap<>();
        harness.settings().asProperties().forEach((k, v) -> {
            if (((String) k).startsWith("intake.")) {
                env.put(Settings.environmentName((String) k), (String) v);
            }
        });
        // the harness's timers and its one consumer are for tests on GreenMail: the gateway's defaults here
        env.keySet().removeIf(k -> k.startsWith("INTAKE_OUTBOX_") || k.equals("INTAKE_IMAP_POLL_DELAY_MS") || k.equals("INTAKE_IMAP_CONSUMERS"));
        env.put("INTAKE_IMAP_HOST", "127.0.0.1");
        env.put("INTAKE_IMAP_PORT", String.valueOf(dovecot.port));
        env.put("INTAKE_IMAP_USERNAME", user);
        env.put("INTAKE_IMAP_PASSWORD", PASSWORD);
        env.put("INTAKE_MANAGEMENT_PORT", String.valueOf(management));
        env.put("INTAKE_STORE_DIR", dir.resolve(user + "-store").toString());
        env.put("INTAKE_DB_URL", "jdbc:h2:file:" + dir.resolve(user + "-db/intake").toAbsolutePath());
        env.putAll(overrides);
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", GC));
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-jar", JAR.toString(), "run"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile(user).toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> status(management, "/health/ready") == 200);
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
        return process;
    }

    /**
     * Acknowledgement latency with the gateway's default settings (poll every 5 s, IMAP IDLE on, outbox every 2 s) at one
     * message a second for a minute (benchmark.latency-messages), the same message mix, after a warm-up: from the message's
     * arrival in the INBOX to its reply's arrival at the SMTP server, as percentiles.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
    void acknowledgementLatencyAtOneMessageASecondWithDefaults() throws Exception {
        assumeTrue(Files.exists(JAR), "run after `mvn package`");
        workbooks = workbooks();
        int count = Integer.getInteger("benchmark.latency-messages", 60);
        try (Dovecot dovecot = Dovecot.withPassword(dir.resolve("dovecot"), PASSWORD)) {
            String user = "latency";
            int management = freePort();
            Process process = startGateway(dovecot, user, management, Map.of(), null);
            try {
                warmUp(dovecot, user);
                List<String> raws = messages(user, workbooks).subList(0, count);
                Map<String, Long> delivered = new ConcurrentHashMap<>();
                Map<String, Long> answered = new ConcurrentHashMap<>();
                Thread watcher = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        long now = System.nanoTime();
                        for (MimeMessage m : harness.mail.getReceivedMessages()) {
                            try {
                                answered.putIfAbsent(m.getAllRecipients()[0].toString(), now);
                            } catch (jakarta.mail.MessagingException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                watcher.start();
                long next = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                    delivered.put(sender(user, i), System.nanoTime());
                    dovecot.deliverAll(user, List.of(raws.get(i)));
                    next += 1_000_000_000L;
                }
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> delivered.keySet().stream().allMatch(answered::containsKey));
                watcher.interrupt();
                double[] seconds = delivered.entrySet().stream().mapToDouble(e -> (answered.get(e.getKey()) - e.getValue()) / 1e9).sorted().toArray();
                BenchmarkSupport.report("backlog", String.format(Locale.ROOT,
                        "latency with the gateway's default settings, %d messages of the backlog mix at 1/s after %d warm-up: "
                                + "p50 %.2f s, p95 %.2f s, max %.2f s; peak RSS %d MB%n", count, WARMUP, seconds[seconds.length / 2],
                        seconds[(int) Math.ceil(seconds.length * 0.95) - 1], seconds[seconds.length - 1], peakRssMb(process)));
            } finally {
                stop(process);
            }
        }
    }

    private Run drain(String contender, int round, Process process, Dovecot dovecot, String user, List<String> raws) throws Exception {
        Thread.sleep(1_000); // its first poll done and, for the gateway, IDLE entered
        warmUp(dovecot, user);
        double cpuStart = processCpuSeconds(process);
        double machineStart = machineBusySeconds();
        Map<String, Double> cpuBefore = cpuByThread(process);
        long start = System.nanoTime();
        dovecot.deliverAll(user, raws);
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(50)).until(() -> dovecot.count(user, "Processed") >= WARMUP + raws.size());
        double drained = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> replies(user) >= raws.size());
        double replied = (System.nanoTime() - start) / 1e9;
        double cpu = processCpuSeconds(process) - cpuStart;
        double machine = machineBusySeconds() - machineStart;
        BenchmarkSupport.report("backlog", cpuReport(contender, round, cpu, cpuBefore, cpuByThread(process), raws.size()));
        BenchmarkSupport.report("backlog", String.format(Locale.ROOT,
                "round %d %s machine while draining: cores busy %.1f s of %.1f s (%d cores x %.1f s); the contender %.1f s, everything else"
                        + " (Dovecot, the benchmark's SMTP server and driver, the kernel) %.1f s, %.0f ms per message%n",
                round, contender, machine, CORES * replied, CORES, replied, cpu, machine - cpu, (machine - cpu) * 1000 / raws.size()));
        return new Run(contender, round, drained, replied, peakRssMb(process));
    }

    /** WARMUP messages of the same mix, unmeasured, processed and answered, so the JIT has compiled what the measured part runs. */
    private void warmUp(Dovecot dovecot, String user) throws Exception {
        if (WARMUP == 0) {
            return;
        }
        dovecot.deliverAll(user, messages(user + "warm", workbooks).subList(0, WARMUP));
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> dovecot.count(user, "Processed") >= WARMUP);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> replies(user + "warm") >= WARMUP);
    }

    /** CPU seconds the whole process has used so far, threads that have ended included (/proc/PID/stat). */
    private static double processCpuSeconds(Process process) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) USER_HZ;
    }

    /** CPU seconds all cores have been busy so far, whoever used them: /proc/stat's first line less idle and I/O wait. */
    private static double machineBusySeconds() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i <= 8 && i < fields.length; i++) { // user nice system idle iowait irq softirq steal
            busy += i == 4 || i == 5 ? 0 : Long.parseLong(fields[i]);
        }
        return busy / (double) USER_HZ;
    }

    /** CPU seconds each thread of the process has used so far, by thread name as the kernel keeps it (15 characters). */
    private static Map<String, Double> cpuByThread(Process process) throws IOException {
        Map<String, Double> cpu = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) USER_HZ;
                    cpu.merge(name, seconds, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        }
        return cpu;
    }

    /** The process's CPU while draining, and the threads alive at the end that used most of it. */
    private static String cpuReport(String contender, int round, double total, Map<String, Double> before, Map<String, Double> after,
                                    int messages) {
        Map<String, Double> used = new HashMap<>();
        after.forEach((name, seconds) -> used.put(name, seconds - before.getOrDefault(name, 0.0)));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "round %d %s CPU while draining: %.1f s, %.0f ms per message; by thread:",
                round, contender, total, total * 1000 / messages));
        used.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .forEach(e -> out.append(String.format(Locale.ROOT, " %s %.1f s;", e.getKey(), e.getValue())));
        return out.append('\n').toString();
    }

    private int replies(String user) {
        int count = 0;
        for (MimeMessage m : harness.mail.getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().startsWith("applicant-" + user + "-")) {
                    count++;
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return count;
    }

    /** Mean time per message in each stage, from the gateway's own histograms. */
    private static String stages(String metrics, int round) {
        Pattern line = Pattern.compile("^intake_stage_duration_seconds_(sum|count)\\{[^}]*stage=\"([a-z]+)\"[^}]*} ([0-9.E+-]+)$",
                Pattern.MULTILINE);
        Map<String, double[]> byStage = new LinkedHashMap<>();
        Matcher m = line.matcher(metrics);
        while (m.find()) {
            double[] sumCount = byStage.computeIfAbsent(m.group(2), s -> new double[2]);
            sumCount[m.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(3));
        }
        StringBuilder out = new StringBuilder("round " + round + " gateway per-stage mean ms per message:");
        new TreeMap<>(byStage).forEach((stage, sc) -> out.append(String.format(Locale.ROOT, " %s %.1f", stage, sc[1] == 0 ? 0 : sc[0] * 1000 / sc[1])));
        return out.append('\n').toString();
    }

    private static long peakRssMb(Process process) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Each contender's output, kept after the run under target/benchmark-backlog-logs/. */
    private static Path logFile(String user) throws IOException {
        return Files.createDirectories(Path.of("target", "benchmark-backlog-logs")).resolve(user + ".log");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int status(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
