package cafe.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stand-in for Knative's KafkaSource, as {@link LocalEdge} stands in for the Gateway: for each source of
 * deploy/knative/eventing.yaml ({@link EventingManifest}) it reads the source's topics in its consumer
 * group and delivers every record to the sink's {@code /events} as KafkaSource does:
 * <ul>
 *   <li>a binary-mode CloudEvent: the record's {@code ce_*} headers as {@code ce-*} HTTP headers, its value
 *       the body;
 *   <li>ordered: one record in flight per partition (the partition is paused meanwhile), partitions in
 *       parallel; the offset is committed once the record is done;
 *   <li>a token shaped like Eventing's sender identity: the source's service account, the sink's audience
 *       (signed with the key of the local Keycloak, which the services trust for {@code /events} here);
 *   <li>retried as the source's delivery says (a 5xx, 404, 408, 409, 429 or no answer), then, or at once
 *       for any other refusal, written to the dead-letter topic with Knative's error extensions.
 * </ul>
 */
public final class KafkaSourceStandIn implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("kafka-source");
    private static final Duration POLL = Duration.ofMillis(100);
    /** Knative Eventing's Kafka login (deploy/platform/kafka-users.yaml): what the real sources and sinks may do. */
    public static final String LOGIN = "cafe-eventing";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);
    /** Knative puts at most this much of the sink's answer in the dead letter's knativeerrordata. */
    private static final int ERROR_DATA_LIMIT = 1024;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final KafkaProducer<String, String> deadLetters;
    private final List<Dispatcher> dispatchers = new ArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();

    private KafkaSourceStandIn(Map<String, Object> kafka) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        deadLetters = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** The sources of deploy/knative/eventing.yaml ({@link EventingManifest#path()}), started. */
    public static KafkaSourceStandIn start(StackSettings stack, Map<String, Integer> ports) {
        return start(
                EventingManifest.sources(EventingManifest.path()), stack.kafkaClient(LOGIN), ports, stack.keycloak());
    }

    /** Starts one dispatcher per source; {@code ports} says where each sink service listens. */
    public static KafkaSourceStandIn start(
            List<EventingManifest.Source> sources,
            Map<String, Object> kafka,
            Map<String, Integer> ports,
            LocalKeycloak issuer) {
        KafkaSourceStandIn standIn = new KafkaSourceStandIn(kafka);
        for (EventingManifest.Source source : sources) {
            Integer port = ports.get(source.service());
            if (port == null) {
                throw new StackException("KafkaSource " + source.name() + " delivers to " + source.service()
                        + ", which does not run here");
            }
            Dispatcher dispatcher = standIn
            .new Dispatcher(source, URI.create("http://127.0.0.1:" + port + source.path()), kafka, issuer);
            standIn.dispatchers.add(dispatcher);
            dispatcher.thread.start();
        }
        return standIn;
    }

    /** Records the sinks accepted. */
    public long delivered() {
        return delivered.get();
    }

    /** Records written to a dead-letter topic. */
    public long deadLettered() {
        return deadLettered.get();
    }

    @Override
    public void close() {
        dispatchers.forEach(Dispatcher::stop);
        dispatchers.forEach(Dispatcher::join);
        deadLetters.close(Duration.ofSeconds(5));
    }

    /** What a delivery ended with: accepted, or refused for good with the last answer. */
    private record Outcome(boolean accepted, int status, String answer) {}

    private final class Dispatcher {

        private final EventingManifest.Source source;
        private final URI sink;
        private final LocalKeycloak issuer;
        private final KafkaConsumer<String, String> consumer;
        private final ExecutorService partitions = Executors.newVirtualThreadPerTaskExecutor();
        /** Partitions whose records are done, with the offset to commit. */
        private final Map<TopicPartition, Long> done = new ConcurrentHashMap<>();

        private final Thread thread;
        private volatile boolean running = true;
        private volatile String token;
        private volatile long tokenUntil;

        Dispatcher(EventingManifest.Source source, URI sink, Map<String, Object> kafka, LocalKeycloak issuer) {
            this.source = source;
            this.sink = sink;
            this.issuer = issuer;
            Properties props = new Properties();
            props.putAll(kafka);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, source.consumerGroup());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            this.thread = new Thread(this::run, "kafka-source-" + source.name());
        }

        private void run() {
            try {
                consumer.assign(source.topics().stream()
                        .flatMap(topic -> consumer.partitionsFor(topic).stream()
                                .map(p -> new TopicPartition(topic, p.partition())))
                        .toList());
                while (running) {
                    commitDone();
                    var records = consumer.poll(POLL);
                    for (TopicPartition partition : records.partitions()) {
                        List<ConsumerRecord<String, String>> batch = records.records(partition);
                        consumer.pause(List.of(partition));
                        partitions.submit(() -> deliverInOrder(partition, batch));
                    }
                }
            } catch (WakeupException stopping) {
                // close() woke the poll
            } finally {
                partitions.shutdownNow();
                consumer.close(Duration.ofSeconds(2));
            }
        }

        private void commitDone() {
            if (done.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition partition : List.copyOf(done.keySet())) {
                offsets.put(partition, new OffsetAndMetadata(done.remove(partition)));
            }
            consumer.commitSync(offsets);
            consumer.resume(offsets.keySet());
        }

        private void deliverInOrder(TopicPartition partition, List<ConsumerRecord<String, String>> batch) {
            for (ConsumerRecord<String, String> record : batch) {
                if (!running) {
                    return;
                }
                Outcome outcome = deliver(record);
                if (outcome.accepted()) {
                    delivered.incrementAndGet();
                    continue;
                }
                // a dead letter that cannot be written now (Kafka away) is tried again: nothing is skipped
                while (!deadLetter(record, outcome)) {
                    if (!pause(Duration.ofSeconds(1))) {
                        return;
                    }
                }
            }
            done.put(partition, batch.getLast().offset() + 1);
        }

        /** One record, with the retries of the source's delivery spec. */
        private Outcome deliver(ConsumerRecord<String, String> record) {
            Outcome last = null;
            for (int attempt = 0; attempt <= source.retry() && running; attempt++) {
                if (attempt > 0 && !pause(source.backoff(attempt - 1))) {
                    break;
                }
                last = send(record);
                if (last.accepted() || !retryable(last.status())) {
                    return last;
                }
                LOG.fine(() -> source.name() + ": " + sink + " not accepted yet, will retry");
            }
            return last == null ? new Outcome(false, 0, "stopped") : last;
        }

        private Outcome send(ConsumerRecord<String, String> record) {
            HttpRequest.Builder request = HttpRequest.newBuilder(sink)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token())
                    .POST(HttpRequest.BodyPublishers.ofString(
                            record.value() == null ? "" : record.value(), StandardCharsets.UTF_8));
            for (Header header : record.headers()) {
                String name = header.key();
                String value = new String(header.value(), StandardCharsets.UTF_8);
                if (name.startsWith("ce_")) {
                    request.header("ce-" + name.substring(3), value);
                } else if (name.equalsIgnoreCase("content-type")) {
                    request.header("Content-Type", value);
                } else if (name.equals("traceparent")) {
                    request.header(name, value);
                }
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Outcome(response.statusCode() / 100 == 2, response.statusCode(), response.body());
            } catch (IOException e) {
                return new Outcome(false, 0, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, 0, "interrupted");
            }
        }

        /** Writes the record to the dead-letter topic as Knative does; false if it could not. */
        private boolean deadLetter(ConsumerRecord<String, String> record, Outcome outcome) {
            if (!running) {
                return false;
            }
            ProducerRecord<String, String> letter =
                    new ProducerRecord<>(source.deadLetterTopic(), record.key(), record.value());
            record.headers().forEach(header -> letter.headers().add(header));
            String answer = outcome.answer() == null ? "" : outcome.answer();
            byte[] data = answer.getBytes(StandardCharsets.UTF_8);
            letter.headers()
                    .add("ce_knativeerrordest", sink.toString().getBytes(StandardCharsets.UTF_8))
                    .add(
                            "ce_knativeerrorcode",
                            Integer.toString(outcome.status()).getBytes(StandardCharsets.UTF_8))
                    .add(
                            "ce_knativeerrordata",
                            Base64.getEncoder().encode(Arrays.copyOf(data, Math.min(data.length, ERROR_DATA_LIMIT))));
            try {
                deadLetters.send(letter).get();
                deadLettered.incrementAndGet();
                LOG.warning(() -> source.name() + ": " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " dead-lettered to " + source.deadLetterTopic() + " (" + outcome.status()
                        + ")");
                return true;
            } catch (ExecutionException e) {
                LOG.warning(() -> source.name() + ": could not dead-letter: " + e.getCause());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private String token() {
            if (token == null || System.currentTimeMillis() > tokenUntil) {
                token = issuer.eventingToken(source.serviceAccount(), source.audience());
                tokenUntil = System.currentTimeMillis() + TOKEN_LIFETIME.toMillis();
            }
            return token;
        }

        private boolean pause(Duration wait) {
            try {
                Thread.sleep(wait);
                return running;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void stop() {
            running = false;
            consumer.wakeup();
        }

        void join() {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Knative's dispatcher retries these answers (and no answer at all, status 0); any other refusal is final. */
    static boolean retryable(int status) {
        return status == 0 || status >= 500 || status == 404 || status == 408 || status == 409 || status == 429;
    }
}
