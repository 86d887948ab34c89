package cafe.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a packaged service's JVM starts: the flags the build trained its AOT cache with
 * ({@code cafe.jvm.options} in the root pom), and the cache itself when the build left one.
 */
public final class ServiceJvm {

    /**
     * The flags of every service JVM, as the build wrote them; the environment variable
     * {@code CAFE_JVM_OPTIONS} replaces them, to compare flags in the bench (an AOT cache the flags do not
     * fit is refused by the JVM, which says so in the service's log).
     */
    public static final List<String> OPTIONS = split(System.getenv().getOrDefault("CAFE_JVM_OPTIONS", readOptions()));

    /** Flags added to those for a diagnosis, from {@code CAFE_JVM_EXTRA_OPTIONS}: `make bench JFR=1` tracks native memory. */
    private static final List<String> EXTRA_OPTIONS = split(System.getenv().getOrDefault("CAFE_JVM_EXTRA_OPTIONS", ""));

    private static final Set<String> TOLD_NO_CACHE = ConcurrentHashMap.newKeySet();

    private ServiceJvm() {}

    /** The AOT cache the integration tests trained for the service (JDK 25, JEP 483/514/515). */
    public static Path aotCache(String service) {
        return app(service).resolve("app.aot");
    }

    /** The launcher jar of the service's aot-jar (or fast-jar) layout. */
    public static Path runJar(String service) {
        return app(service).resolve("quarkus-run.jar");
    }

    /**
     * The java command up to the main jar. Without a cache the service starts all the same, only
     * slower, and this says so once; a stale cache (jars rebuilt since training) is refused by the
     * JVM itself with one line in the service's log, and the service starts without it.
     */
    public static List<String> command(String service, boolean useAotCache) {
        List<String> command = new ArrayList<>();
        command.add(KafkaServer.javaExecutable());
        command.addAll(OPTIONS);
        command.addAll(EXTRA_OPTIONS);
        Path cache = aotCache(service);
        if (useAotCache && Files.exists(cache)) {
            command.add("-XX:AOTCache=" + cache);
        } else if (useAotCache && TOLD_NO_CACHE.add(service)) {
            System.out.println(service + ": no AOT cache (" + cache + "), so it starts slower;"
                    + " `make build` or `make test` trains one");
        }
        return command;
    }

    private static Path app(String service) {
        return StackSettings.projectRoot().resolve(service).resolve("target/quarkus-app");
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.trim().split("\\s+"))
                .filter(option -> !option.isEmpty())
                .toList();
    }

    private static String readOptions() {
        try (InputStream in = ServiceJvm.class.getResourceAsStream("service-jvm.options")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
