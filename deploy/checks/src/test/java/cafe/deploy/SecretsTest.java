package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No password is committed: every Secret comes from the secretGenerator of deploy/platform, fed by
 * git-ignored env files that deploy/generate-secrets.sh writes with random values, and every Secret a
 * manifest names is one it makes, with the key asked for.
 */
class SecretsTest {

    @Test
    void noCommittedManifestIsASecret() {
        List<String> secrets = Manifests.all().stream()
                .filter(m -> m.resource() instanceof Secret)
                .map(Manifests.Manifest::toString)
                .toList();
        assertEquals(List.of(), secrets, "Secrets with their values in the repository: use the secretGenerator");
    }

    @Test
    void secretsAreGeneratedOnlyFromGitIgnoredEnvFiles() throws IOException {
        Path platform = Manifests.DEPLOY.resolve("platform");
        assertTrue(
                Files.readAllLines(platform.resolve("secrets/.gitignore")).contains("*.env"),
                "deploy/platform/secrets/.gitignore must ignore *.env");
        for (Path dir : kustomizationDirs()) {
            for (Map<String, Object> entry : Overlay.secretGenerators(dir)) {
                String where = Manifests.DEPLOY.relativize(dir) + " secretGenerator " + entry.get("name");
                assertTrue(dir.equals(platform), where + ": Secrets are generated in deploy/platform only");
                assertEquals(Set.of("name", "envs"), entry.keySet(), where + ": only envs (no literals, no files)");
                assertEquals(List.of("secrets/" + entry.get("name") + ".env"), entry.get("envs"), where);
            }
        }
    }

    @Test
    void theScriptWritesEverySecretWithRandomValuesAndNeverOverwrites() throws IOException {
        Path dir = Files.createTempDirectory("secrets");
        Overlay.run(dir, "bash", Manifests.DEPLOY.resolve("generate-secrets.sh").toString(), dir.toString());
        Path admin = dir.resolve("cafe-postgres-admin.env");
        Files.writeString(admin, "POSTGRES_PASSWORD=chosen-by-the-operator\n");
        Overlay.run(dir, "bash", Manifests.DEPLOY.resolve("generate-secrets.sh").toString(), dir.toString());
        assertEquals("POSTGRES_PASSWORD=chosen-by-the-operator\n", Files.readString(admin), "overwritten");

        Map<String, Map<String, String>> generated = Overlay.generatedSecrets();
        for (var secret : generated.entrySet()) {
            assertTrue(Files.exists(dir.resolve(secret.getKey() + ".env")), "not written: " + secret.getKey());
            secret.getValue().forEach((key, value) -> {
                if (key.toUpperCase(java.util.Locale.ROOT).matches(".*(PASSWORD|SECRET).*")) {
                    assertTrue(value.matches("[A-Za-z0-9]{32}"), secret.getKey() + " " + key + " is not random");
                }
            });
        }
        Map<String, String> other = Overlay.readEnv(dir.resolve("order-service-db.env"));
        assertTrue(
                !other.get("QUARKUS_DATASOURCE_PASSWORD")
                        .equals(generated.get("order-service-db").get("QUARKUS_DATASOURCE_PASSWORD")),
                "two runs wrote the same password");
    }

    /** envFrom, env and volumes of the services (both targets) and of PostgreSQL. */
    @Test
    void everySecretAManifestNamesIsGeneratedWithTheKeyItAsksFor() {
        Map<String, Map<String, String>> generated = Overlay.generatedSecrets();
        Set<String> missing = new TreeSet<>();
        for (Manifests.Manifest manifest : Manifests.all()) {
            Map<?, ?> tree = Manifests.YAML.unmarshal(manifest.yaml(), Map.class);
            references(tree).forEach(ref -> {
                Map<String, String> secret = generated.get(ref[0]);
                if (secret == null || (ref[1] != null && !secret.containsKey(ref[1]))) {
                    missing.add(manifest + " -> " + ref[0] + (ref[1] == null ? "" : " key " + ref[1]));
                }
            });
        }
        assertEquals(Set.of(), missing, "no secretGenerator entry in deploy/platform makes these");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes", "knative"})
    void theOverlayDeploysNoSecretButTheGeneratedOnes(String target) {
        Set<String> rendered = new TreeSet<>();
        Overlay.render(target).stream()
                .filter(m -> m.resource() instanceof Secret)
                .forEach(m -> rendered.add(m.name()));
        assertEquals(Overlay.generatedSecrets().keySet(), rendered);
    }

    /** [name, key or null] of each secretRef, secretKeyRef, secret volume and KafkaSink secret anywhere in the tree. */
    private static Stream<String[]> references(Object node) {
        if (node instanceof List<?> list) {
            return list.stream().flatMap(SecretsTest::references);
        }
        if (!(node instanceof Map<?, ?> map)) {
            return Stream.empty();
        }
        Stream<String[]> here = Stream.empty();
        if (map.get("secretRef") instanceof Map<?, ?> ref) {
            here = Stream.<String[]>of(new String[] {(String) ref.get("name"), null});
        } else if (map.get("secretKeyRef") instanceof Map<?, ?> ref) {
            here = Stream.<String[]>of(new String[] {(String) ref.get("name"), (String) ref.get("key")});
        } else if (map.get("secret") instanceof Map<?, ?> volume && volume.get("secretName") != null) {
            here = Stream.<String[]>of(new String[] {(String) volume.get("secretName"), null});
        } else if (map.get("secret") instanceof Map<?, ?> auth && auth.get("ref") instanceof Map<?, ?> ref) {
            // a KafkaSink's auth.secret.ref
            here = Stream.<String[]>of(new String[] {(String) ref.get("name"), null});
        }
        return Stream.concat(here, map.values().stream().flatMap(SecretsTest::references));
    }

    private static List<Path> kustomizationDirs() throws IOException {
        try (Stream<Path> paths = Files.walk(Manifests.DEPLOY)) {
            return paths.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .filter(p -> !p.startsWith(Manifests.DEPLOY.resolve("checks")))
                    .map(Path::getParent)
                    .toList();
        }
    }
}
