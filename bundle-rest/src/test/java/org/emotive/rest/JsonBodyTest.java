package org.emotive.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.core.MediaType;
import org.emotive.api.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodyTest {

    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;

    private static CreateVmRequest read(MediaType type, String body) {
        return JsonBody.read(type, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), CreateVmRequest.class);
    }

    private static Problem problem(MediaType type, String body) {
        return assertThrows(ProblemException.class, () -> read(type, body)).problem();
    }

    @Test
    void aValidBodyIsRead() {
        CreateVmRequest r = read(JSON, "{\"name\":\"web-1\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\",\"maxVcpus\":2}");
        assertEquals("web-1", r.name());
        assertEquals(2, r.toSpec().maxVcpus());
        assertEquals(null, r.toSpec().maxMemoryMiB());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"v\",\"vcpus\":\"1\",\"memoryMiB\":128,\"image\":\"b\"}|vcpus",
        "{\"name\":\"v\",\"vcpus\":1.5,\"memoryMiB\":128,\"image\":\"b\"}|vcpus",
        "{\"name\":\"v\",\"vcpus\":true,\"memoryMiB\":128,\"image\":\"b\"}|vcpus",
        "{\"name\":\"v\",\"vcpus\":99999999999,\"memoryMiB\":128,\"image\":\"b\"}|vcpus",
        "{\"name\":\"v\",\"vcpus\":1,\"memoryMiB\":[],\"image\":\"b\"}|memoryMiB",
        "{\"name\":42,\"vcpus\":1,\"memoryMiB\":128,\"image\":\"b\"}|name",
        "{\"name\":\"v\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"b\",\"color\":\"red\"}|color",
        "{\"name\":\"v\",|body",
        "not json|body",
        "[1,2]|body",
        "null|body",
        "{\"name\":\"v\"} {}|body",
    })
    void badBodiesNameTheirField(String body, String field) {
        Problem p = problem(JSON, body);
        assertEquals(400, p.status());
        assertEquals(field, p.field());
    }

    @Test
    void missingRequiredSizesAreNamed() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read(JSON, "{\"name\":\"v\",\"memoryMiB\":128,\"image\":\"b\"}").toSpec());
        assertEquals("vcpus", e.field());
    }

    @Test
    void onlyJsonIsAccepted() {
        assertEquals(415, problem(MediaType.TEXT_PLAIN_TYPE, "{}").status());
        assertEquals(415, problem(null, "{}").status());
        assertEquals("web-1", read(MediaType.valueOf("application/merge-patch+json; charset=utf-8"),
                "{\"name\":\"web-1\"}").name());
    }

    @Test
    void bodiesOverOneMebibyteAreRefused() {
        String huge = "{\"name\":\"" + "x".repeat(JsonBody.MAX_BYTES) + "\"}";
        assertEquals(413, problem(JSON, huge).status());
    }
}
