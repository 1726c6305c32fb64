package org.emotive.rest;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.emotive.api.ConflictException;
import org.emotive.api.EmotiveException;
import org.emotive.api.HypervisorException;
import org.emotive.api.InputTooLargeException;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.NotFoundException;
import org.emotive.api.ServiceUnavailableException;

/** Every error becomes an RFC 9457 problem; nothing else, and never a stack trace, reaches a client. */
final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    static List<Object> all() {
        return List.of(new Emotive(), new Body(), new Web(), new Unexpected());
    }

    static Response toResponse(EmotiveException e) {
        if (e instanceof InputTooLargeException f) {
            return Problem.tooLarge(f.field(), f.getMessage()).toResponse();
        }
        if (e instanceof InvalidFieldException f) {
            return Problem.invalidField(f.field(), f.getMessage()).toResponse();
        }
        if (e instanceof NotFoundException) {
            return Problem.of(404, "not-found", "Not found", e.getMessage()).toResponse();
        }
        if (e instanceof ConflictException) {
            return Problem.of(409, "conflict", "Conflict", e.getMessage()).toResponse();
        }
        if (e instanceof ServiceUnavailableException u) {
            return Response.fromResponse(Problem.of(503, "service-unavailable", "Service unavailable",
                    e.getMessage()).toResponse()).header(HttpHeaders.RETRY_AFTER, u.retryAfterSeconds()).build();
        }
        if (e instanceof HypervisorException) {
            LOG.log(Level.WARNING, "hypervisor failure", e);
            return Problem.of(500, "hypervisor-error", "Hypervisor error", e.getMessage()).toResponse();
        }
        LOG.log(Level.WARNING, "unexpected Emotive error", e);
        return Problem.of(500, "internal-error", "Internal error", e.getMessage()).toResponse();
    }

    static final class Emotive implements ExceptionMapper<EmotiveException> {
        @Override
        public Response toResponse(EmotiveException e) {
            return ProblemMappers.toResponse(e);
        }
    }

    static final class Body implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return e.problem().toResponse();
        }
    }

    /** Jersey's own answers: unknown path, wrong method, wrong media type. */
    static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            Response.StatusType type = Response.Status.fromStatusCode(status);
            String title = type == null ? "Error" : type.getReasonPhrase();
            String detail = switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed here";
                case 415 -> "unsupported media type: send application/json";
                case 406 -> "only JSON is offered";
                default -> title;
            };
            Response.ResponseBuilder b = Response.fromResponse(
                    Problem.of(status, title.toLowerCase().replace(' ', '-'), title, detail).toResponse());
            if (original.getHeaderString(HttpHeaders.ALLOW) != null) {
                b.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
            }
            return b.build();
        }
    }

    static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.log(Level.SEVERE, "unexpected error in the REST API", e);
            return Problem.of(500, "internal-error", "Internal error",
                    "the request failed unexpectedly; the server log has the details").toResponse();
        }
    }
}
