package uk.gov.education.datasharing.intake;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.gov.education.datasharing.intake.model.CaseReference;
import uk.gov.education.datasharing.intake.model.CaseStatus;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.FileCheck;
import uk.gov.education.datasharing.intake.model.Outcome;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.model.ReviewStatus;
import uk.gov.education.datasharing.intake.store.Cases;
import uk.gov.education.datasharing.intake.store.TeamWork;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team's queue page with 10,000 cases on PostgreSQL: server time per page as the browser sees it (HTTP on loopback,
 * sequential), for the default queue, filtered queues and deep pages, and the case page. Reported as percentiles;
 * run with {@code mvn -B verify -Pbenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=WorkspaceBenchmark}.
 */
class WorkspaceBenchmark {

    static final int CASES = 10_000;
    static final int REQUESTS = 500;

    @TempDir
    Path dir;

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
    void queuePagesWithTenThousandCasesOnPostgres() throws Exception {
        try (WorkspaceFixture ws = new WorkspaceFixture(dir, true, Duration.ofMinutes(30))) {
            long seeding = System.nanoTime();
            List<String> references = seed(ws);
            double seeded = (System.nanoTime() - seeding) / 1e9;
            WebClient browser = new WebClient(ws.address());
            ws.nextSignIn("bench", List.of("team"));
            browser.get("/sign-in/start");
            Random random = new Random(3);
            for (int i = 0; i < 200; i++) {
                browser.get("/queues/new?page=" + (1 + random.nextInt(50)));
            }
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s workspace, %d cases on PostgreSQL (seeded in %.1f s), %d requests each%n",
                    Instant.now(), CASES, seeded, REQUESTS));
            out.append(measure(browser, "queue new, page 1", i -> "/queues/new"));
            out.append(measure(browser, "queue new, random page", i -> "/queues/new?page=" + (1 + random.nextInt(240))));
            out.append(measure(browser, "queue new, filtered (outcome, older than 30 days)", i -> "/queues/new?outcome=ACCEPTED&older=30"));
            out.append(measure(browser, "queue closed, assigned to me", i -> "/queues/closed?mine=yes"));
            out.append(measure(browser, "case page", i -> "/cases/" + references.get(random.nextInt(references.size()))));
            BenchmarkSupport.report("workspace", out.toString());
        }
    }

    interface PathFor {
        String path(int i);
    }

    private static String measure(WebClient browser, String what, PathFor path) throws Exception {
        long[] nanos = new long[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            String p = path.path(i);
            long start = System.nanoTime();
            WebClient.Page page = browser.get(p);
            nanos[i] = System.nanoTime() - start;
            assertThat(page.status()).as(p).isEqualTo(200);
        }
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "  %-52s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", what,
                nanos[REQUESTS / 2] / 1e6, nanos[REQUESTS * 95 / 100] / 1e6, nanos[REQUESTS * 99 / 100] / 1e6, nanos[REQUESTS - 1] / 1e6);
    }

    /** 10,000 cases through the case index's own code: a realistic mix of outcomes, review states and ages, three files each. */
    private static List<String> seed(WorkspaceFixture ws) throws Exception {
        Cases cases = new Cases(ws.sealer);
        TeamWork work = new TeamWork(ws.sealer);
        Random random = new Random(10);
        List<String> references = new ArrayList<>();
        Outcome[] outcomes = {Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.DEFECTS, Outcome.DEFECTS, Outcome.ENQUIRY,
                Outcome.REDIRECTED, Outcome.RECEIVED};
        for (int batch = 0; batch < CASES / 500; batch++) {
            ws.sql(c -> {
                for (int i = 0; i < 500; i++) {
                    String reference = CaseReference.generate(random).value();
                    boolean quarantined = random.nextInt(40) == 0;
                    Outcome outcome = quarantined ? Outcome.QUARANTINED : outcomes[random.nextInt(outcomes.length)];
                    Instant at = ws.clock.instant().minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
                    cases.open(c, reference, "applicant" + random.nextInt(5000) + "@university" + random.nextInt(200) + ".example",
                            quarantined ? CaseStatus.QUARANTINED : CaseStatus.OPEN, outcome, List.of(), at);
                    List<ReceivedFile> files = new ArrayList<>();
                    for (int f = 0; f < 3; f++) {
                        files.add(new ReceivedFile(f, "1." + (f + 1), "file" + f + ".docx", "file" + f + ".docx", "application/octet-stream",
                                10_000 + random.nextInt(1_000_000), String.format(Locale.ROOT, "%064x", random.nextLong() & Long.MAX_VALUE), "",
                                new FileCheck("docx", DocumentKind.APPLICATION_FORM, "template", FileCheck.Scan.NOT_SCANNED, FileCheck.Verdict.ACCEPTED)));
                    }
                    cases.addSubmission(c, reference, String.format(Locale.ROOT, "%064x", random.nextLong() & Long.MAX_VALUE), 100_000,
                            "0".repeat(64), at, files, List.of());
                    int r = random.nextInt(10);
                    if (r < 3) {
                        ReviewStatus status = ReviewStatus.values()[1 + random.nextInt(ReviewStatus.values().length - 1)];
                        work.setStatus(c, reference, status, status == ReviewStatus.AT_PANEL ? java.time.LocalDate.of(2027, 3, 27) : null,
                                "seed", at);
                        work.assign(c, reference, random.nextBoolean() ? "bench" : "someone", "seed", at);
                    }
                    references.add(reference);
                }
                return null;
            });
        }
        return references;
    }
}
