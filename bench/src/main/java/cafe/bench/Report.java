package cafe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The figures of a bench run, written as report.md, report.json and report.png (latency and throughput against offered rate). */
record Report(
        Machine machine,
        StartupBench.Result startup,
        Map<String, ContainerBench.Figures> containers,
        Map<String, Long> readyMillis,
        Map<String, Long> rssAfterWarmUpMb,
        Map<String, Long> rssPeakMb,
        Idle idle,
        List<Step> steps,
        Map<Integer, Map<String, Retention.Rows>> retained,
        Map<String, PurgeCapacity.Rate> purged,
        boolean quick) {

    /** One order at a time on the idle system: 201 → ticket queued and 201 → in the view. */
    record Idle(int orders, double ticketMedianMs, double ticketWorstMs, double viewMedianMs, double viewWorstMs) {

        static Idle of(IdlePropagation.Result result) {
            return new Idle(
                    result.toViewMs().size(),
                    IdlePropagation.Result.median(result.toTicketMs()),
                    IdlePropagation.Result.worst(result.toTicketMs()),
                    IdlePropagation.Result.median(result.toViewMs()),
                    IdlePropagation.Result.worst(result.toViewMs()));
        }
    }

    /** Where the figures were measured. */
    record Machine(int cores, long memoryMb, String jdk, String commit, Instant at) {

        static Machine current() {
            return new Machine(
                    Runtime.getRuntime().availableProcessors(),
                    readMemoryMb(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    readCommit(),
                    Instant.now());
        }

        private static long readMemoryMb() {
            try {
                return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                        .filter(l -> l.startsWith("MemTotal:"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                        .findFirst()
                        .orElse(0);
            } catch (IOException e) {
                return 0;
            }
        }

        private static String readCommit() {
            try {
                Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                        .redirectErrorStream(true)
                        .start();
                String out = new String(git.getInputStream().readAllBytes()).trim();
                return git.waitFor() == 0 ? out : "unknown";
            } catch (IOException | InterruptedException e) {
                return "unknown";
            }
        }
    }

    /** How far orders got after their 201, and how fast the view showed them. */
    record Propagation(
            long placed, long reachedBarista, long reachedView, long reachedReady, long viewP50Ms, long viewP99Ms) {}

    /** One load step. */
    record Step(
            int offeredRate,
            double achievedRate,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double maxMs,
            long sent,
            long errors,
            Map<String, Long> byStatus,
            Propagation propagation,
            Cost cost) {

        static Step of(OpenLoad.Result result, Propagation propagation, Cost cost) {
            var h = result.latencyMicros();
            return new Step(
                    result.offeredRate(),
                    round(result.achievedRate()),
                    ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)),
                    ms(h.getMaxValue()),
                    result.sent(),
                    result.errors(),
                    result.byStatus(),
                    propagation,
                    cost);
        }

        String line() {
            return String.format(
                    "%5d/s offered → %7.1f/s  p50 %6.1f  p90 %6.1f  p99 %6.1f  max %7.1f ms  errors %d  "
                            + "201→view p50 %d p99 %d ms  reached barista %d/%d view %d/%d ready %d/%d",
                    offeredRate,
                    achievedRate,
                    p50Ms,
                    p90Ms,
                    p99Ms,
                    maxMs,
                    errors,
                    propagation.viewP50Ms(),
                    propagation.viewP99Ms(),
                    propagation.reachedBarista(),
                    propagation.placed(),
                    propagation.reachedView(),
                    propagation.placed(),
                    propagation.reachedReady(),
                    propagation.placed());
        }

        private static double ms(long micros) {
            return round(micros / 1000.0);
        }

        private static double round(double value) {
            return Math.round(value * 10) / 10.0;
        }
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper()
                .findAndRegisterModules()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValue(dir.resolve("report.json").toFile(), this);
        Files.writeString(dir.resolve("report.md"), markdown());
        ChartUtils.saveChartAsPNG(dir.resolve("report.png").toFile(), chart(), 900, 520);
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# cafe bench")
                .append(quick ? " (quick)" : "")
                .append("\n\n")
                .append(String.format(
                        "Machine: %d cores, %d MB, %s · commit %s · %s%n%n",
                        machine.cores(), machine.memoryMb(), machine.jdk(), machine.commit(), machine.at()))
                .append("Open-model load of `POST /orders` (fixed arrival rate, latency from the intended send time); "
                        + "everything co-located: PostgreSQL, Kafka, four services (JVM, auto-brew on) and the load generator. "
                        + "Each order carries the bearer token of one of " + Customers.POOL
                        + " customers (signed before the load); "
                        + "order-service pays with its own service token.\n\n")
                .append(String.format(
                        "Idle system, %d orders one at a time: 201 → barista ticket median %.1f ms (worst %.1f); "
                                + "201 → in the status view median %.1f ms (worst %.1f).%n%n",
                        idle.orders(),
                        idle.ticketMedianMs(),
                        idle.ticketWorstMs(),
                        idle.viewMedianMs(),
                        idle.viewWorstMs()))
                .append(
                        "| offered/s | achieved/s | p50 ms | p90 ms | p99 ms | max ms | errors | statuses | 201→view p50 ms | 201→view p99 ms | reached barista | reached view | READY |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Step s : steps) {
            Propagation p = s.propagation();
            md.append(String.format(
                    "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %s | %d | %d | %s | %s | %s |%n",
                    s.offeredRate(),
                    s.achievedRate(),
                    s.p50Ms(),
                    s.p90Ms(),
                    s.p99Ms(),
                    s.maxMs(),
                    s.errors(),
                    s.byStatus(),
                    p.viewP50Ms(),
                    p.viewP99Ms(),
                    share(p.reachedBarista(), p.placed()),
                    share(p.reachedView(), p.placed()),
                    share(p.reachedReady(), p.placed())));
        }
        md.append(CostMarkdown.of(steps));
        md.append(retentionMarkdown());
        md.append(
                "\n| service | ready after start (ms) | RSS after warm-up (MB) | RSS peak (MB) |\n|---|---|---|---|\n");
        readyMillis
                .keySet()
                .forEach(name -> md.append(String.format(
                        "| %s | %d | %d | %d |%n",
                        name,
                        readyMillis.get(name),
                        rssAfterWarmUpMb.getOrDefault(name, 0L),
                        rssPeakMb.getOrDefault(name, 0L))));
        md.append(startupMarkdown());
        md.append(containersMarkdown());
        md.append("\n![latency and throughput against offered rate](report.png)\n");
        return md.toString();
    }

    /** Rows the outbox and the inbox keep after each step, against the rows written to them (retention 30 s). */
    private String retentionMarkdown() {
        if (retained.isEmpty()) {
            return "";
        }
        List<String> tables = List.copyOf(retained.values().iterator().next().keySet());
        StringBuilder md = new StringBuilder(
                "\n### Retention\n\nRows kept / rows ever written, after each step; the services run here with a"
                        + " retention of 30 s and a purge every 10 s (`cafe.outbox.*`, `cafe.inbox.*`), so what a"
                        + " table keeps stays near the last 40 s of writes.\n\n| offered/s |");
        tables.forEach(table -> md.append(" `").append(table).append("` |"));
        md.append("\n|---|").append("---|".repeat(tables.size())).append("\n");
        retained.forEach((rate, rows) -> {
            md.append("| ").append(rate).append(" |");
            tables.forEach(table -> md.append(String.format(
                    " %d / %d |", rows.get(table).kept(), rows.get(table).written())));
            md.append("\n");
        });
        md.append(purgeMarkdown(tables));
        return md.toString();
    }

    /**
     * How fast each purge deleted rows past the retention (measured after the steps), against the rows a
     * table gets per order over the steps (so what 500 orders/s would write into it).
     */
    private String purgeMarkdown(List<String> tables) {
        List<Map<String, Retention.Rows>> samples = List.copyOf(retained.values());
        long orders =
                steps.stream().skip(1).mapToLong(s -> s.propagation().placed()).sum();
        StringBuilder md = new StringBuilder(
                "\nPurge capacity: rows past the retention deleted per second by the services' own scheduled purge"
                        + " (batches of 10,000, after the steps), against the rows each table gets per order over"
                        + " the steps after the first, and so per second at 500 orders/s.\n\n"
                        + "| table | purged rows/s | rows per order | rows/s at 500 orders/s |\n|---|---|---|---|\n");
        tables.stream().filter(purged::containsKey).forEach(table -> {
            long written = samples.getLast().get(table).written()
                    - samples.getFirst().get(table).written();
            double perOrder = orders > 0 ? (double) written / orders : 0;
            md.append(String.format(
                    "| `%s` | %,.0f | %.2f | %,.0f |%n",
                    table, purged.get(table).perSecond(), perOrder, perOrder * 500));
        });
        return md.toString();
    }

    private String startupMarkdown() {
        StartupBench.Figures aot = startup.aot();
        StartupBench.Figures plain = startup.plain();
        StringBuilder md = new StringBuilder(String.format(
                "%n## Start-up and footprint%n%n"
                        + "On the idle stack, each figure as *with the AOT cache / without it* (JVM flags alike). Alone: the median of %d starts "
                        + "of the service by itself, from the process's start to `/q/health/ready` answering 200. Together: the four started at once. "
                        + "RSS after %d s at %d orders/s on the four together, and its peak during them.%n%n"
                        + "| service | alone, ms | together, ms | RSS at ready, MB | RSS after warm-up, MB | RSS peak, MB |%n|---|---|---|---|---|---|%n",
                startup.startsAlone(), startup.warmUpSeconds(), startup.warmUpRate()));
        aot.aloneMedianMs()
                .keySet()
                .forEach(name -> md.append(String.format(
                        "| %s | %s | %s | %s | %s | %s |%n",
                        name,
                        pair(aot.aloneMedianMs(), plain.aloneMedianMs(), name),
                        pair(aot.togetherMs(), plain.togetherMs(), name),
                        pair(aot.rssAtReadyMb(), plain.rssAtReadyMb(), name),
                        pair(aot.rssWarmMb(), plain.rssWarmMb(), name),
                        pair(aot.rssPeakMb(), plain.rssPeakMb(), name))));
        md.append(String.format("| **all four ready** | | %d / %d | | | |%n", aot.allReadyMs(), plain.allReadyMs()));
        return md.toString();
    }

    private String containersMarkdown() {
        if (containers.isEmpty()) {
            return "\n## Containers\n\nNot measured: no images of this commit (`make images`, then the bench).\n";
        }
        StringBuilder md = new StringBuilder(String.format(
                "%n## Containers%n%n"
                        + "Each service's image (`make images`) run alone on the idle stack, locked down as in the manifests "
                        + "(read-only root, no capability, host network): from `podman run` with no container at all, to its "
                        + "readiness probe answering 200, and to its first answered request (a customer's, or the role its API serves): "
                        + "the part of a Knative cold start that is ours. The median of %d starts, *with the image's AOT cache / without it*. "
                        + "Size as podman reports it (uncompressed); RSS after 1,000 requests.%n%n"
                        + "| service | image | size, MB | ready, ms | first answer, ms | RSS, MB |%n|---|---|---|---|---|---|%n",
                startup.startsAlone()));
        containers.forEach((name, f) -> md.append(String.format(
                "| %s | `%s` | %d | %d / %d | %d / %d | %d |%n",
                name,
                f.image(),
                f.sizeMb(),
                f.readyMs(),
                f.readyNoCacheMs(),
                f.firstAnswerMs(),
                f.firstAnswerNoCacheMs(),
                f.rssWarmMb())));
        md.append(String.format(
                "%n### Scale from zero on Knative%n%n"
                        + "The same image in the knative profile (no Kafka consumer), from `podman run` with no container to the first "
                        + "event delivered to `/events` as its KafkaSource sends it and applied (202; the delivery retried every 5 ms "
                        + "meanwhile, as the activator holds it), and to the first answered request: the median of %d starts. "
                        + "Knative's activator, autoscaler and the pod's scheduling come on top (docs/performance.md).%n%n"
                        + "| service | first event applied, ms | first answer, ms |%n|---|---|---|%n",
                startup.startsAlone()));
        containers.forEach((name, f) -> md.append(
                String.format("| %s | %d | %d |%n", name, f.knativeFirstEventMs(), f.knativeFirstAnswerMs())));
        return md.toString();
    }

    private static String pair(Map<String, Long> withCache, Map<String, Long> without, String name) {
        return withCache.getOrDefault(name, -1L) + " / " + without.getOrDefault(name, -1L);
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "-" : String.format("%.1f%%", 100.0 * part / whole);
    }

    private JFreeChart chart() {
        XYSeriesCollection latency = new XYSeriesCollection();
        XYSeries p50 = new XYSeries("p50 ms");
        XYSeries p90 = new XYSeries("p90 ms");
        XYSeries p99 = new XYSeries("p99 ms");
        XYSeries throughput = new XYSeries("achieved orders/s");
        for (Step s : steps) {
            p50.add(s.offeredRate(), s.p50Ms());
            p90.add(s.offeredRate(), s.p90Ms());
            p99.add(s.offeredRate(), s.p99Ms());
            throughput.add(s.offeredRate(), s.achievedRate());
        }
        latency.addSeries(p50);
        latency.addSeries(p90);
        latency.addSeries(p99);
        XYPlot plot = new XYPlot(
                latency,
                new NumberAxis("offered orders/s"),
                new NumberAxis("POST /orders latency (ms)"),
                new XYLineAndShapeRenderer(true, true));
        plot.setDataset(1, new XYSeriesCollection(throughput));
        plot.setRangeAxis(1, new NumberAxis("achieved orders/s"));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer rate = new XYLineAndShapeRenderer(true, true);
        rate.setSeriesPaint(0, Color.DARK_GRAY);
        rate.setSeriesStroke(
                0, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
        plot.setRenderer(1, rate);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(
                "cafe: POST /orders, open-model load (" + machine.cores() + " cores, commit " + machine.commit() + ")",
                JFreeChart.DEFAULT_TITLE_FONT,
                plot,
                true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
