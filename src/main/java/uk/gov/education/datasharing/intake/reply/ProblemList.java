package uk.gov.education.datasharing.intake.reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import uk.gov.education.datasharing.intake.model.Defect;

/**
 * Problems as an error summary: per document, one line per problem saying where, what is wrong and how to
 * fix it; beyond a set number, workbook rows with the same problem are counted, not listed ("and 37 more
 * rows like this in sheet KS4").
 */
public final class ProblemList {

    /** One document's lines. */
    public record Section(String document, List<String> lines) {
    }

    private ProblemList() {
    }

    public static List<Section> sections(List<Defect> problems, int listBeforeGrouping) {
        Map<String, Map<String, List<Defect>>> byDocument = new LinkedHashMap<>();
        for (Defect d : problems) {
            String document = d.document().isEmpty() ? "Your email" : d.document();
            byDocument.computeIfAbsent(document, k -> new LinkedHashMap<>()).computeIfAbsent(d.code(), k -> new ArrayList<>()).add(d);
        }
        List<Section> sections = new ArrayList<>();
        byDocument.forEach((document, byCode) -> {
            List<String> lines = new ArrayList<>();
            byCode.values().forEach(same -> {
                // only rows of a workbook are counted; every form field is named, since the applicant must find each one
                boolean rows = same.stream().allMatch(d -> d.location().startsWith("sheet "));
                int shown = rows && same.size() > listBeforeGrouping ? listBeforeGrouping - 1 : same.size();
                for (Defect d : same.subList(0, Math.max(1, shown))) {
                    lines.add(line(d));
                }
                int rest = same.size() - Math.max(1, shown);
                if (rest > 0) {
                    lines.add("and " + rest + " more rows like this" + sheets(same.subList(Math.max(1, shown), same.size())));
                }
            });
            sections.add(new Section(document, lines));
        });
        return sections;
    }

    static String line(Defect d) {
        return (d.location().isEmpty() ? "" : d.location() + ": ") + d.message() + (d.fix().isEmpty() ? "" : " " + d.fix());
    }

    private static String sheets(List<Defect> rest) {
        Set<String> sheets = new TreeSet<>();
        for (Defect d : rest) {
            int comma = d.location().indexOf(", cell ");
            sheets.add(comma < 0 ? d.location().substring(6) : d.location().substring(6, comma));
        }
        return sheets.size() == 1 ? " in sheet " + sheets.iterator().next() : " in sheets " + String.join(", ", sheets);
    }
}
