package uk.gov.education.datasharing.intake.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.gov.education.datasharing.intake.model.Defect;
import uk.gov.education.datasharing.intake.model.Defect.Severity;
import uk.gov.education.datasharing.intake.schema.Catalogue;
import uk.gov.education.datasharing.intake.schema.Schemas;

/**
 * The data tables: at least one item requested; years given for every requested item and within the
 * years it is populated; identifiability 1 or 2 only under direct supply; sensitivity A never; full
 * addresses never into SRS; sensitivity D only with an Article 9 condition; each source ticked in the form
 * has its workbook and each workbook is ticked; items the catalogue does not know are flagged, and so are
 * classifications that differ from the catalogue's.
 */
public final class DataTableRules implements Rule {

    static final String SOURCES = "data.sources";
    static final String ARTICLE_9 = "lawful-basis.article-9";
    private static final Pattern ALIAS_SUFFIX = Pattern.compile("_?\\[.*$");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*/\\s*(\\d{2,4})|\\b(\\d{4})\\b");

    @Override
    public void check(Submission submission, Schemas schemas, List<Defect> problems) {
        boolean direct = submission.form().map(f -> f.is(DirectSupply.ROUTE, DirectSupply.DIRECT)).orElse(false);
        boolean article9 = submission.form().flatMap(f -> f.answer(ARTICLE_9)).filter(a -> !Answers.isNotApplicable(a)).isPresent();
        int requested = 0;
        Set<String> attached = new HashSet<>();
        for (DataTables tables : submission.tables()) {
            attached.add(tables.source());
            if (tables.truncated()) {
                problems.add(new Defect("TOO_MANY_ROWS_REQUESTED", Severity.ERROR, tables.document(), "", String.valueOf(tables.requested().size()),
                        "More rows are marked as required than we check (" + tables.requested().size() + "); we checked the first ones only.",
                        "Ask for fewer items, or email us to discuss a request this large."));
            }
            requested += tables.requested().size();
            Optional<Catalogue> catalogue = schemas.catalogue(tables.source());
            for (DataTables.RequestedItem item : tables.requested()) {
                String where = "sheet " + item.sheet() + ", cell " + item.cell();
                Optional<Catalogue.Item> known = catalogue.flatMap(c -> c.item(item.alias()));
                // Without a catalogue, a row whose classification cells are empty was not written by the publisher
                boolean added = catalogue.isEmpty() && item.identifiability().isBlank() && item.sensitivity().isBlank();
                if (catalogue.isPresent() && known.isEmpty() || added) {
                    problems.add(defect("UNKNOWN_ITEM", Severity.ERROR, tables, where, item.alias(),
                            "We do not know the data item " + item.alias() + ".",
                            "Request only items listed in the current data tables, or ask us about the item in your email."));
                }
                String identifiability = known.map(k -> String.valueOf(k.identifiability())).orElse(item.identifiability().strip());
                String sensitivity = known.map(Catalogue.Item::sensitivity).orElse(item.sensitivity().strip()).toUpperCase(Locale.ROOT);
                if (known.isPresent() && (!item.identifiability().isBlank() && !item.identifiability().strip().equals(identifiability)
                        || !item.sensitivity().isBlank() && !item.sensitivity().strip().equalsIgnoreCase(sensitivity))) {
                    problems.add(defect("CLASSIFICATION_DIFFERS", Severity.WARNING, tables, where, item.alias(),
                            "The workbook's identifiability or sensitivity for " + item.alias() + " differs from the current data tables.",
                            "Use the current edition of the data tables."));
                }
                years(tables, item, where, known.map(Catalogue.Item::yearsPopulated).orElse(item.yearsPopulated()), schemas, problems);
                if (schemas.rules().identifiabilityNeedsDirectSupply().stream().anyMatch(i -> String.valueOf(i).equals(identifiability))
                        && !direct) {
                    problems.add(defect("IDENTIFIABLE_NEEDS_DIRECT_SUPPLY", Severity.ERROR, tables, where, item.alias(),
                            item.alias() + " identifies people (identifiability " + identifiability + "), so it is only supplied directly under an exemption.",
                            "Remove " + item.alias() + ", or apply for direct supply under an exemption."));
                }
                if (schemas.rules().sensitivityNeverSupplied().stream().anyMatch(s -> s.equalsIgnoreCase(sensitivity))) {
                    problems.add(defect("NEVER_SUPPLIED", Severity.ERROR, tables, where, item.alias(),
                            item.alias() + " is never supplied outside DfE (sensitivity " + sensitivity + ").", "Remove " + item.alias() + "."));
                }
                if (!direct && schemas.rules().fullAddressItems().stream().anyMatch(a -> a.equalsIgnoreCase(stem(item.alias())))) {
                    problems.add(defect("FULL_ADDRESS_IN_SRS", Severity.ERROR, tables, where, item.alias(),
                            "Full addresses are never supplied into the ONS Secure Research Service.", "Remove " + item.alias() + "."));
                }
                if (!article9 && schemas.rules().sensitivityNeedsArticle9().stream().anyMatch(s -> s.equalsIgnoreCase(sensitivity))) {
                    problems.add(defect("ARTICLE_9_NEEDED", Severity.ERROR, tables, where, item.alias(),
                            item.alias() + " is special category data, so your application form needs an Article 9 condition.",
                            "Give the Article 9 condition and its Schedule 1 condition in the form, or remove " + item.alias() + "."));
                }
            }
        }
        if (!submission.tables().isEmpty() && requested == 0) {
            problems.add(new Defect("NO_ITEMS_REQUESTED", Severity.ERROR, submission.tables().get(0).document(), "", "",
                    "No data items are marked as required.", "Mark each item you need with Yes in \"Data request data item required?\"."));
        }
        submission.form().ifPresent(form -> {
            Set<String> ticked = new HashSet<>();
            form.answer(SOURCES).ifPresent(a -> Answers.values(a).forEach(v -> ticked.add(v.toUpperCase(Locale.ROOT))));
            for (String source : List.of("NPD", "ILR", "HE", "SWC")) {
                if (ticked.contains(source) && !attached.contains(source)) {
                    problems.add(new Defect("WORKBOOK_MISSING", Severity.ERROR, form.document(), "Data sources", source,
                            "You ticked " + source + " but did not send its data tables.", "Send the " + source + " data tables with your selections."));
                } else if (!ticked.contains(source) && attached.contains(source)) {
                    problems.add(new Defect("WORKBOOK_NOT_TICKED", Severity.ERROR, form.document(), "Data sources", source,
                            "You sent " + source + " data tables but did not tick " + source + " in the form.", "Tick " + source + " in the form."));
                }
            }
        });
    }

