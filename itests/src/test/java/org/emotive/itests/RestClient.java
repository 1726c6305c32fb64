package org.emotive.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** A small HTTP client for the REST API, as an operator's script would use it. */
public final class RestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status, headers and body as text, with the body parsed when it is JSON. */
    public record Response(int status, HttpResponse<String> raw) {
        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.headers().firstValue("Content-Type").orElse("") + " " + raw.body();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String authorization;

    RestClient(int port, String user, String password) {
        this.base = "http://localhost:" + port;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    public Response delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    public Response post(String path, String json) throws IOException, InterruptedException {
        return post(path, "application/json", json);
    }

    public Response post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    public Response postWithHeader(String path, String header, String value, String json)
            throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public Response postBytes(String path, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response put(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        // no expectContinue: JDK 17's client hangs when the answer to it is not 100 (JDK-8286171)
        return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** One part of a multipart/form-data body; {@code filename} null for a plain field. */
    public record Part(String name, String filename, String contentType, byte[] content) {
    }

    /** POSTs multipart/form-data; {@code extraHeaders} as name, value pairs (e.g. Idempotency-Key). */
    public Response postMultipart(String path, List<Part> parts, String... extraHeaders)
            throws IOException, InterruptedException {
        return postMultipart(path, parts, false, extraHeaders);
    }

    /** The same as a stream of unknown length: sent chunked, without Content-Length. */
    public Response postMultipartChunked(String path, List<Part> parts) throws IOException, InterruptedException {
        return postMultipart(path, parts, true);
    }

    private Response postMultipart(String path, List<Part> parts, boolean chunked, String... extraHeaders)
            throws IOException, InterruptedException {
        String boundary = "emotive-" + java.util.UUID.randomUUID();
        byte[] body = multipart(boundary, parts);
        HttpRequest.Builder b = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        return send(b);
    }

    /** A multipart/form-data body with the given parts. */
    static byte[] multipart(String boundary, List<Part> parts) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.name()).append('"');
            if (p.filename() != null) {
                head.append("; filename=\"").append(p.filename()).append('"');
            }
            head.append("\r\nContent-Type: ").append(p.contentType()).append("\r\n\r\n");
            body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(p.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    public byte[] getBytes(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(180));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private Response send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(r.statusCode(), r);
    }
}
