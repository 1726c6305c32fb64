package org.emotive.rest;

import java.io.IOException;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.ext.ReaderInterceptor;
import javax.ws.rs.ext.ReaderInterceptorContext;
import org.emotive.api.task.TaskService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Refuses a task submission larger than the node's input limit with 413 before Jersey buffers it
 * into temporary files: at once when its Content-Length says so, else as soon as the bytes read pass
 * the limit (a chunked body). The node itself checks the exact total of the input files; this only
 * allows room for the spec and the part headers on top.
 */
@BoundedTaskUpload
@Priority(Priorities.USER) // after BasicAuthFilter: a caller without credentials gets 401, not the limit
@Component(service = Object.class, property = RestApplication.RESOURCE + "=true")
public class TaskUploadLimit implements ContainerRequestFilter, ReaderInterceptor, ContainerResponseFilter {

    /** Room above the input files: the spec part (at most {@link JsonBody#MAX_BYTES}) and the part headers. */
    static final long ALLOWANCE_BYTES = JsonBody.MAX_BYTES + (1L << 20);
    static final String FIELD = "inputs";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TaskService tasks;

    @Override
    public void filter(ContainerRequestContext request) {
        TaskService t = tasks;
        if (t == null) {
            return; // the resource answers 503
        }
        long maxInputs = t.maxInputBytes();
        long maxBody = maxInputs + ALLOWANCE_BYTES;
        Problem tooLarge = problem(maxInputs);
        if (request.getLength() > maxBody) { // -1 when the length is not announced
            request.abortWith(tooLarge.toResponse());
            return;
        }
        request.setEntityStream(new CappedEntityStream(request.getEntityStream(), maxBody, tooLarge));
    }

    /** The multipart reader stopped at the cap: the problem, not the I/O error Jersey would answer 500 with. */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            CappedEntityStream.Overflow overflow = overflowIn(e);
            if (overflow != null) {
                throw new ProblemException(overflow.problem());
            }
            throw e;
        }
    }

    /**
     * A refused body is left unread: the connection closes after the answer, so that the server
     * discards what still comes instead of resetting a connection the client is still writing to
     * (without it, Jetty under Karaf reset it and the JDK's HttpClient saw no answer at all).
     */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 413) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    static Problem problem(long maxInputBytes) {
        return Problem.tooLarge(FIELD, "the input files must not exceed " + (maxInputBytes >> 20)
                + " MiB together (maxTaskInputMiB); this body is larger than that and the "
                + (ALLOWANCE_BYTES >> 20) + " MiB allowed for the spec and the part headers");
    }

    /** The overflow however a reader wrapped it; {@code null} for any other failure. */
    private static CappedEntityStream.Overflow overflowIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CappedEntityStream.Overflow o) {
                return o;
            }
        }
        return null;
    }
}
