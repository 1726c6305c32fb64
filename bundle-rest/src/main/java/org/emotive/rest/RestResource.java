package org.emotive.rest;

/**
 * Marker of the JAX-RS resources and providers of this bundle: each is a DS component
 * published under this interface and collected into the Jersey application.
 */
public interface RestResource {
}
