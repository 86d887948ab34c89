package cafe.bench;

import cafe.stack.LocalStack;
import cafe.stack.ServiceProcess;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/** Reads, at a step's start and end, every counter of the work the system did: SQL, commits, Kafka records, CPU. */
final class CostMeter implements AutoCloseable {

    /** The counters at one moment, as totals since each began. */
    record Snapshot(
            long nanos,
            PostgresCounters.Counts postgres,
            long kafkaRecords,
            long offsetCommits,
            Map<String, Double> cpuSeconds) {}

    private final PostgresCounters postgres;
    private final KafkaRecords kafka;
    private final Map<String, DoubleSupplier> cpuClocks;

    private CostMeter(PostgresCounters postgres, KafkaRecords kafka, Map<String, DoubleSupplier> cpuClocks) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.cpuClocks = cpuClocks;
    }

    /** The four services, PostgreSQL with all its processes, the Kafka broker, and this JVM (the load generator). */
    static CostMeter of(
            LocalStack stack, PostgresCounters postgres, KafkaRecords kafka, Map<String, ServiceProcess> services) {
        long postmaster = stack.postgresPid().orElseThrow(() -> new IllegalStateException("no postmaster.pid"));
        long broker = stack.kafkaPid().orElseThrow(() -> new IllegalStateException("no kafka.pid"));
        Map<String, DoubleSupplier> clocks = new LinkedHashMap<>();
        services.forEach((name, process) -> clocks.put(name, () -> ProcessStats.cpuSeconds(process.pid())));
        clocks.put(Cost.POSTGRES, () -> ProcessStats.treeCpuSeconds(postmaster));
        clocks.put(Cost.KAFKA, () -> ProcessStats.cpuSeconds(broker));
        clocks.put(
                Cost.LOAD_GENERATOR,
                () -> ProcessStats.cpuSeconds(ProcessHandle.current().pid()));
        return new CostMeter(postgres, kafka, clocks);
    }

    Snapshot snapshot() throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpuClocks.forEach((name, clock) -> cpu.put(name, clock.getAsDouble()));
        return new Snapshot(
                System.nanoTime(),
                postgres.read(),
                kafka.endOffsets(KafkaRecords.CAFE_TOPICS),
                kafka.endOffsets(KafkaRecords.OFFSET_COMMITS),
                cpu);
    }

    @Override
    public void close() throws SQLException {
        kafka.close();
        postgres.close();
    }
}
