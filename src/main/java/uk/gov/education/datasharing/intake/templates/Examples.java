package uk.gov.education.datasharing.intake.templates;


import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import uk.gov.education.datasharing.intake.schema.Catalogue;

/**
 * Complete example submissions, written from the templates: SRS access to NPD data, and direct supply
 * under an exemption with the questionnaire and evidence. Dates are set from the day they are written,
 * so an example validates for some weeks after.
 */
public final class Examples {

    /** NPD items for the examples when no NPD catalogue has been imported (from the published layout). */
    static final Catalogue EXAMPLE_NPD = new Catalogue("NPD", "example", List.of(
            new Catalogue.Item("KS4_ATT8", "KS4", 5, "E", "2015/16 - "),
            new Catalogue.Item("KS4_FSM6", "KS4", 5, "C", "2005/06 - "),
            new Catalogue.Item("EthnicGroupMajor", "SC_Pupil", 5, "D", "2001/02 - "),
            new Catalogue.Item("UPN", "SC_Pupil", 2, "E", "2001/02 - ")));

    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d/M/uuuu");

    private Examples() {
    }

    /** A complete application for NPD data inside the ONS Secure Research Service. */
    public static Map<String, String> srsApplication(LocalDate today) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("applicant.name", "Dr Ada Researcher");
        a.put("applicant.job-title", "Senior lecturer");
        a.put("applicant.email", "ada@university.example.ac.uk");
        a.put("applicant.phone", "020 7946 0000");
        a.put("applicant.organisation", "University of Example");
        a.put("applicant.organisation-type", "University");
        a.put("applicant.ico-number", "Z1234567");
        a.put("applicant.responsible-name", "Prof B. Head");
        a.put("applicant.responsible-email", "b.head@university.example.ac.uk");
        a.put("project.title", "Attainment gaps at key stage 4");
        a.put("project.aims", "To measure how attainment gaps at key stage 4 changed between 2016 and 2019.");
        a.put("project.methodology", "Multilevel regression on pupil records.");
        a.put("project.public-benefit", "Evidence for targeting support to disadvantaged pupils.");
        a.put("project.outputs", "Journal articles and a policy briefing.");
        a.put("project.audience", "Researchers and policy makers.");
        a.put("project.funding", "ESRC");
        a.put("project.commissioned", "No");
        a.put("project.ethics-body", "University research ethics committee");
        a.put("project.ethics-reference", "ETH-2026-001");
        a.put("lawful-basis.article-6", "6(1)(e)");
        a.put("lawful-basis.special-category", "Yes");
        a.put("lawful-basis.article-9", "9(2)(j)");
        a.put("lawful-basis.schedule-1", "Schedule 1, Part 1, paragraph 4 (research)");
        a.put("data.sources", "NPD");
        a.put("data.datasets", "NPD");
        a.put("data.years", "2015/16 to 2018/19");
        a.put("data.linking", "No");
        a.put("data.linking-details", "N/A");
        a.put("data.needed-by", today.plusMonths(2).format(UK_DATE));
        a.put("access.route", "ONS Secure Research Service");
        a.put("access.researchers", "Ada Researcher (ONS accredited researcher 12345)");
        a.put("access.exemption", "N/A");
        a.put("access.exemption-evidence", "N/A");
        a.put("access.other-organisations", "N/A");
        a.put("access.storage-location", "N/A");
        a.put("access.retention-end", "N/A");
        a.put("access.destruction-method", "N/A");
        a.put("declaration.name", "Ada Researcher");
        a.put("declaration.role", "Principal investigator");
        a.put("declaration.date", today.format(UK_DATE));
        return a;
    }

    /** A complete application for direct supply under the essential public task exemption. */
    public static Map<String, String> directSupplyApplication(LocalDate today) {
        Map<String, String> a = srsApplication(today);
        a.put("applicant.organisation", "Example County Council");
        a.put("applicant.organisation-type", "Local authority");
        a.put("project.title", "Planning school places");
        a.put("access.route", "Direct supply");
        a.put("access.researchers", "N/A");
        a.put("access.exemption", "Essential public task");
        a.put("access.exemption-evidence", "Statutory duty to secure sufficient school places (Education Act 1996, section 14).");
        a.put("access.other-organisations", "Example Analytics Ltd (processor: analysis)");
        a.put("access.storage-location", "Council data centre, England");
        a.put("access.retention-end", today.plusYears(3).format(UK_DATE));
        a.put("access.destruction-method", "Secure deletion with a destruction certificate");
        return a;
    }

    /** A complete questionnaire: every answer Yes. */
    public static Map<String, String> questionnaire() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("isq.applicant", "Ada Researcher");
        a.put("isq.organisation", "Example County Council");
        a.put("isq.responsible-individual", "Prof B. Head");
        a.put("isq.receiver", "Ada Researcher");
        a.put("isq.security-officer", "C. Secure");
        a.put("isq.security-officer-email", "security@council.example.gov.uk");
        for (int q = 1; q <= 10; q++) {
            a.put(String.format("isq.q%02d", q), "Yes");
        }
        return a;
    }

    /** A one-page PDF with the given lines, as evidence documents are. */
    public static byte[] pdf(String... lines) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(50, 720);
                for (String line : lines) {
                    content.showText(line);
                    content.newLineAtOffset(0, -16);
                }
                content.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }
}
