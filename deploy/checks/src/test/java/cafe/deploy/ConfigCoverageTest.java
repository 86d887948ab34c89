package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * In production a service reads its settings from the environment: the cafe-config ConfigMap and its
 * own Secrets (its database user; order-service's OIDC client secret). Every setting that only works
 * locally (a localhost address) or is a credential must be provided there, and every key there must be
 * one a service actually reads (no typos).
 */
class ConfigCoverageTest {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)");

    @Test
    void everyLocalOnlySettingAndCredentialIsProvidedByTheConfigMapOrTheServiceSecret() throws IOException {
        Set<String> configMap = configMapKeys();
        for (String service : Manifests.SERVICES) {
            Set<String> provided = new TreeSet<>(configMap);
            serviceSecrets(service).forEach(secret -> provided.addAll(secretKeys(secret)));
            Properties config = properties(service);
            Set<String> missing = new TreeSet<>();
            for (String key : config.stringPropertyNames()) {
                String value = config.getProperty(key);
                boolean localOnly = value.contains("localhost") || value.contains("127.0.0.1");
                boolean credential = key.equals("quarkus.datasource.username")
                        || key.equals("quarkus.datasource.password")
                        || key.equals("quarkus.oidc-client.credentials.secret");
                boolean expression = value.startsWith("${");
                if (!key.startsWith("%") && !expression && (localOnly || credential) && !provided.contains(env(key))) {
                    missing.add(env(key) + " (for " + key + ")");
                }
            }
            assertEquals(Set.of(), missing, service + " reads these in production, but nothing provides them");
        }
    }

    @Test
    void everyKeyOfTheConfigMapAndSecretsIsASettingSomeServiceReads() throws IOException {
        Set<String> known = new HashSet<>(Set.of("QUARKUS_PROFILE"));
        for (String service : Manifests.SERVICES) {
            Properties config = properties(service);
            for (String key : config.stringPropertyNames()) {
                known.add(env(key.replaceFirst("^%[^.]+\\.", "")));
                Matcher referenced = EXPRESSION.matcher(config.getProperty(key));
                while (referenced.find()) {
                    known.add(env(referenced.group(1)));
                }
            }
        }
        Set<String> unknown = new TreeSet<>(configMapKeys());
        Manifests.SERVICES.forEach(
                service -> serviceSecrets(service).forEach(secret -> unknown.addAll(secretKeys(secret))));
        unknown.removeAll(known);
        assertEquals(Set.of(), unknown, "keys no service reads: a typo, or a setting that was renamed");
    }

    @Test
    void everyDeploymentTakesItsEnvironmentFromTheConfigMapAndItsSecret() {
        for (Deployment deployment : Manifests.ofType(Deployment.class, "generated/kubernetes")) {
            List<EnvFromSource> sources = deployment
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getEnvFrom();
            String name = deployment.getMetadata().getName();
            assertTrue(
                    sources.stream()
                            .anyMatch(s -> s.getConfigMapRef() != null
                                    && "cafe-config".equals(s.getConfigMapRef().getName())),
                    name);
            assertTrue(
                    sources.stream()
                            .anyMatch(s -> s.getSecretRef() != null
                                    && (name + "-db").equals(s.getSecretRef().getName())),
                    name);
            assertTrue(
                    !secretKeys(name + "-db").isEmpty(),
                    "no Secret " + name + "-db from the secretGenerator of deploy/platform");
        }
    }

    private static Set<String> configMapKeys() {
        List<ConfigMap> maps = Manifests.ofType(ConfigMap.class, "platform").stream()
                .filter(m -> m.getMetadata().getName().equals("cafe-config"))
                .toList();
        assertEquals(1, maps.size(), "one ConfigMap cafe-config in deploy/platform");
        return new TreeSet<>(maps.get(0).getData().keySet());
    }

    /** The Secrets a service's Deployment takes its environment from. */
    private static List<String> serviceSecrets(String service) {
        return Manifests.ofType(Deployment.class, "generated/kubernetes").stream()
                .filter(d -> d.getMetadata().getName().equals(service))
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom().stream())
                .filter(source -> source.getSecretRef() != null)
                .map(source -> source.getSecretRef().getName())
                .toList();
    }

    /** The keys of a Secret the secretGenerator of deploy/platform makes (none if it makes no such Secret). */
    private static Set<String> secretKeys(String name) {
        return new TreeSet<>(
                Overlay.generatedSecrets().getOrDefault(name, Map.of()).keySet());
    }

    /** A service's settings: the shared ones of platform/security and platform/service-defaults, then its own, which win. */
    static Properties properties(String service) throws IOException {
        Properties properties = new Properties();
        for (String file : List.of(
                "platform/security/src/main/resources/META-INF/microprofile-config.properties",
                "platform/service-defaults/src/main/resources/META-INF/microprofile-config.properties",
                service + "/src/main/resources/application.properties")) {
            try (Reader reader = Files.newBufferedReader(Manifests.ROOT.resolve(file))) {
                properties.load(reader);
            }
        }
        return properties;
    }

    /** The environment variable MicroProfile Config maps to a property name. */
    static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }
}
