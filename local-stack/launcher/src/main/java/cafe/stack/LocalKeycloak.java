package cafe.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * The realm {@code cafe} of the local stack's Keycloak, as the stack, {@code make token}, the tests and the
 * bench use it. Tokens of people come from Keycloak itself: a local user per subject (its id, and so the token's
 * {@code sub}, is the subject) holding one realm role, created through the admin API when first asked for, then
 * a direct grant of the local-only client {@code cafe-dev}. order-service's token is its client-credentials
 * grant. What only the local stack has, {@link #writeImport} adds to the realm file it imports, none of it in the
 * file itself: tokens valid an hour (the tests and the bench hold theirs that long), cheap password hashes,
 * {@code cafe-dev}, the people of {@code make run}, and a signing key the stack keeps, so that tests can make the
 * bad tokens a verifier must refuse, and the stand-in for Knative Eventing the tokens of its sender identity.
 */
public final class LocalKeycloak {

    public static final String REALM = "cafe";
    public static final String AUDIENCE = "cafe";
    public static final String ORDER_SERVICE_CLIENT = "order-service";
    public static final String ROLE_CUSTOMER = "customer";
    public static final String ROLE_SERVICE = "service";
    /** The roles a person can hold. */
    public static final List<String> PERSON_ROLES = List.of(ROLE_CUSTOMER, "barista", "admin");
    /** Every local user's password: the local stack holds no secret. */
    public static final String PASSWORD = "cafe";
    /** Who {@code make run} lets sign in on the pages, with their role. */
    public static final Map<String, String> PEOPLE = people("ana", "customer", "bea", "barista", "ops", "admin");

    private static final String DEV_CLIENT = "cafe-dev";
    private static final String ADMIN_CLIENT = "cafe-local-admin";
    /** Keycloak keeps a user name in lower case, and the local tokens' subject is the user name. */
    private static final Pattern SUBJECT = Pattern.compile("[a-z0-9._@-]{1,255}");
    /** Keycloak's longest user id. */
    private static final int ID_LENGTH = 36;

    private static final String KEY_FILE = "signing-key.json";
    private static final String CLIENTS_FILE = "clients.properties";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;
    private final Path dir;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile RsaJsonWebKey key;

    private record Token(String value, Instant expires) {
        boolean fresh() {
            return Instant.now().plusSeconds(60).isBefore(expires);
        }
    }

    /** The realm of the Keycloak at {@code url} (scheme, host and port), its local files in {@code dir}. */
    LocalKeycloak(String url, Path dir) {
        this.url = url;
        this.dir = dir;
    }

    public String issuer() {
        return url + "/realms/" + REALM;
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** The settings that point a service at this realm. */
    public Map<String, String> serviceConfig() {
        return Map.of(
                "cafe.auth.issuer", issuer(),
                "cafe.auth.jwks-url", jwksUrl(),
                "cafe.auth.token-url", tokenUrl(),
                "cafe.auth.client-secret", clientSecret(dir));
    }

    /** A token of Keycloak's for {@code subject} holding {@code role}: reused while it has a minute left. */
    public String token(String subject, String role) {
        return tokens(List.of(subject), role).getFirst();
    }

    /**
     * Tokens for {@code subjects}, each holding {@code role}: the users made in one call, then a grant each; one
     * call at a time, as Keycloak refuses to import a user twice at once.
     */
    public synchronized List<String> tokens(List<String> subjects, String role) {
        if (!PERSON_ROLES.contains(role)) {
            throw new StackException("Unknown role " + role + ": one of " + PERSON_ROLES);
        }
        for (String subject : subjects) {
            if (!SUBJECT.matcher(subject).matches()) {
                throw new StackException("A subject is 1 to 255 of a-z 0-9 . _ @ -, not " + subject);
            }
        }
        List<String> missing = subjects.stream()
                .filter(subject -> !tokens.containsKey(subject + " " + role)
                        || !tokens.get(subject + " " + role).fresh())
                .distinct()
                .toList();
        if (!missing.isEmpty()) {
            post(
                    "/admin/realms/" + REALM + "/partialImport",
                    Map.of(
                            "ifResourceExists",
                            "OVERWRITE",
                            "users",
                            missing.stream().map(subject -> user(subject, role)).toList()));
            for (String subject : missing) {
                tokens.put(
                        subject + " " + role,
                        grant(Map.of(
                                "grant_type", "password",
                                "client_id", DEV_CLIENT,
                                "username", subject,
                                "password", PASSWORD,
                                "scope", "openid")));
            }
        }
        return subjects.stream()
                .map(subject -> tokens.get(subject + " " + role).value())
                .toList();
    }

    /** order-service's own token, by its client credentials. */
    public String serviceToken() {
        return grant(Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        ORDER_SERVICE_CLIENT,
                        "client_secret",
                        clientSecret(dir)))
                .value();
    }

    /**
     * Writes the realm file as the local stack imports it to {@code target}, with what only the local stack has:
     * tokens valid an hour (the cluster's realm: 5 minutes), a password hashed once (the local users' one password
     * protects nothing), the client {@code cafe-dev} for direct grants, the people of {@code make run}, and as the
     * realm's keys a signing key the stack keeps instead of the ones Keycloak would generate at import.
     */
    void writeImport(Path realmFile, Path target) throws IOException {
        ObjectNode realm = (ObjectNode) JSON.readTree(realmFile.toFile());
        realm.put("accessTokenLifespan", 3600);
        realm.put("passwordPolicy", "hashIterations(1)");
        realm.withArrayProperty("clients").addPOJO(devClient());
        ArrayNode users = realm.withArrayProperty("users");
        PEOPLE.forEach((name, role) -> users.addPOJO(user(name, role)));
        realm.putObject("components").putPOJO("org.keycloak.keys.KeyProvider", keyProviders(newSigningKey()));
        Files.writeString(target, JSON.writeValueAsString(realm));
    }

    /** A new RSA key, kept in {@link #KEY_FILE} so that other processes of the stack sign with it too. */
    private PrivateKey newSigningKey() throws IOException {
        try {
            RsaJsonWebKey made = RsaJwkGenerator.generateJwk(2048);
            made.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            made.setUse("sig");
            writePrivate(dir.resolve(KEY_FILE), made.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            key = null;
            return made.getPrivateKey();
        } catch (JoseException e) {
            throw new StackException("Cannot make the stack's signing key: " + e.getMessage(), e);
        }
    }

    /** The stack's key signs (RS256); HMAC and AES keys for Keycloak's own tokens and cookies, as by default. */
    private static List<Map<String, Object>> keyProviders(PrivateKey signing) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(signing.getEncoded())
                + "\n-----END PRIVATE KEY-----";
        return List.of(
                keyProvider("cafe-local-stack", "rsa", Map.of("algorithm", "RS256", "privateKey", pem)),
                keyProvider("hmac-generated-hs512", "hmac-generated", Map.of("algorithm", "HS512")),
                keyProvider("aes-generated", "aes-generated", Map.of()));
    }

    private static Map<String, Object> keyProvider(String name, String providerId, Map<String, String> config) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("priority", List.of("100"));
        config.forEach((k, v) -> values.put(k, List.of(v)));
        return Map.of("name", name, "providerId", providerId, "subComponents", Map.of(), "config", values);
    }

    /**
     * Lets the pages at {@code origin} (scheme, host and port) sign in: the client {@code cafe-web} sends codes
     * and signed-out browsers back there too, and answers their calls (CORS). For an edge on another port than
     * the realm file's 8080, as the system tests run one.
     */
    @SuppressWarnings("unchecked")
    public void allowPagesAt(String origin) {
        String clients = "/admin/realms/" + REALM + "/clients";
        JsonNode found = get(clients + "?clientId=cafe-web").path(0);
        Map<String, Object> client = JSON.convertValue(found, Map.class);
        client.put("redirectUris", plus(found.path("redirectUris"), origin + "/*"));
        client.put("webOrigins", plus(found.path("webOrigins"), origin));
        Map<String, Object> attributes = JSON.convertValue(found.path("attributes"), Map.class);
        attributes.put(
                "post.logout.redirect.uris",
                found.path("attributes").path("post.logout.redirect.uris").asText() + "##" + origin + "/*");
        client.put("attributes", attributes);
        put(clients + "/" + found.path("id").asText(), client);
    }

    private static List<String> plus(JsonNode values, String value) {
        List<String> all = new java.util.ArrayList<>();
        values.forEach(v -> all.add(v.asText()));
        all.add(value);
        return all;
    }

    /** Claims as Keycloak writes them, for {@code subject} in {@code roles}, valid {@code minutes}: change them to make bad ones. */
    public JwtClaims claims(String subject, List<String> roles, int minutes) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(minutes);
        claims.setGeneratedJwtId();
        claims.setClaim("preferred_username", subject);
        claims.setClaim("realm_access", Map.of("roles", roles));
        return claims;
    }

    /** Signed with the key Keycloak signs with: a token that passes every check its claims pass. */
    public String sign(JwtClaims claims) {
        return sign(claims, signingKey().getKeyId());
    }

    /** Signed with Keycloak's key, but naming the key {@code keyId} (a key the realm never published). */
    public String sign(JwtClaims claims, String keyId) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey().getPrivateKey());
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a token: " + e.getMessage(), e);
        }
    }

    /** The public half of the signing key, as a JSON Web Key Set. */
    public String jwks() {
        return new JsonWebKeySet(signingKey()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /**
     * A token shaped like the one Knative Eventing's sender identity (authentication-oidc) sends with an event:
     * a service-account token of the cluster's issuer (here the realm's key stands in for it), for the sink's
     * audience, its subject the source's own service account, and no roles.
     */
    public String eventingToken(String serviceAccount, String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        claims.setAudience(audience);
        claims.setSubject(serviceAccount);
        claims.setIssuedAtToNow();
        claims.setNotBeforeMinutesInThePast(0);
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setGeneratedJwtId();
        return sign(claims);
    }

    /** The stack's signing key, named as Keycloak publishes it (its key id is Keycloak's). */
    private RsaJsonWebKey signingKey() {
        if (key == null) {
            Path file = dir.resolve(KEY_FILE);
            if (!Files.exists(file)) {
                throw new StackException("No signing key of the local Keycloak in " + dir + ": start the stack first");
            }
            try {
                RsaJsonWebKey read = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(Files.readString(file));
                read.setKeyId(publishedKeyId(read));
                key = read;
            } catch (JoseException | IOException e) {
                throw new StackException("Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return key;
    }

    private String publishedKeyId(RsaJsonWebKey signing) throws IOException {
        String modulus = signing.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                .get("n")
                .toString();
        for (JsonNode jwk : JSON.readTree(
                        send(HttpRequest.newBuilder(URI.create(jwksUrl())).GET().build()))
                .path("keys")) {
            if (jwk.path("n").asText().equals(modulus)) {
                return jwk.path("kid").asText();
            }
        }
        throw new StackException("Keycloak does not publish the stack's signing key at " + jwksUrl());
    }

    /**
     * A local user named {@code subject}, which is also its id where it fits (so a token of the pages, whose
     * subject is the user's id, names it too), holding {@code role}.
     */
    private static Map<String, Object> user(String subject, String role) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", subject);
        user.put("enabled", true);
        // the token's name, which the barista board calls out: "Ana Local" for ana
        user.put("firstName", Character.toUpperCase(subject.charAt(0)) + subject.substring(1));
        user.put("lastName", "Local");
        user.put("email", subject + "@cafe.localhost");
        user.put("emailVerified", true);
        user.put("credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
        user.put("realmRoles", List.of(role));
        if (subject.length() <= ID_LENGTH) {
            user.put("id", subject);
        }
        return user;
    }

    /**
     * Direct grants for the local users, with the audience every cafe client's tokens carry, and the user name
     * as the subject (instead of the scope {@code basic}'s user id, at most 36 characters: a test's customer may
     * have a longer name).
     */
    private static Map<String, Object> devClient() {
        Map<String, Object> audience = Map.of(
                "name", "audience cafe",
                "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper",
                "config",
                        Map.of(
                                "included.custom.audience", AUDIENCE,
                                "access.token.claim", "true",
                                "id.token.claim", "false"));
        Map<String, Object> subject = Map.of(
                "name", "subject is the user name",
                "protocol", "openid-connect",
                "protocolMapper", "oidc-usermodel-property-mapper",
                "config",
                        Map.of(
                                "user.attribute", "username",
                                "claim.name", "sub",
                                "jsonType.label", "String",
                                "access.token.claim", "true",
                                "id.token.claim", "true"));
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", DEV_CLIENT);
        client.put("name", "cafe-dev (local stack only)");
        client.put("publicClient", true);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", true);
        client.put("defaultClientScopes", List.of("web-origins", "acr", "profile", "roles", "email"));
        client.put("protocolMappers", List.of(audience, subject));
        return client;
    }

    private Token grant(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            JsonNode answer = JSON.readTree(send(HttpRequest.newBuilder(URI.create(tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build()));
            return new Token(
                    answer.path("access_token").asText(),
                    Instant.now().plusSeconds(answer.path("expires_in").asLong()));
        } catch (IOException e) {
            throw new StackException(
                    "Keycloak's answer to a " + form.get("grant_type") + " grant: " + e.getMessage(), e);
        }
    }

    private JsonNode get(String path) {
        try {
            return JSON.readTree(send(admin(path).GET().build()));
        } catch (IOException e) {
            throw new StackException("Keycloak's answer to GET " + path + ": " + e.getMessage(), e);
        }
    }

    private void post(String path, Object body) {
        send(admin(path).POST(json(body)).build());
    }

    private void put(String path, Object body) {
        send(admin(path).PUT(json(body)).build());
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json");
    }

    /** The local admin client's token (master realm, client credentials), its secret made when Keycloak was prepared. */
    private String adminToken() {
        Properties admin = new Properties();
        try (Reader reader = Files.newBufferedReader(KeycloakServer.prepared().resolve("admin.properties"))) {
            admin.load(reader);
        } catch (IOException e) {
            throw new StackException("Cannot read the local Keycloak's admin client: " + e.getMessage(), e);
        }
        String body = "grant_type=client_credentials&client_id=" + ADMIN_CLIENT + "&client_secret="
                + URLEncoder.encode(admin.getProperty("client-secret"), StandardCharsets.UTF_8);
        try {
            return JSON.readTree(send(
                            HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build()))
                    .path("access_token")
                    .asText();
        } catch (IOException e) {
            throw new StackException("Keycloak's answer to the admin client: " + e.getMessage(), e);
        }
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new StackException("Keycloak answered " + response.statusCode() + " to " + request.method() + " "
                        + request.uri() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new StackException("Keycloak does not answer at " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while asking Keycloak", e);
        }
    }

    /** A new secret for order-service's client, which Keycloak takes from the realm file at import. */
    static void writeClientSecret(StackSettings settings) throws IOException {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        Path dir = settings.dir().resolve("keycloak");
        Files.createDirectories(dir);
        writePrivate(
                dir.resolve(CLIENTS_FILE),
                ORDER_SERVICE_CLIENT + "="
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n");
    }

    static String clientSecret(StackSettings settings) {
        return clientSecret(settings.dir().resolve("keycloak"));
    }

    private static String clientSecret(Path dir) {
        Properties clients = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve(CLIENTS_FILE))) {
            clients.load(reader);
        } catch (IOException e) {
            throw new StackException("No client secret of the local Keycloak in " + dir + ": start the stack first");
        }
        return clients.getProperty(ORDER_SERVICE_CLIENT);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    private static Map<String, String> people(String... nameAndRole) {
        Map<String, String> people = new LinkedHashMap<>();
        for (int i = 0; i < nameAndRole.length; i += 2) {
            people.put(nameAndRole[i], nameAndRole[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(people);
    }
}
