package cafe.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Lets a service's {@code META-INF/openapi.yaml} hold the prose of its operations' responses, so that the
 * resources carry none. Where the file lists an operation's responses, they stand as written: SmallRye's
 * scanner, finding no response annotation, makes up a success response from the method's return type
 * ("200 OK", its schema) and lets it override the file's. Here the file's description wins, so does its
 * content where it gives one (a stream's events, which the return type cannot tell), and a made-up success
 * status the file does not list (a 200 where it says 201) goes.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WrittenResponses implements OASFilter {

    static final String FILE = "META-INF/openapi.yaml";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        OpenAPI written = written();
        if (written == null || written.getPaths() == null || api.getPaths() == null) {
            return;
        }
        written.getPaths()
                .getPathItems()
                .forEach((path, writtenItem) -> writtenItem.getOperations().forEach((method, writtenOperation) -> {
                    PathItem item = api.getPaths().getPathItem(path);
                    Operation operation =
                            item == null ? null : item.getOperations().get(method);
                    if (operation != null && operation.getResponses() != null) {
                        restore(operation.getResponses(), writtenOperation.getResponses());
                    }
                }));
    }

    private static void restore(APIResponses responses, APIResponses written) {
        if (written == null || written.getAPIResponses() == null) {
            return;
        }
        Map<String, APIResponse> writtenByStatus = written.getAPIResponses();
        responses.getAPIResponses().keySet().stream()
                .filter(status -> status.startsWith("2") && !writtenByStatus.containsKey(status))
                .toList()
                .forEach(responses::removeAPIResponse);
        writtenByStatus.forEach((status, response) -> {
            APIResponse merged = responses.getAPIResponse(status);
            merged.setDescription(response.getDescription());
            if (response.getContent() != null) {
                merged.setContent(response.getContent());
            }
        });
    }

    private static OpenAPI written() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader.getResource(FILE) == null) {
            return null;
        }
        return SmallRyeOpenAPI.builder()
                .withConfig(ConfigProvider.getConfig())
                .enableModelReader(false)
                .enableStandardStaticFiles(false)
                .enableAnnotationScan(false)
                .enableStandardFilter(false)
                .withCustomStaticFile(() -> loader.getResourceAsStream(FILE))
                .build()
                .model();
    }
}
