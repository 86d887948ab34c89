package cafe.barista;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The same on Knative, where no Kafka channel runs: the dead-letter topic the KafkaSource's sink writes is
 * still counted, checked and replayed.
 */
@QuarkusTest
@TestProfile(KnativeMode.class)
class DeadLetterReplayOnKnativeTest extends DeadLetterReplayTest {}
