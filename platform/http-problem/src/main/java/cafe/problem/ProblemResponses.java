package cafe.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the problem responses once, for every operation of a service: each error response an
 * operation declares (4xx, 5xx) is an {@code application/problem+json} {@link Problem}, and an operation
 * that takes a body also answers 400 and 413 as {@link ProblemMappers} and {@link HttpLayerProblems} do,
 * unless it describes them itself. A resource then states only its own answers and why.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSchema(SCHEMA, problemSchema());
        api.getPaths()
                .getPathItems()
                .values()
                .forEach(path -> path.getOperations().values().forEach(ProblemResponses::document));
    }

    private static void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (operation.getRequestBody() != null) {
            addUnlessDescribed(
                    responses,
                    "400",
                    "The body is not valid JSON, a field has the wrong type, or a value is out of range");
            addUnlessDescribed(responses, "413", "The body is larger than this service accepts");
        }
        responses.getAPIResponses().forEach((status, response) -> {
            boolean error = status.startsWith("4") || status.startsWith("5");
            if (error
                    && (response.getContent() == null
                            || response.getContent().getMediaTypes() == null
                            || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(problemContent());
            }
        });
    }

    private static void addUnlessDescribed(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(SCHEMA)));
    }

    private static Schema problemSchema() {
        return schema(SchemaType.OBJECT, "An RFC 7807 problem document: what went wrong, in words a client can show")
                .addProperty("type", text("about:blank"))
                .addProperty("title", text("The status's reason phrase, e.g. Conflict"))
                .addProperty("status", schema(SchemaType.INTEGER, "The HTTP status"))
                .addProperty("detail", text("What went wrong with this request"))
                .addProperty("instance", text("The path of the request"))
                .addProperty(
                        "violations",
                        schema(SchemaType.ARRAY, "For a 400 or 422 about fields: each field and what is wrong with it")
                                .items(OASFactory.createSchema()
                                        .type(List.of(SchemaType.OBJECT))
                                        .addProperty("field", text("The request field"))
                                        .addProperty("message", text("What is wrong with it"))))
                .required(List.of("type", "title", "status"));
    }

    private static Schema text(String description) {
        return schema(SchemaType.STRING, description);
    }

    private static Schema schema(SchemaType type, String description) {
        return OASFactory.createSchema().type(List.of(type)).description(description);
    }
}
