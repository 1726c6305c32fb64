package org.emotive.api.task;

/**
 * What a user submits: a shell command run by {@code sh -c} in the guest with the inputs in
 * {@code /in} and whatever it writes to {@code /out} collected. Sizes left {@code null} take the
 * node's defaults; {@code timeoutSeconds} counts from the VM's start.
 */
public record TaskSpec(String command, String image, Integer vcpus, Integer memoryMiB, Integer timeoutSeconds) {
}
