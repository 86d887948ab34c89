package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An AOT cache is used only by a JVM started with the flags it was trained with. The training run,
 * make run and the bench take them from the root pom's cafe.jvm.options; the container image from
 * quarkus.jib.jvm-additional-arguments. The two lists must be the same.
 */
class JvmOptionsTest {

    private static final Pattern POM_OPTIONS = Pattern.compile("<cafe\\.jvm\\.options>([^<]+)</cafe\\.jvm\\.options>");

    @Test
    void theImageRunsWithTheFlagsTheCacheIsTrainedWith() throws IOException {
        Matcher pom = POM_OPTIONS.matcher(Files.readString(Manifests.ROOT.resolve("pom.xml")));
        assertTrue(pom.find(), "the root pom defines cafe.jvm.options");
        List<String> trained = Arrays.asList(pom.group(1).trim().split("\\s+"));

        Properties shared = new Properties();
        try (Reader reader = Files.newBufferedReader(Manifests.ROOT.resolve(
                "platform/service-defaults/src/main/resources/META-INF/microprofile-config.properties"))) {
            shared.load(reader);
        }
        List<String> image = Arrays.asList(
                shared.getProperty("quarkus.jib.jvm-additional-arguments", "").split(","));

        assertEquals(trained, image, "quarkus.jib.jvm-additional-arguments differs from cafe.jvm.options");
    }
}
