package uk.gov.education.datasharing.intake.validate;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import uk.gov.education.datasharing.intake.schema.DataTableLayout;

/**
 * What a cell's text means to the data-table layout of schemas/data-tables.yaml: an alias header (naming
 * the source), a column header, a block title, a "Yes", or nothing. Patterns and spellings are prepared once.
 */
final class LayoutTokens {

    static final String BY_REQUEST = "\u0000block:by-request";
    static final String DEFAULT = "\u0000block:default";
    static final String YES = "\u0000yes";
    static final String COLUMN = "\u0000column:";
    static final String ALIAS_HEADER = "\u0000alias:";
    private static final int LONGEST_TOKEN = 200;
    /** Cell texts repeat (Yes, No, years, spellings): their meaning is remembered, for a bounded number of texts. */
    private static final int RECENT = 4_096;
    private static final String NONE = "\u0000none";

    private final Map<String, String> recent = new HashMap<>();

    private final DataTableLayout layout;
    private final Pattern aliasHeader;
    /** Normalised header spelling to column key, and the block titles in lower case. */
    private final Map<String, String> headerSpellings = new HashMap<>();
    private final String byRequestBlock;
    private final String defaultBlock;

    LayoutTokens(DataTableLayout layout) {
        this.layout = layout;
        this.aliasHeader = Pattern.compile(layout.aliasHeader());
        layout.columns().forEach((key, spellings) -> spellings.forEach(v -> headerSpellings.putIfAbsent(FormReader.normal(v), key)));
        this.byRequestBlock = layout.byRequestBlock().toLowerCase(Locale.ROOT);
        this.defaultBlock = layout.defaultBlock().toLowerCase(Locale.ROOT);
    }

    /** What a cell's text means to the layout, or null for ordinary content; repeated texts are looked up once. */
    String token(String text) {
        if (text.length() > LONGEST_TOKEN * 2) {
            return tokenOf(text);
        }
        String known = recent.get(text);
        if (known != null) {
            return known == NONE ? null : known;
        }
        String token = tokenOf(text);
        if (recent.size() >= RECENT) {
            recent.clear();
        }
        recent.put(text, token == null ? NONE : token);
        return token;
    }

    private String tokenOf(String text) {
        String cell = text.strip();
        Matcher alias = aliasHeader.matcher(cell);
        if (alias.find()) {
            return ALIAS_HEADER + (alias.groupCount() >= 1 && alias.group(1) != null ? source(alias.group(1)) : "");
        }
        if (cell.length() > LONGEST_TOKEN) {
            return null; // no header, block title or "Yes" is this long
        }
        String lower = cell.toLowerCase(Locale.ROOT);
        if (lower.startsWith(byRequestBlock)) {
            return BY_REQUEST;
        }
        if (lower.startsWith(defaultBlock)) {
            return DEFAULT;
        }
        String column = headerSpellings.get(FormReader.normal(cell));
        if (column != null) {
            return COLUMN + column;
        }
        for (String yes : layout.yes()) {
            if (yes.equalsIgnoreCase(cell)) {
                return YES;
            }
        }
        return null;
    }

    private String source(String named) {
        String upper = named.toUpperCase(Locale.ROOT);
        return layout.sourceNames().getOrDefault(upper, upper);
    }
}
