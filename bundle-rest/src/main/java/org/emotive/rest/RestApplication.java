package org.emotive.rest;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.servlet.Servlet;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * The Jersey application under {@code /api/v1}, registered as a servlet on the OSGi HTTP
 * whiteboard. Resources are DS components (see {@link #RESOURCE}); when one comes or goes, a new servlet with the new
 * set replaces the old one, so the API changes without a restart.
 */
@Component(immediate = true)
public class RestApplication {

    static final String BASE = "/api/v1";
    /**
     * Service property marking a JAX-RS resource (or provider, such as {@link TaskUploadLimit}) of this
     * API. They are published as plain {@code Object} services: an interface would look like a provider
     * contract to Jersey.
     */
    static final String RESOURCE = "emotive.rest.resource";

    private final List<Object> resources = new CopyOnWriteArrayList<>();
    private BundleContext context;
    private ServiceRegistration<Servlet> registration;

    @Reference(service = Object.class, target = "(" + RESOURCE + "=true)", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addResource(Object resource) {
        resources.add(resource);
        republish();
    }

    void removeResource(Object resource) {
        resources.remove(resource);
        republish();
    }

    @Activate
    synchronized void activate(BundleContext bundleContext) {
        this.context = bundleContext;
        publish();
    }

    @Deactivate
    synchronized void deactivate() {
        unpublish();
        context = null;
    }

    private synchronized void republish() {
        if (context != null) {
            unpublish();
            publish();
        }
    }

    private void publish() {
        ResourceConfig config = new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                .register(new BasicAuthFilter())
                .register(MultiPartFeature.class); // task submissions
        ProblemMappers.all().forEach(config::register);
        resources.forEach(config::register);
        ServletContainer servlet = withOwnClassLoader(() -> new ServletContainer(config));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, BASE + "/*");
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "emotive-rest");
        registration = context.registerService(Servlet.class, servlet, props);
    }

    private void unpublish() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and took the registration with it
            }
            registration = null;
        }
    }

    /** Jersey finds its injection framework through the context class loader. */
    private static <T> T withOwnClassLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestApplication.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
