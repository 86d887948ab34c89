package cafe.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cafe.stack.StackSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL of `make up` (the containers profile only), made on its first start as the cluster's init
 * script makes it: each service's login, from its Secret, opens its own database and no other.
 */
class ContainerDatabaseLoginsIT {

    private static final Path SECRETS = StackSettings.projectRoot().resolve(".stack/up/secrets");
    private static final Map<String, String> DATABASES = Map.of(
            "order-service", "orders",
            "payment-service", "payments",
            "barista-service", "barista",
            "status-service", "status");

    @Test
    void eachServicesLoginOpensItsOwnDatabaseAndNoOther() throws IOException, SQLException {
        for (var owner : DATABASES.entrySet()) {
            Properties secret = secret(owner.getKey() + "-db");
            String login = secret.getProperty("QUARKUS_DATASOURCE_USERNAME");
            String password = secret.getProperty("QUARKUS_DATASOURCE_PASSWORD");
            for (String database : DATABASES.values()) {
                String url = "jdbc:postgresql://127.0.0.1:15432/" + database;
                if (database.equals(owner.getValue())) {
                    try (Connection own = DriverManager.getConnection(url, login, password)) {
                        assertTrue(own.isValid(5), login + " in " + database);
                    }
                } else {
                    SQLException refused = assertThrows(
                            SQLException.class,
                            () -> DriverManager.getConnection(url, login, password)
                                    .close(),
                            login + " opened " + database);
                    assertEquals(
                            "42501", refused.getSQLState(), login + " in " + database + ": " + refused.getMessage());
                }
            }
        }
    }

    private static Properties secret(String name) throws IOException {
        Properties secret = new Properties();
        try (Reader reader = Files.newBufferedReader(SECRETS.resolve(name + ".env"))) {
            secret.load(reader);
        }
        return secret;
    }
}
