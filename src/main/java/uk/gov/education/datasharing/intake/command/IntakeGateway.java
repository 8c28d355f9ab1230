package uk.gov.education.datasharing.intake.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import uk.gov.education.datasharing.intake.Gateway;
import uk.gov.education.datasharing.intake.config.Settings;
import uk.gov.education.datasharing.intake.config.Settings.ConfigException;

/** The command line: one jar, one command per job. Exit 0 on success, 2 when the gateway cannot start. */
@Command(name = "gateway", mixinStandardHelpOptions = true, version = "intake-gateway 0.1.0",
        description = "The DfE data sharing intake gateway.",
        subcommands = {IntakeGateway.Run.class, DemoCommand.class, KeysCommand.class, DecryptCommand.class,
                CasesCommand.class, ReprocessCommand.class, ReleaseCommand.class, ValidateCommand.class, TemplatesCommand.class,
                CatalogueCommand.class, ReconcileCommand.class, AuditCommand.class})
public final class IntakeGateway implements Callable<Integer> {

    static final int CANNOT_START = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new IntakeGateway());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof ConfigException) {
                err.println("configuration error: " + e.getMessage());
            } else {
                err.println("error: " + e.getMessage());
            }
            return CANNOT_START;
        });
        return cli;
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Options shared by the commands that read the gateway's configuration. */
    static final class ConfigOptions {
        @Option(names = "--config", description = "A properties file with settings (environment variables still win).")
        Path file;

        @Option(names = "--profile", description = "Also read application-PROFILE.properties from the classpath.")
        String profile;

        Settings settings(Properties overrides) {
            return Settings.load(profile, file, System.getenv(), overrides);
        }

        Settings settings() {
            return settings(new Properties());
        }
    }

    @Command(name = "run", description = "Run the gateway against the configured mail servers and database.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions config;

        @Override
        public Integer call() throws Exception {
            Gateway gateway = Gateway.create(config.settings());
            gateway.runUntilStopped();
            return 0;
        }
    }
}
