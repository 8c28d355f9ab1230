package uk.gov.education.datasharing.intake.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the structure readers saw inside one file (officePackage: a zip with an OOXML content-types part): safety signals, and the few texts that recognising the
 * document needs (document properties, content-control tags, the first paragraphs, data-table headers).
 * Every collection is bounded; the texts stay in memory only while the file is inspected.
 */
public record ContentFacts(boolean officePackage, boolean macros, boolean embeddedObjects, List<String> remoteContent, boolean dde, boolean encrypted,
                           boolean scripts, boolean launchActions, boolean tooComplex, boolean unreadable,
                           Map<String, String> properties, Set<String> tags, List<String> paragraphs, Set<String> tableHeaders) {

    static final int MAX_PROPERTIES = 100;
    static final int MAX_TAGS = 2_000;
    static final int MAX_PARAGRAPHS = 400;
    static final int MAX_TEXT = 300;
    static final int MAX_REMOTE = 20;

    public static final ContentFacts NONE = new Collector().build();

    public ContentFacts {
        remoteContent = List.copyOf(remoteContent);
        properties = Map.copyOf(properties);
        tags = Set.copyOf(tags);
        paragraphs = List.copyOf(paragraphs);
        tableHeaders = Set.copyOf(tableHeaders);
    }

    /** Collects facts while a reader walks a file; enforces the bounds. */
    static final class Collector {
        boolean officePackage;
        boolean macros;
        boolean embeddedObjects;
        boolean dde;
        boolean encrypted;
        boolean scripts;
        boolean launchActions;
        boolean tooComplex;
        boolean unreadable;
        private final List<String> remote = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private final List<String> paragraphs = new ArrayList<>();
        private final Set<String> tableHeaders = new LinkedHashSet<>();

        void remote(String what) {
            if (remote.size() < MAX_REMOTE && !remote.contains(what)) {
                remote.add(what);
            }
        }

        void property(String name, String value) {
            if (properties.size() < MAX_PROPERTIES && name != null) {
                properties.putIfAbsent(clip(name), clip(value == null ? "" : value));
            }
        }

        void tag(String tag) {
            if (tags.size() < MAX_TAGS && tag != null && !tag.isBlank()) {
                tags.add(clip(tag.trim()));
            }
        }

        /** Keeps a paragraph's text; returns false once enough have been kept. */
        boolean paragraph(String text) {
            if (paragraphs.size() >= MAX_PARAGRAPHS) {
                return false;
            }
            String clean = text.strip();
            if (!clean.isEmpty()) {
                paragraphs.add(clip(clean));
            }
            return true;
        }

        boolean wantsParagraphs() {
            return paragraphs.size() < MAX_PARAGRAPHS;
        }

        void tableHeader(String source) {
            tableHeaders.add(source);
        }

        ContentFacts build() {
            return new ContentFacts(officePackage, macros, embeddedObjects, remote, dde, encrypted, scripts, launchActions, tooComplex, unreadable,
                    properties, tags, paragraphs, tableHeaders);
        }

        private static String clip(String s) {
            return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
        }
    }
}
