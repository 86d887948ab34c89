package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** deploy/generated is what this build generates from the services' config: `make manifests` after a config change. */
class GeneratedManifestsTest {

    /**
     * An image's tag ends with the commit the manifests were generated at (`<version>-<commit>`), which a
     * commit cannot name for itself: compared up to it (LockedDownTest checks the tag's form).
     */
    private static List<Object> documents(String yaml) {
        return Stream.of(yaml.replaceAll("(?m)^(\\s*image: \\S+)-([0-9a-f]{7,}|unknown)$", "$1-<commit>")
                        .split("(?m)^---\\s*$"))
                .filter(doc -> !doc.isBlank())
                .map(doc -> canonical(Manifests.YAML.unmarshal(doc, Map.class)))
                .toList();
    }

    /**
     * The generator keeps the order of neither labels (maps, compared as such) nor a container's ports
     * (the HTTP and the management port come in either order from one build to the next): ports are
     * sorted; every other list keeps its order, which can matter (envFrom).
     */
    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(
                    key,
                    "ports".equals(key) && item instanceof List<?> ports
                            ? ports.stream()
                                    .map(GeneratedManifestsTest::canonical)
                                    .sorted(Comparator.comparing(String::valueOf))
                                    .toList()
                            : canonical(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(GeneratedManifestsTest::canonical).toList();
        }
        return value;
    }

    static Stream<Arguments> generated() {
        return Manifests.SERVICES.stream()
                .flatMap(s -> Stream.of(Arguments.of(s, "kubernetes"), Arguments.of(s, "knative")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("generated")
    void committedManifestIsWhatTheBuildGenerates(String service, String target) throws IOException {
        Path built =
                Manifests.ROOT.resolve(service).resolve("target/kubernetes").resolve(target + ".yml");
        Path committed = Manifests.DEPLOY.resolve("generated").resolve(target).resolve(service + ".yml");
        assertTrue(Files.exists(built), "not built: " + built);
        List<String> lines = Files.readAllLines(committed);
        assertTrue(lines.get(0).startsWith("# GENERATED"), committed + " is not stamped GENERATED");
        // compared as data, in canonical order (see canonical)
        assertEquals(
                documents(Files.readString(built)),
                documents(String.join("\n", lines.subList(1, lines.size()))),
                committed + " is stale: run `make manifests` and commit deploy/generated");
    }
}
