package uk.gov.education.datasharing.intake.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A data source's catalogue of data items: the source of truth for each item's identifiability,
 * sensitivity and populated years. Built from the publisher's workbook by {@code catalogue import}.
 */
public record Catalogue(String source, String edition, List<Item> items) {

    public Catalogue {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public record Item(String alias, String sheet, int identifiability, String sensitivity, String yearsPopulated) {
    }

    public Map<String, Item> byAlias() {
        return items.stream().collect(Collectors.toMap(i -> i.alias().toLowerCase(java.util.Locale.ROOT), Function.identity(), (a, b) -> a));
    }

    public Optional<Item> item(String alias) {
        return Optional.ofNullable(byAlias().get(alias.trim().toLowerCase(java.util.Locale.ROOT)));
    }
}