    private static void years(DataTables tables, DataTables.RequestedItem item, String where, String populated, Schemas schemas,
                              List<Defect> problems) {
        String given = item.yearsRequired().strip();
        String lower = given.toLowerCase(Locale.ROOT);
        boolean all = schemas.dataTables().allYears().stream().anyMatch(a -> lower.startsWith(a.toLowerCase(Locale.ROOT)));
        boolean notApplicable = schemas.dataTables().notApplicable().stream().anyMatch(a -> lower.startsWith(a.toLowerCase(Locale.ROOT)));
        List<Integer> years = startYears(given);
        if (given.isEmpty() || !all && !notApplicable && years.isEmpty()) {
            problems.add(defect("YEARS_MISSING", Severity.ERROR, tables, where, item.alias(), "Say which years you need for " + item.alias() + ".",
                    "In \"Data request years required?\", choose All available, or Specific years followed by the years."));
            return;
        }
        List<Integer> range = startYears(populated);
        if (range.isEmpty() || all || notApplicable) {
            return;
        }
        int from = range.get(0);
        boolean openEnded = populated.strip().endsWith("-");
        int to = openEnded ? Integer.MAX_VALUE : range.get(range.size() - 1);
        for (int year : years) {
            if (year < from || year > to) {
                problems.add(defect("YEARS_NOT_POPULATED", Severity.ERROR, tables, where, item.alias(),
                        item.alias() + " is not available for " + year + "/" + String.format("%02d", (year + 1) % 100)
                                + " (it is populated " + populated.strip() + ").",
                        "Request only years in which " + item.alias() + " is populated."));
                return;
            }
        }
    }

    /** An alias without its term and year placeholders: "SAON_[term][yy]" is SAON. */
    static String stem(String alias) {
        return ALIAS_SUFFIX.matcher(alias.strip()).replaceFirst("");
    }

    /** The academic years named in a text, by their first calendar year ("2015/16" is 2015). */
    static List<Integer> startYears(String text) {
        List<Integer> years = new java.util.ArrayList<>();
        Matcher m = YEAR.matcher(text);
        while (m.find() && years.size() < 100) {
            years.add(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3)));
        }
        return years;
    }

    private static Defect defect(String code, Severity severity, DataTables tables, String where, String found, String message, String fix) {
        return new Defect(code, severity, tables.document(), where, found, message, fix);
    }
}
