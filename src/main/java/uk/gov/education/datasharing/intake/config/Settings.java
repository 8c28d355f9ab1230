package uk.gov.education.datasharing.intake.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration as layers, later winning: {@code application.properties} on the classpath, then
 * {@code application-PROFILE.properties}, then an optional file given on the command line, then
 * environment variables (Camel's rule: {@code intake.imap.host} ← {@code INTAKE_IMAP_HOST}), then
 * values the program sets itself (the demo). Camel receives the merged result, so routes and Java
 * see the same values.
 */
public final class Settings {

    private final Properties merged;

    private Settings(Properties merged) {
        this.merged = merged;
    }

    public static Settings load(String profile, Path file, Map<String, String> environment, Properties overrides) {
        Properties props = new Properties();
        readResource(props, "/application.properties");
        if (profile != null && !profile.isBlank()) {
            readResource(props, "/application-" + profile + ".properties");
        }
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new ConfigException("--config", "cannot read " + file);
            }
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String key : props.stringPropertyNames()) {
            String fromEnvironment = environment.get(environmentName(key));
            if (fromEnvironment != null) {
                props.setProperty(key, fromEnvironment);
                used.add(environmentName(key));
            }
        }
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            if (entry.getKey().startsWith("INTAKE_") && !used.contains(entry.getKey())) {
                props.setProperty(propertyName(entry.getKey()), entry.getValue());
            }
        }
        if (overrides != null) {
            props.putAll(overrides);
        }
        return new Settings(props);
    }

    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The property an INTAKE_* variable names when no layer defines it (dashes cannot be recovered). */
    private static String propertyName(String environmentName) {
        return environmentName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static void readResource(Properties props, String name) {
        try (InputStream in = Settings.class.getResourceAsStream(name)) {
            if (in != null) {
                props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    public String get(String key) {
        String value = merged.getProperty(key);
        if (value == null && key.indexOf('-') >= 0) {
            // a key no layer defines, set by its INTAKE_* variable: the variable's name lost the dashes (client-secret)
            value = merged.getProperty(propertyName(environmentName(key)));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    public Properties asProperties() {
        Properties copy = new Properties();
        copy.putAll(merged);
        return copy;
    }

    /** A setting that is missing or wrong; the message names the key and never shows a secret's value. */
    public static final class ConfigException extends RuntimeException {
        private final String key;

        public ConfigException(String key, String problem) {
            super(key + ": " + problem);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
