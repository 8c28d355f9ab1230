package uk.gov.education.datasharing.intake.inspect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.google.re2j.Pattern;

import uk.gov.education.datasharing.intake.model.DocumentKind;
import uk.gov.education.datasharing.intake.model.WhiteSpace;

/**
 * Recognises what a document is from its content, strongest evidence first: the project's own template
 * property ({@code DfEDocumentKind}), content-control tags, the data-table structure ("NPD Alias" header
 * rows with the applicant's request column), then headings and opening text. The file name is used only
 * when the content says nothing, and the result then says so (docs/adr/0008).
 */
public final class DocumentClassifier {

    private static final String KIND_PROPERTY = DocumentKind.TEMPLATE_PROPERTY;
    private static final String VERSION_PROPERTY = DocumentKind.TEMPLATE_VERSION_PROPERTY;

    /** Content-control tags are field ids; an application-form field id starts with one of its sections. */
    static final Set<String> APPLICATION_SECTIONS = Set.of("applicant", "project", "lawful-basis", "data", "access", "declaration");
    static final String QUESTIONNAIRE_PREFIX = "isq";
    private static final int TAGS_NEEDED = 3;
    private static final Set<String> APPLICATION_HEADINGS = Set.of("applicant", "project", "lawful basis", "data", "access",
            "declaration");
    private static final int HEADINGS_NEEDED = 4;
    private static final int OPENING = 40;

    // linear-time patterns: they see the sender's text and file names
    private static final Pattern SECTION_END = Pattern.compile("[./:]");
    private static final Pattern NUMBERING = Pattern.compile("^(section )?\\d+[.:)]?\\s*");
    private static final Pattern BPSS = Pattern.compile("\\bbpss\\b");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern QUESTIONNAIRE_NAME = words("isq|security questionnaire");
    private static final Pattern AGREEMENT_NAME = words("dsa|data sharing agreement");
    private static final Pattern EVIDENCE_NAME = words("bpss|vetting|background check|background checks|dbs");
    private static final Pattern NPD_NAME = words("npd");
    private static final Pattern TABLES_NAME = words("data tables?|xlsx");
    private static final Pattern FORM_NAME = words("application form");

    public record Recognition(DocumentKind kind, String by) {
    }

    public Recognition classify(ContentFacts facts, String fileName) {
        Optional<DocumentKind> declared = DocumentKind.fromId(facts.properties().get(KIND_PROPERTY));
        if (declared.isPresent()) {
            String version = facts.properties().getOrDefault(VERSION_PROPERTY, "");
            return new Recognition(declared.get(), "template" + (version.isBlank() ? "" : " version " + version));
        }
        Optional<DocumentKind> tagged = byTags(facts.tags());
        if (tagged.isPresent()) {
            return new Recognition(tagged.get(), "form fields");
        }
        if (!facts.tableHeaders().isEmpty()) {
            String source = facts.tableHeaders().iterator().next();
            return new Recognition(DocumentKind.valueOf("DATA_TABLES_" + source), "data-table layout");
        }
        Optional<DocumentKind> written = byText(facts.paragraphs());
        if (written.isPresent()) {
            return new Recognition(written.get(), "headings");
        }
        return byName(fileName).map(kind -> new Recognition(kind, "file name only"))
                .orElse(new Recognition(DocumentKind.OTHER, ""));
    }

    private static Optional<DocumentKind> byTags(Set<String> tags) {
        int application = 0;
        int questionnaire = 0;
        for (String tag : tags) {
            String section = SECTION_END.split(tag.toLowerCase(Locale.ROOT), 2)[0];
            if (APPLICATION_SECTIONS.contains(section)) {
                application++;
            } else if (section.equals(QUESTIONNAIRE_PREFIX)) {
                questionnaire++;
            }
        }
        if (questionnaire >= TAGS_NEEDED && questionnaire >= application) {
            return Optional.of(DocumentKind.SECURITY_QUESTIONNAIRE);
        }
        return application >= TAGS_NEEDED ? Optional.of(DocumentKind.APPLICATION_FORM) : Optional.empty();
    }

    private static Optional<DocumentKind> byText(List<String> paragraphs) {
        List<String> lower = paragraphs.stream().map(p -> WhiteSpace.collapsed(p.toLowerCase(Locale.ROOT), " ")).toList();
        String opening = String.join("\n", lower.subList(0, Math.min(OPENING, lower.size())));
        if (opening.contains("ministry of justice") && (opening.contains("data first") || opening.contains("application"))) {
            return Optional.of(DocumentKind.MOJ_APPLICATION_FORM);
        }
        if (opening.contains("commissioned research") && (opening.contains("contract") || opening.contains("form"))) {
            return Optional.of(DocumentKind.COMMISSIONED_RESEARCH_FORM);
        }
        if (opening.contains("information security questionnaire")) {
            return Optional.of(DocumentKind.SECURITY_QUESTIONNAIRE);
        }
        long headings = lower.stream().map(p -> NUMBERING.matcher(p).replaceFirst("")).filter(APPLICATION_HEADINGS::contains)
                .distinct().count();
        if (headings >= HEADINGS_NEEDED) {
            return Optional.of(DocumentKind.APPLICATION_FORM);
        }
        if (opening.contains("data sharing agreement")) {
            return Optional.of(DocumentKind.DATA_SHARING_AGREEMENT);
        }
        if (opening.contains("baseline personnel security standard") || BPSS.matcher(opening).find()
                || opening.contains("background check") || opening.contains("disclosure and barring")
                || opening.contains("security vetting")) {
            return Optional.of(DocumentKind.BACKGROUND_CHECK_EVIDENCE);
        }
        return Optional.empty();
    }


    /** Whether a name (letters, digits and single spaces) has one of the pattern's alternatives as whole words. */
    private static boolean word(String name, Pattern words) {
        return words.matcher(name).find();
    }

    private static Pattern words(String alternatives) {
        return Pattern.compile("\\b(" + alternatives + ")\\b");
    }

    private static Optional<DocumentKind> byName(String fileName) {
        String name = NOT_ALPHANUMERIC.matcher(fileName.toLowerCase(Locale.ROOT)).replaceAll(" ");
        if (word(name, QUESTIONNAIRE_NAME)) {
            return Optional.of(DocumentKind.SECURITY_QUESTIONNAIRE);
        }
        if (word(name, AGREEMENT_NAME)) {
            return Optional.of(DocumentKind.DATA_SHARING_AGREEMENT);
        }
        if (word(name, EVIDENCE_NAME)) {
            return Optional.of(DocumentKind.BACKGROUND_CHECK_EVIDENCE);
        }
        if (word(name, NPD_NAME) && word(name, TABLES_NAME)) {
            return Optional.of(DocumentKind.DATA_TABLES_NPD);
        }
        if (word(name, FORM_NAME)) {
            return Optional.of(DocumentKind.APPLICATION_FORM);
        }
        return Optional.empty();
    }
}
