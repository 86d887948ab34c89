package cafe.bench;

import cafe.stack.StackSettings;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** How many records the broker holds so far: the sum of the end offsets of the topics asked for. */
final class KafkaRecords implements AutoCloseable {

    /** The system's topics and their dead-letter topics. */
    static final Predicate<String> CAFE_TOPICS = topic -> topic.startsWith("cafe-");
    /** Where consumer groups commit their offsets. */
    static final Predicate<String> OFFSET_COMMITS = "__consumer_offsets"::equals;

    private final Admin admin;

    /** Connects, and reads once so that a broker it cannot read fails the bench now rather than after start-up. */
    KafkaRecords(StackSettings stack) throws InterruptedException, ExecutionException, TimeoutException {
        Properties props = new Properties();
        props.putAll(stack.kafkaOperator());
        admin = Admin.create(props);
        endOffsets(CAFE_TOPICS);
    }

    long endOffsets(Predicate<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        var names =
                admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS).stream()
                        .filter(topics)
                        .toList();
        Map<TopicPartition, OffsetSpec> latest =
                admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .flatMap(topic -> topic.partitions().stream()
                                .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
