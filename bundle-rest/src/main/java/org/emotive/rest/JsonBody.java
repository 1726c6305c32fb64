package org.emotive.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.ws.rs.core.MediaType;

/** Reads a bounded JSON request body into a record, naming the offending field on failure. */
final class JsonBody {

    static final int MAX_BYTES = 1 << 20;

    private JsonBody() {
    }

    static <T> T read(MediaType contentType, InputStream in, Class<T> type) {
        if (contentType == null || !isJson(contentType)) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "the body must be JSON (Content-Type: application/json)"));
        }
        byte[] body = readBounded(in);
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw new ProblemException(Problem.invalidField("body", "the body must be a JSON object"));
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(Problem.invalidField(e.getPropertyName(),
                    "unknown field '" + e.getPropertyName() + "'"));
        } catch (JsonMappingException e) {
            String field = fieldOf(e.getPath());
            throw new ProblemException(Problem.invalidField(field == null ? "body" : field,
                    field == null ? "the body must be a JSON object" : field + " has the wrong type or value"));
        } catch (InputCoercionException e) {
            String field = currentName(e);
            throw new ProblemException(Problem.invalidField(field == null ? "body" : field,
                    (field == null ? "a number" : field) + " is out of range"));
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.invalidField("body", "malformed JSON: "
                    + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ProblemException(Problem.invalidField("body", "unreadable body"));
        }
    }

    static boolean isJson(MediaType type) {
        return type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase().endsWith("+json"));
    }

    private static byte[] readBounded(InputStream in) {
        try {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new ProblemException(Problem.of(413, "body-too-large", "Body too large",
                        "the body must not exceed " + MAX_BYTES + " bytes"));
            }
            return body;
        } catch (IOException e) {
            throw new ProblemException(Problem.invalidField("body", "unreadable body"));
        }
    }

    /** The top-level field a mapping error happened in, or {@code null} for the body itself. */
    private static String fieldOf(List<JsonMappingException.Reference> path) {
        return path.isEmpty() || path.get(0).getFieldName() == null ? null : path.get(0).getFieldName();
    }

    private static String currentName(InputCoercionException e) {
        try {
            JsonParser parser = e.getProcessor();
            return parser == null ? null : parser.currentName();
        } catch (IOException ex) {
            return null;
        }
    }
}
