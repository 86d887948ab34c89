package cafe.bench;

import cafe.stack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * `--jfr`: a JFR recording (profile settings) in each service, started through jcmd once the services are ready
 * and dumped after the load steps into one folder, with each service's ten hottest methods during the steps and
 * where its memory is then (Native Memory Tracking, which `make bench JFR=1` turns on).
 * Not -XX:StartFlightRecording: it adds jdk.jfr to the JVM's modules, and the AOT cache, trained without it,
 * is then refused, which would change what is measured.
 */
final class FlightRecordings {

    private static final String RECORDING = "bench";

    private final Path dir;
    private final Map<String, ServiceProcess> services;

    private FlightRecordings(Path dir, Map<String, ServiceProcess> services) {
        this.dir = dir;
        this.services = services;
    }

    static FlightRecordings start(Path dir, Map<String, ServiceProcess> services)
            throws IOException, InterruptedException {
        for (ServiceProcess service : services.values()) {
            jcmd(service.pid(), "JFR.start", "name=" + RECORDING, "settings=profile");
        }
        return new FlightRecordings(dir, services);
    }

    /** A service whose recording cannot be had is told and skipped: the bench's figures stand without it. */
    void dumpAndSummarize(Instant from, Instant to) throws InterruptedException {
        System.out.println("bench: JFR recordings and hot methods in " + dir);
        for (var service : services.entrySet()) {
            Path recording = dir.resolve(service.getKey() + ".jfr");
            try {
                Files.createDirectories(dir);
                dump(service.getValue().pid(), recording, from);
                HotMethods hot = HotMethods.of(recording, from, to, 10);
                Files.writeString(dir.resolve(service.getKey() + "-hot.txt"), hot.table());
                System.out.println("  " + service.getKey() + ", hottest methods during the load steps:");
                hot.table().lines().forEach(line -> System.out.println("    " + line));
                writeNativeMemory(service.getKey(), service.getValue().pid());
            } catch (IOException e) {
                System.out.println("  " + service.getKey() + ": no recording: " + e.getMessage());
            }
        }
    }

    /** Where the service's memory is, by Native Memory Tracking (on when `make bench JFR=1` started it). */
    private void writeNativeMemory(String service, long pid) throws IOException, InterruptedException {
        String summary = jcmd(pid, "VM.native_memory", "summary");
        Files.writeString(dir.resolve(service + "-memory.txt"), summary);
        System.out.println("  " + service + ", native memory committed: " + NativeMemory.of(summary));
    }

    /** JFR.dump keeps whole chunks, so the file may start a little before {@code from}; the summary does not. */
    private static void dump(long pid, Path recording, Instant from) throws IOException, InterruptedException {
        long seconds = Duration.between(from, Instant.now()).toSeconds() + 5;
        Files.deleteIfExists(recording);
        jcmd(pid, "JFR.dump", "name=" + RECORDING, "filename=" + recording, "begin=-" + seconds + "s");
        if (!Files.exists(recording)) {
            throw new IOException("jcmd JFR.dump wrote no " + recording);
        }
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        String[] line = new String[command.length + 2];
        line[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        line[1] = Long.toString(pid);
        System.arraycopy(command, 0, line, 2, command.length);
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed for pid " + pid + ": " + output);
        }
        return output;
    }
}
