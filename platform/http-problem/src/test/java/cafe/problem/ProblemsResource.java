package cafe.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;

/** A resource that fails in every way the mappers must answer. */
@Path("/problems")
public class ProblemsResource {

    public record Drink(
            @NotBlank String name, @Min(1) @Max(20) int qty) {}

    @GET
    @Path("conflict")
    public String conflict() {
        throw ProblemException.conflict("The order is already READY");
    }

    @GET
    @Path("unavailable")
    public String unavailable() {
        throw ProblemException.unavailable("Payment is unavailable; try again shortly", Duration.ofMillis(2500));
    }

    @GET
    @Path("bug")
    public String bug() {
        throw new IllegalStateException("connection string with a password");
    }

    @GET
    @Path("database-away")
    public String databaseAway() {
        throw new IllegalStateException(
                "HR000090", new java.net.ConnectException("Connection refused: localhost/127.0.0.1:5432"));
    }

    @POST
    @Path("drinks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Drink order(@Valid Drink drink) {
        return drink;
    }
}
