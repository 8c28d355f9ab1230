package uk.gov.education.datasharing.intake.validate;

import java.util.LinkedHashMap;
import java.util.Map;

/** Complete answers for the schemas' forms, to be changed one answer at a time by tests. */
public final class Forms {

    private Forms() {
    }

    /** A complete application for NPD data in the ONS Secure Research Service. */
    public static Map<String, String> srsApplication() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("applicant.name", "Dr Ada Researcher");
        a.put("applicant.job-title", "Senior lecturer");
        a.put("applicant.email", "ada@university.ac.uk");
        a.put("applicant.phone", "020 7946 0000");
        a.put("applicant.organisation", "University of Example");
        a.put("applicant.organisation-type", "University");
        a.put("applicant.ico-number", "Z1234567");
        a.put("applicant.responsible-name", "Prof B. Head");
        a.put("applicant.responsible-email", "b.head@university.ac.uk");
        a.put("project.title", "Attainment gaps at key stage 4");
        a.put("project.aims", "To measure attainment gaps.");
        a.put("project.methodology", "Regression on pupil records.");
        a.put("project.public-benefit", "Better targeted support.");
        a.put("project.outputs", "Journal articles.");
        a.put("project.audience", "Policy makers.");
        a.put("project.funding", "ESRC");
        a.put("project.commissioned", "No");
        a.put("project.ethics-body", "University ethics committee");
        a.put("project.ethics-reference", "ETH-2026-001");
        a.put("lawful-basis.article-6", "6(1)(e)");
        a.put("lawful-basis.special-category", "Yes");
        a.put("lawful-basis.article-9", "9(2)(j)");
        a.put("lawful-basis.schedule-1", "Paragraph 4, research");
        a.put("data.sources", "NPD");
        a.put("data.datasets", "NPD");
        a.put("data.years", "2015/16 to 2018/19");
        a.put("data.linking", "No");
        a.put("data.linking-details", "N/A");
        a.put("data.needed-by", "1/2/2027");
        a.put("access.route", "ONS Secure Research Service");
        a.put("access.researchers", "Ada Researcher (ONS 12345)");
        a.put("access.exemption", "N/A");
        a.put("access.exemption-evidence", "N/A");
        a.put("access.other-organisations", "N/A");
        a.put("access.storage-location", "N/A");
        a.put("access.retention-end", "N/A");
        a.put("access.destruction-method", "N/A");
        a.put("declaration.name", "Ada Researcher");
        a.put("declaration.role", "Principal investigator");
        a.put("declaration.date", "20/11/2026");
        return a;
    }

    /** A complete questionnaire, all Yes. */
    public static Map<String, String> questionnaire() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("isq.applicant", "Ada Researcher");
        a.put("isq.organisation", "University of Example");
        a.put("isq.responsible-individual", "Prof B. Head");
        a.put("isq.receiver", "Ada Researcher");
        a.put("isq.security-officer", "C. Secure");
        a.put("isq.security-officer-email", "security@university.ac.uk");
        for (String q : new String[] {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10"}) {
            a.put("isq.q" + q, "Yes");
        }
        return a;
    }
}
