package uk.gov.education.datasharing.intake.schema;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of the cross-document rules, kept in schemas/rules.yaml so the team can change them:
 * how far ahead the data-needed date may be, which identifiability levels need direct supply, which
 * sensitivity levels can never be requested or need an Article 9 condition, which items are full
 * addresses, and how many similar problems are listed before they are grouped. {@code answers} names the
 * form fields the rules read and {@code workbookSources} the sources that come with a workbook; both are
 * checked against the form at load, so a renamed field stops start-up instead of switching a rule off.
 */
public record RuleParameters(int dataNeededMaxMonthsAhead, List<Integer> identifiabilityNeedsDirectSupply,
                             List<String> sensitivityNeverSupplied,
                             @JsonProperty("sensitivity-needs-article-9") List<String> sensitivityNeedsArticle9,
                             List<String> fullAddressItems, int listBeforeGrouping, Answers answers, List<String> workbookSources) {
    public RuleParameters {
        identifiabilityNeedsDirectSupply = copy(identifiabilityNeedsDirectSupply);
        sensitivityNeverSupplied = copy(sensitivityNeverSupplied);
        sensitivityNeedsArticle9 = copy(sensitivityNeedsArticle9);
        fullAddressItems = copy(fullAddressItems);
        workbookSources = copy(workbookSources);
    }

    /**
     * The application-form fields the rules rely on, by what they mean, and the access-route answer that
     * means direct supply.
     */
    public record Answers(String accessRoute, String directSupply, String otherOrganisations, String dataNeededBy, String dataSources,
                          String datasets, @JsonProperty("article-9") String article9) {
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
