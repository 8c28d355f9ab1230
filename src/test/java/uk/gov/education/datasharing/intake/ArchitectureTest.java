package uk.gov.education.datasharing.intake;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package edges, as rules: features do not import each other; shared pieces live where both sides can
 * see them (model, io); only the composition root, the commands and the pipeline connect features; only
 * thin adapters import Camel. A change that crosses an edge fails here, naming the class and the import.
 */
class ArchitectureTest {

    private static final String BASE = "uk.gov.education.datasharing.intake";
    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    /** Each feature package and the project packages it may use besides itself (libraries are not limited here). */
    static final Map<String, Set<String>> FEATURES = Map.ofEntries(
            Map.entry("model", Set.of()),
            Map.entry("io", Set.of("model")),
            Map.entry("crypto", Set.of()),
            Map.entry("mailbox", Set.of("model")),
            Map.entry("mime", Set.of("model", "io")),
            Map.entry("inspect", Set.of("model", "io")),
            Map.entry("schema", Set.of("model")),
            Map.entry("validate", Set.of("model", "schema", "io")),
            Map.entry("store", Set.of("model", "crypto")),
            Map.entry("reply", Set.of("model")),
            Map.entry("triage", Set.of("model")),
            Map.entry("templates", Set.of("model", "schema")),
            // typed settings of the features it configures
            Map.entry("config", Set.of("inspect", "reply", "mailbox")),
            // the stages connect the features; nothing above them
            Map.entry("pipeline", Set.of("model", "io", "config", "mailbox", "mime", "inspect", "schema", "validate", "store", "reply",
                    "triage")),
            // what operations see: reads the stages' timings and the case index, served by the management server
            Map.entry("metrics", Set.of("model", "pipeline", "store", "inspect", "config")),
            Map.entry("workspace", Set.of("model", "store", "config")));

    static Stream<String> features() {
        return FEATURES.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("features")
    void aFeatureUsesOnlyThePackagesItMay(String feature) {
        String[] allowed = Stream.concat(Stream.of(feature), FEATURES.get(feature).stream()).map(p -> BASE + "." + p + "..")
                .toArray(String[]::new);
        classes().that().resideInAPackage(BASE + "." + feature + "..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(BASE + "..").or(resideInAnyPackage(allowed)))
                .because("features do not import each other (docs/adr/0011)")
                .check(MAIN);
    }

    @Test
    void everyPackageIsAFeatureTheCommandsOrTheRoot() {
        classes().that().resideInAPackage(BASE + "..")
                .should().resideInAnyPackage(Stream.concat(Stream.of(BASE, BASE + ".command.."),
                        FEATURES.keySet().stream().map(p -> BASE + "." + p + "..")).toArray(String[]::new))
                .because("a new package needs its edges in ArchitectureTest.FEATURES")
                .check(MAIN);
    }

    @Test
    void nothingButTheCommandsUsesTheCommandsAndNothingUsesTheRootButTheCommands() {
        noClasses().that().resideOutsideOfPackage(BASE + ".command..").should().dependOnClassesThat().resideInAPackage(BASE + ".command..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage(FEATURES.keySet().stream().map(p -> BASE + "." + p + "..").toArray(String[]::new))
                .should().dependOnClassesThat().resideInAPackage(BASE)
                .check(MAIN);
    }

    @Test
    void onlyThinAdaptersImportCamel() {
        noClasses().that().resideOutsideOfPackage(BASE)
                .and().doNotHaveFullyQualifiedName(BASE + ".mailbox.InboundHeaderFilter")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .check(MAIN);
    }

    /** The packages that read what senders write: headers, file names, documents, answers. */
    private static final String[] SEES_SENDER_TEXT = Stream.of("model", "mailbox", "mime", "inspect", "validate", "io", "pipeline")
            .map(p -> BASE + "." + p + "..").toArray(String[]::new);

    @Test
    void everyRegularExpressionThatSeesSenderTextRunsInLinearTime() {
        noClasses().that().resideInAnyPackage(SEES_SENDER_TEXT)
                .should().dependOnClassesThat().resideInAPackage("java.util.regex..")
                .orShould().callMethod(String.class, "matches", String.class)
                .orShould().callMethod(String.class, "replaceAll", String.class, String.class)
                .orShould().callMethod(String.class, "replaceFirst", String.class, String.class)
                .orShould().callMethod(String.class, "split", String.class)
                .orShould().callMethod(String.class, "split", String.class, int.class)
                .because("java.util.regex backtracks: a crafted text can take minutes; com.google.re2j is linear (docs/adr/0012)")
                .check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
