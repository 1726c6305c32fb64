package org.emotive.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import javax.ws.rs.core.Response;

/** An RFC 9457 problem: the body of every error answer. */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Problem invalidField(String field, String detail) {
        return new Problem("/problems/invalid-field", "Invalid field", 400, detail, field);
    }

    /** 413 naming the field that made the body too large. */
    static Problem tooLarge(String field, String detail) {
        return new Problem("/problems/body-too-large", "Body too large", 413, detail, field);
    }

    static Problem of(int status, String type, String title, String detail) {
        return new Problem("/problems/" + type, title, status, detail, null);
    }

    Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE + "; charset=utf-8").entity(Json.write(this)).build();
    }
}
