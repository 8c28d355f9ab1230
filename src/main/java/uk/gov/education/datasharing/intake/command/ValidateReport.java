package uk.gov.education.datasharing.intake.command;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.ProblemCode;
import uk.gov.education.datasharing.intake.pipeline.Decision;
import uk.gov.education.datasharing.intake.reply.ProblemList;

/** What {@code validate} prints for a decision: a GOV.UK-style summary for people, or JSON for machines. */
final class ValidateReport {

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

    static Map<String, Object> of(Decision decision) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", outcome(decision));
        result.put("problems", problems(decision));
        result.put("redirects", redirects(decision).stream().map(r -> Map.of("to", r.location(), "message", r.message(), "link", r.fix()))
                .toList());
        return result;
    }

    static void print(PrintStream out, Decision decision, int listBeforeGrouping) {
        List<Defect> problems = problems(decision);
        switch (outcome(decision)) {
            case "VALID" -> out.println("This submission is complete." + (problems.isEmpty() ? "" : " (Warnings below.)"));
            case "UNSAFE" -> out.println("We could not check this submission: a file could be unsafe.");
            case "ENQUIRY" -> out.println("We could not check this submission: none of the files is an application document.");
            case "REDIRECTED" -> out.println("This request is not for the DfE data sharing service.");
            default -> out.println("There is a problem with this submission.");
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
