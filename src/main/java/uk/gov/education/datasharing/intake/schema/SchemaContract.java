package uk.gov.education.datasharing.intake.schema;

import java.util.Map;
import java.util.Optional;

import uk.gov.education.datasharing.intake.model.DocumentKind;

/**
 * What the code relies on in the schemas, checked once they are read: the form fields the rules read
 * (rules.yaml {@code answers}) exist, the direct-supply answer and the workbook sources are values of their
 * fields, and every redirect a document or dataset points to exists. A rename in one file that the others
 * do not follow stops start-up with the file, line and field, instead of silently switching a rule off.
 */
final class SchemaContract {

    private SchemaContract() {
    }

    static void check(FormSchema form, RuleParameters rules, Routing routing, ProblemTexts.LineFinder rulesLines,
                      ProblemTexts.LineFinder routingLines) {
        RuleParameters.Answers answers = rules.answers();
        if (answers == null) {
            throw new SchemaException(Schemas.RULES, 0, "answers", "missing: the form fields the rules read");
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("access-route", answers.accessRoute());
        fields.put("other-organisations", answers.otherOrganisations());
        fields.put("data-needed-by", answers.dataNeededBy());
        fields.put("data-sources", answers.dataSources());
        fields.put("datasets", answers.datasets());
        fields.put("article-9", answers.article9());
        fields.forEach((role, id) -> field(form, id, "answers." + role, rulesLines.of(role)));
        value(form, answers.accessRoute(), answers.directSupply(), "answers.direct-supply", rulesLines.of("direct-supply"));
        if (rules.workbookSources().isEmpty()) {
            throw new SchemaException(Schemas.RULES, 0, "workbook-sources", "missing: the data sources that come as workbooks");
        }
        for (String source : rules.workbookSources()) {
            value(form, answers.dataSources(), source, "workbook-sources", rulesLines.of("workbook-sources"));
        }
        routing.documentRoutes().forEach((kind, route) -> {
            if (DocumentKind.fromId(kind).isEmpty()) {
                throw new SchemaException(Schemas.ROUTING, routingLines.of(kind), "document-routes." + kind, "not a document kind");
            }
            if (!routing.redirects().containsKey(route)) {
                throw new SchemaException(Schemas.ROUTING, routingLines.of(kind), "document-routes." + kind,
                        "route '" + route + "' has no redirect");
            }
        });
    }

    private static FormSchema.Field field(FormSchema form, String id, String role, int line) {
        if (id == null || id.isBlank()) {
            throw new SchemaException(Schemas.RULES, line, role, "missing");
        }
        Optional<FormSchema.Field> field = form.field(id);
        if (field.isEmpty()) {
            throw new SchemaException(Schemas.RULES, line, role, Schemas.APPLICATION_FORM + " has no field '" + id + "'");
        }
        return field.get();
    }

    private static void value(FormSchema form, String fieldId, String value, String role, int line) {
        FormSchema.Field field = form.field(fieldId).orElseThrow();
        if (value == null || field.values().stream().noneMatch(v -> v.equalsIgnoreCase(value))) {
            throw new SchemaException(Schemas.RULES, line, role,
                    "'" + value + "' is not one of the values of " + fieldId + " in " + Schemas.APPLICATION_FORM + " " + field.values());
        }
    }
}
