package uk.gov.education.datasharing.intake.command;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.model.ReceivedFile;
import uk.gov.education.datasharing.intake.pipeline.Decision;
import uk.gov.education.datasharing.intake.reply.ProblemList;

/** What {@code validate} prints for a decision: a GOV.UK-style summary for people, or JSON for machines. */
final class ValidateReport {

    private static final Set<String> DAMAGED = Set.of(ProblemCode.FILE_DAMAGED.name(), ProblemCode.FILE_UNREADABLE.name(),
            ProblemCode.ARCHIVE_UNREADABLE.name());

    private ValidateReport() {
    }

    /** The outcome as {@code validate} names it: VALID and UNSAFE for ACCEPTED and QUARANTINED, the rest as they are. */
    static String outcome(Decision decision) {
        return switch (decision.outcome()) {
            case ACCEPTED -> "VALID";
            case QUARANTINED -> "UNSAFE";
            default -> decision.outcome().name();
        };
    }

    static Map<String, Object> of(Decision decision, List<ReceivedFile> files) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", outcome(decision));
        result.put("files", files.stream().map(f -> file(f, decision)).toList());
        result.put("problems", problems(decision));
        result.put("redirects", redirects(decision).stream().map(r -> Map.of("to", r.location(), "message", r.message(), "link", r.fix()))
                .toList());
        return result;
    }

    /** One file as the gateway judged it: where it was found, what it is by content, the verdict, the scan, its findings. */
    private static Map<String, Object> file(ReceivedFile file, Decision decision) {
        List<Defect> findings = findingsOf(file, decision);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", file.safeName());
        entry.put("foundIn", foundIn(file));
        entry.put("size", file.size());
        entry.put("sha256", file.sha256());
        entry.put("detectedType", file.check().detectedType());
        entry.put("kind", file.check().kind().id());
        entry.put("recognisedBy", file.check().recognisedBy());
        entry.put("verdict", verdict(file, findings));
        entry.put("scan", file.check().scan().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        entry.put("findings", findings.stream().map(d -> Map.of("code", d.code(), "message", d.message())).toList());
        return entry;
    }

    private static String foundIn(ReceivedFile file) {
        return file.container().isEmpty() ? "attached" : file.container();
    }

    /** accepted, not accepted, unsafe, damaged, or archive (a zip whose files are listed after it). */
    static String verdict(ReceivedFile file, List<Defect> findings) {
        return switch (file.check().verdict()) {
            case ACCEPTED -> "accepted";
            case UNSAFE -> "unsafe";
            case ARCHIVE -> "archive";
            case UNCHECKED -> "not checked";
            case NOT_ACCEPTED -> findings.stream().anyMatch(d -> DAMAGED.contains(d.code())) ? "damaged" : "not accepted";
        };
    }

    private static List<Defect> findingsOf(ReceivedFile file, Decision decision) {
        return decision.findings().stream().filter(d -> d.document().equals(file.safeName()) && d.location().equals(file.container())).toList();
    }

    static void print(PrintStream out, Decision decision, List<ReceivedFile> files, int listBeforeGrouping) {
        List<Defect> problems = problems(decision);
        switch (outcome(decision)) {
            case "VALID" -> out.println("This submission is complete." + (problems.isEmpty() ? "" : " (Warnings below.)"));
            case "UNSAFE" -> out.println("We could not check this submission: a file could be unsafe.");
            case "ENQUIRY" -> out.println("We could not check this submission: none of the files is an application document.");
            case "REDIRECTED" -> out.println("This request is not for the DfE data sharing service.");
            default -> out.println("There is a problem with this submission.");
        }
        out.println();
        out.println("Files");
        for (ReceivedFile file : files) {
            String kind = file.check().kind() == DocumentKind.OTHER ? "" : ", " + file.check().kind().label();
            out.println("  - " + file.safeName() + (file.container().isEmpty() ? "" : " (" + file.container() + ")") + ": "
                    + verdict(file, findingsOf(file, decision)) + kind);
        }
        for (Defect redirect : redirects(decision)) {
            out.println();
            out.println("Apply to " + redirect.location() + ": " + redirect.message() + (redirect.fix().isEmpty() ? "" : " " + redirect.fix()));
        }
        for (ProblemList.Section section : ProblemList.sections(problems, listBeforeGrouping)) {
            out.println();
            out.println(section.document());
            section.lines().forEach(line -> out.println("  - " + line));
        }
    }

    private static List<Defect> problems(Decision decision) {
        return decision.findings().stream().filter(d -> !d.code().equals(ProblemCode.REDIRECT.name())).toList();
    }

    private static List<Defect> redirects(Decision decision) {
        return decision.findings().stream().filter(d -> d.code().equals(ProblemCode.REDIRECT.name())).toList();
    }
}
