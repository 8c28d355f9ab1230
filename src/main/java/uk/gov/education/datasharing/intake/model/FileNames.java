package uk.gov.education.datasharing.intake.model;

import java.util.Locale;
import java.util.Set;

/** Names for files the team saves, side by side in one folder. */
public final class FileNames {

    /** The suffix an unsafe file is saved with: no operating system opens or runs it, so a double click does nothing. */
    public static final String UNSAFE_SUFFIX = ".unsafe";

    private FileNames() {
    }

    /** Two files sent with one name are both kept: the second becomes "name (2).ext". {@code used} collects names case-blind. */
    public static String unique(String name, Set<String> used) {
        String candidate = name;
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = stem + " (" + n + ")" + extension;
        }
        return candidate;
    }
}
