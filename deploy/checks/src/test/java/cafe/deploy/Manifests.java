package cafe.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every manifest under deploy/, one YAML document at a time, read into the typed Kubernetes models. */
final class Manifests {

    static final Path ROOT = Path.of(System.getProperty("cafe.root.dir", "../.."))
            .toAbsolutePath()
            .normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final List<String> SERVICES =
            List.of("order-service", "payment-service", "barista-service", "status-service");
    static final KubernetesSerialization YAML = new KubernetesSerialization();

    static {
        // Strimzi 0.49 serves v1 for every resource (v1beta2 is deprecated); its classes declare mixed versions
        YAML.registerKubernetesResource("kafka.strimzi.io/v1", "Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class);
        YAML.registerKubernetesResource(
                "kafka.strimzi.io/v1", "KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class);
        YAML.registerKubernetesResource(
                "kafka.strimzi.io/v1", "KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class);
        YAML.registerKubernetesResource(
                "kafka.strimzi.io/v1", "KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class);
    }

    /** A document and where it came from. */
    record Manifest(Path file, String yaml, HasMetadata resource) {

        String kind() {
            return resource.getKind();
        }

        String name() {
            return resource.getMetadata().getName();
        }

        @Override
        public String toString() {
            return DEPLOY.relativize(file) + " " + kind() + "/" + name();
        }
    }

    private Manifests() {}

    /** The manifest files: everything YAML under deploy/ except kustomizations, their patches and this module. */
    static List<Path> files() {
        try (Stream<Path> paths = Files.walk(DEPLOY)) {
            return paths.filter(p -> p.toString().matches(".*\\.ya?ml$"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("patches"))
                    .filter(p -> !p.startsWith(DEPLOY.resolve("checks")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Manifest> all() {
        List<Manifest> all = new ArrayList<>();
        files().forEach(file -> all.addAll(in(file)));
        return all;
    }

    static List<Manifest> in(Path file) {
        List<Manifest> manifests = new ArrayList<>();
        for (String document : documents(file)) {
            manifests.add(new Manifest(file, document, YAML.unmarshal(document, HasMetadata.class)));
        }
        return manifests;
    }

    static <T extends HasMetadata> List<T> ofType(Class<T> type, String folder) {
        return all().stream()
                .filter(m -> m.file().startsWith(DEPLOY.resolve(folder)))
                .map(Manifest::resource)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** The pod of each cafe service among rendered manifests: a Deployment's template, or a Knative Service's. */
    static Map<String, PodSpec> servicePods(List<Manifest> rendered) {
        Map<String, PodSpec> pods = new TreeMap<>();
        for (Manifest manifest : rendered) {
            String name = manifest.resource().getMetadata().getName();
            if (!SERVICES.contains(name)) {
                continue;
            }
            if (manifest.resource() instanceof Deployment deployment) {
                pods.put(name, deployment.getSpec().getTemplate().getSpec());
            } else if (manifest.resource() instanceof io.fabric8.knative.serving.v1.Service service) {
                var revision = service.getSpec().getTemplate().getSpec();
                pods.put(
                        name,
                        new PodSpecBuilder()
                                .withContainers(revision.getContainers())
                                .withVolumes(revision.getVolumes())
                                .withSecurityContext(revision.getSecurityContext())
                                .build());
            }
        }
        return pods;
    }

    static boolean typed(HasMetadata resource) {
        return !(resource instanceof GenericKubernetesResource);
    }

    private static List<String> documents(Path file) {
        try {
            return Stream.of(Files.readString(file).split("(?m)^---\\s*$"))
                    .filter(doc -> doc.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
