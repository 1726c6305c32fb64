package org.emotive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The few calls of Emotive's REST API the benchmarks make; any unexpected status is an error. */
final class RestApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String auth;
    private final HttpClient http = HttpClient.newHttpClient();

    RestApi(Options o) {
        this.url = o.get("url", "http://localhost:8181");
        this.auth = "Basic " + Base64.getEncoder().encodeToString(
                (o.get("user", "karaf") + ":" + o.get("password", "karaf")).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode post(String path, String json, int expected) throws Exception {
        return check(http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()), expected, path);
    }

    JsonNode get(String path) throws Exception {
        return check(http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", auth).GET()
                .build(), HttpResponse.BodyHandlers.ofString()), 200, path);
    }

    void delete(String path) throws Exception {
        check(http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", auth).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()), 204, path);
    }

    private static JsonNode check(HttpResponse<String> r, int expected, String path) throws Exception {
        if (r.statusCode() != expected) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }
}
