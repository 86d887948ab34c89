package cafe.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * axe-core, the npm package (pinned in system-tests/axe, installed there by {@code npm ci} on first use), run
 * in a page of a test's browser: the WCAG 2.0 and 2.1 A and AA rules' violations it finds there.
 */
final class Axe {

    private static final Path HOME = Path.of("axe");
    private static final Path SCRIPT = HOME.resolve("node_modules/axe-core/axe.min.js");
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then((result) => done(result.violations.map((v) =>
                `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)))
              .catch((e) => done([`axe did not run: ${e}`]));
            """;

    private static String script;

    private Axe() {}

    /** Whether axe-core is here or npm can install it. */
    static boolean available() {
        return Files.exists(SCRIPT) || onPath("npm");
    }

    /** What axe-core finds wrong with the page as it is now; empty when nothing. */
    @SuppressWarnings("unchecked")
    static List<String> violations(Browser browser) {
        browser.run(script());
        return (List<String>) browser.runAsync(RUN);
    }

    private static synchronized String script() {
        if (script == null) {
            try {
                if (!Files.exists(SCRIPT)) {
                    // not inheritIO: Node turns the standard streams it inherits non-blocking, and this JVM's are
                    // failsafe's channel to Maven; broken, the fork never gets leave to exit, is halted without
                    // its shutdown hooks, and the services it started outlive it
                    Path log = Path.of("target", "npm-ci.log");
                    Process npm = new ProcessBuilder("npm", "ci", "--silent", "--no-audit", "--no-fund")
                            .directory(HOME.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
                    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                        throw new IllegalStateException(
                                "npm ci in " + HOME.toAbsolutePath() + " failed: " + Files.readString(log));
                    }
                }
                script = Files.readString(SCRIPT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return script;
    }

    private static boolean onPath(String command) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
