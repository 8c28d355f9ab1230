package uk.gov.education.datasharing.intake.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service handles each dataset: the DfE data sharing service ({@code dfe}), or another body the
 * applicant is redirected to ({@code ons-ras}, {@code moj}, ...), with the redirect's wording; and which
 * documents, when sent, mean the applicant should apply elsewhere.
 */
public record Routing(List<Dataset> datasets, Map<String, Redirect> redirects, Map<String, String> documentRoutes) {

    public static final String DFE = "dfe";

    /**
     * @param documentRoutes document kinds (ids, e.g. {@code moj-application-form}) that belong to another
     *                       body, each with the key of its redirect
     */
    public Routing {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        redirects = redirects == null ? Map.of() : Map.copyOf(redirects);
        documentRoutes = documentRoutes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(documentRoutes));
    }

    /** A dataset an applicant may name; {@code names} are the spellings recognised in answers. */
    public record Dataset(String id, List<String> names, String route) {
        public Dataset {
            names = names == null ? List.of() : List.copyOf(names);
        }
    }

    /** Where to send the applicant instead, and what to say. */
    public record Redirect(String to, String message, String link) {
    }

    public Optional<Dataset> dataset(String answer) {
        String wanted = answer.trim().toLowerCase(java.util.Locale.ROOT);
        return datasets.stream()
                .filter(d -> d.id().equalsIgnoreCase(wanted) || d.names().stream().anyMatch(n -> n.equalsIgnoreCase(wanted)))
                .findFirst();
    }
}
