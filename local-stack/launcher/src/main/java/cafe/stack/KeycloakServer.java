package cafe.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keycloak, the local stack's identity provider: the server distribution the keycloak module unpacked and
 * prepared (its build step, a data folder with the master realm and a local admin client, an AOT cache), run as
 * a process of its own on a home in the stack folder that imports the project's realm file at start. Each start
 * is fresh: the prepared data folder is copied, the realm imported again.
 */
public record KeycloakServer(Process process, StackSettings settings) implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Launches Keycloak and returns at once; {@link #awaitReady()} waits for it. */
    static KeycloakServer launch(StackSettings settings) {
        Path prepared = prepared();
        Path home = settings.dir().resolve("keycloak");
        try {
            // emptied, not removed: in a container the home is a volume that `make token` reads from the host
            Files.createDirectories(home);
            try (Stream<Path> left = Files.list(home)) {
                for (Path path : left.toList()) {
                    Folders.delete(path);
                }
            }
            Files.createDirectories(home.resolve("data/import"));
            Path dist = prepared.resolve("dist").toRealPath();
            for (String part : List.of("lib", "conf", "providers", "themes")) {
                Files.createSymbolicLink(home.resolve(part), dist.resolve(part));
            }
            copyRecursively(prepared.resolve("template"), home.resolve("data"));
            LocalKeycloak.writeClientSecret(settings);
            settings.keycloak().writeImport(realmFile(), home.resolve("data/import/cafe-realm.json"));
            List<String> command = new ArrayList<>(List.of(
                    dist.resolve("bin/kc.sh").toString(),
                    "start",
                    "--optimized",
                    "-Dkc.home.dir=" + home,
                    "--http-enabled=true",
                    "--http-host=127.0.0.1",
                    "--http-port=" + settings.keycloakPort(),
                    "--hostname=" + settings.keycloakUrl(),
                    "--http-management-port=" + settings.keycloakManagementPort(),
                    "--cache=local",
                    "--import-realm"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            home.resolve("keycloak.log").toFile()));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS", javaOptions(prepared));
            builder.environment().put("CAFE_ORDER_SERVICE_SECRET", LocalKeycloak.clientSecret(settings));
            Process process = builder.start();
            Files.writeString(settings.dir().resolve("keycloak/keycloak.pid"), Long.toString(process.pid()));
            return new KeycloakServer(process, settings);
        } catch (IOException e) {
            throw new StackException("Keycloak did not start: " + e.getMessage(), e);
        }
    }

    /** Waits until Keycloak is ready, the realm imported. */
    void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        URI health = URI.create("http://127.0.0.1:" + settings.keycloakManagementPort() + "/health/ready");
        while (!answers(health)) {
            if (!process.isAlive()) {
                throw new StackException("Keycloak exited with code " + process.exitValue() + " (see "
                        + settings.dir().resolve("keycloak/keycloak.log") + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("Keycloak is not ready after " + START_TIMEOUT.toSeconds() + " s (see "
                        + settings.dir().resolve("keycloak/keycloak.log") + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while Keycloak started", e);
            }
        }
    }

    private static boolean answers(URI uri) {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(uri)
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the keycloak module's build prepared (CAFE_KEYCLOAK_PREPARED in an image). */
    static Path prepared() {
        String given = System.getenv("CAFE_KEYCLOAK_PREPARED");
        Path prepared = given != null && !given.isBlank()
                ? Path.of(given)
                : StackSettings.projectRoot().resolve("local-stack/keycloak/target/prepared");
        if (!Files.exists(prepared.resolve("inputs.sha256"))) {
            throw new StackException("Keycloak is not prepared (" + prepared + "). Build it with: make build");
        }
        return prepared;
    }

    /** The realm the stack imports, the file an operator imports into the cluster's Keycloak. */
    static Path realmFile() {
        String given = System.getenv("CAFE_KEYCLOAK_REALM");
        return given != null && !given.isBlank()
                ? Path.of(given)
                : StackSettings.projectRoot().resolve("deploy/platform/keycloak/cafe-realm.json");
    }

    /** The JVM options the AOT cache was trained with, and the cache where there is one (an image has none). */
    private static String javaOptions(Path prepared) throws IOException {
        String options = Files.readString(prepared.resolve("java-opts")).trim();
        Path cache = prepared.resolve("keycloak.aot");
        return Files.exists(cache) ? options + " -XX:AOTCache=" + cache : options;
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {
        LocalStack.stop(process.toHandle());
        try {
            Files.deleteIfExists(settings.dir().resolve("keycloak/keycloak.pid"));
        } catch (IOException e) {
            // the next start writes it again
        }
    }
}
