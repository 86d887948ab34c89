package cafe.order.rest;

import cafe.order.MenuItem;
import cafe.order.repository.MenuRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The menu customers order from: public, no token needed. */
@Path("/menu")
@Tag(name = "Menu")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class MenuResource {

    private final MenuRepository menu;

    MenuResource(MenuRepository menu) {
        this.menu = menu;
    }

    @GET
    public Uni<List<MenuItemResponse>> listMenu() {
        return menu.listMenu()
                .map(items -> items.stream().map(MenuItemResponse::of).toList());
    }

    /** A menu item as the API shows it; price in minor units (cents). */
    public record MenuItemResponse(int id, String name, long price, String currency) {

        static MenuItemResponse of(MenuItem item) {
            return new MenuItemResponse(item.id, item.name, item.price, item.currency);
        }
    }
}
