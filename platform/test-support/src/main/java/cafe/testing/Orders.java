package cafe.testing;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Orders placed through order-service's API as a customer places them, for order-service's tests. */
public final class Orders {

    private Orders() {}

    /** Places one of menu item 1 as the customer; answers the placed order's id. */
    public static String place(String customer) {
        return place(customer, "{\"menuId\":1,\"qty\":1}");
    }

    /** Places the order {@code body} asks for (JSON) as the customer; answers the placed order's id. */
    public static String place(String customer, String body) {
        return place(Tokens.asCustomer(customer), body);
    }

    /**
     * Places the order {@code body} asks for with this request (a customer's token, and headers of the test's
     * own); it must be placed (201). Answers the placed order's id.
     */
    public static String place(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
